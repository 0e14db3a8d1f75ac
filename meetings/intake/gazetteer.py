"""Cities in Russian (every case) and English, each with its canonical English name and country."""

from dataclasses import dataclass
from functools import cache

from meetings.intake.cities import CITY_TABLE
from meetings.intake.matcher import Match, PhraseMatcher
from meetings.intake.morph import phrase_forms
from meetings.intake.tokens import Token


@dataclass(frozen=True)
class City:
    name: str  # canonical English name
    country: str  # ISO 3166-1 alpha-2


def parse_table(table: str = CITY_TABLE) -> list[tuple[City, list[str], list[str], list[str]]]:
    """Rows of (city, Russian nominatives, extra Russian forms, English names)."""
    rows = []
    for line in table.strip().splitlines():
        name, country, russian, english = (part.strip() for part in line.split("|"))
        names_ru = [n.strip() for n in russian.split(",") if n.strip()]
        extra = [n[1:] for n in names_ru if n.startswith("!")]
        nominatives = [n for n in names_ru if not n.startswith("!")]
        names_en = [name, *(n.strip() for n in english.split(",") if n.strip())]
        rows.append((City(name, country), nominatives, extra, names_en))
    return rows


def city_forms(nominative: str) -> set[str]:
    """ "Сиань" → Сиани, Сиане, Сианя…; "Нижний Новгород" → "Нижнем Новгороде"…"""
    return phrase_forms(nominative)


@cache
def cities() -> tuple[City, ...]:
    return tuple(row[0] for row in parse_table())


@cache
def city_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher()
    for city, nominatives, extra, names_en in parse_table():
        for nominative in nominatives:
            for form in city_forms(nominative):
                matcher.add_phrase(form, city)
        for form in extra:
            matcher.add_phrase(form, city)
        for name in names_en:
            matcher.add_phrase(name, city)
    return matcher


def find_cities(tokens: list[Token]) -> list[Match]:
    """City mentions; a city name must start with a capital letter ("Мары", not "мары")."""
    return [m for m in city_matcher().find(tokens) if m.first.is_capitalized]


@cache
def capitals() -> dict[str, City]:
    """ISO code → the capital: the gazetteer lists each country's capital first."""
    found: dict[str, City] = {}
    for city in cities():
        found.setdefault(city.country, city)
    return found


def capital(code: str) -> City | None:
    return capitals().get(code)
