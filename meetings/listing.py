"""What the list page shows around its results: facet counts over the filtered set, the chosen
filters as removable pills, and the links that add or remove one filter."""

from dataclasses import dataclass, field

from django.db.models import Count, Func, IntegerField, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from meetings.filters import Match, MeetingFilter, public_formats, unpublished_topics
from meetings.models import (
    Country,
    Document,
    DocumentKind,
    Level,
    MeetingCountry,
    MeetingTopic,
    Topic,
)

FACET_SIZE = 12
REPEATABLE = {"country"}


@dataclass(frozen=True)
class Option:
    label: str
    count: int
    url: str
    selected: bool
    page_url: str = ""


@dataclass(frozen=True)
class Facet:
    """A facet's busiest options first; the rest stay one click away ("show all"), and
    former states (the Soviet Union, Dahomey) are listed apart from current countries."""

    name: str
    title: str
    options: list[Option]
    more: list[Option] = field(default_factory=list)
    former: list[Option] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.options) + len(self.more)


@dataclass(frozen=True)
class Decade:
    """One bar of the year histogram: a decade's count, and its years to pick from."""

    label: str
    count: int
    share: int  # percent of the busiest decade, for the bar's width
    url: str
    years: list[Option]
    selected: bool


@dataclass(frozen=True)
class Pill:
    label: str
    remove_url: str


@dataclass(frozen=True)
class Vocabulary:
    """Every country, and every topic and format the public may know of, with its name, one
    query each (and one more for topics outside the reference tree, when there are any):
    the form's selects list them and the facets label their counts with them, so that the
    counting queries group by bare ids and join no name tables."""

    countries: dict[str, str]
    topics: dict[int, tuple[str, str]]
    formats: dict[int, tuple[str, str]]
    former: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> "Vocabulary":
        def by_id(queryset) -> dict[int, tuple[str, str]]:
            rows = queryset.order_by("name_en").values_list("id", "slug", "name_en")
            return {pk: (slug, name) for pk, slug, name in rows}

        rows = Country.objects.order_by("name_en").values_list("code", "name_en", "is_former")
        topics = by_id(Topic.objects.all())
        hidden = unpublished_topics({pk: slug for pk, (slug, _) in topics.items()})
        return cls(
            countries={code: name for code, name, _ in rows},
            topics={pk: named for pk, named in topics.items() if pk not in hidden},
            formats=by_id(public_formats()),
            former=frozenset(code for code, _, is_former in rows if is_former),
        )


def link(params: QueryDict, name: str, value: str, *, drop: bool = False) -> str:
    """The current query with one parameter value added (or replaced) or dropped; the page
    number always goes, because a new filter starts a new list."""
    changed = params.copy()
    changed.pop("page", None)
    values = changed.getlist(name)
    if drop:
        changed.setlist(name, [v for v in values if _same(v) != _same(value)])
    elif name in REPEATABLE:
        changed.setlist(name, values if value in values else [*values, value])
    else:
        changed.setlist(name, [value])
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


def _same(value: str) -> str:
    # Codes arrive in either case ("kg" and "KG" are one country).
    return value.strip().casefold()


class StartYear(Func):
    """The year of a date. Django's ExtractYear calls a Python function per row on SQLite,
    which costs half a second over 100,000 meetings; SQLite keeps dates as ISO text."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(substr(%(expressions)s, 1, 4) AS integer)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def facets(
    matched: QuerySet, params: QueryDict, vocabulary: Vocabulary
) -> tuple[list[Facet], list[Decade]]:
    """Counts of every facet over the filtered set, one query per facet whatever its size:
    the facets, and the years as a histogram by decade."""
    ids = matched.order_by().values("pk")
    # Grouping the filtered queryset itself leaves out its rank annotation; the facets over
    # other tables must not join through it, since its country filter joins the same links.
    meetings = matched.order_by()
    countries = (
        MeetingCountry.objects.filter(meeting_id__in=ids)
        .values_list("country_id")
        .annotate(n=Count("meeting_id"))
        .order_by()
    )
    topics = (
        MeetingTopic.objects.filter(meeting_id__in=ids)
        .values_list("topic_id")
        .annotate(n=Count("meeting_id"))
        .order_by()
    )
    formats = (
        meetings.filter(format__isnull=False)
        .values_list("format_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    levels = (
        meetings.exclude(level="")
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by("-n", "level")
    )
    years = (
        meetings.annotate(year=StartYear("start_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    kinds = (
        Document.objects.filter(meeting_id__in=ids)
        .values_list("kind")
        .annotate(n=Count("meeting_id", distinct=True))
        .order_by("-n", "kind")
    )
    country_rows = [(code, vocabulary.countries[code], n) for code, n in countries]
    current = [row for row in country_rows if row[0] not in vocabulary.former]
    former = [row for row in country_rows if row[0] in vocabulary.former]
    return [
        _facet(params, "country", "Countries", _most_common(current), former=_most_common(former)),
        _facet(params, "topic", "Topics", _most_common(
            (*vocabulary.topics[pk], n) for pk, n in topics
        )),
        _facet(params, "format", "Formats", _most_common(
            (*vocabulary.formats[pk], n) for pk, n in formats
        )),
        _facet(params, "level", "Level", [
            (level, Level(level).label, n) for level, n in levels
        ]),
        _facet(params, "kind", "Adopted documents", [
            (kind, DocumentKind(kind).label, n) for kind, n in kinds
        ]),
    ], decades(params, list(years))  # fmt: skip


def _most_common(rows) -> list[tuple[str, str, int]]:
    # At most a few hundred rows (one per country, topic or format) come back, so the ties
    # are broken by name here, where the names are.
    return sorted(rows, key=lambda row: (-row[2], row[1]))


def _options(params: QueryDict, name: str, rows) -> list[Option]:
    chosen = {_same(value) for value in params.getlist(name)}
    options = []
    for value, label, count in rows:
        value = str(value)
        selected = _same(value) in chosen
        url = link(params, name, value, drop=selected)
        options.append(Option(label, count, url, selected, _page_url(name, value)))
    return options


def _facet(params: QueryDict, name: str, title: str, rows, former=()) -> Facet:
    options = _options(params, name, rows)
    # A chosen option is never hidden behind "show all".
    shown = [o for i, o in enumerate(options) if i < FACET_SIZE or o.selected]
    more = [o for i, o in enumerate(options) if i >= FACET_SIZE and not o.selected]
    return Facet(name, title, shown, more, _options(params, name, former))


def decades(params: QueryDict, years: list[tuple[int, int]]) -> list[Decade]:
    """The year facet as a histogram by decade, newest first; each decade links to its
    date range and holds its years. A chosen year's decade is marked so that it shows open."""
    by_decade: dict[int, list[tuple[int, int]]] = {}
    for year, count in years:
        by_decade.setdefault(year - year % 10, []).append((year, count))
    totals = {start: sum(n for _, n in rows) for start, rows in by_decade.items()}
    busiest = max(totals.values(), default=0)
    chosen_year = params.get("year", "").strip()
    found = []
    for start in sorted(by_decade, reverse=True):
        rows = sorted(by_decade[start], reverse=True)
        options = _options(params, "year", [(str(y), str(y), n) for y, n in rows])
        decade_range = params.copy()
        decade_range.pop("year", None)
        decade_range.setlist("from", [f"{start}-01-01"])
        decade_range.setlist("to", [f"{start + 9}-12-31"])
        found.append(
            Decade(
                label=f"{start}s",
                count=totals[start],
                share=max(1, round(100 * totals[start] / busiest)),
                url=link(decade_range, "from", f"{start}-01-01"),
                years=options,
                selected=any(o.selected for o in options) or chosen_year[:3] == str(start)[:3],
            )
        )
    return found


PAGES = {"country": "meetings:country", "topic": "meetings:topic", "format": "meetings:format"}


def _page_url(name: str, value: str) -> str:
    """The page of a facet's country, topic or format, or the documents of a kind."""
    if name in PAGES:
        return reverse(PAGES[name], args=[value])
    if name == "kind":
        return f"{reverse('meetings:documents')}?kind={value}"
    return ""


def pills(filterset: MeetingFilter, params: QueryDict) -> list[Pill]:
    """One removable pill per chosen filter value, labelled in words rather than codes."""
    data = filterset.form.cleaned_data
    found = []

    def add(name: str, raw: str, label: str) -> None:
        found.append(Pill(label=label, remove_url=link(params, name, raw, drop=True)))

    if data.get("q"):
        add("q", params.get("q"), f"Words: {data['q']}")
    for country in data.get("country") or []:
        add("country", country.code, f"Country: {country.name_en}")
    if data.get("match") == Match.ANY and len(data.get("country") or []) > 1:
        add("match", Match.ANY, "Any of these countries")
    if data.get("host"):
        add("host", data["host"].code, f"Host: {data['host'].name_en}")
    if data.get("topic"):
        add("topic", data["topic"].slug, f"Topic: {data['topic'].name_en}")
    if data.get("format"):
        add("format", data["format"].slug, f"Format: {data['format'].name_en}")
    if data.get("person"):
        add("person", data["person"].slug, f"Person: {data['person'].name}")
    if data.get("level"):
        add("level", data["level"], f"Level: {Level(data['level']).label}")
    if data.get("kind"):
        add("kind", data["kind"], f"Adopted: {DocumentKind(data['kind']).label}")
    if data.get("year"):
        add("year", str(data["year"]), f"Year: {data['year']}")
    for name in ("from", "to"):
        if data.get(name):
            add(name, params.get(name), f"{name.capitalize()}: {data[name]:%Y-%m-%d}")
    return found


def select_options(params: QueryDict, vocabulary: Vocabulary) -> dict[str, SafeString]:
    """The <option>s of the form's long selects, the chosen ones selected. Built here rather
    than by Django's widgets, which render each of these 650 options through a template and
    so cost more than the rest of the page."""

    def options(name: str, rows) -> SafeString:
        chosen = {_same(value) for value in params.getlist(name)}
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if _same(value) in chosen else "", label)
                for value, label in rows
            ),
        )

    def grouped(name: str) -> SafeString:
        # Former states (the Soviet Union, Yugoslavia) sit apart from today's countries.
        current = [(c, n) for c, n in vocabulary.countries.items() if c not in vocabulary.former]
        former = [(c, n) for c, n in vocabulary.countries.items() if c in vocabulary.former]
        return format_html(
            '<optgroup label="Countries">{}</optgroup><optgroup label="Former states">{}'
            "</optgroup>",
            options(name, current),
            options(name, former),
        )

    return {
        "country": grouped("country"),
        "host": grouped("host"),
        "topic": options("topic", vocabulary.topics.values()),
        "format": options("format", vocabulary.formats.values()),
    }
