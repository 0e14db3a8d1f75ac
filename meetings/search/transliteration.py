"""People's names across the Cyrillic and Latin alphabets.

Latin to Cyrillic through cyrtranslit's Russian table (Mirziyoyev → Мирзиёев, Japarov →
Жапаров); Cyrillic to Latin through iuliia's schemes that news and passports use, since
one name has several Latin spellings (Токаев → Tokayev by Wikipedia's scheme, Tokaev by
the Moscow metro's and passports'), and through cyrtranslit's (Рахмон → Rahmon). The index
holds a person's name in both alphabets; a query's Cyrillic word also asks for its Latin
spellings and for the Cyrillic spelling of a Latin name.
"""

from functools import lru_cache

import cyrtranslit
import iuliia

from meetings.search.text import CYRILLIC, WORD, lemmas, normalise

_ENGLISH_PAIRS = (("shch", "щ"), ("kh", "х"), ("ts", "ц"))
_SCHEMAS = (iuliia.WIKIPEDIA, iuliia.MOSMETRO, iuliia.ICAO_DOC_9303)


@lru_cache(maxsize=20_000)
def latin_spellings(text: str) -> tuple[str, ...]:
    """The Latin spellings of a Cyrillic text, most usual first; nothing for other text."""
    if not CYRILLIC.search(text):
        return ()
    spellings = [schema.translate(text) for schema in _SCHEMAS]
    # cyrtranslit's own table writes х as "h", as Tajik and Uzbek names are often spelled
    # in English (Рахмон → Rahmon).
    spellings.append(cyrtranslit.to_latin(text, "ru"))
    return tuple(dict.fromkeys(spellings))


@lru_cache(maxsize=20_000)
def cyrillic_spelling(text: str) -> str | None:
    """A Latin name in Cyrillic, or None for a text with no Latin letters."""
    if not any("a" <= c <= "z" for c in text.casefold()):
        return None
    # cyrtranslit reads a capital pair such as "Sh" as "S" and "h"; lower case reads as "ш".
    # Its table is made to reverse its own Latin, which writes х as "h" and ц as "c"; the
    # English spellings of Russian names (Khrushchev, Tsygankov) are read first.
    text = text.casefold()
    for latin, cyrillic in _ENGLISH_PAIRS:
        text = text.replace(latin, cyrillic)
    return cyrtranslit.to_cyrillic(text, "ru")


def latin_name(name: str) -> list[str]:
    """A Cyrillic name's Latin spellings, to be indexed as text; nothing for a Latin name."""
    return list(latin_spellings(name)) if name and CYRILLIC.search(name) else []


# A Latin name made Cyrillic is indexed word by word as written, behind this prefix, and
# never stemmed: stemmed, Gorbach would meet Горбачёв (both "горбач"). A query's Cyrillic
# word asks for it by the word and its dictionary forms (Горбачёва → горбачев).
SPELLED_PREFIX = "ru"


def spelled_term(word: str) -> str:
    return SPELLED_PREFIX + normalise(word)


def cyrillic_name_terms(name: str) -> list[str]:
    """A Latin name's words in Cyrillic, as index terms; nothing for a Cyrillic name."""
    if not name or CYRILLIC.search(name):
        return []
    spelled = cyrillic_spelling(name) or ""
    return [spelled_term(word) for word in WORD.findall(spelled) if CYRILLIC.search(word)]


def cyrillic_word_terms(word: str) -> list[str]:
    """The index terms a query's Cyrillic word finds a Latin name's Cyrillic spelling by."""
    plain = normalise(word)
    if not CYRILLIC.search(plain):
        return []
    return [spelled_term(form) for form in dict.fromkeys([plain, *sorted(lemmas(plain))])]
