"""The reads behind the API's answers that no page already makes: each a fixed number of
queries whatever the register's size, published meetings only. Answers that take grouping
over the whole register are cached under the register's version (meetings.analysis.cache)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from meetings.analysis.cache import cached
from meetings.analysis.common import StartYear, year_series
from meetings.analysis.countries import country_directory, unpublished_ids
from meetings.analysis.topics import topic_tree
from meetings.filters import unpublished_topics
from meetings.models import (
    Country,
    Document,
    Meeting,
    MeetingCountry,
    Participation,
    Person,
    Source,
    Statement,
    Status,
    Topic,
)


def meeting_detail(slug: str) -> Meeting | None:
    """A published meeting with everything its answer shows, in nine queries; None for a
    draft or an unknown slug. The sources' stored article text is never read."""
    countries = Country.objects.only("code", "name_en", "name_ru")
    topics = Topic.objects.only("slug", "name_en", "name_ru")
    person = ("person__slug", "person__name", "person__name_ru")
    return (
        Meeting.objects.published()
        .filter(slug=slug)
        .select_related("host_country", "format")
        .prefetch_related(
            Prefetch("countries", queryset=countries.order_by("code")),
            Prefetch("topics", queryset=topics.order_by("slug")),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person", "country").only(
                    "meeting", "organisation", "position", "order", *person,
                    "country__code", "country__name_en", "country__name_ru",
                ),
            ),
            Prefetch("documents", queryset=Document.objects.only("meeting", "title", "kind")),
            Prefetch("documents__signatories", queryset=countries.order_by("code")),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("speaker", "country").only(
                    "meeting", "text", "order", "speaker__slug", "speaker__name",
                    "speaker__name_ru", "country__code", "country__name_en", "country__name_ru",
                ),
            ),
            Prefetch("statements__topics", queryset=topics.order_by("slug")),
            Prefetch(
                "sources",
                queryset=Source.objects.only(
                    "meeting", "publisher", "url", "published", "language", "title", "order"
                ),
            ),
        )
        .first()
    )  # fmt: skip


# Countries


def country_rows() -> list:
    """The countries with published meetings, by code, with how many each attended: the
    countries index's directory, cached under the register's version."""
    directory = cached("countries:directory", country_directory)
    return [entry for code, entry in sorted(directory.entries.items()) if entry.meetings]


@dataclass
class CountryFacts:
    code: str
    name_en: str
    name_ru: str
    is_former: bool
    meetings: int
    hosted: int
    first: date
    last: date
    per_year: list[dict] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)


def country_facts(code: str) -> CountryFacts | None:
    """The country's published meetings per year, every partner with the meetings shared,
    and what it hosted: four queries, None when it has no published meeting."""
    country = Country.objects.filter(code=code).values("name_en", "name_ru", "is_former").first()
    if country is None:
        return None
    attended = MeetingCountry.objects.filter(country_id=code).exclude(
        meeting_id__in=unpublished_ids()
    )
    years = list(
        attended.annotate(year=StartYear("meeting__start_date"))
        .values_list("year")
        .annotate(n=Count("pk"), first=Min("meeting__start_date"), last=Max("meeting__start_date"))
        .order_by()
    )
    if not years:
        return None
    shared = (
        MeetingCountry.objects.filter(meeting_id__in=attended.values("meeting_id"))
        .exclude(country_id=code)
        .values_list("country_id", "country__name_en", "country__name_ru")
        .annotate(n=Count("pk"))
        .order_by("-n", "country_id")
    )
    return CountryFacts(
        code=code,
        is_former=country["is_former"],
        name_en=country["name_en"],
        name_ru=country["name_ru"],
        meetings=sum(n for _, n, _, _ in years),
        hosted=Meeting.objects.published().filter(host_country_id=code).count(),
        first=min(row[2] for row in years),
        last=max(row[3] for row in years),
        per_year=[
            {"year": year, "meetings": n}
            for year, n in year_series((year, n) for year, n, _, _ in years)
        ],
        partners=[
            {"code": partner, "name_en": en, "name_ru": ru, "meetings": n}
            for partner, en, ru, n in shared
        ],
    )


# Topics and people


def topic_rows() -> list[dict]:
    """Every topic the public may know of, by slug, with its parent and its published
    meetings (those tagged with it or a topic below it). A topic outside the reference tree
    that only drafts use is left out, as the list's filter leaves it unknown."""
    nodes, pending = [], list(cached("topics:tree", topic_tree))
    while pending:
        node = pending.pop()
        nodes.append(node)
        pending.extend(node.children)
    slugs = {node.id: node.slug for node in nodes}
    hidden = unpublished_topics(slugs)
    return sorted(
        (
            {
                "slug": node.slug,
                "name_en": node.name_en,
                "name_ru": node.name_ru,
                "parent": slugs.get(node.parent_id),
                "meetings": node.meetings,
            }
            for node in nodes
            if node.id not in hidden
        ),
        key=lambda row: row["slug"],
    )


def public_people() -> QuerySet:
    """People named in a published meeting, as a participant or a speaker, by name then id.
    Two semi-joins: counting everyone's meetings here would group the whole register."""
    published = Meeting.objects.published().values("pk")
    attended = Participation.objects.filter(meeting_id__in=published).values("person_id")
    spoke = Statement.objects.filter(meeting_id__in=published).values("speaker_id")
    return (
        Person.objects.filter(Q(pk__in=attended) | Q(pk__in=spoke))
        .select_related("country")
        .only("slug", "name", "name_ru", "country__code", "country__name_en", "country__name_ru")
        .order_by("name", "pk")
    )


def with_meetings_attended(people: list[Person]) -> list[Person]:
    """The people of one page, each with ``meetings``: the published meetings attended."""
    counts = dict(
        Participation.objects.filter(
            person_id__in=[person.pk for person in people], meeting__status=Status.PUBLISHED
        )
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for person in people:
        person.meetings = counts.get(person.pk, 0)
    return people
