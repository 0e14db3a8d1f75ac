"""What the list page shows around its results: facet counts over the filtered set, the chosen
filters as removable pills, and the links that add or remove one filter.

What the list computes from the register is kept between requests under the register's
version, as the analyst pages' answers are (meetings.analysis.cache explains why a draft or a
stale count can never be served), since it changes only when the register does: the names
(the vocabulary), the facet counts (which give the number of results), the form's long option
lists, the facets rendered with their links, the ids of the first pages in the list's order
and each result's line. The version is read once a request, before anything is computed, when
the vocabulary is loaded; everything else is filed under that same version. Building a page
from them reads only the page's meetings (and, for a search, the texts its snippets come from).
"""

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Func, IntegerField, Prefetch, QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meetings.analysis.cache import TIMEOUT, digest, kept, register_version
from meetings.filters import Match, MeetingFilter, public_formats, unpublished_topics
from meetings.models import (
    Country,
    Document,
    DocumentKind,
    Level,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Topic,
)
from meetings.templatetags.names import collation_key, localized

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
    """Every country, and every topic and format the public may know of, with its name in the
    interface language and in that language's order, one query each (and one more for topics
    outside the reference tree, when there are any):
    the form's selects list them and the facets label their counts with them, so that the
    counting queries group by bare ids and join no name tables."""

    countries: dict[str, str]
    topics: dict[int, tuple[str, str]]
    formats: dict[int, tuple[str, str]]
    former: frozenset[str] = frozenset()
    # The register's version read before these names were, which the facet counts and the
    # option lists computed for the same request are filed under; None keeps nothing.
    version: int | None = None

    @classmethod
    def load(cls) -> "Vocabulary":
        version = register_version()
        if version is None:
            return cls._read()
        found = _kept(version, f"vocabulary:{get_language()}", cls._read)
        return cls(**{**found.__dict__, "version": version})

    @classmethod
    def _read(cls) -> "Vocabulary":
        def by_name(rows):
            # (key, name_en, name_ru, extra) as (key, name, extra), in the reader's order.
            named = [(key, localized(en, ru), extra) for key, en, ru, extra in rows]
            return sorted(named, key=lambda row: collation_key(row[1]))

        def by_id(queryset) -> dict[int, tuple[str, str]]:
            rows = queryset.order_by().values_list("id", "name_en", "name_ru", "slug")
            return {pk: (slug, name) for pk, name, slug in by_name(rows)}

        rows = by_name(
            Country.objects.order_by().values_list("code", "name_en", "name_ru", "is_former")
        )
        topics = by_id(Topic.objects.all())
        hidden = unpublished_topics({pk: slug for pk, (slug, _name) in topics.items()})
        return cls(
            countries={code: name for code, name, _former in rows},
            topics={pk: named for pk, named in topics.items() if pk not in hidden},
            formats=by_id(public_formats()),
            former=frozenset(code for code, _name, is_former in rows if is_former),
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


class _Links:
    """``link(params, name, value)`` for the many values of one facet: the rest of the query is
    encoded once, not once per option (a facet lists up to a few hundred)."""

    def __init__(self, params: QueryDict, name: str):
        self.name = name
        self.values = params.getlist(name)
        self.before: list[str] = []
        self.after: list[str] = []
        seen = False
        for key, values in params.lists():
            if key == name:
                seen = True
            elif key != "page":
                pieces = self.after if seen else self.before
                pieces.extend(urlencode({key: value}) for value in values)

    def __call__(self, value: str, *, drop: bool = False) -> str:
        if drop:
            values = [v for v in self.values if _same(v) != _same(value)]
        elif self.name in REPEATABLE:
            values = self.values if value in self.values else [*self.values, value]
        else:
            values = [value]
        mine = [urlencode({self.name: v}) for v in values]
        encoded = "&".join([*self.before, *mine, *self.after])
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


def _kept(version: int | None, key: str, compute, *, compressed: bool = False):
    """``compute()``, or what it gave for ``key`` at the register's ``version`` (read before
    this request computed anything; see meetings.analysis.cache)."""
    return kept(version, f"listing:{key}", compute, compressed=compressed)


@dataclass(frozen=True)
class Counts:
    """The facet counts of one filtered set, as the database gives them."""

    countries: list[tuple[str, int]]
    topics: list[tuple[int, int]]
    formats: list[tuple[int, int]]
    levels: list[tuple[str, int]]
    years: list[tuple[int, int]]
    kinds: list[tuple[str, int]]

    @property
    def total(self) -> int:
        """How many meetings the filtered set holds: each has one start date, so one year."""
        return sum(n for _year, n in self.years)


def facet_counts(matched: QuerySet, version: int | None = None) -> Counts:
    """The counts over the filtered set, in one query whatever its size; kept under
    ``version`` and the filtered set's SQL, so two requests that filter alike (in any order
    of parameters, with any sort or page) share one answer."""
    # Selecting named columns of the filtered queryset leaves out its rank annotation.
    found = matched.order_by().annotate(year=StartYear("start_date"))
    found = found.values_list("pk", "format_id", "level", "year")
    try:
        sql, params = found.query.sql_with_params()
    except EmptyResultSet:  # a filter that nothing can match
        return Counts([], [], [], [], [], [])
    return _kept(
        version, f"facets:{digest((sql, params))}", lambda: _count(matched.db, sql, params)
    )


# The first pages of a list are kept as their meetings' ids in the list's order, under the
# register's version as the counts are: turning a page, or asking again, then reads only the
# page's meetings instead of filtering (and ranking) every match once more.
KEPT_IDS = 1000


class Results:
    """The filtered meetings in the list's order, as a Paginator reads them: their number
    from the facet counts, and each page's meetings by their ids."""

    def __init__(self, ordered: QuerySet, total: int, version: int | None):
        # Not "ordered": a Paginator reads that attribute as a flag.
        self.queryset = ordered
        self.total = total
        self.version = version

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Meeting]:
        first = self._first_ids()
        if window.stop <= len(first) or len(first) < KEPT_IDS:
            ids = first[window]
        else:
            ids = tuple(self.queryset.values_list("pk", flat=True)[window])
        # Read now and published only: a meeting withdrawn since the ids were kept is left out.
        found = Meeting.objects.published().select_related("host_country").in_bulk(ids)
        meetings = [found[pk] for pk in ids if pk in found]
        with_lines(meetings, self.version)
        return meetings

    def _first_ids(self) -> tuple[int, ...]:
        ids = self.queryset.values_list("pk", flat=True)
        try:
            sql, params = ids.query.sql_with_params()
        except EmptyResultSet:  # a filter that nothing can match
            return ()
        return _kept(self.version, f"ids:{digest((sql, params))}", lambda: tuple(ids[:KEPT_IDS]))


def with_lines(meetings: list[Meeting], version: int | None) -> None:
    """Gives each meeting its ``line``: the HTML of its title, dates, place and countries,
    rendered once per register version and language, since a page's twenty lines cost more
    to render than the rest of the list. The countries of the lines not kept yet are read
    in one query."""
    language = get_language()
    keys = {
        m.pk: f"summitry:listing:{version}:line:{language}:{m.pk}"
        for m in meetings
        if version is not None
    }
    kept = cache.get_many(keys.values())
    missing = [m for m in meetings if keys.get(m.pk) not in kept]
    countries = Country.objects.only("code", "name_en", "name_ru")
    prefetch_related_objects(missing, Prefetch("countries", queryset=countries))
    for meeting in meetings:
        key = keys.get(meeting.pk)
        meeting.line = (
            kept[key]
            if key in kept
            else render_to_string("meetings/_result_line.html", {"meeting": meeting})
        )
    cache.set_many({keys[m.pk]: m.line for m in missing if m.pk in keys}, TIMEOUT)


FACET_NAMES = ("country", "topic", "format", "level", "year", "kind")


def _count(using: str, matched_sql: str, params) -> Counts:
    """The six facets as one statement: the filtered set is found once, kept (MATERIALIZED)
    and grouped six ways, where a query per facet found it six times."""
    links, topics, documents = (
        model._meta.db_table for model in (MeetingCountry, MeetingTopic, Document)
    )
    sql = (
        f"WITH matched (id, format_id, level, year) AS MATERIALIZED ({matched_sql})"
        f" SELECT 'country', country_id, COUNT(*) FROM {links}"
        " JOIN matched ON meeting_id = matched.id GROUP BY country_id"
        f" UNION ALL SELECT 'topic', CAST(topic_id AS text), COUNT(*) FROM {topics}"
        " JOIN matched ON meeting_id = matched.id GROUP BY topic_id"
        " UNION ALL SELECT 'format', CAST(format_id AS text), COUNT(*) FROM matched"
        " WHERE format_id IS NOT NULL GROUP BY format_id"
        " UNION ALL SELECT 'level', level, COUNT(*) FROM matched WHERE level <> '' GROUP BY level"
        " UNION ALL SELECT 'year', CAST(year AS text), COUNT(*) FROM matched GROUP BY year"
        f" UNION ALL SELECT 'kind', kind, COUNT(DISTINCT meeting_id) FROM {documents}"
        " JOIN matched ON meeting_id = matched.id GROUP BY kind"
    )
    # Joined rather than "IN (SELECT id FROM matched)": PostgreSQL has no statistics on a
    # CTE, guesses 200 distinct ids and looks each link up by index, for every meeting.
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_facet: dict[str, list] = {name: [] for name in FACET_NAMES}
    for name, key, n in rows:
        by_facet[name].append((key, n))
    return Counts(
        countries=by_facet["country"],
        topics=[(int(pk), n) for pk, n in by_facet["topic"]],
        formats=[(int(pk), n) for pk, n in by_facet["format"]],
        levels=sorted(by_facet["level"], key=lambda row: (-row[1], row[0])),
        years=sorted(((int(year), n) for year, n in by_facet["year"]), reverse=True),
        kinds=sorted(by_facet["kind"], key=lambda row: (-row[1], row[0])),
    )


@dataclass(frozen=True)
class Refinements:
    """The facets and the year histogram of one list, and their HTML: about a thousand links
    on an unfiltered list, which cost more to render than the rest of the page."""

    facets: list[Facet]
    decades: list[Decade]
    html: SafeString


def refinements(counts: Counts, params: QueryDict, vocabulary: Vocabulary) -> Refinements:
    """The facets over the filtered set with their links, rendered; kept under the
    vocabulary's version, the language and the query (the links carry every parameter but
    the page number, in the order given)."""
    query = [(name, params.getlist(name)) for name in params if name != "page"]
    # About 180 kB a query pickled (the options of every facet, and their HTML); 25 kB so.
    return _kept(
        vocabulary.version,
        f"refinements:{get_language()}:{digest(query)}",
        lambda: _refinements(counts, params, vocabulary),
        compressed=True,
    )


def _refinements(counts: Counts, params: QueryDict, vocabulary: Vocabulary) -> Refinements:
    found, histogram = facets(counts, params, vocabulary)
    html = render_to_string("meetings/_facets.html", {"facets": found, "decades": histogram})
    return Refinements(found, histogram, html)


def facets(
    counts: Counts, params: QueryDict, vocabulary: Vocabulary
) -> tuple[list[Facet], list[Decade]]:
    """Every facet over the filtered set, and the years as a histogram by decade."""
    country_rows = [(code, vocabulary.countries[code], n) for code, n in counts.countries]
    current = [row for row in country_rows if row[0] not in vocabulary.former]
    former = [row for row in country_rows if row[0] in vocabulary.former]
    return [
        _facet(params, "country", _("Countries"), _most_common(current),
               former=_most_common(former)),
        _facet(params, "topic", _("Topics"), _most_common(
            (*vocabulary.topics[pk], n) for pk, n in counts.topics
        )),
        _facet(params, "format", _("Formats"), _most_common(
            (*vocabulary.formats[pk], n) for pk, n in counts.formats
        )),
        _facet(params, "level", _("Level"), [
            (level, str(Level(level).label), n) for level, n in counts.levels
        ]),
        _facet(params, "kind", _("Adopted documents"), [
            (kind, str(DocumentKind(kind).label), n) for kind, n in counts.kinds
        ]),
    ], decades(params, counts.years)  # fmt: skip


def _most_common(rows) -> list[tuple[str, str, int]]:
    # At most a few hundred rows (one per country, topic or format) come back, so the ties
    # are broken by name here, where the names are, in the interface language's order.
    return sorted(rows, key=lambda row: (-row[2], collation_key(row[1])))


def _options(params: QueryDict, name: str, rows) -> list[Option]:
    chosen = {_same(value) for value in params.getlist(name)}
    links = _Links(params, name)
    options = []
    for value, label, count in rows:
        value = str(value)
        selected = _same(value) in chosen
        url = links(value, drop=selected)
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
                label=_("{start}s").format(start=start),
                count=totals[start],
                share=max(1, round(100 * totals[start] / busiest)),
                url=link(decade_range, "from", f"{start}-01-01"),
                years=options,
                selected=any(o.selected for o in options) or chosen_year[:3] == str(start)[:3],
            )
        )
    return found


PAGES = {"country": "meetings:country", "topic": "meetings:topic", "format": "meetings:format"}


@lru_cache(maxsize=4096)  # a few hundred countries, topics and formats; the URLs never change
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

    def named(item) -> str:
        return localized(item.name_en, item.name_ru)

    if data.get("q"):
        add("q", params.get("q"), _("Words: {words}").format(words=data["q"]))
    for country in data.get("country") or []:
        add("country", country.code, _("Country: {name}").format(name=named(country)))
    if data.get("match") == Match.ANY and len(data.get("country") or []) > 1:
        add("match", Match.ANY, _("Any of these countries"))
    if data.get("host"):
        add("host", data["host"].code, _("Host: {name}").format(name=named(data["host"])))
    if data.get("topic"):
        add("topic", data["topic"].slug, _("Topic: {name}").format(name=named(data["topic"])))
    if data.get("format"):
        add("format", data["format"].slug, _("Format: {name}").format(name=named(data["format"])))
    if data.get("person"):
        add("person", data["person"].slug, _("Person: {name}").format(name=data["person"].name))
    if data.get("level"):
        add("level", data["level"], _("Level: {name}").format(name=Level(data["level"]).label))
    if data.get("kind"):
        kind = DocumentKind(data["kind"]).label
        add("kind", data["kind"], _("Adopted: {name}").format(name=kind))
    if data.get("year"):
        add("year", str(data["year"]), _("Year: {year}").format(year=data["year"]))
    labels = {"from": _("From: {date}"), "to": _("To: {date}")}
    for name in ("from", "to"):
        if data.get(name):
            add(name, params.get(name), labels[name].format(date=f"{data[name]:%Y-%m-%d}"))
    return found


def select_options(params: QueryDict, vocabulary: Vocabulary) -> dict[str, SafeString]:
    """The <option>s of the form's long selects, the chosen ones selected. Built here rather
    than by Django's widgets, which render each of these 650 options through a template and
    so cost more than the rest of the page. Kept under the vocabulary's version and the
    chosen values: most requests choose none."""
    chosen = tuple(
        tuple(sorted({_same(v) for v in params.getlist(name)}))
        for name in ("country", "host", "topic", "format")
    )
    return _kept(
        vocabulary.version,
        f"options:{get_language()}:{digest(chosen)}",
        lambda: _select_options(params, vocabulary),
    )


def _select_options(params: QueryDict, vocabulary: Vocabulary) -> dict[str, SafeString]:
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
            '<optgroup label="{}">{}</optgroup><optgroup label="{}">{}</optgroup>',
            _("Countries"),
            options(name, current),
            _("Former states"),
            options(name, former),
        )

    return {
        "country": grouped("country"),
        "host": grouped("host"),
        "topic": options("topic", vocabulary.topics.values()),
        "format": options("format", vocabulary.formats.values()),
    }
