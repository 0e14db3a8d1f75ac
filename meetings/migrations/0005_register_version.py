from django.db import migrations, models

# What the public pages show reaches a published meeting through one of these paths; a write
# that reaches none (a draft's edits, a draft's import) leaves cached answers standing.
# Each value joins the changed rows ``r`` to the meeting they belong to, as ``m``.
MEETING_PATHS = {
    # The meeting's own row, old or new, says whether it is or was published.
    "meetings_meeting": "",
    **{
        table: "meetings_meeting m ON m.id = r.meeting_id"
        for table in (
            "meetings_meetingcountry", "meetings_meetingtopic", "meetings_participation",
            "meetings_document", "meetings_statement", "meetings_source",
        )
    },
    "meetings_documentsignatory": (
        "meetings_document d ON d.id = r.document_id JOIN meetings_meeting m ON m.id = d.meeting_id"
    ),
    "meetings_statementtopic": (
        "meetings_statement s ON s.id = r.statement_id "
        "JOIN meetings_meeting m ON m.id = s.meeting_id"
    ),
}  # fmt: skip
# Names and groupings that published pages carry whatever wrote them.
SHARED_TABLES = [
    "meetings_person", "meetings_country", "meetings_countryalias", "meetings_countrygroup",
    "meetings_countrygroupmember", "meetings_topic", "meetings_format", "meetings_formatmember",
]  # fmt: skip
# An upsert rather than an update: a test database flush empties the table, and the next
# write must bring the row back rather than leave the cache with no version to key on.
BUMP = (
    "INSERT INTO meetings_registerversion (id, version) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET version = meetings_registerversion.version + 1"
)
PUBLISHED = "m.status = 'published'"


def _reaches_published(rows: str, table: str) -> str:
    if table == "meetings_meeting":
        return f"EXISTS (SELECT 1 FROM {rows} r WHERE r.status = 'published')"
    return f"EXISTS (SELECT 1 FROM {rows} r JOIN {MEETING_PATHS[table]} WHERE {PUBLISHED})"


def _postgresql_create(schema_editor):
    # Statement-level triggers see every changed row at once through transition tables, so a
    # bulk import asks once per statement, not once per row.
    schema_editor.execute(
        "CREATE FUNCTION meetings_bump_register_version() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
    )
    for table in SHARED_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION meetings_bump_register_version()"
        )
    for table in MEETING_PATHS:
        # plpgsql plans a statement when it first runs it, so a branch that names a
        # transition table its trigger does not have is never planned.
        schema_editor.execute(
            f"CREATE FUNCTION {table}_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'DELETE' THEN IF {_reaches_published('new_rows', table)} THEN "
            f"{BUMP}; RETURN NULL; END IF; END IF; "
            f"IF TG_OP <> 'INSERT' THEN IF {_reaches_published('old_rows', table)} THEN "
            f"{BUMP}; END IF; END IF; "
            "RETURN NULL; END $$"
        )
        for event, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {table}_version()"
            )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_version_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION meetings_bump_register_version()"
        )


def _postgresql_drop(schema_editor):
    for table in MEETING_PATHS:
        schema_editor.execute(f"DROP FUNCTION {table}_version() CASCADE")
    schema_editor.execute("DROP FUNCTION meetings_bump_register_version() CASCADE")


SQLITE_EVENTS = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}


def _sqlite_triggers():
    for table in SHARED_TABLES:
        for event in SQLITE_EVENTS:
            yield f"{table}_version_{event.lower()}", table, event, ""
    for table in MEETING_PATHS:
        for event, rows in SQLITE_EVENTS.items():
            condition = " OR ".join(_sqlite_condition(row, table) for row in rows)
            yield f"{table}_version_{event.lower()}", table, event, f"WHEN {condition}"


def _sqlite_condition(row: str, table: str) -> str:
    # SQLite's triggers run once per row, which they name NEW or OLD.
    if table == "meetings_meeting":
        return f"{row}.status = 'published'"
    first_link = {
        "meetings_documentsignatory": f"d.id = {row}.document_id",
        "meetings_statementtopic": f"s.id = {row}.statement_id",
    }.get(table, f"m.id = {row}.meeting_id")
    joins = {
        "meetings_documentsignatory": (
            "meetings_document d JOIN meetings_meeting m ON m.id = d.meeting_id"
        ),
        "meetings_statementtopic": (
            "meetings_statement s JOIN meetings_meeting m ON m.id = s.meeting_id"
        ),
    }.get(table, "meetings_meeting m")
    return f"EXISTS (SELECT 1 FROM {joins} WHERE {first_link} AND {PUBLISHED})"


def _sqlite(schema_editor, create: bool):
    for name, table, event, when in _sqlite_triggers():
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} {when} BEGIN {BUMP}; END"
            if create
            else f"DROP TRIGGER {name}"
        )


def _run(create: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            (_postgresql_create if create else _postgresql_drop)(schema_editor)
        elif vendor == "sqlite":
            _sqlite(schema_editor, create)

    return run


def first_version(apps, schema_editor):
    apps.get_model("meetings", "RegisterVersion").objects.update_or_create(
        pk=1, defaults={"version": 1}
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_person_slug")]

    operations = [
        migrations.CreateModel(
            name="RegisterVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunPython(_run(create=True), _run(create=False)),
    ]
