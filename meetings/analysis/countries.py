"""What the country pages show: every country with its published meetings, and one country's
activity, partners, formats, topics, documents, representatives and latest meetings.

Every figure counts published meetings only and comes with the list URL that shows exactly the
meetings behind it. Each function runs a fixed number of grouped queries whatever the size of
the register; names come from one query and are joined in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, IntegerField, Max, Min, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.analysis.common import StartYear, list_url, year_series
from meetings.charts import Bar, Chart
from meetings.models import (
    Country,
    CountryAlias,
    CountryGroupMember,
    Document,
    DocumentKind,
    DocumentSignatory,
    Format,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Participation,
    Status,
    Topic,
)
from meetings.templatetags.names import collation_key, in_russian, localized

TOP_PARTNERS = 12
PARTNERS_EACH_YEAR = 5
PARTNER_YEARS = 10
TOP_FORMATS = 10
TOP_TOPICS = 10
TOP_PEOPLE = 15
LATEST_MEETINGS = 8


class SortBy:
    NAME = "name"
    COUNT = "count"
    CHOICES = [(NAME, gettext_lazy("By name")), (COUNT, gettext_lazy("By number of meetings"))]


def normalised(text: str) -> str:
    """Text as the filter box compares it: case-folded, with ё read as е."""
    return text.casefold().replace("ё", "е")


def country_url(code: str) -> str:
    return reverse("meetings:country", args=[code])


def unpublished_ids():
    """The ids of meetings the public must not see, found through the status index. Queries
    that need nothing else of a meeting leave these out rather than join the wide meetings
    table just to read its status."""
    hidden = [status for status in Status.values if status != Status.PUBLISHED]
    return Meeting.objects.filter(status__in=hidden).values("pk")


# The index of countries


@dataclass(frozen=True)
class CountryEntry:
    code: str
    name_en: str
    name_ru: str
    meetings: int
    # A country without published meetings has no page (it answers 404) and no list.
    page_url: str = ""
    meetings_url: str = ""


@dataclass(frozen=True)
class GroupEntry:
    slug: str
    name_en: str
    name_ru: str
    members: list[CountryEntry]


@dataclass(frozen=True)
class CountryIndex:
    groups: list[GroupEntry]
    countries: list[CountryEntry]
    with_meetings: int


@dataclass(frozen=True)
class _Group:
    slug: str
    name_en: str
    name_ru: str
    names: tuple[str, ...]  # normalised, aliases included
    members: tuple[str, ...]


@dataclass(frozen=True)
class CountryDirectory:
    """Every country with its published meetings and the names it is known by, and the
    groups: everything the index shows, in one object that can be cached whole. Filtering
    and sorting it is plain Python over a few hundred countries."""

    entries: dict[str, CountryEntry]
    codes: dict[str, tuple[str, str]]  # case-folded alpha-2 and alpha-3
    names: dict[str, tuple[str, ...]]  # normalised names and aliases
    groups: list[_Group]

    def index(self, query: str = "", sort: str = SortBy.NAME) -> CountryIndex:
        """The countries with published meetings whose code is ``query`` or whose name or
        alias contains it, in either script, and the groups with published meetings (when
        filtering, those whose own name contains it)."""
        needle = normalised(query.strip())
        active = [entry for entry in self.entries.values() if entry.meetings]
        groups = [
            GroupEntry(
                group.slug,
                group.name_en,
                group.name_ru,
                _sorted([self.entries[code] for code in group.members], sort),
            )
            for group in self.groups
            if any(self.entries[code].meetings for code in group.members)
            and (not needle or any(needle in name for name in group.names))
        ]
        return CountryIndex(
            groups=groups,
            countries=_sorted([e for e in active if not needle or self._matches(e, needle)], sort),
            with_meetings=len(active),
        )

    def _matches(self, entry: CountryEntry, needle: str) -> bool:
        return needle in self.codes[entry.code] or any(
            needle in name for name in self.names[entry.code]
        )


def country_directory() -> CountryDirectory:
    counts = dict(
        MeetingCountry.objects.filter(meeting__status=Status.PUBLISHED)
        .values_list("country_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    entries, codes, names = {}, {}, defaultdict(list)
    for code, alpha3, name_en, name_ru in Country.objects.values_list(
        "code", "alpha3", "name_en", "name_ru"
    ):
        n = counts.get(code, 0)
        entries[code] = CountryEntry(
            code,
            name_en,
            name_ru,
            n,
            page_url=country_url(code) if n else "",
            meetings_url=list_url(country=code) if n else "",
        )
        codes[code] = (code.casefold(), alpha3.casefold())
        names[code] += [normalised(name_en), normalised(name_ru)]
    for code, alias in CountryAlias.objects.values_list("country_id", "name"):
        names[code].append(normalised(alias))
    return CountryDirectory(
        entries=entries,
        codes=codes,
        names={code: tuple(known) for code, known in names.items()},
        groups=_groups(),
    )


def _groups() -> list[_Group]:
    rows = CountryGroupMember.objects.order_by("group__name_en", "country__name_en").values_list(
        "group__slug", "group__name_en", "group__name_ru", "group__aliases", "country_id"
    )
    members = defaultdict(list)
    for slug, name_en, name_ru, aliases, code in rows:
        members[(slug, name_en, name_ru, aliases)].append(code)
    return [
        _Group(
            slug,
            name_en,
            name_ru,
            tuple(normalised(name) for name in (name_en, name_ru, *aliases.splitlines())),
            tuple(codes),
        )
        for (slug, name_en, name_ru, aliases), codes in members.items()
    ]


def _sorted(entries: list[CountryEntry], sort: str) -> list[CountryEntry]:
    """In the interface language's order of names ("Кыргызстан" under К in Russian)."""

    def by_name(entry: CountryEntry) -> tuple:
        return collation_key(localized(entry.name_en, entry.name_ru))

    if sort == SortBy.COUNT:
        return sorted(entries, key=lambda entry: (-entry.meetings, by_name(entry)))
    return sorted(entries, key=by_name)


# One country's page


@dataclass(frozen=True)
class Ranked:
    """A country, format or topic with its page, and a count with the list behind it."""

    name: str
    page_url: str
    count: int
    count_url: str
    share: int = 100  # percent of the first row's count, for the bar beside it
    name_ru: str = ""


@dataclass(frozen=True)
class PartnerYear:
    year: int
    meetings: int
    meetings_url: str
    partners: list[Ranked]


@dataclass(frozen=True)
class DocumentKindRow:
    kind: str
    label: str
    kind_url: str
    signed: int
    signed_url: str
    meetings: int
    meetings_url: str


@dataclass(frozen=True)
class Position:
    title: str
    first: date
    last: date


@dataclass(frozen=True)
class Representative:
    name: str
    name_ru: str
    page_url: str
    first: date
    last: date
    positions: list[Position]
    meetings: int
    meetings_url: str


@dataclass
class CountryPage:
    code: str
    name_en: str
    name_ru: str
    meetings: int
    first: date
    last: date
    hosted: int
    activity: Chart
    partners: list[Ranked] = field(default_factory=list)
    partners_by_year: list[PartnerYear] = field(default_factory=list)
    formats: list[Ranked] = field(default_factory=list)
    topics: list[Ranked] = field(default_factory=list)
    documents: list[DocumentKindRow] = field(default_factory=list)
    people: list[Representative] = field(default_factory=list)
    more_people: bool = False

    @property
    def meetings_url(self) -> str:
        return list_url(country=self.code)

    @property
    def oldest_first_url(self) -> str:
        return list_url(country=self.code, sort="date")

    @property
    def hosted_url(self) -> str:
        return list_url(host=self.code)


def _years(code: str) -> tuple[dict[int, int], date, date] | None:
    """The country's published meetings per year, and its first and last meeting dates."""
    rows = list(
        MeetingCountry.objects.filter(country_id=code, meeting__status=Status.PUBLISHED)
        .annotate(year=StartYear("meeting__start_date"))
        .values_list("year")
        .annotate(n=Count("pk"), first=Min("meeting__start_date"), last=Max("meeting__start_date"))
        .order_by()
    )
    if not rows:
        return None
    years = {year: n for year, n, _, _ in rows}
    return years, min(row[2] for row in rows), max(row[3] for row in rows)


def _activity_chart(code: str, name: str, years: dict[int, int]) -> Chart:
    series = year_series(years.items())
    busiest, most = max(series, key=lambda pair: (pair[1], pair[0]))
    first, last = series[0][0], series[-1][0]
    if first == last:
        description = _(
            "Published meetings {name} attended in {first}; the busiest year was {busiest} "
            "with {most}."
        )
    else:
        description = _(
            "Published meetings {name} attended each year from {first} to {last}; the busiest "
            "year was {busiest} with {most}."
        )
    return Chart(
        slug="activity",
        title=_("Meetings of {name} per year").format(name=name),
        description=description.format(
            name=name, first=first, last=last, busiest=busiest, most=most
        ),
        bars=[Bar(str(year), n, list_url(country=code, year=year)) for year, n in series],
        csv_url=reverse("meetings:country_activity_csv", args=[code]),
    )


def country_page(code: str) -> CountryPage | None:
    """Everything the page of the country with this upper-case code shows; None when the code
    is unknown or the country has no published meetings (so a draft reveals nothing)."""
    both = {
        iso: (en, ru) for iso, en, ru in Country.objects.values_list("code", "name_en", "name_ru")
    }
    # Each country's name in the interface language, then in the other one.
    names = {iso: (ru or en, en) if in_russian() else (en, ru) for iso, (en, ru) in both.items()}
    found = _years(code) if code in names else None
    if found is None:
        return None
    years, first, last = found
    name_en, name_ru = both[code]
    attended = _attended(code)
    people, more_people = _representatives(code)
    return CountryPage(
        code=code,
        name_en=name_en,
        name_ru=name_ru,
        meetings=sum(years.values()),
        first=first,
        last=last,
        hosted=Meeting.objects.published().filter(host_country_id=code).count(),
        activity=_activity_chart(code, names[code][0], years),
        partners=_partners(code, attended, names),
        partners_by_year=_partners_by_year(code, attended, names, years),
        formats=_formats(code),
        topics=_topics(code, attended),
        documents=_documents(code, attended),
        people=people,
        more_people=more_people,
    )


def latest_meetings(code: str) -> list[Meeting]:
    """The country's latest published meetings, as the list shows them."""
    attended = Meeting.objects.published().filter(country_links__country_id=code)
    return list(attended.order_by("-start_date", "-pk").for_listing()[:LATEST_MEETINGS])


def _ranked(rows: list[tuple[str, str, int, str, str]]) -> list[Ranked]:
    """(name, page URL, count, list URL, name in the other language) rows, largest first."""
    top = max((row[2] for row in rows), default=0) or 1
    return [
        Ranked(name, page, n, url, share=round(100 * n / top), name_ru=ru)
        for name, page, n, url, ru in rows
    ]


def _attended(code: str):
    """The ids of the country's published meetings, as a subquery."""
    return (
        MeetingCountry.objects.filter(country_id=code)
        .exclude(meeting_id__in=unpublished_ids())
        .values("meeting_id")
    )


def _partners(code: str, attended, names: dict[str, tuple[str, str]]) -> list[Ranked]:
    """The countries met most often: one row per partner per meeting, grouped by partner."""
    shared = MeetingCountry.objects.filter(meeting_id__in=attended).exclude(country_id=code)
    counts = shared.values_list("country_id").annotate(n=Count("pk")).order_by()
    top = sorted(counts, key=lambda row: (-row[1], collation_key(names[row[0]][0])))
    top = top[:TOP_PARTNERS]
    return _ranked(
        [
            (
                names[partner][0],
                country_url(partner),
                n,
                list_url(country=[code, partner]),
                names[partner][1],
            )
            for partner, n in top
        ]
    )


def _partners_by_year(
    code: str, attended, names: dict[str, tuple[str, str]], years: dict[int, int]
) -> list[PartnerYear]:
    recent = sorted(years, reverse=True)[:PARTNER_YEARS]
    rows = (
        MeetingCountry.objects.filter(
            meeting_id__in=attended, meeting__start_date__gte=date(recent[-1], 1, 1)
        )
        .exclude(country_id=code)
        .annotate(year=StartYear("meeting__start_date"))
        .values_list("year", "country_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_year = defaultdict(list)
    for year, partner, n in rows:
        by_year[year].append((partner, n))
    table = []
    for year in recent:
        top = sorted(by_year[year], key=lambda row: (-row[1], collation_key(names[row[0]][0])))
        partners = [
            Ranked(
                names[partner][0],
                country_url(partner),
                n,
                list_url(country=[code, partner], year=year),
            )
            for partner, n in top[:PARTNERS_EACH_YEAR]
        ]
        table.append(PartnerYear(year, years[year], list_url(country=code, year=year), partners))
    return table


def _formats(code: str) -> list[Ranked]:
    formats = (
        Format.objects.filter(
            meetings__status=Status.PUBLISHED, meetings__country_links__country_id=code
        )
        .values_list("slug", "name_en", "name_ru")
        .annotate(n=Count("meetings"))
        .order_by("-n", "name_en")[:TOP_FORMATS]
    )
    return _ranked(
        [
            (
                localized(name, name_ru),
                reverse("meetings:format", args=[slug]),
                n,
                list_url(country=code, format=slug),
                "",
            )
            for slug, name, name_ru, n in formats
        ]
    )


def _topics(code: str, attended) -> list[Ranked]:
    """The topics of most of the country's meetings. As in the list's topic filter, a
    meeting counts for a topic when it is tagged with it or with any topic below it."""
    topics = {
        pk: (slug, localized(name, name_ru), parent)
        for pk, slug, name, name_ru, parent in Topic.objects.values_list(
            "id", "slug", "name_en", "name_ru", "parent_id"
        )
    }
    counts = _counts_with_subtopics(MeetingTopic.objects.filter(meeting_id__in=attended), topics)
    top = sorted(counts.items(), key=lambda row: (-row[1], collation_key(topics[row[0]][1])))
    top = top[:TOP_TOPICS]
    return _ranked(
        [
            (
                topics[pk][1],
                reverse("meetings:topic", args=[topics[pk][0]]),
                n,
                list_url(country=code, topic=topics[pk][0]),
                "",
            )
            for pk, n in top
        ]
    )


def _counts_with_subtopics(links, topics: dict[int, tuple]) -> dict[int, int]:
    """Meetings per topic, a meeting counted once under each topic above any of its tags.

    A topic has one depth, so grouping the links by their ancestor at depth k counts each
    topic of depth k exactly once per meeting; the groupings of every depth go to the
    database as one UNION ALL. The ancestor at depth k of a link's topic is found by walking
    up its parent columns (topic, topic's parent, ...), deepest first."""
    depth = _depth(topics)
    chain = ["topic_id"] + [f"topic{'__parent' * up}_id" for up in range(1, depth)]
    branches = []
    for k in range(depth):
        ancestor = Case(
            *[
                When(**{f"{chain[level]}__isnull": False}, then=F(chain[level - k]))
                for level in reversed(range(k, depth))
            ],
            output_field=IntegerField(),
        )
        branches.append(
            links.annotate(ancestor=ancestor)
            .filter(ancestor__isnull=False)
            .values_list("ancestor")
            .annotate(n=Count("meeting_id", distinct=True))
            .order_by()
        )
    return dict(branches[0].union(*branches[1:], all=True))


def _depth(topics: dict[int, tuple]) -> int:
    """How many levels the topic tree has (1 when every topic is a root)."""
    deepest = 1
    for pk in topics:
        seen, parent = {pk}, topics[pk][2]
        while parent is not None and parent not in seen:  # a cycle entered by hand ends it
            seen.add(parent)
            parent = topics[parent][2]
        deepest = max(deepest, len(seen))
    return deepest


def _documents(code: str, attended) -> list[DocumentKindRow]:
    signed = dict(
        DocumentSignatory.objects.filter(country_id=code)
        .exclude(document__meeting_id__in=unpublished_ids())
        .values_list("document__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    adopted = dict(
        Document.objects.filter(meeting_id__in=attended)
        .values_list("kind")
        .annotate(n=Count("meeting_id", distinct=True))
        .order_by()
    )
    documents = reverse("meetings:documents")
    return [
        DocumentKindRow(
            kind=kind,
            label=str(label),
            kind_url=f"{documents}?kind={kind}",
            signed=signed.get(kind, 0),
            signed_url=f"{documents}?signatory={code}&kind={kind}",
            meetings=adopted.get(kind, 0),
            meetings_url=list_url(country=code, kind=kind),
        )
        for kind, label in DocumentKind.choices
        if kind in signed or kind in adopted
    ]


def _representatives(code: str) -> tuple[list[Representative], bool]:
    """The people who represented the country, those seen most recently first, and whether
    there are more than are shown."""
    represented = Participation.objects.filter(country_id=code, meeting__status=Status.PUBLISHED)
    ranked = list(
        represented.values_list("person_id")
        .annotate(first=Min("meeting__start_date"), last=Max("meeting__start_date"))
        .order_by("-last", "person_id")[: TOP_PEOPLE + 1]
    )
    shown = ranked[:TOP_PEOPLE]
    # Their names and positions while representing the country, and every published meeting
    # they attended on any side, which their list counts. (Nobody named, no query.)
    held = (
        Participation.objects.filter(
            person_id__in=[person for person, _, _ in shown], meeting__status=Status.PUBLISHED
        )
        .values_list(
            "person_id", "person__name", "person__name_ru", "person__slug", "country_id", "position"
        )
        .annotate(n=Count("pk"), first=Min("meeting__start_date"), last=Max("meeting__start_date"))
        .order_by("first", "position")
    )
    names, meetings, positions = {}, defaultdict(int), defaultdict(list)
    for person, name, name_ru, slug, country, position, n, first, last in held:
        names[person] = (name, name_ru, slug)
        meetings[person] += n
        if country == code and position:
            positions[person].append(Position(position, first, last))
    return [
        Representative(
            name=names[person][0],
            name_ru=names[person][1],
            page_url=reverse("meetings:person", args=[names[person][2]]),
            first=first,
            last=last,
            positions=positions[person],
            meetings=meetings[person],
            meetings_url=list_url(person=names[person][2]),
        )
        for person, first, last in shown
    ], len(ranked) > TOP_PEOPLE
