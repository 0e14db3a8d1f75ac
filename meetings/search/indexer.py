"""Writes meetings' search terms into the index table, a chunk of meetings at a time.

A chunk costs a fixed number of queries however much it holds: one per related table, read as
plain values, and one upsert. Country names are analysed once per run, since every meeting
the United States attended would otherwise analyse the same forty names again.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps as global_apps
from django.db import connections, transaction

from meetings.search.text import field_terms

CHUNK_SIZE = 500
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
            )
        }  # fmt: skip
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
            self._country_terms = {code: field_terms(values) for code, values in names.items()}
        return self._country_terms

    def index(self, ids: list[int]) -> int:
        meetings = self.model["Meeting"].objects.using(self.using).filter(pk__in=ids)
        heads = meetings.values_list(
            "pk", "title", "title_en", "summary", "city", "host_country_id",
            "format__name_en", "format__name_ru",
        )  # fmt: skip
        titles, names, texts = defaultdict(list), defaultdict(list), defaultdict(list)
        countries, country_codes = self.country_terms(), defaultdict(list)
        present = []
        for pk, title, title_en, summary, city, host, format_en, format_ru in heads:
            present.append(pk)
            titles[pk] += [title, title_en]
            names[pk] += [format_en or "", format_ru or "", city]
            if host:
                country_codes[pk].append(host)
            texts[pk].append(summary)
        for pk, code in self.rows("MeetingCountry", ids, "country_id"):
            country_codes[pk].append(code)
        people = self.rows(
            "Participation", ids, "person__name", "person__name_ru", "position", "organisation"
        )
        for pk, *values in people:
            names[pk] += values
        for pk, *values in self.rows("MeetingTopic", ids, "topic__name_en", "topic__name_ru"):
            names[pk] += values
        for pk, title in self.rows("Document", ids, "title"):
            names[pk].append(title)
        for pk, text in self.rows("Statement", ids, "text"):
            texts[pk].append(text)
        sources = list(self.rows("Source", ids, "title", "text"))
        for pk, title, _ in sources:
            texts[pk].append(title)
        for pk, _, text in sources:
            texts[pk].append(text)

        SearchDocument = self.model["SearchDocument"]
        documents = [
            SearchDocument(
                meeting_id=pk,
                title_terms=field_terms(titles[pk]),
                name_terms=_joined(
                    field_terms(names[pk]),
                    *(countries.get(code, "") for code in dict.fromkeys(country_codes[pk])),
                ),
                text_terms=field_terms(texts[pk]),
            )
            for pk in present
        ]
        manager = SearchDocument.objects.using(self.using)
        manager.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["meeting"],
            update_fields=["title_terms", "name_terms", "text_terms"],
        )
        gone = set(ids).difference(present)
        if gone:
            manager.filter(meeting_id__in=gone).delete()
        return len(documents)


def _joined(*columns: str) -> str:
    return " ".join(column for column in columns if column)
