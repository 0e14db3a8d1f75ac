"""Names of countries and cities as single search terms.

Every name and alias of a country (meetings.reference) and every spelling of a city
(meetings.reference.cities) is analysed like any text; wherever its sequence of terms turns up,
in a record or in a query, it is replaced by one term standing for the place: ``cntrykg`` for
Kyrgyzstan, ``cityxian`` for Xi'an. Hence:

- "United States" is the place, not the words "unit" and "state": a search for "state visit"
  no longer finds every visit to the United States;
- a name matches through any other name of the place: Xian, Xi'an, Сиань and Сиане (its
  Russian forms share one stem), США and the United States, Киргизии and Kyrgyz Republic.

Longer names also keep their telling words, indexed after the text (``Piece.telling``), so
that "Guinea" or "Korea" still finds Papua New Guinea or South Korea; the words names share
with everyday language (united, states, republic, islands...) are not kept.

The tokens are plain letters and digits, so both engines read them as one word each.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from meetings.search.text import CYRILLIC, WORD, lemmas, normalise, word_pieces, word_terms

COUNTRY_PREFIX = "cntry"
CITY_PREFIX = "city"

# Words of country names that are also everyday words, in both languages.
_COMMON_NAME_WORDS = """
united states state kingdom republic republics democratic people's people peoples islands
island isles federation federal federated union north south east west northern southern
eastern western central new great saint st socialist plurinational commonwealth principality
grand duchy holy see sultanate emirate bolivarian islamic independent territory territories
city special administrative region province former government coast of the and
соединённые соединенные штаты штатов королевство королевства республика республики народная
народной народно демократическая демократической федерация федерации федеративная
объединённые объединенные арабские острова остров союз союза социалистических северная северной
южная южной восточная западная центральная центральноафриканская новая святой престол
исламская исламский кооперативная содружество княжество султанат государство
"""

# A one-word name is not taken where the word is one of these everyday words (or a form of
# one) that analyses to the name's term: Того (Togo) and "того", Дания and "данные", Дели and
# "дел", Грузия and "грузы", Мали and "мало", Семей and "семь", Emirates and "emir".
_EVERYDAY = "тот дело делить данный данные семь семья груз грузовой малый мало перо сам само emir"
_EVERYDAY_WORDS = frozenset(_EVERYDAY.split())


@dataclass(frozen=True)
class Piece:
    term: str
    first: int  # index of the first word it covers
    last: int
    telling: tuple[str, ...] = ()


def country_token(code: str) -> str:
    return COUNTRY_PREFIX + code.lower()


def city_token(name: str) -> str:
    return CITY_PREFIX + re.sub(r"[^a-z0-9]", "", normalise(name))


def _name_terms(name: str) -> tuple[str, ...]:
    return tuple(found for found, _, _ in word_pieces(name))


@lru_cache(maxsize=100_000)
def _everyday(word: str) -> bool:
    word = normalise(word)
    if word in _EVERYDAY_WORDS:
        return True
    return bool(CYRILLIC.search(word)) and bool(lemmas(word) & _EVERYDAY_WORDS)


@cache
def _common_terms() -> frozenset[str]:
    return frozenset(t for word in _COMMON_NAME_WORDS.split() for t in _name_terms(word))


@cache
def name_table() -> tuple[dict[tuple[str, ...], tuple[str, tuple[str, ...]]], dict]:
    """Term sequence → (token, telling terms), and for each first term of a name the lengths
    of the names it starts, longest first."""
    from meetings.reference.aliases import COUNTRY_ALIASES
    from meetings.reference.cities import cities
    from meetings.reference.countries import iso_countries

    named: list[tuple[str, str]] = []
    for country in iso_countries():
        token = country_token(country.code)
        for name in (country.name_en, country.name_ru, *COUNTRY_ALIASES.get(country.code, ())):
            named.append((name, token))
    for city in cities():
        named += [(name, city_token(city.name)) for name in city.names]

    common = _common_terms()
    table: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for name, token in named:
        sequence = _name_terms(name)
        if not sequence:
            continue
        telling = () if len(sequence) == 1 else tuple(t for t in sequence if t not in common)
        # A country comes before a city of the same name (Singapore, Kuwait, Djibouti).
        table.setdefault(sequence, (token, telling))
    lengths: dict[str, set[int]] = {}
    for sequence in table:
        lengths.setdefault(sequence[0], set()).add(len(sequence))
    return table, {first: sorted(found, reverse=True) for first, found in lengths.items()}


@cache
def _declined_cities() -> dict[str, str]:
    """The Russian case forms of one-word city names, as written, → the city's term.

    Stems alone fail for names the Russian dictionary does not know: pymorphy3 guesses that
    "Сиане" is a form of "Сиана" and "Сиаоси" of "Сиаося", and both stem to "сиа". The forms
    the intake gazetteer declines are matched as whole words instead.
    """
    from meetings.intake.gazetteer import city_forms
    from meetings.reference.cities import cities

    found = {}
    for city in cities():
        for name in city.names:
            if CYRILLIC.search(name) and len(word_pieces(name)) == 1:
                for form in city_forms(name):
                    found.setdefault(normalise(form), city_token(city.name))
    return found


def recognise(pieces: list[tuple[str, int, str]]) -> list[Piece]:
    """The terms with each place's name, wherever it occurs, made that place's one term."""
    table, starts = name_table()
    declined = _declined_cities()
    out: list[Piece] = []
    position = 0
    while position < len(pieces):
        _, word, written = pieces[position]
        city = declined.get(normalise(written)) if CYRILLIC.search(written) else None
        if city and (position + 1 == len(pieces) or pieces[position + 1][1] != word):
            out.append(Piece(city, word, word))
            position += 1
            continue
        for length in starts.get(pieces[position][0], ()):
            window = pieces[position : position + length]
            found = table.get(tuple(t for t, _, _ in window)) if len(window) == length else None
            if found and length == 1 and _everyday(window[0][2]):
                found = None
            if found:
                token, telling = found
                out.append(Piece(token, window[0][1], window[-1][1], telling))
                position += length
                break
        else:
            found_term, word, _ = pieces[position]
            out.append(Piece(found_term, word, word))
            position += 1
    return out


@lru_cache(maxsize=200_000)
def _declined_city(written: str) -> str | None:
    return _declined_cities().get(normalise(written)) if CYRILLIC.search(written) else None


def recognised_terms(text: str) -> tuple[list[str], list[str]]:
    """What ``recognise(word_pieces(text))`` finds, as its terms and the telling terms of the
    names among them, in order. The index analyses every text of every meeting, so this walks
    flat lists instead of building a piece object per word; a test keeps the two equal."""
    table, starts = name_table()
    terms, words, written = [], [], WORD.findall(text)
    for index, word in enumerate(written):
        for found in word_terms(word):
            terms.append(found)
            words.append(index)
    out, telling = [], []
    position, count = 0, len(terms)
    while position < count:
        word = words[position]
        city = _declined_city(written[word])
        if city and (position + 1 == count or words[position + 1] != word):
            out.append(city)
            position += 1
            continue
        for length in starts.get(terms[position], ()):
            if position + length > count:
                continue
            found = table.get(tuple(terms[position : position + length]))
            if found and length == 1 and _everyday(written[word]):
                found = None
            if found:
                out.append(found[0])
                telling += found[1]
                position += length
                break
        else:
            out.append(terms[position])
            position += 1
    return out, telling


def is_place_token(found: str) -> bool:
    return found.startswith((COUNTRY_PREFIX, CITY_PREFIX))


@cache
def _region_table() -> tuple[
    dict[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]], int
]:
    """A named group of countries' names (Central Asia, ЦА, Средняя Азия) as term sequences →
    all its names' term sequences and its members' terms."""
    from meetings.reference.aliases import COUNTRY_GROUPS

    table = {}
    for group in COUNTRY_GROUPS:
        members = tuple(country_token(code) for code in group["members"])
        names = (group["name_en"], group["name_ru"], *group.get("aliases", ()))
        sequences = tuple(dict.fromkeys(filter(None, map(_name_terms, names))))
        for sequence in sequences:
            table.setdefault(sequence, (sequences, members))
    return table, max(map(len, table), default=0)


def find_regions(words: list[str]) -> dict[int, tuple[int, tuple, tuple[str, ...]]]:
    """Named groups of countries among a query's words: first word index → (last word index,
    the term sequences of all the group's names, its members' terms). A text that names the
    region in any of its names matches it, and so does a meeting of any of its countries."""
    table, longest = _region_table()
    found = {}
    i = 0
    while i < len(words):
        for length in range(min(longest, len(words) - i), 0, -1):
            sequence = tuple(t for word in words[i : i + length] for t, _, _ in word_pieces(word))
            if sequence in table:
                found[i] = (i + length - 1, *table[sequence])
                i += length
                break
        else:
            i += 1
    return found
