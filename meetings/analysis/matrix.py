"""Who meets whom: for a chosen set of countries, how many published meetings each pair
attended together, within a period, a topic and (optionally) one format."""

import math
from dataclasses import dataclass, field
from datetime import date

from django.db import connections
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.analysis.common import list_url
from meetings.models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    Format,
    FormatMember,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Status,
    Topic,
)
from meetings.reference.formats import FORMATS
from meetings.reference.topics import TOPICS
from meetings.templatetags.names import collation_key, localized

MAX_COUNTRIES = 30
SHADES = 4
NAMED_EXTRAS = 3
DEFAULT_GROUP = "central-asia"
DEFAULT_EXTRAS = ("CN",)

UNPUBLISHED = [status for status in Status.values if status != Status.PUBLISHED]
REFERENCE_FORMATS = frozenset(data["slug"] for data in FORMATS)
REFERENCE_TOPICS = frozenset(slug for slug, *_ in TOPICS)


@dataclass(frozen=True)
class Named:
    """A group, format or topic as the page names and links it."""

    pk: int
    slug: str
    name: str


@dataclass(frozen=True)
class TopicOption:
    topic: Named
    depth: int

    @property
    def indent(self) -> str:
        return "\u00a0\u00a0\u00a0" * self.depth


@dataclass(frozen=True)
class Options:
    """What the form offers: every group, and the formats and topics the public may see
    (reference data, or named by a published meeting; never one known only from drafts)."""

    groups: list[Named]
    formats: list[Named]
    topics: list[TopicOption]
    children: dict[int, list[int]]

    @classmethod
    def load(cls) -> "Options":
        groups = [
            Named(pk, slug, localized(en, ru))
            for pk, slug, en, ru in CountryGroup.objects.values_list(
                "pk", "slug", "name_en", "name_ru"
            )
        ]
        formats = Format.objects.filter(
            Q(slug__in=REFERENCE_FORMATS)
            | Exists(Meeting.objects.published().filter(format_id=OuterRef("pk")))
        ).values_list("pk", "slug", "name_en", "name_ru")
        topics = Topic.objects.filter(
            Q(slug__in=REFERENCE_TOPICS)
            | Exists(
                MeetingTopic.objects.filter(
                    topic_id=OuterRef("pk"), meeting__status=Status.PUBLISHED
                )
            )
        ).values_list("pk", "parent_id", "slug", "name_en", "name_ru")
        topic_rows = [(pk, parent, slug, localized(en, ru)) for pk, parent, slug, en, ru in topics]
        children: dict[int, list[int]] = {}
        known = {pk for pk, *_ in topic_rows}
        for pk, parent_id, _slug, _name in topic_rows:
            children.setdefault(parent_id if parent_id in known else None, []).append(pk)
        return cls(
            groups=groups,
            formats=sorted(
                (Named(pk, slug, localized(en, ru)) for pk, slug, en, ru in formats),
                key=lambda named: collation_key(named.name),
            ),
            topics=_tree_order(topic_rows, children),
            children=children,
        )

    def group(self, slug: str) -> Named | None:
        return next((g for g in self.groups if g.slug == slug), None)

    def format(self, slug: str) -> Named | None:
        return next((f for f in self.formats if f.slug == slug), None)

    def topic(self, slug: str) -> Named | None:
        return next((o.topic for o in self.topics if o.topic.slug == slug), None)

    def topic_ids(self, topic: Named) -> frozenset[int]:
        """The topic and every topic below it, as the list's topic filter counts them."""
        found, pending = set(), [topic.pk]
        while pending:
            current = pending.pop()
            if current not in found:
                found.add(current)
                pending.extend(self.children.get(current, []))
        return frozenset(found)


def _tree_order(rows, children: dict[int, list[int]]) -> list[TopicOption]:
    by_pk = {pk: Named(pk, slug, name) for pk, _parent, slug, name in rows}
    ordered: list[TopicOption] = []

    def visit(pk: int, depth: int) -> None:
        ordered.append(TopicOption(by_pk[pk], depth))
        for child in sorted(children.get(pk, []), key=lambda c: collation_key(by_pk[c].name)):
            visit(child, depth + 1)

    for root in sorted(children.get(None, []), key=lambda c: collation_key(by_pk[c].name)):
        visit(root, 0)
    return ordered


@dataclass(frozen=True)
class Selection:
    """The valid parameters of one matrix."""

    group: Named | None = None
    format: Named | None = None
    extras: tuple[str, ...] = ()
    within: bool = False
    topic: Named | None = None
    topic_ids: frozenset[int] = frozenset()
    first_year: int | None = None
    last_year: int | None = None

    @property
    def period(self) -> str:
        first, last = self.first_year, self.last_year
        if first and last:
            return str(first) if first == last else f"{first}–{last}"
        if first:
            return _("since {year}").format(year=first)
        if last:
            return _("until {year}").format(year=last)
        return _("all years")

    def list_params(self) -> dict:
        """The list's parameters for the meetings behind every cell, countries aside."""
        return {
            "topic": self.topic.slug if self.topic else None,
            "format": self.format.slug if self.within and self.format else None,
            "from_": f"{self.first_year}-01-01" if self.first_year else None,
            "to": f"{self.last_year}-12-31" if self.last_year else None,
        }

    def query(self) -> dict:
        """The matrix's own parameters, as the form would send them."""
        return {
            "group": self.group.slug if self.group else None,
            "format": self.format.slug if self.format else None,
            "country": list(self.extras),
            "within": "1" if self.within else None,
            "topic": self.topic.slug if self.topic else None,
            "from": self.first_year,
            "to": self.last_year,
        }


@dataclass(frozen=True)
class Place:
    """A chosen country; members of the chosen group or format come before the extras."""

    code: str
    name: str
    member: bool


@dataclass(frozen=True)
class Cell:
    """One number of the grid: its column's country, the count, the list of the meetings
    behind it (empty when none), a sentence saying what it counts, and its style."""

    other: Place
    count: int
    url: str
    title: str
    css_class: str

    @property
    def diagonal(self) -> bool:
        return self.css_class == "own"


@dataclass(frozen=True)
class Row:
    country: Place
    cells: list[Cell]


@dataclass(frozen=True)
class Pair:
    a: Place
    b: Place
    count: int
    url: str


@dataclass(frozen=True)
class Shade:
    level: int
    low: int
    high: int


@dataclass
class Matrix:
    selection: Selection
    countries: list[Place]
    rows: list[Row] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    legend: list[Shade] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The chosen set in words: "Central Asia + China", "SCO + 20 other countries"."""
        extras = [place.name for place in self.countries if not place.member]
        if len(extras) > NAMED_EXTRAS:
            extras = [_("{count} other countries").format(count=len(extras))]
        parts = [
            self.selection.group.name if self.selection.group else "",
            self.selection.format.name if self.selection.format else "",
            ", ".join(extras),
        ]
        return " + ".join(part for part in parts if part)

    @property
    def too_many(self) -> bool:
        return len(self.countries) > MAX_COUNTRIES

    @property
    def busiest(self) -> Pair | None:
        """The pair that met most, when one pair alone did."""
        ranked = sorted(self.pairs, key=lambda pair: -pair.count)
        if not ranked or (len(ranked) > 1 and ranked[1].count == ranked[0].count):
            return None
        return ranked[0]

    @property
    def pair_total(self) -> int:
        n = len(self.countries)
        return n * (n - 1) // 2


def who_meets_whom(selection: Selection) -> Matrix:
    """The matrix in three queries: the chosen countries, the pair counts, the totals."""
    countries = chosen_countries(selection)
    matrix = Matrix(selection=selection, countries=countries)
    if not countries or matrix.too_many:
        return matrix
    codes = [place.code for place in countries]
    params = selection.list_params()
    pair_counts = _pair_counts(selection, codes)
    own_counts = _own_counts(selection, codes)
    bounds = _shade_bounds(sorted(pair_counts.values()))
    pair_urls: dict[tuple[str, str], str] = {}
    for i, place in enumerate(countries):
        cells = []
        for j, other in enumerate(countries):
            if i == j:
                n = own_counts.get(place.code, 0)
                url = list_url(country=place.code, **params) if n else ""
                title = _("{country}: {meetings}").format(country=place.name, meetings=_meetings(n))
                cells.append(Cell(other, n, url, title, "own"))
                continue
            key = _pair_key(place.code, other.code)
            n = pair_counts.get(key, 0)
            if n and j > i:
                pair_urls[key] = list_url(country=[place.code, other.code], **params)
                matrix.pairs.append(Pair(place, other, n, pair_urls[key]))
            title = _("{country} and {other}: {meetings}").format(
                country=place.name, other=other.name, meetings=_meetings(n)
            )
            css_class = f"shade-{_shade(n, bounds)}" if n else "none"
            cells.append(Cell(other, n, pair_urls.get(key, ""), title, css_class))
        matrix.rows.append(Row(place, cells))
    matrix.legend = _legend(bounds)
    return matrix


def chosen_countries(selection: Selection) -> list[Place]:
    """The group's and the format's members, then the extra countries, each part by name.
    A format recorded without members stands for the countries at its published meetings."""
    members = Q(pk__in=[])
    if selection.group:
        group_members = CountryGroupMember.objects.filter(group_id=selection.group.pk)
        members |= Q(code__in=group_members.values("country_id"))
    if selection.format:
        format_members = FormatMember.objects.current().filter(format_id=selection.format.pk)
        attendees = MeetingCountry.objects.filter(
            meeting__format_id=selection.format.pk, meeting__status=Status.PUBLISHED
        )
        members |= Q(code__in=format_members.values("country_id")) | (
            ~Exists(format_members) & Q(code__in=attendees.values("country_id"))
        )
    rows = (
        Country.objects.filter(members | Q(code__in=selection.extras))
        .annotate(member=ExpressionWrapper(members, output_field=BooleanField()))
        .values_list("code", "name_en", "name_ru", "member")
    )
    places = [Place(code, localized(en, ru), bool(member)) for code, en, ru, member in rows]
    return sorted(places, key=lambda place: (not place.member, collation_key(place.name)))


def _meeting_conditions(selection: Selection) -> Q:
    """The published meetings in the period, on the topic and of the format (when counting
    within it), as conditions on a meeting link; the same rules as the list's filters."""
    # Drafts are a few percent of the register: leaving out the ids their status index gives
    # spares reading every meeting's row when no period or format asks for its columns.
    unpublished = Meeting.objects.filter(status__in=UNPUBLISHED).values("pk")
    conditions = ~Q(meeting_id__in=unpublished)
    if selection.first_year:
        # As the list's "from": a meeting still going on that day belongs in.
        first_day = date(selection.first_year, 1, 1)
        conditions &= Q(meeting__start_date__gte=first_day) | Q(meeting__end_date__gte=first_day)
    if selection.last_year:
        conditions &= Q(meeting__start_date__lte=date(selection.last_year, 12, 31))
    if selection.within and selection.format:
        conditions &= Q(meeting__format_id=selection.format.pk)
    if selection.topic_ids:
        on_topic = MeetingTopic.objects.filter(topic_id__in=selection.topic_ids)
        conditions &= Q(meeting_id__in=on_topic.values("meeting_id"))
    return conditions


def _pair_counts(selection: Selection, codes: list[str]) -> dict[tuple[str, str], int]:
    """Meetings per pair: the chosen countries' links to the meetings that count, joined on
    the meeting to the same meetings' other links of chosen countries; each pair once.

    Written as SQL around the ORM's query for the first side, because the ORM can join two
    links only through the meeting table, whose every wide row PostgreSQL would then read."""
    chosen_links = MeetingCountry.objects.filter(
        _meeting_conditions(selection), country_id__in=codes
    ).values("meeting_id", "country_id")
    links_sql, links_params = chosen_links.query.sql_with_params()
    connection = connections[chosen_links.db]
    table = connection.ops.quote_name(MeetingCountry._meta.db_table)
    placeholders = ", ".join(["%s"] * len(codes))
    sql = (
        f"SELECT a.country_id, b.country_id, COUNT(*) FROM ({links_sql}) a "
        f"INNER JOIN {table} b ON b.meeting_id = a.meeting_id "
        f"WHERE b.country_id IN ({placeholders}) AND b.country_id > a.country_id "
        "GROUP BY a.country_id, b.country_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*links_params, *codes])
        return {_pair_key(a, b): n for a, b, n in cursor.fetchall()}


def _meetings(n: int) -> str:
    return ngettext("{n} meeting", "{n} meetings", n).format(n=n)


def _pair_key(a: str, b: str) -> tuple[str, str]:
    # The database orders codes by its collation; the key does not depend on it.
    return (a, b) if a < b else (b, a)


def _own_counts(selection: Selection, codes: list[str]) -> dict[str, int]:
    rows = (
        MeetingCountry.objects.filter(_meeting_conditions(selection), country_id__in=codes)
        .values_list("country_id")
        .annotate(n=Count("meeting_id"))
        .order_by()
    )
    return dict(rows)


def _shade_bounds(counts: list[int]) -> list[int]:
    """Upper bounds of the shades: quartiles of the distinct counts, so that a few busy pairs
    among many single meetings still stand out from one another."""
    distinct = sorted(set(counts))
    if not distinct:
        return []
    quartiles = [distinct[math.ceil(len(distinct) * k / SHADES) - 1] for k in range(1, SHADES)]
    return sorted({*quartiles, distinct[-1]})


def _shade(count: int, bounds: list[int]) -> int:
    index = next(i for i, high in enumerate(bounds) if count <= high)
    return _levels(len(bounds))[index]


def _levels(n: int) -> list[int]:
    """The shades n bounds use, spread so that the busiest pairs always get the darkest."""
    if n == 1:
        return [2]
    return [round(1 + (SHADES - 1) * i / (n - 1)) for i in range(n)]


def _legend(bounds: list[int]) -> list[Shade]:
    if not bounds:
        return []
    lows = [1, *(high + 1 for high in bounds[:-1])]
    levels = _levels(len(bounds))
    return [Shade(*row) for row in zip(levels, lows, bounds, strict=True)]
