"""Cities by every spelling news uses, in English and Russian, the way countries have aliases.

The names come from the article-intake gazetteer's table (meetings.intake.cities), read here
without the intake machinery; ``EXTRA_SPELLINGS`` adds spellings that table does not hold.
Only nominatives are listed: search reaches the other cases (Сиане, Пекине) through its
own analysis of Russian words, so no declined form is needed here.
"""

from dataclasses import dataclass
from functools import cache

from meetings.intake.cities import CITY_TABLE


@dataclass(frozen=True)
class CityNames:
    name: str  # canonical English name, as meetings' "city" holds it
    country: str  # ISO 3166-1 alpha-2
    names: tuple[str, ...]  # every spelling, the canonical one first


# Canonical English name → spellings the gazetteer's table lacks.
EXTRA_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Xi'an": ("Xi’an", "Hsi-an"),
    "Beijing": ("Пекине",),
    "Almaty": ("Alma Ata",),
    "Astana": ("Nur Sultan",),
    "Washington": ("Washington, D.C.", "Вашингтон (округ Колумбия)"),
    "New York": ("New York City", "NYC", "Нью-Йорк-Сити"),
    "Kyiv": ("Kiev", "Киев", "Київ"),
}


def _parse(table: str) -> list[CityNames]:
    cities = []
    for line in table.strip().splitlines():
        name, country, russian, english = (part.strip() for part in line.split("|"))
        # A Russian name after "!" is an extra form of the intake table; any form is a name.
        names_ru = [n.strip().lstrip("!") for n in russian.split(",") if n.strip()]
        names_en = [n.strip() for n in english.split(",") if n.strip()]
        names = [name, *names_en, *names_ru, *EXTRA_SPELLINGS.get(name, ())]
        cities.append(CityNames(name, country, tuple(dict.fromkeys(names))))
    return cities


@cache
def cities() -> tuple[CityNames, ...]:
    return tuple(_parse(CITY_TABLE))


@cache
def _by_spelling() -> dict[str, CityNames]:
    found: dict[str, CityNames] = {}
    for city in cities():
        for name in city.names:
            found.setdefault(name.casefold(), city)
    return found


def city_spellings(name: str) -> tuple[str, ...]:
    """Every spelling of the city that ``name`` spells, or only ``name`` for a city we do not
    know."""
    city = _by_spelling().get((name or "").strip().casefold())
    return city.names if city else (name,)
