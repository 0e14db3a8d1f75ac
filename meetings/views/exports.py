"""Take-away files for a list: CSV, the interchange format and an Atom feed. Each takes the
list's parameters; the files cover the whole filtered set and are streamed chunk by chunk."""

import csv
import datetime
import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from django.contrib.syndication.views import Feed
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meetings import listing
from meetings.filters import MeetingFilter
from meetings.interchange.exporter import export_lines
from meetings.models import (
    Document,
    DocumentKind,
    Level,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Participation,
)
from meetings.plain_rows import grouped, meeting_address
from meetings.templatetags.names import in_russian, name_of
from meetings.text import without_xml_forbidden
from meetings.views.browse import invalid_search, published_filter

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
FEED_SIZE = 50
CSV_COLUMNS = [
    "url",
    "title",
    "title_en",
    "start_date",
    "end_date",
    "city",
    "host_country",
    "host_country_name",
    "format",
    "edition",
    "level",
    "level_label",
    "countries",
    "country_names",
    "topics",
    "topic_names",
    "participants",
    "documents",
    "summary",
]
# What a row takes from the meeting itself and from its host country and format.
MEETING_FIELDS = (
    "pk",
    "slug",
    "title",
    "title_en",
    "start_date",
    "end_date",
    "city",
    "host_country_id",
    "host_country__name_en",
    "host_country__name_ru",
    "format__name_en",
    "format__name_ru",
    "edition",
    "level",
    "summary",
)
BYTE_ORDER_MARK = "\ufeff"
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INCOMPLETE = "EXPORT FAILED: the file stops here and is incomplete. Please download it again."
UNAVAILABLE = gettext_lazy(
    "The export could not be read from the database. Please try again in a minute."
)


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    filterset = published_filter(request)
    if not filterset.is_valid():
        return invalid_search(request, filterset)
    rows = _csv_rows(request, filterset.ordered())
    return csv_download(rows, export_filename(filterset, "csv"))


def export_filename(filterset: MeetingFilter, extension: str) -> str:
    """A file name that says what the file holds: ``summitry-KG-CN-2021.csv`` for the
    meetings of Kyrgyzstan and China in 2021; ``summitry-meetings.csv`` unfiltered."""
    data = filterset.form.cleaned_data
    # The countries in the order the analyst gave them (the cleaned data sorts them by name).
    parts = list(dict.fromkeys(filterset.data.getlist("country")))
    for name in ("host", "format", "topic", "person"):
        if data.get(name):
            value = data[name]
            parts.append(getattr(value, "code", None) or value.slug)
    parts += [data[name] for name in ("level", "kind") if data.get(name)]
    if data.get("year"):
        parts.append(str(data["year"]))
    for name in ("from", "to"):
        if data.get(name):
            parts.append(f"{name}-{data[name]:%Y-%m-%d}")
    if data.get("q"):
        parts.append(slugify(data["q"], allow_unicode=False)[:40] or "search")
    name = "-".join(part.replace("_", "-") for part in parts if part)[:120].strip("-")
    return f"summitry-{name or 'meetings'}.{extension}"


def csv_download(rows: Iterable[list[str]], filename: str) -> HttpResponse:
    """Rows as a streamed CSV file, formula cells made inert, that fails unmistakably. It
    starts with a byte order mark: without one, Excel reads UTF-8 as a legacy code page and
    turns Cyrillic into mojibake."""
    return _download(
        _csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        filename=filename,
        failure_line=_csv_failure_line,
    )


def _csv_rows(request: HttpRequest, ordered: QuerySet) -> Iterator[list[str]]:
    # The rows are written while the response streams, after the view has returned: the
    # names and labels stay in the language the request asked for. The column names are
    # identifiers, the same in every language, as in the JSON Lines export.
    with override(get_language()):
        yield CSV_COLUMNS
        wording = _Wording.of(request)
        for chunk in _meetings_in_chunks(ordered):
            linked = _linked_cells([meeting.pk for meeting in chunk], wording)
            for meeting in chunk:
                yield _meeting_row(meeting, linked[meeting.pk], wording)


def _meetings_in_chunks(ordered: QuerySet) -> Iterator[list]:
    """The fields a row takes from the filtered meetings, CHUNK_SIZE meetings at a time, in
    the list's order. Their ids are read first, in one plain query: for a server-side cursor
    PostgreSQL plans to return the first rows fast, and for a date range walks the whole
    date index (50 ms at 100,000 meetings, against 3 ms). A meeting withdrawn meanwhile is
    left out."""
    ids = list(ordered.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        found = Meeting.objects.published().filter(pk__in=chunk).order_by()
        by_id = {row.pk: row for row in found.values_list(*MEETING_FIELDS, named=True)}
        yield [by_id[pk] for pk in chunk if pk in by_id]


@dataclass(frozen=True)
class _Wording:
    """What every row words the same way, worked out once per file rather than per cell: the
    meetings' address, the labels of levels and document kinds, and which name to show."""

    url: Callable[[str], str]  # from a meeting's slug to its address
    levels: dict[str, str]
    kinds: dict[str, str]
    in_russian: bool

    @classmethod
    def of(cls, request: HttpRequest) -> "_Wording":
        return cls(
            url=meeting_address(request.build_absolute_uri),
            levels={code: str(label) for code, label in Level.choices},
            kinds={code: str(label) for code, label in DocumentKind.choices},
            in_russian=in_russian(),
        )

    def name(self, name_en: str | None, name_ru: str | None) -> str:
        """As names.localized: the Russian name where one is held and asked for."""
        return (name_ru if name_ru and self.in_russian else name_en) or ""


def _meeting_row(meeting, linked: tuple[str, ...], wording: _Wording) -> list[str]:
    return [
        wording.url(meeting.slug),
        meeting.title,
        meeting.title_en,
        meeting.start_date.isoformat(),
        meeting.end_date.isoformat() if meeting.end_date else "",
        meeting.city,
        meeting.host_country_id or "",
        wording.name(meeting.host_country__name_en, meeting.host_country__name_ru),
        wording.name(meeting.format__name_en, meeting.format__name_ru),
        str(meeting.edition or ""),
        meeting.level,
        wording.levels.get(meeting.level, meeting.level),
        *linked,
        meeting.summary,
    ]


def _linked_cells(meeting_ids: list[int], wording: _Wording) -> dict[int, tuple[str, ...]]:
    """For each of these meetings, the cells of its countries, topics, participants and
    documents: four queries of plain values, whatever the number of meetings."""
    countries = grouped(
        MeetingCountry.objects.filter(meeting_id__in=meeting_ids)
        .order_by()
        .values_list("meeting_id", "country_id", "country__name_en", "country__name_ru")
    )
    topics = grouped(
        MeetingTopic.objects.filter(meeting_id__in=meeting_ids)
        .order_by()
        .values_list("meeting_id", "topic__slug", "topic__name_en", "topic__name_ru")
    )
    participants = grouped(
        Participation.objects.filter(meeting_id__in=meeting_ids)
        .order_by("order", "pk")
        .values_list("meeting_id", "person__name", "country_id", "organisation", "position")
    )
    documents = grouped(
        Document.objects.filter(meeting_id__in=meeting_ids)
        .order_by("order", "pk")
        .values_list("meeting_id", "kind", "title")
    )
    return {
        pk: (
            *_coded_names(countries.get(pk, ()), wording),
            *_coded_names(topics.get(pk, ()), wording),
            "; ".join(_participant(*participation) for participation in participants.get(pk, ())),
            "; ".join(
                f"{wording.kinds.get(kind, kind)}: {title}" for kind, title in documents.get(pk, ())
            ),
        )
        for pk in meeting_ids
    }


def _coded_names(items: Iterable[list], wording: _Wording) -> tuple[str, str]:
    """The codes (or slugs), and the names in the same order, so that the n-th name labels
    the n-th code."""
    ordered = sorted(items, key=itemgetter(0))
    return (
        "; ".join(code for code, _en, _ru in ordered),
        "; ".join(wording.name(en, ru) for _code, en, ru in ordered),
    )


def _participant(name: str, country_id: str | None, organisation: str, position: str) -> str:
    side = country_id or organisation
    details = ", ".join(part for part in (side, position) if part)
    return f"{name} ({details})" if details else name


def _csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    line = _LineBuffer()
    writer = csv.writer(line)
    yield BYTE_ORDER_MARK
    for row in rows:
        writer.writerow([_inert(cell) for cell in row])
        yield line.take()


def _inert(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _csv_failure_line() -> str:
    line = _LineBuffer()
    csv.writer(line).writerow([INCOMPLETE])
    return line.take()


def _jsonl_failure_line() -> str:
    # Not a record: an importer refuses the whole file rather than load part of it.
    return json.dumps({"error": INCOMPLETE}) + "\n"


def _download(
    lines: Iterator[str], *, content_type: str, filename: str, failure_line: Callable[[], str]
) -> HttpResponse:
    """A streamed file whose first chunk is read before the status line is sent: a database
    that fails at once gets a 503 rather than a 200 with an empty file."""
    chunks = _chunks(lines)
    try:
        first = next(chunks, "")
    except DatabaseError:
        logger.exception("%s: the export failed before its first chunk", filename)
        return HttpResponse(
            f"{UNAVAILABLE}\n", status=503, content_type="text/plain; charset=utf-8"
        )
    response = StreamingHttpResponse(
        _marked_on_failure(first, chunks, failure_line), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _chunks(lines: Iterator[str]) -> Iterator[str]:
    while chunk := "".join(itertools.islice(lines, CHUNK_SIZE)):
        yield chunk


def _marked_on_failure(
    first: str, rest: Iterator[str], failure_line: Callable[[], str]
) -> Iterator[str]:
    """The chunks, and on any failure after the 200 was sent, a last line saying the file is
    incomplete. The error is raised again, so that the server also cuts the connection
    instead of ending the response cleanly."""
    yield first
    try:
        yield from rest
    except Exception:
        yield failure_line()
        raise


class _LineBuffer:
    """A file for csv.writer that hands back each line as soon as it is written."""

    def __init__(self):
        self._text = ""

    def write(self, text: str) -> None:
        self._text += text

    def take(self) -> str:
        text, self._text = self._text, ""
        return text


@require_safe
def export_jsonl(request: HttpRequest) -> HttpResponse:
    filterset = published_filter(request)
    if not filterset.is_valid():
        return invalid_search(request, filterset)
    return _download(
        export_lines(filterset.qs, chunk_size=CHUNK_SIZE),
        content_type="application/jsonl; charset=utf-8",
        filename=export_filename(filterset, "jsonl"),
        failure_line=_jsonl_failure_line,
    )


class MeetingFeed(Feed):
    """The newest meetings of a saved search, for a feed reader to watch. The register's text
    goes in without the characters XML 1.0 forbids: one stored by an old import or a paste
    would otherwise break every feed that holds its meeting."""

    feed_type = Atom1Feed

    def __init__(self, request: HttpRequest, filterset: MeetingFilter):
        super().__init__()
        self.request = request
        self.filterset = filterset

    def get_object(self, request: HttpRequest, *args, **kwargs) -> MeetingFilter:
        return self.filterset

    def title(self, filterset: MeetingFilter) -> str:
        chosen = "; ".join(pill.label for pill in listing.pills(filterset, self.request.GET))
        return without_xml_forbidden(
            _("Summitry: {chosen}").format(chosen=chosen or _("all meetings"))
        )

    def link(self, filterset: MeetingFilter) -> str:
        query = self.request.GET.urlencode()
        return reverse("meetings:list") + (f"?{query}" if query else "")

    def feed_url(self, filterset: MeetingFilter) -> str:
        # The feed's rel="self" is this very search, not the feed of every meeting.
        query = self.request.GET.urlencode()
        return reverse("meetings:feed") + (f"?{query}" if query else "")

    def subtitle(self, filterset: MeetingFilter) -> str:
        return _("Meetings matching this search in the Summitry register, newest first.")

    def items(self, filterset: MeetingFilter):
        newest = filterset.qs.select_related("host_country").order_by("-start_date", "-pk")
        return newest[:FEED_SIZE]

    def item_title(self, meeting: Meeting) -> str:
        return without_xml_forbidden(f"{meeting.start_date:%Y-%m-%d} — {meeting.title}")

    def item_description(self, meeting: Meeting) -> str:
        # Atom readers render the summary as HTML, so the register's text is escaped here.
        host = name_of(meeting.host_country) if meeting.host_country else ""
        place = ", ".join(part for part in (meeting.city, host) if part)
        text = "\n\n".join(part for part in (place, meeting.summary) if part)
        return linebreaks(without_xml_forbidden(text), autoescape=True)

    def item_link(self, meeting: Meeting) -> str:
        return reverse("meetings:detail", args=[meeting.slug])

    def item_pubdate(self, meeting: Meeting):
        # The meeting's own date, at midnight UTC: when it happened, not when it was entered.
        return datetime.datetime.combine(meeting.start_date, datetime.time(), datetime.UTC)

    def item_updateddate(self, meeting: Meeting):
        return meeting.updated_at


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    filterset = published_filter(request)
    if not filterset.is_valid():
        return invalid_search(request, filterset)
    return MeetingFeed(request, filterset)(request)
