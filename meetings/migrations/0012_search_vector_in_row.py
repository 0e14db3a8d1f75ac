"""On PostgreSQL, each meeting's search vector is kept in its row rather than in the TOAST
table beside it, and the long term columns go there instead.

A search reads the vector of every meeting its filters leave (to match it) and of every match
(to rank it). Most vectors are over 2 kB, so PostgreSQL had moved them out of the row: each
read cost an index lookup and several page reads in the TOAST table, about four times the
test itself, and ranking read the vector six times a row. With the vector's storage ``MAIN``,
the term columns (which no query reads) are compressed and moved out first, and the vector
leaves the row only if it alone would overflow a page. ``VACUUM FULL`` rewrites the rows
held so far; rows written later are laid out alike. SQLite's FTS5 index has no such cost.
"""

from django.db import migrations

POSTGRESQL = {
    "forward": [
        "ALTER TABLE meetings_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
        "VACUUM FULL meetings_searchdocument",
    ],
    "backward": [
        "ALTER TABLE meetings_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED",
        "VACUUM FULL meetings_searchdocument",
    ],
}


def _run(step):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in POSTGRESQL[step]:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    # VACUUM cannot run inside a transaction.
    atomic = False

    dependencies = [("meetings", "0011_translated_labels")]

    operations = [migrations.RunPython(_run("forward"), _run("backward"))]
