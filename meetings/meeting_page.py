"""What the public page of one meeting reads, in a fixed number of queries whatever the data.

At most fifteen queries: the meeting with its host country, format and the register's version;
its countries, topics, participants, documents, signatories, statements, statement topics and
sources (one prefetch each); its two neighbours in its format (one query); the other meetings
of its event (one); the related meetings (four, see related_meetings). Fewer when there is
nothing to ask about: no format, no neighbours' query; no documents or statements, no query
for their signatories or topics; no event, no city or no topics, no query for what they would
relate.

What the page shows changes only with a write that raises the register's version, so it is
kept under that version and the language (see _kept): built again, the page reads one query.
"""

import datetime
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import connections, router
from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy

from meetings.analysis.cache import kept
from meetings.models import (
    Country,
    Document,
    DocumentKind,
    Meeting,
    MeetingTopic,
    Participation,
    RegisterVersion,
    Source,
    Statement,
    Status,
    Topic,
)
from meetings.templatetags.names import in_russian, language_name, name_of, sorted_by_name

RELATED_LIMIT = 6
# An event is a summit and the visits to it, a few dozen meetings at the most.
EVENT_LIMIT = 30
SAME_PLACE_LIMIT = 10
TOPIC_CANDIDATES = 3
TOPIC_POOL = 300
LONGEST_OVERLAP = datetime.timedelta(days=62)
LINKABLE_SCHEMES = {"http", "https"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# Headings for one document of a kind and for several (not a count's plural form: Russian
# heads 21 memoranda "Меморандумы" as it does 2), translated when shown. The context is
# spelled out in each call, as makemessages reads only literal strings.
KIND_HEADINGS = {
    DocumentKind.MEMORANDUM: (
        pgettext_lazy("documents heading", "Memorandum"),
        pgettext_lazy("documents heading", "Memoranda"),
    ),
    DocumentKind.JOINT_STATEMENT: (
        pgettext_lazy("documents heading", "Joint statement"),
        pgettext_lazy("documents heading", "Joint statements"),
    ),
    DocumentKind.DECLARATION: (
        pgettext_lazy("documents heading", "Declaration"),
        pgettext_lazy("documents heading", "Declarations"),
    ),
    DocumentKind.AGREEMENT: (
        pgettext_lazy("documents heading", "Agreement"),
        pgettext_lazy("documents heading", "Agreements"),
    ),
    DocumentKind.TREATY: (
        pgettext_lazy("documents heading", "Treaty"),
        pgettext_lazy("documents heading", "Treaties"),
    ),
    DocumentKind.ROADMAP: (
        pgettext_lazy("documents heading", "Roadmap"),
        pgettext_lazy("documents heading", "Roadmaps"),
    ),
    DocumentKind.COMMUNIQUE: (
        pgettext_lazy("documents heading", "Communiqué"),
        pgettext_lazy("documents heading", "Communiqués"),
    ),
    DocumentKind.ACTION_PLAN: (
        pgettext_lazy("documents heading", "Action plan"),
        pgettext_lazy("documents heading", "Action plans"),
    ),
    DocumentKind.PROTOCOL: (
        pgettext_lazy("documents heading", "Protocol"),
        pgettext_lazy("documents heading", "Protocols"),
    ),
    DocumentKind.RESOLUTION: (
        pgettext_lazy("documents heading", "Resolution"),
        pgettext_lazy("documents heading", "Resolutions"),
    ),
    DocumentKind.OTHER: (
        pgettext_lazy("documents heading", "Other document"),
        pgettext_lazy("documents heading", "Other documents"),
    ),
}
OTHER_KIND = (
    pgettext_lazy("documents heading", "Document"),
    pgettext_lazy("documents heading", "Documents"),
)


def kind_heading(kind: str, count: int) -> str:
    """The heading over ``count`` documents of a kind: "Memorandum", "Memoranda"."""
    one, several = KIND_HEADINGS.get(kind, OTHER_KIND)
    return str(one if count == 1 else several)


def meeting_titles(meeting: Meeting) -> tuple[tuple[str, str], tuple[str, str] | None]:
    """(title, lang) to show a meeting by, and (title, lang) to show beside it or None.

    A record holds its title in its own language and may hold an English one. In English the
    English title leads and the original stands beside it; in Russian a record's own title
    leads (the register holds no Russian translation of a title in another language), with
    the English one beside it."""
    own = (meeting.title, meeting.language or "")
    english = meeting.title_en
    if not english or english == meeting.title:
        return own, None
    if in_russian():
        return own, (english, "en")
    return (english, "en"), own


@dataclass
class Group:
    """Items that belong together under one heading: a side, or a kind of document."""

    heading: str
    items: list
    country: Country | None = None
    kind: str = ""


@dataclass
class Edition:
    """A neighbouring meeting of the same format, as the page links it."""

    meeting: Meeting
    label: str


@dataclass
class Related:
    """Another meeting as the page lists it: what it is, and why it is listed."""

    meeting: Meeting
    reasons: list[str]
    detail: str = ""

    @property
    def place(self) -> str:
        host = self.meeting.host_country
        parts = [self.meeting.city, name_of(host) if host else ""]
        return ", ".join(part for part in parts if part)

    @property
    def title(self) -> str:
        return meeting_titles(self.meeting)[0][0]

    @property
    def title_lang(self) -> str:
        return meeting_titles(self.meeting)[0][1]

    @property
    def looks(self) -> tuple:
        m = self.meeting
        return (self.title, m.start_date, m.end_date, self.place)


@dataclass
class MeetingPage:
    meeting: Meeting
    edition_label: str
    language_name: str
    # The <h1> and the title beside it: (text, lang), see meeting_titles.
    title: tuple[str, str]
    other_title: tuple[str, str] | None
    participant_groups: list[Group]
    document_groups: list[Group]
    statement_groups: list[Group]
    sources: list[Source]
    previous: Edition | None = None
    following: Edition | None = None
    related: list[Related] = field(default_factory=list)
    # The other meetings of the same event: a summit and the leaders' visits to attend it.
    event: list[Related] = field(default_factory=list)


# Read in the same statement as the meeting, so from the same snapshot of the same database
# (a replica, for visitors), without a query of its own.
_REGISTER_VERSION = Subquery(RegisterVersion.objects.filter(pk=1).values("version")[:1])


def meeting_page(slug: str) -> MeetingPage:
    """The published meeting at ``slug``; raises Meeting.DoesNotExist for drafts too.

    Built once per register version and language, then kept (see _kept): a page built again
    reads only the meeting's row and the version, in one query."""
    meeting = (
        Meeting.objects.published()
        .select_related("host_country", "format")
        .annotate(register_version=_REGISTER_VERSION)
        .get(slug=slug)
    )
    return _kept(meeting.register_version, meeting.pk, lambda: _built_page(meeting))


def _kept(version: int | None, meeting_id: int, build: Callable[[], MeetingPage]) -> MeetingPage:
    """``build()``, or what it gave for this meeting at the register's ``version`` in the
    interface language, whose names, labels and reasons the page holds, under the address
    the site is served at, which its links start with.

    Why a kept page never shows a draft or a stale line: it is built from published meetings
    only, in queries run after the version was read, so it is at least as new as the version
    it is filed under; every write that reaches a published meeting, publishing and
    withdrawing included, raises the version in its own transaction (migration 0005), so the
    requests after it look under a number nothing is kept under yet. A draft's page is never
    built: its address raises DoesNotExist before.
    """
    language = get_language() or "en"
    key = f"meeting:{language}:{get_script_prefix()}:{meeting_id}"
    return kept(version, key, build, compressed=True)


def _built_page(meeting: Meeting) -> MeetingPage:
    prefetch_related_objects([meeting], *_everything_shown())
    sources = list(meeting.sources.all())
    for source in sources:
        source.link = source.url if is_linkable(source.url) else ""
        source.language_name = language_name(source.language)
    # Documents carry no language of their own: a Cyrillic title is taken to be in the
    # meeting's language, so that a screen reader does not read it with an English voice.
    for document in meeting.documents.all():
        document.title_lang = meeting.language if _CYRILLIC.search(document.title) else ""
    title, other_title = meeting_titles(meeting)
    previous, following = neighbours(meeting)
    event = event_meetings(meeting)
    event_lines = [Related(other, _event_reasons(other, meeting)) for other in event]
    _tell_apart(event_lines)
    page = MeetingPage(
        meeting=meeting,
        edition_label=edition_label(meeting.edition),
        language_name=language_name(meeting.language),
        title=title,
        other_title=other_title,
        participant_groups=_participant_groups(meeting.participations.all()),
        document_groups=_document_groups(meeting.documents.all()),
        statement_groups=_statement_groups(meeting.statements.all()),
        sources=sources,
        previous=previous and Edition(previous, _neighbour_label(previous)),
        following=following and Edition(following, _neighbour_label(following)),
        related=related_meetings(meeting, previous, following, leave_out=[m.pk for m in event]),
        event=event_lines,
    )
    _give_addresses(page)
    return page


def _give_addresses(page: MeetingPage) -> None:
    """Gives everything the page links its address, as ``href``, when the page is built: a
    page rendered again from what was kept then reverses no URL, where a reverse costs more
    than the rest of a link's markup and a page holds up to a hundred links."""
    meeting = page.meeting
    participations = meeting.participations.all()
    statements = meeting.statements.all()
    others = [line.meeting for line in (*page.event, *page.related)]
    others += [edition.meeting for edition in (page.previous, page.following) if edition]
    linked = {
        ("meetings:country", "code"): [
            meeting.host_country,
            *meeting.countries.all(),
            *(row.country for row in (*participations, *statements)),
            *(
                country
                for document in meeting.documents.all()
                for country in document.signatories.all()
            ),
        ],
        ("meetings:topic", "slug"): [
            *meeting.topics.all(),
            *(topic for statement in statements for topic in statement.topics.all()),
        ],
        ("meetings:person", "slug"): [
            *(row.person for row in participations),
            *(row.speaker for row in statements),
        ],
        ("meetings:format", "slug"): [meeting.format, *(other.format for other in others)],
        ("meetings:detail", "slug"): others,
    }
    addresses: dict[tuple[str, str], str] = {}
    for (route, key), items in linked.items():
        for item in items:
            if item is not None:
                value = getattr(item, key)
                if (route, value) not in addresses:
                    addresses[route, value] = reverse(route, args=[value])
                item.href = addresses[route, value]


def _everything_shown() -> list[Prefetch]:
    by_name = Country.objects.order_by("name_en")
    topics = Topic.objects.order_by("name_en")
    return [
        Prefetch("countries", queryset=by_name),
        Prefetch("topics", queryset=topics),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("person", "country").order_by(
                "order", "pk"
            ),
        ),
        Prefetch(
            "documents",
            queryset=Document.objects.order_by("order", "pk").prefetch_related(
                Prefetch("signatories", queryset=by_name)
            ),
        ),
        Prefetch(
            "statements",
            queryset=Statement.objects.select_related("country", "speaker")
            .prefetch_related(Prefetch("topics", queryset=topics))
            .order_by("order", "pk"),
        ),
        Prefetch("sources", queryset=Source.objects.order_by("order", "pk")),
    ]


def neighbours(meeting: Meeting) -> tuple[Meeting | None, Meeting | None]:
    """The published meetings of the same format just before and just after this one, by
    (start_date, id), fetched together in one query."""
    if meeting.format_id is None:
        return None, None
    same_format = Meeting.objects.published().filter(format_id=meeting.format_id)
    day, pk = meeting.start_date, meeting.pk
    earlier = (
        same_format.filter(Q(start_date__lt=day) | Q(start_date=day, pk__lt=pk))
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    later = (
        same_format.filter(Q(start_date__gt=day) | Q(start_date=day, pk__gt=pk))
        .order_by("start_date", "pk")
        .values("pk")[:1]
    )
    found = _shown_as_related(same_format.filter(Q(pk__in=earlier) | Q(pk__in=later)))
    previous = following = None
    for other in found:
        if (other.start_date, other.pk) < (day, pk):
            previous = other
        else:
            following = other
    return previous, following


def event_meetings(meeting: Meeting, limit: int = EVENT_LIMIT) -> list[Meeting]:
    """The other published meetings of the same event, in order of date; one query."""
    if not meeting.event:
        return []
    return list(
        _shown_as_related(Meeting.objects.published().filter(event=meeting.event))
        .exclude(pk=meeting.pk)
        .order_by("start_date", "pk")[:limit]
    )


def related_meetings(
    meeting: Meeting,
    previous: Meeting | None = None,
    following: Meeting | None = None,
    leave_out: Iterable[int] = (),
    limit: int = RELATED_LIMIT,
) -> list[Related]:
    """Published meetings related to this one, each with what relates it: the previous and
    next editions of its format (already fetched); meetings held the same day in the same
    city; meetings sharing its topics, the most shared first, then the newest. Sharing
    countries alone relates nothing: every visit to Washington shares the United States.

    At most four queries: the meetings of the same day and city (through the date index), the
    meetings sharing the most topics (counted on the topic links, through the topic index),
    and the lines to show for those found with their shared topics (one prefetch). Their
    cost grows with the meetings on its topics, not with the register.
    """
    related: dict[int, Related] = {}
    shown_elsewhere = set(leave_out) | {meeting.pk}
    fmt = name_of(meeting.format) if meeting.format_id else ""
    for other, which in ((previous, "previous"), (following, "next")):
        if other is not None and other.pk not in shown_elsewhere:
            related[other.pk] = Related(other, [_sequence_reason(which, fmt, other.edition)])
    wanted = max(limit - len(related), 0)
    same_place = _same_day_and_city(meeting, shown_elsewhere | set(related))[:wanted]
    topic_ids = [topic.pk for topic in meeting.topics.all()]
    room = wanted - len(same_place)
    # A few more than there is room for, so that the newest by date win among equals.
    by_topics = _sharing_topics(
        topic_ids, shown_elsewhere | set(related) | set(same_place), TOPIC_CANDIDATES * room
    )
    found = [*same_place, *by_topics]
    if found:
        shared = Topic.objects.filter(pk__in=topic_ids).order_by("name_en")
        lines = {
            other.pk: other
            for other in _shown_as_related(Meeting.objects.filter(pk__in=found)).prefetch_related(
                Prefetch("topics", queryset=shared, to_attr="shared_topics")
            )
        }
        newest_first = sorted(
            by_topics, key=lambda pk: (-by_topics[pk], -lines[pk].start_date.toordinal(), -pk)
        )
        for pk in [*same_place, *newest_first[:room]]:
            other = lines[pk]
            reasons = []
            if other.shared_topics:
                names = ", ".join(name_of(t) for t in sorted_by_name(other.shared_topics))
                reasons.append(
                    ngettext(
                        "Shared topic: %(names)s",
                        "Shared topics: %(names)s",
                        len(other.shared_topics),
                    )
                    % {"names": names}
                )
            if pk in same_place:
                reasons.append(gettext("Same day and city"))
            if fmt and other.format_id == meeting.format_id:
                reasons.append(gettext("Also a meeting of %(format)s") % {"format": fmt})
            related[pk] = Related(other, reasons)
    lines = list(related.values())
    _tell_apart(lines)
    return lines


def _shown_as_related(meetings):
    return meetings.select_related("host_country", "format").only(
        "slug",
        "title",
        "title_en",
        "language",
        "start_date",
        "end_date",
        "city",
        "summary",
        "edition",
        "event",
        "host_country__code",
        "host_country__name_en",
        "host_country__name_ru",
        "format__slug",
        "format__name_en",
        "format__name_ru",
    )


def _sharing_topics(topic_ids: list[int], leave_out: set, limit: int) -> dict[int, int]:
    """Published meetings sharing the most of these topics, with how many each shares.

    Only each topic's TOPIC_POOL latest published meetings are looked at, read backwards off
    the (topic, meeting) index, and counted: counting every meeting on a popular topic would
    grow with the register. A meeting counts the topics in whose latest meetings it is, so
    the newest meetings are counted exactly. Ties go to the meeting entered last. Drafts are
    left out as the index is read, each candidate looked up by its key (NOT EXISTS) until
    TOPIC_POOL published ones are found; gathering every draft (NOT IN) cost a pass over all
    of them for each topic.

    Written out as SQL: the ORM cannot count over a union, so the thousands of candidates
    came back to be counted in Python, and it took longer to compile a union of twenty
    limited queries than the database took to run it.
    """
    if not topic_ids or limit <= 0:
        return {}
    meetings, links = Meeting._meta.db_table, MeetingTopic._meta.db_table
    # Each latest-of-a-topic sits in a table of its own: SQLite takes no ORDER BY or LIMIT in
    # a branch of a UNION.
    pools = " UNION ALL ".join(
        f"SELECT * FROM (SELECT link.meeting_id FROM {links} link WHERE link.topic_id = %s"
        f" AND NOT EXISTS (SELECT 1 FROM {meetings} m WHERE m.id = link.meeting_id"
        f" AND m.status <> %s) ORDER BY link.meeting_id DESC LIMIT %s) latest_{n}"
        for n in range(len(topic_ids))
    )
    shown = sorted(leave_out)
    not_shown = f"WHERE meeting_id NOT IN ({', '.join(['%s'] * len(shown))})" if shown else ""
    sql = (
        f"SELECT meeting_id, COUNT(*) AS shared FROM ({pools}) pool {not_shown}"
        " GROUP BY meeting_id ORDER BY shared DESC, meeting_id DESC LIMIT %s"
    )
    published = Status.PUBLISHED.value
    params = [
        *(value for topic_id in topic_ids for value in (topic_id, published, TOPIC_POOL)),
        *shown,
        limit,
    ]
    with connections[router.db_for_read(MeetingTopic)].cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _same_day_and_city(meeting: Meeting, leave_out: set, limit: int = SAME_PLACE_LIMIT) -> list:
    """Published meetings under way on a day this one was, in a city it was in.

    A city may name several places, as the State Department's travels do ("Almaty, Astana"):
    a meeting in any of them counts, and so does a record naming it among others."""
    places = city_places(meeting.city)
    if not places:
        return []
    last_day = meeting.end_date or meeting.start_date
    in_a_place = Q()
    for place in places:
        in_a_place |= (
            Q(city__iexact=place)
            | Q(city__istartswith=f"{place}, ")
            | Q(city__iendswith=f", {place}")
            | Q(city__icontains=f", {place}, ")
        )
    # The lower bound lets the date index narrow the search to a few weeks of the register;
    # a meeting longer than LONGEST_OVERLAP that began before it is not looked for.
    overlapping = Q(
        start_date__lte=last_day, start_date__gte=meeting.start_date - LONGEST_OVERLAP
    ) & (
        Q(end_date__gte=meeting.start_date)
        | Q(end_date__isnull=True, start_date__gte=meeting.start_date)
    )
    rows = (
        Meeting.objects.published()
        .filter(overlapping, in_a_place)
        .exclude(pk__in=leave_out)
        .order_by("start_date", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return list(rows)


def city_places(city: str) -> list[str]:
    """The places a city field names: "Almaty, Astana" names two. "Washington, D.C." reads as
    two as well, which is harmless here: either part still matches only the same record."""
    return [place.strip() for place in (city or "").split(",") if place.strip()]


def _tell_apart(lines: list[Related]) -> None:
    """Two lines that would read alike (two visits by one leader with the same title, day and
    place) each get a word from their summary, so that none reads as a repeat."""
    seen: dict[tuple, list[Related]] = {}
    for line in lines:
        seen.setdefault(line.looks, []).append(line)
    for alike in seen.values():
        if len(alike) > 1:
            for line in alike:
                line.detail = Truncator(line.meeting.summary).chars(90) or line.meeting.slug


def _event_reasons(other: Meeting, meeting: Meeting) -> list[str]:
    if other.format_id and other.format_id != meeting.format_id:
        name = name_of(other.format)
        return [gettext("The %(format)s meeting of this event") % {"format": name}]
    return []


def _sequence_reason(which: str, fmt: str, edition: int | None) -> str:
    label = edition_label(edition)
    if which == "previous":
        text = gettext("The previous meeting of %(format)s")
    else:
        text = gettext("The next meeting of %(format)s")
    text %= {"format": fmt}
    return f"{text} ({label})" if label else text


def edition_label(edition: int | None) -> str:
    """ "2nd meeting", "2-я встреча"."""
    if not edition:
        return ""
    return pgettext("edition of a format", "%(ordinal)s meeting") % {
        "ordinal": ordinal_number(edition)
    }


def ordinal_number(number: int) -> str:
    """ "2nd" in English; "2-я" in Russian, agreeing with the feminine "встреча"."""
    return f"{number}-я" if in_russian() else ordinal(number)


def is_linkable(url: str) -> bool:
    """Only web addresses become links: never javascript:, data: or a scheme we cannot vouch
    for, whatever reached the database."""
    try:
        return bool(url) and urlsplit(url.strip()).scheme.lower() in LINKABLE_SCHEMES
    except ValueError:
        return False


def _neighbour_label(meeting: Meeting) -> str:
    if meeting.edition:
        return edition_label(meeting.edition)
    return gettext("Meeting of %(date)s") % {"date": date_format(meeting.start_date, "DATE_FORMAT")}


def _grouped(items: Iterable, key: Callable[[Any], Hashable]) -> dict[Hashable, list]:
    """Items by key, the groups in the order their first item comes."""
    groups: dict[Hashable, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _side(row: Participation | Statement) -> tuple[str, str]:
    organisation = getattr(row, "organisation", "")
    return (row.country_id or "", "" if row.country_id else organisation)


def _participant_groups(participations: Iterable[Participation]) -> list[Group]:
    groups = []
    for (_, organisation), rows in _grouped(participations, _side).items():
        country = rows[0].country
        heading = name_of(country) if country else organisation or gettext("Other participants")
        groups.append(Group(heading, rows, country))
    return groups


def _document_groups(documents: Iterable[Document]) -> list[Group]:
    groups = []
    for kind, rows in _grouped(documents, lambda d: d.kind).items():
        groups.append(Group(kind_heading(kind, len(rows)), rows, kind=kind))
    return groups


def _statement_groups(statements: Iterable[Statement]) -> list[Group]:
    groups = []
    for _, rows in _grouped(statements, _side).items():
        country = rows[0].country
        heading = name_of(country) if country else gettext("Not attributed")
        groups.append(Group(heading, rows, country))
    return groups
