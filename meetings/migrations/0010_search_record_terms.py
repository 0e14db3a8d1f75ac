"""A fourth index column, record_terms, for what a meeting's record says (summary, who signed
its documents, statements), so that ranking can tell it from the sources, and the record's
substance (how many documents and statements it holds); the engines' structures beside the
index table are remade over four columns, and every meeting is indexed again (place names,
dates and people's names in both alphabets are new terms)."""

from importlib import import_module

from django.db import migrations, models

OLD = import_module("meetings.migrations.0003_search_index").ENGINES

POSTGRESQL = {
    "create": [
        """ALTER TABLE meetings_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
            || setweight(to_tsvector('simple'::regconfig, name_terms), 'B')
            || setweight(to_tsvector('simple'::regconfig, record_terms), 'C')
            || setweight(to_tsvector('simple'::regconfig, text_terms), 'D')
        ) STORED""",
        "CREATE INDEX meetings_searchdocument_vector ON meetings_searchdocument USING gin (vector)",
    ],
    "drop": OLD["postgresql"]["drop"],
}

_COLUMNS = "title_terms, name_terms, record_terms, text_terms"
_DELETE_OLD = (
    f"INSERT INTO meetings_search_fts(meetings_search_fts, rowid, {_COLUMNS}) VALUES ('delete',"
    " old.meeting_id, old.title_terms, old.name_terms, old.record_terms, old.text_terms);"
)
_INSERT_NEW = (
    f"INSERT INTO meetings_search_fts(rowid, {_COLUMNS}) VALUES (new.meeting_id,"
    " new.title_terms, new.name_terms, new.record_terms, new.text_terms);"
)
SQLITE = {
    "create": [
        f"CREATE VIRTUAL TABLE meetings_search_fts USING fts5({_COLUMNS}, "
        "content='meetings_searchdocument', content_rowid='meeting_id', "
        "tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER meetings_search_fts_insert AFTER INSERT ON meetings_searchdocument "
        f"BEGIN {_INSERT_NEW} END",
        "CREATE TRIGGER meetings_search_fts_delete AFTER DELETE ON meetings_searchdocument "
        f"BEGIN {_DELETE_OLD} END",
        "CREATE TRIGGER meetings_search_fts_update AFTER UPDATE ON meetings_searchdocument "
        f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
        # The index rows already held must be in the new FTS table before the triggers
        # delete them from it, as reindexing does; deleting what it does not hold corrupts it.
        "INSERT INTO meetings_search_fts(meetings_search_fts) VALUES ('rebuild')",
    ],
    "drop": OLD["sqlite"]["drop"],
}
NEW = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def _run(engines, step):
    def run(apps, schema_editor):
        for sql in engines.get(schema_editor.connection.vendor, {}).get(step, []):
            schema_editor.execute(sql)

    return run


def index_meetings(apps, schema_editor):
    from meetings.search.indexer import reindex_all

    if schema_editor.connection.vendor in NEW:
        reindex_all(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_meeting_topic_latest")]

    operations = [
        migrations.RunPython(_run(OLD, "drop"), _run(OLD, "create")),
        migrations.AddField(
            model_name="searchdocument",
            name="record_terms",
            field=models.TextField(
                default="",
                help_text="Weight C: what the record says: summary, the documents' "
                "signatories, statements and who made them.",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="name_terms",
            field=models.TextField(
                help_text="Weight B: countries with all their names, people in both "
                "alphabets, positions, topics, format, documents, the city in all its "
                "spellings, and the dates."
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="text_terms",
            field=models.TextField(help_text="Weight D: the sources."),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="substance",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="How many documents and statements the record holds."
            ),
        ),
        migrations.RunPython(_run(NEW, "create"), _run(NEW, "drop")),
        migrations.RunPython(index_meetings, migrations.RunPython.noop),
    ]
