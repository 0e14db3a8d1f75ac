"""A person's page: their names in both scripts, the positions they held over time, the
meetings they attended and the statements they made. Published meetings only.

Four queries: the person; the dates, positions and sides of all their published meetings (a
few small columns each, from which the positions over time are merged); their latest
MEETING_LIMIT meetings with format and side; their latest STATEMENT_LIMIT statements.
"""

import re
from dataclasses import dataclass
from datetime import date

from meetings.analysis.common import list_url
from meetings.analysis.formats import CountryLink, country_link
from meetings.models import Participation, Person, Statement, Status

MEETING_LIMIT = 100
STATEMENT_LIMIT = 50
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Name:
    text: str
    lang: str


@dataclass(frozen=True)
class Side:
    """Whom a person represented at a meeting: a country, or else an organisation."""

    country: CountryLink | None
    organisation: str = ""


@dataclass
class PositionHeld:
    """Consecutive meetings at which a person held the same position for the same side."""

    position: str
    side: Side
    first: date
    last: date
    meetings: int
    meetings_url: str


@dataclass(frozen=True)
class FormatLink:
    slug: str
    name_en: str
    name_ru: str = ""


@dataclass(frozen=True)
class Attended:
    slug: str
    title: str
    title_en: str
    language: str
    start_date: date
    end_date: date | None
    city: str
    format: FormatLink | None
    position: str
    side: Side


@dataclass(frozen=True)
class Said:
    text: str
    country: CountryLink | None
    meeting_slug: str
    meeting_title: str
    meeting_language: str
    meeting_date: date


@dataclass
class PersonPage:
    slug: str
    name: Name
    other_name: Name | None
    country: CountryLink | None
    meetings: int
    meetings_url: str
    positions: list[PositionHeld]
    attended: list[Attended]
    statements: list[Said]
    more_statements: bool

    @property
    def more_meetings(self) -> bool:
        return self.meetings > len(self.attended)


def script_lang(text: str) -> str:
    """ "ru" for a name written in Cyrillic, "en" for one in Latin letters."""
    return "ru" if _CYRILLIC.search(text) else "en"


def person_page(slug: str) -> PersonPage | None:
    """The person at ``slug``; None when unknown or named in no published meeting."""
    person = (
        Person.objects.filter(slug=slug)
        .select_related("country")
        .only("name", "name_ru", "slug", "country__code", "country__name_en", "country__name_ru")
        .first()
    )
    if person is None:
        return None
    positions, meetings = _positions_over_time(person)
    statements = _statements(person)
    if not meetings and not statements:
        return None
    return PersonPage(
        slug=person.slug,
        name=Name(person.name, script_lang(person.name)),
        other_name=_other_name(person),
        country=_country(person.country) or (positions[-1].side.country if positions else None),
        meetings=meetings,
        meetings_url=list_url(person=person.slug),
        positions=positions,
        attended=_attended(person) if meetings else [],
        statements=statements[:STATEMENT_LIMIT],
        more_statements=len(statements) > STATEMENT_LIMIT,
    )


def _other_name(person: Person) -> Name | None:
    """The name in the other script, where the record has it: the Russian one after a Latin
    name, or a Latin one after a Cyrillic name."""
    other = person.name_ru.strip()
    if not other or other == person.name:
        return None
    return Name(other, script_lang(other))


def _country(country, urls: dict[str, str] | None = None) -> CountryLink | None:
    return country and country_link(country.code, country.name_en, country.name_ru, known_urls=urls)


def _published(rows):
    return rows.filter(meeting__status=Status.PUBLISHED)


def _positions_over_time(person: Person) -> tuple[list[PositionHeld], int]:
    """The positions held, oldest first, and the number of published meetings attended.

    A row's meeting count links to the person's meetings between its first and last dates;
    since rows cover consecutive meetings, those are exactly the row's meetings, unless two
    meetings on a row's boundary day saw the person in different positions, or a meeting of
    the row before was still going on when this row began (the list's "from" takes those in).
    """
    rows = (
        _published(Participation.objects.filter(person=person))
        .values_list(
            "meeting__start_date",
            "position",
            "country_id",
            "country__name_en",
            "country__name_ru",
            "organisation",
        )
        .order_by("meeting__start_date", "meeting_id")
    )
    held: list[PositionHeld] = []
    urls: dict[str, str] = {}
    count = 0
    for start, position, code, name_en, name_ru, organisation in rows:
        count += 1
        side = Side(
            country_link(code, name_en, name_ru, known_urls=urls) if code else None,
            "" if code else organisation,
        )
        current = held[-1] if held else None
        if current and current.position == position and current.side == side:
            current.last, current.meetings = start, current.meetings + 1
        else:
            held.append(PositionHeld(position, side, start, start, 1, ""))
    for row in held:
        row.meetings_url = list_url(
            person=person.slug, from_=row.first.isoformat(), to=row.last.isoformat()
        )
    return held, count


def _attended(person: Person) -> list[Attended]:
    rows = (
        _published(Participation.objects.filter(person=person))
        .select_related("meeting", "meeting__format", "country")
        .only(
            "position",
            "organisation",
            "country__code",
            "country__name_en",
            "country__name_ru",
            "meeting__slug",
            "meeting__title",
            "meeting__title_en",
            "meeting__language",
            "meeting__start_date",
            "meeting__end_date",
            "meeting__city",
            "meeting__format__slug",
            "meeting__format__name_en",
            "meeting__format__name_ru",
        )
        .order_by("-meeting__start_date", "-meeting_id")[:MEETING_LIMIT]
    )
    urls: dict[str, str] = {}
    return [_attendance(row, urls) for row in rows]


def _attendance(row: Participation, urls: dict[str, str]) -> Attended:
    meeting, fmt = row.meeting, row.meeting.format
    return Attended(
        slug=meeting.slug,
        title=meeting.title,
        title_en=meeting.title_en,
        language=meeting.language,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        city=meeting.city,
        format=fmt and FormatLink(fmt.slug, fmt.name_en, fmt.name_ru),
        position=row.position,
        side=Side(_country(row.country, urls), "" if row.country else row.organisation),
    )


def _statements(person: Person) -> list[Said]:
    """Up to one more than STATEMENT_LIMIT, newest first, so the page knows if there are more."""
    rows = (
        _published(Statement.objects.filter(speaker=person))
        .select_related("meeting", "country")
        .only(
            "text",
            "country__code",
            "country__name_en",
            "country__name_ru",
            "meeting__slug",
            "meeting__title",
            "meeting__language",
            "meeting__start_date",
        )
        .order_by("-meeting__start_date", "-meeting_id", "order", "pk")[: STATEMENT_LIMIT + 1]
    )
    urls: dict[str, str] = {}
    return [
        Said(
            text=row.text,
            country=_country(row.country, urls),
            meeting_slug=row.meeting.slug,
            meeting_title=row.meeting.title,
            meeting_language=row.meeting.language,
            meeting_date=row.meeting.start_date,
        )
        for row in rows
    ]
