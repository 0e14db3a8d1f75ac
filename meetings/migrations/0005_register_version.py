from django.db import migrations, models

# Everything an analyst page counts or names. The search index is derived, so not here.
WATCHED_TABLES = [
    "meetings_meeting", "meetings_meetingcountry", "meetings_meetingtopic",
    "meetings_participation", "meetings_document", "meetings_documentsignatory",
    "meetings_statement", "meetings_statementtopic", "meetings_source", "meetings_person",
    "meetings_country", "meetings_countryalias", "meetings_countrygroup",
    "meetings_countrygroupmember", "meetings_topic", "meetings_format", "meetings_formatmember",
]  # fmt: skip
# An upsert rather than an update: a test database flush empties the table, and the next
# write must bring the row back rather than leave the cache with no version to key on.
BUMP = (
    "INSERT INTO meetings_registerversion (id, version) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET version = meetings_registerversion.version + 1"
)


def _postgresql(apps, schema_editor, create: bool):
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION meetings_bump_register_version() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        if create
        else "DROP FUNCTION meetings_bump_register_version() CASCADE"
    )
    if create:
        for table in WATCHED_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_register_version "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION meetings_bump_register_version()"
            )


def _sqlite(apps, schema_editor, create: bool):
    for table in WATCHED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_register_version_{event.lower()}"
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END"
                if create
                else f"DROP TRIGGER {name}"
            )


ENGINES = {"postgresql": _postgresql, "sqlite": _sqlite}


def _run(create: bool):
    def run(apps, schema_editor):
        engine = ENGINES.get(schema_editor.connection.vendor)
        if engine:
            engine(apps, schema_editor, create)

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
