"""Writes meetings' search terms into the index table, a chunk of meetings at a time.

A chunk costs a fixed number of queries however much it holds: one per related table, read as
plain values, and one upsert. Country names are analysed once per run, since every meeting
the United States attended would otherwise analyse the same forty names again.

What goes in which column (see models.py) is what the ranking weighs (backends.py): who,
where, when and what was adopted (countries that took part, people, the city in all its
spellings, the date, the documents' titles), what the record itself says (summary, who signed
the documents, statements and who made them), and what its sources say.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps as global_apps
from django.db import connections, transaction

from meetings.reference.cities import city_spellings
from meetings.search.dates import date_terms
from meetings.search.names import country_token
from meetings.search.text import field_terms
from meetings.search.transliteration import cyrillic_name_terms, latin_name

CHUNK_SIZE = 500
MOST_SUBSTANCE = 10  # documents and statements counted for ranking
SCRATCH_TABLE = "meetings_search_rows"
Progress = Callable[[int, int], None]


def reindex(meeting_ids: Iterable[int], *, apps=global_apps, using: str = "default") -> int:
    """Brings these meetings' index rows up to date; a meeting that no longer exists leaves
    the index. Returns the number of meetings indexed."""
    from meetings.search import signals

    ids = sorted(set(meeting_ids))
    if not ids:
        return 0
    indexer = _Indexer(apps, using)
    with transaction.atomic(using=using):
        done = sum(indexer.index(ids[i : i + CHUNK_SIZE]) for i in range(0, len(ids), CHUNK_SIZE))
    signals.forget(ids)
    return done


def reindex_all(*, progress: Progress | None = None, apps=global_apps, using="default") -> int:
    """Indexes every meeting again and drops rows of meetings that are gone."""
    Meeting = apps.get_model("meetings", "Meeting")
    SearchDocument = apps.get_model("meetings", "SearchDocument")
    ids = list(Meeting.objects.using(using).order_by("pk").values_list("pk", flat=True))
    indexer = _Indexer(apps, using)
    done = 0
    with transaction.atomic(using=using):
        held = Meeting.objects.using(using).values("pk")
        SearchDocument.objects.using(using).exclude(meeting_id__in=held).delete()
        for start in range(0, len(ids), CHUNK_SIZE):
            done += indexer.index(ids[start : start + CHUNK_SIZE])
            if progress:
                progress(min(start + CHUNK_SIZE, len(ids)), len(ids))
        with connections[using].cursor() as cursor:
            if connections[using].vendor == "sqlite":
                # Rebuilding FTS5 from its content table also mends any drift between the two.
                cursor.execute(
                    "INSERT INTO meetings_search_fts(meetings_search_fts) VALUES ('rebuild')"
                )
            elif connections[using].vendor == "postgresql":
                # With stale statistics (after a bulk import, before autovacuum) the planner
                # may walk the meetings and test each one's vector instead of asking the GIN
                # index once.
                cursor.execute("ANALYZE meetings_searchdocument, meetings_meeting")
    return done


class _Indexer:
    def __init__(self, apps, using: str):
        self.using = using
        self.model = {
            name: apps.get_model("meetings", name)
            for name in (
                "Meeting", "MeetingCountry", "MeetingTopic", "Participation", "Document",
                "Statement", "Source", "Country", "CountryAlias", "Format", "SearchDocument",
                "DocumentSignatory",
            )
        }  # fmt: skip
        # Before migration 0010 (while 0003 indexes) the index had no column for the record.
        fields = {f.name for f in self.model["SearchDocument"]._meta.get_fields()}
        self.has_record_column = "record_terms" in fields
        self._country_terms: dict[str, str] | None = None

    def rows(self, name: str, ids: list[int], *fields: str):
        return (
            self.model[name]
            .objects.using(self.using)
            .filter(meeting_id__in=ids)
            .order_by("pk")
            .values_list("meeting_id", *fields)
        )

    def country_terms(self) -> dict[str, str]:
        """Every country's English and Russian names and aliases, as index terms, by code."""
        if self._country_terms is None:
            names = defaultdict(list)
            countries = self.model["Country"].objects.using(self.using)
            for code, name_en, name_ru in countries.values_list("code", "name_en", "name_ru"):
                names[code] += [name_en, name_ru]
            aliases = self.model["CountryAlias"].objects.using(self.using)
            for code, alias in aliases.order_by("pk").values_list("country_id", "name"):
                names[code].append(alias)
            self._country_terms = {
                code: " ".join(dict.fromkeys(field_terms(values).split()))
                for code, values in names.items()
            }
        return self._country_terms

    def index(self, ids: list[int]) -> int:
        meetings = self.model["Meeting"].objects.using(self.using).filter(pk__in=ids)
        heads = meetings.values_list(
            "pk", "title", "title_en", "summary", "city", "host_country_id",
            "format__name_en", "format__name_ru", "start_date", "end_date",
        )  # fmt: skip
        titles, names, records, texts = (defaultdict(list) for _ in range(4))
        tokens, record_tokens, substance = defaultdict(list), defaultdict(list), defaultdict(int)
        countries, country_codes = self.country_terms(), defaultdict(list)
        present = []
        for pk, title, title_en, summary, city, host, format_en, format_ru, start, end in heads:
            present.append(pk)
            titles[pk] += [title, title_en]
            names[pk] += [format_en or "", format_ru or ""]
            # Every spelling of the city: the ones the place's term stands for add nothing.
            tokens[pk] += dict.fromkeys(field_terms(city_spellings(city)).split())
            tokens[pk] += date_terms(start, end)
            if host:
                country_codes[pk].append(host)
            records[pk].append(summary)
        for pk, code in self.rows("MeetingCountry", ids, "country_id"):
            country_codes[pk].append(code)
        people = self.rows(
            "Participation", ids, "person__name", "person__name_ru", "position", "organisation"
        )
        for pk, name, name_ru, *values in people:
            # A person's name in both alphabets: Путин finds Putin, Mirziyoyev finds Мирзиёев.
            names[pk] += [name, name_ru, *latin_name(name), *latin_name(name_ru), *values]
            tokens[pk] += cyrillic_name_terms(name)
        for pk, *values in self.rows("MeetingTopic", ids, "topic__name_en", "topic__name_ru"):
            names[pk] += values
        for pk, title in self.rows("Document", ids, "title"):
            names[pk].append(title)
            substance[pk] += 1
        signatories = (
            self.model["DocumentSignatory"]
            .objects.using(self.using)
            .filter(document__meeting_id__in=ids)
            .order_by("pk")
            .values_list("document__meeting_id", "country_id")
        )
        for pk, code in signatories:
            record_tokens[pk].append(country_token(code))
        statements = self.rows("Statement", ids, "text", "country_id", "speaker__name")
        for pk, text, code, speaker in statements:
            records[pk] += [text, speaker or ""]
            substance[pk] += 1
            if code:
                record_tokens[pk].append(country_token(code))
        sources = list(self.rows("Source", ids, "title", "text"))
        for pk, title, _ in sources:
            texts[pk].append(title)
        for pk, _, text in sources:
            texts[pk].append(text)

        rows = []
        for pk in present:
            columns = {
                "title_terms": field_terms(titles[pk]),
                "name_terms": _joined(
                    field_terms(names[pk]),
                    *(countries.get(code, "") for code in dict.fromkeys(country_codes[pk])),
                    " ".join(tokens[pk]),
                ),
                "record_terms": _joined(
                    field_terms(records[pk]), " ".join(dict.fromkeys(record_tokens[pk]))
                ),
                "text_terms": field_terms(texts[pk]),
            }
            if self.has_record_column:
                columns["substance"] = min(substance[pk], MOST_SUBSTANCE)
            else:
                record = columns.pop("record_terms")
                columns["text_terms"] = _joined(record, columns["text_terms"])
            rows.append({"meeting_id": pk, **columns})
        self.write(rows)
        manager = self.model["SearchDocument"].objects.using(self.using)
        gone = set(ids).difference(present)
        if gone:
            manager.filter(meeting_id__in=gone).delete()
        return len(rows)

    def write(self, rows: list[dict]) -> None:
        """Inserts or replaces these index rows."""
        if not rows:
            return
        if connections[self.using].vendor == "postgresql":
            self._copy(rows)
            return
        SearchDocument = self.model["SearchDocument"]
        columns = [name for name in rows[0] if name != "meeting_id"]
        SearchDocument.objects.using(self.using).bulk_create(
            [SearchDocument(**row) for row in rows],
            update_conflicts=True,
            unique_fields=["meeting"],
            update_fields=columns,
        )

    def _copy(self, rows: list[dict]) -> None:
        """PostgreSQL: COPY into a scratch table, then one upsert from it. Binding the terms
        as query parameters would have the driver quote megabytes of text in Python."""
        names = list(rows[0])
        table = self.model["SearchDocument"]._meta.db_table
        listed = ", ".join(names)
        replaced = ", ".join(f"{name} = EXCLUDED.{name}" for name in names[1:])
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {SCRATCH_TABLE} "
                f"(LIKE {table} EXCLUDING ALL) ON COMMIT DROP"
            )
            with cursor.cursor.copy(f"COPY {SCRATCH_TABLE} ({listed}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(tuple(row.values()))
            cursor.execute(
                f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {SCRATCH_TABLE} "
                f"ON CONFLICT (meeting_id) DO UPDATE SET {replaced}"
            )
            cursor.execute(f"TRUNCATE {SCRATCH_TABLE}")


def _joined(*columns: str) -> str:
    return " ".join(column for column in columns if column)
