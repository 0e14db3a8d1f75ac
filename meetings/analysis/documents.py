"""The documents adopted at published meetings: the filtered, paginated list with its counts by
kind, the rows other pages show (a topic's documents), and the CSV export's rows."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from meetings.analysis.cache import cached, digest
from meetings.filters import DocumentFilter, unpublished_topics
from meetings.listing import link
from meetings.models import (
    Country,
    Document,
    DocumentKind,
    DocumentSignatory,
    MeetingTopic,
    Status,
    Topic,
)
from meetings.paging import page_of
from meetings.plain_rows import grouped, meeting_address
from meetings.templatetags.names import localized, name_of, sorted_by_name

PAGE_SIZE = 50
CSV_CHUNK_SIZE = 500
CSV_COLUMNS = [
    "title",
    "kind",
    "signatories",
    "signatory_names",
    "meeting_title",
    "meeting_url",
    "meeting_date",
    "format",
    "topics",
]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Signatory:
    code: str
    name_en: str
    name_ru: str


@dataclass(frozen=True)
class DocumentRow:
    title: str
    # Documents carry no language of their own: as on a meeting's page, a Cyrillic title is
    # taken to be in the meeting's language.
    title_lang: str
    kind: str
    kind_label: str
    signatories: list[Signatory]
    meeting_slug: str
    meeting_title: str
    meeting_language: str
    meeting_date: date
    format_slug: str
    format_name: str


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class DocumentList:
    total: int
    page: Page  # its object_list holds DocumentRows
    kinds: list[KindCount]


def published_documents() -> QuerySet:
    """Documents of published meetings only: the base of every public documents query."""
    return Document.objects.filter(meeting__status=Status.PUBLISHED)


def newest_first(documents: QuerySet) -> QuerySet:
    return documents.order_by("-meeting__start_date", "-meeting_id", "order", "pk")


def document_filter(params: QueryDict) -> DocumentFilter:
    return DocumentFilter(params, queryset=published_documents())


def document_list(filterset: DocumentFilter, params: QueryDict) -> DocumentList:
    """One page of the filtered documents, newest meeting first; raises BadPage for a page
    number that is not one. Five queries: the count, the page, its signatories, the counts by
    kind (and the filters' own checks of codes and topics). The answer is cached under the
    register's version, so a repeated page costs only the version's query."""
    number = params.get("page")

    def compute() -> tuple[int, list[DocumentRow], list[tuple[str, int]]]:
        paginator = Paginator(with_row_fields(newest_first(filterset.qs)), PAGE_SIZE)
        page = page_of(paginator, number, "documents")
        return paginator.count, document_rows(page.object_list), _kind_counts(filterset)

    pairs = sorted((name, value) for name in params for value in params.getlist(name))
    total, rows, kinds = cached(f"documents:{digest(pairs)}", compute)
    # The page's numbers (which page, whether others follow) come from the count alone.
    page = Paginator(range(total), PAGE_SIZE).page(number or 1)
    page.object_list = rows
    return DocumentList(total=total, page=page, kinds=_kind_links(kinds, filterset, params))


def _kind_counts(filterset: DocumentFilter) -> list[tuple[str, int]]:
    return list(
        filterset.without("kind").values_list("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    )


def _kind_links(
    rows: list[tuple[str, int]], filterset: DocumentFilter, params: QueryDict
) -> list[KindCount]:
    chosen = filterset.form.cleaned_data.get("kind") or ""
    return [
        KindCount(
            kind=kind,
            label=str(DocumentKind(kind).label),
            count=n,
            url=link(params, "kind", kind, drop=kind == chosen),
            selected=kind == chosen,
        )
        for kind, n in rows
    ]


def document_rows(documents: QuerySet | Iterable[Document]) -> list[DocumentRow]:
    """What a row shows, for documents fetched with ``with_row_fields``."""
    return [_row(document) for document in documents]


def with_row_fields(documents: QuerySet) -> QuerySet:
    """The documents with their meeting, format and signatories: two queries however many."""
    return documents.select_related("meeting", "meeting__format").prefetch_related(
        Prefetch(
            "signatories",
            queryset=Country.objects.order_by("name_en").only("code", "name_en", "name_ru"),
        )
    )


def _row(document: Document) -> DocumentRow:
    meeting = document.meeting
    return DocumentRow(
        title=document.title,
        title_lang=meeting.language if _CYRILLIC.search(document.title) else "",
        kind=document.kind,
        kind_label=str(document.get_kind_display()),
        signatories=[Signatory(c.code, c.name_en, c.name_ru) for c in document.signatories.all()],
        meeting_slug=meeting.slug,
        meeting_title=meeting.title,
        meeting_language=meeting.language,
        meeting_date=meeting.start_date,
        format_slug=meeting.format.slug if meeting.format else "",
        format_name=name_of(meeting.format) if meeting.format else "",
    )


def csv_rows(filterset: DocumentFilter, absolute_url) -> Iterator[list[str]]:
    """The header and one row per filtered document, read as plain values in chunks: the
    documents' fields, then each chunk's signatories and topics, a fixed number of queries
    per chunk whatever the set's size. ``absolute_url`` turns a path into a URL."""
    yield CSV_COLUMNS
    meeting_url = meeting_address(absolute_url)
    documents = newest_first(filterset.qs).values_list(
        "pk", "title", "kind", "meeting_id", "meeting__slug", "meeting__title",
        "meeting__start_date", "meeting__format__name_en", "meeting__format__name_ru",
    ).iterator(chunk_size=CSV_CHUNK_SIZE)  # fmt: skip
    while chunk := list(islice(documents, CSV_CHUNK_SIZE)):
        signatories = grouped(
            DocumentSignatory.objects.filter(document_id__in=[row[0] for row in chunk])
            .order_by("country__name_en")
            .values_list("document_id", "country_id", "country__name_en", "country__name_ru")
        )
        topics = grouped(
            MeetingTopic.objects.filter(meeting_id__in={row[3] for row in chunk})
            .order_by("topic__slug")
            .values_list("meeting_id", "topic__slug")
        )
        for pk, title, kind, meeting_id, slug, meeting_title, day, format_en, format_ru in chunk:
            signed = signatories.get(pk, [])
            yield [
                title,
                kind,
                "; ".join(sorted(code for code, _, _ in signed)),
                "; ".join(localized(en, ru) for _, en, ru in signed),
                meeting_title,
                meeting_url(slug),
                day.isoformat(),
                localized(format_en, format_ru) if format_en else "",
                "; ".join(topic for (topic,) in topics.get(meeting_id, [])),
            ]


def select_options(params: QueryDict) -> dict[str, SafeString]:
    """The <option>s of the form's long selects (signatory countries and topics), the chosen
    ones selected: two queries, rendered without a template per option as the list does."""

    def options(name: str, rows) -> SafeString:
        chosen = {value.strip().casefold() for value in params.getlist(name)}
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if value.casefold() in chosen else "", label)
                for value, label in rows
            ),
        )

    countries = sorted_by_name(
        (
            (code, localized(en, ru))
            for code, en, ru in Country.objects.values_list("code", "name_en", "name_ru")
        ),
        name=lambda row: row[1],
    )
    topics = sorted_by_name(
        (
            (pk, slug, localized(en, ru))
            for pk, slug, en, ru in Topic.objects.values_list("pk", "slug", "name_en", "name_ru")
        ),
        name=lambda row: row[2],
    )
    hidden = unpublished_topics({pk: slug for pk, slug, _name in topics})
    public = [(slug, name) for pk, slug, name in topics if pk not in hidden]
    return {"signatory": options("signatory", countries), "topic": options("topic", public)}
