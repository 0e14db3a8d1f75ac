import importlib

from django.db import migrations

# Migration 0005's triggers asked "does any changed row belong to a published meeting?" with one
# join of the transition table to the meetings. plpgsql plans that join once per session, with
# the statistics of that moment: during a bulk load into a young register they describe a few
# rows, and the plan chosen (nested loops over sequential scans) grows with the square of the
# register: 3.4 s for one batch of document signatories at 10,000 meetings. Here each distinct
# meeting (or document, or statement) the rows name is looked up by its primary key, which no
# statistics can make slow, and the first published one ends the search.
PARENT_LOOKUPS = {
    **{
        table: ("meeting_id", "meetings_meeting m WHERE m.id = parent")
        for table in (
            "meetings_meetingcountry", "meetings_meetingtopic", "meetings_participation",
            "meetings_document", "meetings_statement", "meetings_source",
        )
    },
    "meetings_documentsignatory": (
        "document_id",
        "meetings_document d JOIN meetings_meeting m ON m.id = d.meeting_id WHERE d.id = parent",
    ),
    "meetings_statementtopic": (
        "statement_id",
        "meetings_statement s JOIN meetings_meeting m ON m.id = s.meeting_id WHERE s.id = parent",
    ),
}  # fmt: skip
EARLIER = importlib.import_module("meetings.migrations.0005_register_version")


def _function(table: str, body_for) -> str:
    # plpgsql plans a statement when it first runs it, so a branch that names a transition
    # table its trigger does not have is never planned.
    return (
        f"CREATE OR REPLACE FUNCTION {table}_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE parent bigint; BEGIN "
        f"IF TG_OP <> 'DELETE' THEN {body_for('new_rows')} END IF; "
        f"IF TG_OP <> 'INSERT' THEN {body_for('old_rows')} END IF; "
        "RETURN NULL; END $$"
    )


def _by_lookups(table: str):
    key, lookup = PARENT_LOOKUPS[table]
    return lambda rows: (
        f"FOR parent IN SELECT DISTINCT r.{key} FROM {rows} r LOOP "
        f"IF EXISTS (SELECT 1 FROM {lookup} AND m.status = 'published') THEN "
        f"{EARLIER.BUMP}; RETURN NULL; END IF; END LOOP;"
    )


def _by_join(table: str):
    return lambda rows: (
        f"IF {EARLIER._reaches_published(rows, table)} THEN {EARLIER.BUMP}; RETURN NULL; END IF;"
    )


def _replace(body):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in PARENT_LOOKUPS:
                schema_editor.execute(_function(table, body(table)))

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0012_search_vector_in_row")]

    operations = [migrations.RunPython(_replace(_by_lookups), _replace(_by_join))]
