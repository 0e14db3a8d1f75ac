"""What the public page of one meeting reads, in a fixed number of queries whatever the data.

At most eleven queries: the meeting with its host country and format; its countries, topics,
participants, documents, signatories, statements, statement topics and sources (one prefetch
each); its two neighbours in its format (one query); the meetings most like it (one query).
Fewer when there is nothing to ask about: no format, no neighbours' query; no documents or
statements, no query for their signatories or topics; no countries, no related meetings.
"""

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db.models import Case, Count, FilteredRelation, Prefetch, Q, Value, When
from django.utils.formats import date_format
from django.utils.translation import get_language_info

from meetings.models import (
    Country,
    Document,
    DocumentKind,
    Meeting,
    MeetingCountry,
    Participation,
    Source,
    Statement,
    Status,
    Topic,
)

RELATED_LIMIT = 5
CANDIDATES_PER_COUNTRY = 100
LINKABLE_SCHEMES = {"http", "https"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Headings for one document of a kind and for several.
KIND_HEADINGS = {
    DocumentKind.MEMORANDUM: ("Memorandum", "Memoranda"),
    DocumentKind.JOINT_STATEMENT: ("Joint statement", "Joint statements"),
    DocumentKind.DECLARATION: ("Declaration", "Declarations"),
    DocumentKind.AGREEMENT: ("Agreement", "Agreements"),
    DocumentKind.TREATY: ("Treaty", "Treaties"),
    DocumentKind.ROADMAP: ("Roadmap", "Roadmaps"),
    DocumentKind.COMMUNIQUE: ("Communiqué", "Communiqués"),
    DocumentKind.ACTION_PLAN: ("Action plan", "Action plans"),
    DocumentKind.PROTOCOL: ("Protocol", "Protocols"),
    DocumentKind.RESOLUTION: ("Resolution", "Resolutions"),
    DocumentKind.OTHER: ("Other document", "Other documents"),
}


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
class MeetingPage:
    meeting: Meeting
    edition_label: str
    language_name: str
    participant_groups: list[Group]
    document_groups: list[Group]
    statement_groups: list[Group]
    sources: list[Source]
    previous: Edition | None = None
    following: Edition | None = None
    related: list[Meeting] = field(default_factory=list)


def meeting_page(slug: str) -> MeetingPage:
    """The published meeting at ``slug``; raises Meeting.DoesNotExist for drafts too."""
    meeting = _with_everything_shown(Meeting.objects.published()).get(slug=slug)
    previous, following = neighbours(meeting)
    sources = list(meeting.sources.all())
    for source in sources:
        source.link = source.url if is_linkable(source.url) else ""
        source.language_name = language_name(source.language)
    # Documents carry no language of their own: a Cyrillic title is taken to be in the
    # meeting's language, so that a screen reader does not read it with an English voice.
    for document in meeting.documents.all():
        document.title_lang = meeting.language if _CYRILLIC.search(document.title) else ""
    return MeetingPage(
        meeting=meeting,
        edition_label=edition_label(meeting.edition),
        language_name=language_name(meeting.language),
        participant_groups=_participant_groups(meeting.participations.all()),
        document_groups=_document_groups(meeting.documents.all()),
        statement_groups=_statement_groups(meeting.statements.all()),
        sources=sources,
        previous=previous and Edition(previous, _neighbour_label(previous)),
        following=following and Edition(following, _neighbour_label(following)),
        related=related_meetings(meeting),
    )


def _with_everything_shown(meetings):
    by_name = Country.objects.order_by("name_en")
    topics = Topic.objects.order_by("name_en")
    return meetings.select_related("host_country", "format").prefetch_related(
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
    )


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
    found = same_format.filter(Q(pk__in=earlier) | Q(pk__in=later)).only(
        "slug", "title", "title_en", "language", "start_date", "edition"
    )
    previous = following = None
    for other in found:
        if (other.start_date, other.pk) < (day, pk):
            previous = other
        else:
            following = other
    return previous, following


def related_meetings(meeting: Meeting, limit: int = RELATED_LIMIT) -> list[Meeting]:
    """Other published meetings sharing the most countries with this one, then the most topics,
    then its format; the most recent first among equals. One query, on the countries and topics
    already prefetched.

    The candidates are the newest CANDIDATES_PER_COUNTRY published meetings of each of its
    countries. Ranking every meeting that shares a country would cost a scan of most of the
    register for a meeting with the United States or China in it; capped, the cost stays the
    same however large the register grows.
    """
    countries = [country.pk for country in meeting.countries.all()]
    topics = [topic.pk for topic in meeting.topics.all()]
    if not countries:
        return []
    # One small subquery per country, glued with UNION so that the database sees a short list
    # of ids; slices cannot be members of a UNION on SQLite, so each hides inside an IN.
    newest_of_each_country = [
        Meeting.objects.filter(
            pk__in=MeetingCountry.objects.filter(country=country, meeting__status=Status.PUBLISHED)
            .exclude(meeting=meeting.pk)
            .order_by("-meeting__start_date", "-meeting_id")
            .values("meeting_id")[:CANDIDATES_PER_COUNTRY]
        )
        .order_by()
        .values("pk")
        for country in countries
    ]
    pool = newest_of_each_country[0].union(*newest_of_each_country[1:])
    shared_topics = Value(0)
    candidates = (
        Meeting.objects.published().filter(pk__in=pool).filter(country_links__country__in=countries)
    )
    if topics:
        # Joining only the shared topics keeps the rows per candidate few; counting distinct
        # links undoes the product of this join and the countries'.
        candidates = candidates.annotate(
            shared_topic_link=FilteredRelation(
                "topic_links", condition=Q(topic_links__topic__in=topics)
            )
        )
        shared_topics = Count("shared_topic_link", distinct=True)
    same_format = (
        Case(When(format_id=meeting.format_id, then=Value(1)), default=Value(0))
        if meeting.format_id
        else Value(0)
    )
    ranked = (
        candidates.annotate(
            shared_countries=Count("country_links", distinct=True),
            shared_topics=shared_topics,
            same_format=same_format,
        )
        .select_related("format")
        .only(
            "slug",
            "title",
            "title_en",
            "language",
            "start_date",
            "city",
            "format__slug",
            "format__name_en",
        )
        .order_by("-shared_countries", "-shared_topics", "-same_format", "-start_date", "-pk")
    )
    return list(ranked[:limit])


def edition_label(edition: int | None) -> str:
    return f"{ordinal(edition)} meeting" if edition else ""


def language_name(code: str) -> str:
    if not code:
        return ""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


def is_linkable(url: str) -> bool:
    """Only web addresses become links: never javascript:, data: or a scheme we cannot vouch
    for, whatever reached the database."""
    try:
        return bool(url) and urlsplit(url.strip()).scheme.lower() in LINKABLE_SCHEMES
    except ValueError:
        return False


def _neighbour_label(meeting: Meeting) -> str:
    return (
        edition_label(meeting.edition) or f"Meeting of {date_format(meeting.start_date, 'j F Y')}"
    )


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
        heading = country.name_en if country else organisation or "Other participants"
        groups.append(Group(heading, rows, country))
    return groups


def _document_groups(documents: Iterable[Document]) -> list[Group]:
    groups = []
    for kind, rows in _grouped(documents, lambda d: d.kind).items():
        one, many = KIND_HEADINGS.get(kind, ("Document", "Documents"))
        groups.append(Group(one if len(rows) == 1 else many, rows, kind=kind))
    return groups


def _statement_groups(statements: Iterable[Statement]) -> list[Group]:
    groups = []
    for _, rows in _grouped(statements, _side).items():
        country = rows[0].country
        groups.append(Group(country.name_en if country else "Not attributed", rows, country))
    return groups
