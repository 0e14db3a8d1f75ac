"""System checks for deployment mistakes that would fail silently."""

from django.core.checks import Tags, Warning, register
from django.db import connections


@register(Tags.database)
def check_postgresql_ctype(app_configs, databases=None, **kwargs):
    """Russian search needs a UTF-8 ctype: under "C", PostgreSQL does not lowercase Cyrillic."""
    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SHOW lc_ctype")
            ctype = cursor.fetchone()[0]
        if "utf-8" not in ctype.lower() and "utf8" not in ctype.lower():
            warnings.append(
                Warning(
                    f"Database {alias!r} has LC_CTYPE {ctype!r}, which is not UTF-8.",
                    hint="Create the database with LC_CTYPE 'C.UTF-8' (or another UTF-8 locale); "
                    "otherwise lower-casing and full-text search break for Russian.",
                    id="meetings.W001",
                )
            )
    return warnings
