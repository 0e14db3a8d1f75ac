"""Formats: the index of every format with its members and activity, and one format's
editions as a timeline with what each adopted. Published meetings only.

The index takes three queries: the published meetings grouped by format, the formats shown,
and their current members. A format's page takes seven: the format, its members past and
present with the days membership changed, its latest TIMELINE_LIMIT published meetings with
their host, their documents and their countries (one prefetch each), the meetings per year,
and the documents by kind; three when it has no published meeting.

Membership has dates where it changed, and whatever counts a format's members at one of its
meetings counts those of that day: the SCO summit of 2019 had eight members, not ten.
"""

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from meetings.analysis.common import StartYear, list_url, published_ids, year_series
from meetings.charts import Bar, Chart
from meetings.meeting_page import edition_label, kind_heading, ordinal_number
from meetings.models import (
    Document,
    DocumentKind,
    Format,
    FormatMember,
    Level,
    Meeting,
    MeetingCountry,
)
from meetings.reference.formats import FORMATS
from meetings.templatetags.names import collation_key, in_russian, name_of, sorted_by_name

# The formats of the reference data are shown even before any of their meetings is published;
# a format that only a draft's import created is not.
REFERENCE_SLUGS = frozenset(fmt["slug"] for fmt in FORMATS)
# A format's page lists its most recent meetings up to this many; the list holds the rest.
TIMELINE_LIMIT = 100
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class CountryLink:
    code: str
    name_en: str
    name_ru: str
    url: str


def country_link(
    code: str, name_en: str, name_ru: str = "", known_urls: dict[str, str] | None = None
) -> CountryLink:
    """A country with the address of its page; ``known_urls`` spares reversing the same
    address again for each format a country belongs to."""
    urls = {} if known_urls is None else known_urls
    if code not in urls:
        urls[code] = reverse("meetings:country", args=[code])
    return CountryLink(code, name_en, name_ru, urls[code])


@dataclass(frozen=True)
class Member:
    """A country's membership of a format: ``joined`` is None for a member from the start,
    ``left`` None for a current member."""

    country: CountryLink
    joined: date | None
    left: date | None

    def on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or self.left > day
        )


@dataclass
class FormatSummary:
    """One line of the formats index."""

    slug: str
    name_en: str
    name_ru: str
    members: list[CountryLink]
    meetings: int
    first_year: int | None
    last_year: int | None
    meetings_url: str
    last_date: date | None = None


@dataclass(frozen=True)
class AdoptedDocument:
    title: str
    title_lang: str
    kind: str
    kind_label: str
    kind_url: str


@dataclass
class Edition:
    """A published meeting of the format, as its timeline shows it."""

    pk: int
    slug: str
    title: str
    title_en: str
    language: str
    start_date: date
    end_date: date | None
    city: str
    host: CountryLink | None
    level_label: str
    edition: int | None
    edition_label: str
    documents: list[AdoptedDocument]
    # The format's members on the day the meeting started, and how many of them took part.
    members_then: int = 0
    members_present: int = 0
    is_gap = False

    @property
    def attendance_label(self) -> str:
        if not self.members_then:
            return ""
        return ngettext(
            "%(present)s of %(members)s member took part",
            "%(present)s of %(members)s members took part",
            self.members_then,
        ) % {"present": self.members_present, "members": self.members_then}


@dataclass(frozen=True)
class Gap:
    """Editions the numbering skips: no record of them is held, and none is invented."""

    first: int
    last: int
    # The level whose numbering skips, when the format numbers its levels apart.
    level_label: str = ""
    # The meeting that follows the gap in its sequence.
    before: "Edition | None" = None
    is_gap = True

    @property
    def label(self) -> str:
        first, last = _numbered(self.first), _numbered(self.last)
        if self.first == self.last:
            text = gettext("No record of the %(first)s meeting is held.")
        elif self.last == self.first + 1:
            text = gettext("No record of the %(first)s and %(last)s meetings is held.")
        else:
            text = gettext("No record of the %(first)s to %(last)s meetings is held.")
        return text % {"first": first, "last": last}


def _numbered(edition: int) -> str:
    """An edition as a sentence names it: "3rd", or "№ 3" in Russian, whose ordinals would
    change with the case the sentence puts them in."""
    return f"№\u00a0{edition}" if in_russian() else ordinal_number(edition)


@dataclass(frozen=True)
class KindCount:
    """Documents of one kind the format adopted, and the meetings that adopted them."""

    kind: str
    label: str
    documents: int
    meetings: int
    kind_url: str
    meetings_url: str


@dataclass
class FormatPage:
    slug: str
    name_en: str
    name_ru: str
    description: str
    members: list[Member]
    meetings: int
    meetings_url: str
    documents: int
    kinds: list[KindCount]
    timeline: list[Edition | Gap]
    left_out: int
    chart: Chart | None = None
    years: list[tuple[int, int]] = field(default_factory=list)
    former_members: list[Member] = field(default_factory=list)


def formats_overview() -> list[FormatSummary]:
    """Every format with a published meeting, and every reference format: the most recently
    active first, then by name; formats with no meeting yet come last."""
    activity = {
        row["format_id"]: row
        for row in Meeting.objects.published()
        .filter(format__isnull=False)
        .values("format_id")
        .annotate(n=Count("pk"), first=Min("start_date"), last=Max("start_date"))
        .order_by()
    }
    formats = list(
        Format.objects.filter(Q(pk__in=list(activity)) | Q(slug__in=REFERENCE_SLUGS))
        .values("pk", "slug", "name_en", "name_ru")
        .order_by()
    )
    members = members_of([fmt["pk"] for fmt in formats])
    summaries = [
        _summary(fmt, activity.get(fmt["pk"]), members.get(fmt["pk"], [])) for fmt in formats
    ]
    summaries.sort(
        key=lambda s: (-(s.last_date or date.min).toordinal(), collation_key(name_of(s)))
    )
    return summaries


def _summary(fmt: dict, active: dict | None, members: list[CountryLink]) -> FormatSummary:
    first = active["first"] if active else None
    last = active["last"] if active else None
    return FormatSummary(
        slug=fmt["slug"],
        name_en=fmt["name_en"],
        name_ru=fmt["name_ru"],
        members=members,
        meetings=active["n"] if active else 0,
        first_year=first and first.year,
        last_year=last and last.year,
        meetings_url=list_url(format=fmt["slug"]),
        last_date=last,
    )


def members_of(format_ids: Iterable[int]) -> dict[int, list[CountryLink]]:
    """The current member countries of each format, by name in the interface language, in one
    query."""
    members: dict[int, list[CountryLink]] = {}
    urls: dict[str, str] = {}
    rows = (
        FormatMember.objects.current()
        .filter(format_id__in=list(format_ids))
        .values_list("format_id", "country_id", "country__name_en", "country__name_ru")
        .order_by("country__name_en")
    )
    for format_id, code, name_en, name_ru in rows:
        members.setdefault(format_id, []).append(country_link(code, name_en, name_ru, urls))
    return {format_id: sorted_by_name(countries) for format_id, countries in members.items()}


def membership_of(format_id: int) -> list[Member]:
    """Every country that is or was a member of the format, with its dates, by name in the
    interface language, in one query."""
    rows = (
        FormatMember.objects.filter(format_id=format_id)
        .values_list("country_id", "country__name_en", "country__name_ru", "joined", "left")
        .order_by("country__name_en")
    )
    urls: dict[str, str] = {}
    members = [
        Member(country_link(code, name_en, name_ru, urls), joined, left)
        for code, name_en, name_ru, joined, left in rows
    ]
    return sorted_by_name(members, lambda member: name_of(member.country))


def format_page(slug: str) -> FormatPage | None:
    """The format at ``slug`` with its published meetings as a timeline; None when there is no
    such format, or when it is not reference data and has no published meeting."""
    fmt = Format.objects.filter(slug=slug).values("pk", "name_en", "name_ru", "description").first()
    if fmt is None:
        return None
    meetings = _latest_meetings(fmt["pk"])
    if not meetings and slug not in REFERENCE_SLUGS:
        return None
    membership = membership_of(fmt["pk"])
    today = timezone.localdate()
    page = FormatPage(
        slug=slug,
        name_en=fmt["name_en"],
        name_ru=fmt["name_ru"],
        description=fmt["description"],
        members=[member for member in membership if member.on(today)],
        former_members=[m for m in membership if m.left is not None and m.left <= today],
        meetings=0,
        meetings_url=list_url(format=slug),
        documents=0,
        kinds=[],
        timeline=[],
        left_out=0,
    )
    if meetings:
        page.years = year_series(_meetings_per_year(fmt["pk"]))
        page.meetings = sum(n for _, n in page.years)
        page.left_out = page.meetings - len(meetings)
        page.kinds = _documents_by_kind(fmt["pk"], slug)
        page.documents = sum(kind.documents for kind in page.kinds)
        documents_url = reverse("meetings:documents")
        editions = [_edition(meeting, documents_url, membership) for meeting in meetings]
        page.timeline = timeline(editions, complete=not page.left_out)
        page.chart = _chart(page) if len(page.years) > 1 else None
    return page


def _latest_meetings(format_id: int) -> list[Meeting]:
    documents = Document.objects.only("meeting", "title", "kind").order_by("order", "pk")
    return list(
        Meeting.objects.published()
        .filter(format_id=format_id)
        .select_related("host_country")
        .only(
            "slug",
            "title",
            "title_en",
            "language",
            "start_date",
            "end_date",
            "city",
            "edition",
            "level",
            "host_country__code",
            "host_country__name_en",
            "host_country__name_ru",
        )
        .prefetch_related(
            Prefetch("documents", queryset=documents),
            Prefetch("country_links", queryset=MeetingCountry.objects.only("meeting", "country")),
        )
        .order_by("-start_date", "-pk")[:TIMELINE_LIMIT]
    )


def _edition(meeting: Meeting, documents_url: str, membership: Iterable[Member] = ()) -> Edition:
    host = meeting.host_country
    members_then = {m.country.code for m in membership if m.on(meeting.start_date)}
    present = {link.country_id for link in meeting.country_links.all()}
    return Edition(
        pk=meeting.pk,
        slug=meeting.slug,
        title=meeting.title,
        title_en=meeting.title_en,
        language=meeting.language,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        city=meeting.city,
        host=host and country_link(host.code, host.name_en, host.name_ru),
        level_label=Level(meeting.level).label if meeting.level else "",
        edition=meeting.edition,
        edition_label=edition_label(meeting.edition),
        documents=[
            _adopted(document, meeting.language, documents_url)
            for document in meeting.documents.all()
        ],
        members_then=len(members_then),
        members_present=len(members_then & present),
    )


def _adopted(document: Document, language: str, documents_url: str) -> AdoptedDocument:
    # A document has no language of its own: a Cyrillic title is read in its meeting's.
    return AdoptedDocument(
        title=document.title,
        title_lang=language if _CYRILLIC.search(document.title) else "",
        kind=document.kind,
        kind_label=DocumentKind(document.kind).label,
        kind_url=f"{documents_url}?kind={document.kind}",
    )


def timeline(editions: list[Edition], complete: bool = True) -> list[Edition | Gap]:
    """The editions in order, with a Gap wherever the numbering skips.

    A format may number each level on its own: the Central Asia–China foreign ministers' 4th
    meeting came before the 1st summit. So each level's numbered meetings make a sequence of
    their own, whose gaps are counted within it. With one sequence, meetings follow their
    number; with several, the sequences are interleaved by date, each gap just before the
    meeting that follows it in its sequence, and each gap names its level.

    A meeting without a number falls in by date: it comes just before the first numbered
    meeting that started after it. Numbering is taken to start at 1, so a first published
    edition of 3 shows the 1st and 2nd as missing; but not when the earliest meetings were
    left out of the page (``complete`` false), since those numbers may well be held.
    """
    sequences: dict[str, list[Edition]] = {}
    for edition in sorted(
        (e for e in editions if e.edition), key=lambda e: (e.edition, e.start_date, e.pk)
    ):
        sequences.setdefault(edition.level_label, []).append(edition)
    several = len(sequences) > 1
    numbered: list[Edition | Gap] = []
    for level_label, sequence in sequences.items():
        previous = 0 if complete else None
        for edition in sequence:
            if previous is not None and edition.edition > previous + 1:
                gap_level = level_label if several else ""
                numbered.append(Gap(previous + 1, edition.edition - 1, gap_level, edition))
            numbered.append(edition)
            previous = edition.edition
    if several:
        numbered.sort(key=_when)
    unnumbered = deque(
        sorted((e for e in editions if not e.edition), key=lambda e: (e.start_date, e.pk))
    )
    ordered: list[Edition | Gap] = []
    for item in numbered:
        anchor = item.before if item.is_gap else item
        while unnumbered and unnumbered[0].start_date < anchor.start_date:
            ordered.append(unnumbered.popleft())
        ordered.append(item)
    ordered.extend(unnumbered)
    return ordered


def _when(item: "Edition | Gap") -> tuple:
    # A gap sorts just before the meeting that follows it in its sequence.
    if item.is_gap:
        return (item.before.start_date, item.before.pk, 0)
    return (item.start_date, item.pk, 1)


def _meetings_per_year(format_id: int) -> list[tuple[int, int]]:
    return list(
        Meeting.objects.published()
        .filter(format_id=format_id)
        .annotate(year=StartYear("start_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )


def _documents_by_kind(format_id: int, slug: str) -> list[KindCount]:
    rows = (
        Document.objects.filter(meeting_id__in=published_ids().filter(format_id=format_id))
        .values_list("kind")
        .annotate(documents=Count("pk"), meetings=Count("meeting_id", distinct=True))
        .order_by()
    )
    kinds = []
    documents_url = reverse("meetings:documents")
    for kind, documents, meetings in rows:
        kinds.append(
            KindCount(
                kind=kind,
                label=kind_heading(kind, documents),
                documents=documents,
                meetings=meetings,
                kind_url=f"{documents_url}?kind={kind}",
                meetings_url=list_url(format=slug, kind=kind),
            )
        )
    kinds.sort(key=lambda k: (-k.documents, k.label))
    return kinds


def _chart(page: FormatPage) -> Chart:
    first, last = page.years[0][0], page.years[-1][0]
    busiest_year, busiest = max(page.years, key=lambda row: (row[1], row[0]))
    return Chart(
        slug="per-year",
        title=gettext("Meetings per year"),
        description=gettext(
            "Published meetings of the {name} format each year from {first} to {last}; "
            "the busiest year was {busiest} with {most}."
        ).format(name=name_of(page), first=first, last=last, busiest=busiest_year, most=busiest),
        bars=[
            Bar(str(year), n, list_url(format=page.slug, year=year) if n else "")
            for year, n in page.years
        ],
        csv_url=reverse("meetings:format_activity_csv", args=[page.slug]),
    )
