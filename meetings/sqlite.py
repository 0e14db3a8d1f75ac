"""A Unicode-aware LIKE for SQLite, whose own LIKE ignores case for ASCII letters only.

Django's icontains and istartswith on SQLite are LIKE, so without this "киргиз" would not
find "Киргизия" in the admin's search and autocomplete.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _like_pattern(pattern: str, escape: str | None) -> re.Pattern:
    parts, chars = [], iter(pattern)
    for char in chars:
        if char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def unicode_like(pattern, value, escape=None):
    """SQLite calls ``X LIKE Y ESCAPE Z`` as like(Y, X, Z): the pattern comes first."""
    if pattern is None or value is None:
        return None
    return _like_pattern(pattern, escape).fullmatch(str(value)) is not None


def install_unicode_like(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        for arity in (2, 3):
            connection.connection.create_function("like", arity, unicode_like, deterministic=True)
