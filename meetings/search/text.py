"""Words to search terms: the one analysis both the index and every query go through.

A text is normalised (NFKC, case-folded, ё as е, Latin accents dropped) and cut into words;
an apostrophe inside a word keeps it whole (Xi'an is one word, "xian", never Xi and an);
stopwords go; a Russian word becomes the Snowball stem of its dictionary form (pymorphy3), any
other Latin word its English Snowball stem; anything else stays as it is. Then the names of
countries and cities, in any spelling and case, become one term each (``names.py``), so that
"United States" is never the words "unit" and "state", and Xian, Xi'an and Сиане are one city.

Doing it here rather than in each database is what makes SQLite and PostgreSQL agree: the
engines only ever see space-separated terms that are already folded and stemmed (PostgreSQL
reads them with its "simple" configuration, FTS5 with unicode61 without diacritic removal,
neither of which changes them further).
"""

import re
import unicodedata
from functools import lru_cache

from meetings.morphology import russian_analyzer, stemmer

# Letters and digits, with an apostrophe allowed between two of them (Xi'an, d’Ivoire, O'Kelly).
WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")
APOSTROPHES = re.compile(r"['’ʼ`]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Accents left loose after NFKC: stress marks on Russian vowels, the dot "İ".casefold() leaves.
LOOSE_ACCENTS = re.compile(r"[\u0300-\u036f]")
LONGEST_TERM = 60

_ENGLISH_STOPWORDS = (
    "a an and are as at be but by for from has have in into is it its not of on or s t that "
    "the their this these those to was were will with"
)
_RUSSIAN_STOPWORDS = (
    "а в во да для до же за и из к ко ли на но о об от по при с со также у что это как"
)
STOPWORDS = frozenset(f"{_ENGLISH_STOPWORDS} {_RUSSIAN_STOPWORDS}".split())

# A stopword never reaches a query, so it can stand between two field values as a term that
# nothing matches: a phrase cannot run from one value into the next, neither inside an FTS5
# column nor across PostgreSQL's concatenated tsvector.
FIELD_BREAK = "the"

# Letters after which a final -н- is part of the stem (страна, закон), not a suffix.
_KEEPS_FINAL_N = frozenset("аеиоуыэюяьн")


def _latin_fold_table() -> dict[int, str]:
    """Latin letters without their accents (São → sao); Cyrillic й and ё are left alone."""
    table = {ord("ß"): "ss", ord("æ"): "ae", ord("œ"): "oe", ord("ø"): "o", ord("đ"): "d"}
    table |= {ord("ł"): "l", ord("ı"): "i", ord("þ"): "th", ord("ð"): "d"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            bare = "".join(
                c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
            )
            if bare != chr(code) and bare.isascii() and bare.isalpha():
                table.setdefault(code, bare.lower())
    return table


_FOLD = _latin_fold_table() | {ord("ё"): "е"}


def normalise(text: str) -> str:
    # casefold rather than lower: FTS5 folds final ς to σ, and so must the terms it is given.
    return LOOSE_ACCENTS.sub("", unicodedata.normalize("NFKC", text).casefold()).translate(_FOLD)


def _russian_stem(word: str) -> str:
    """The Snowball stem of the word's dictionary form (pymorphy3's likeliest).

    Stemming the dictionary form rather than the word itself gives every case one stem:
    Snowball alone gives "кыргызста" for Кыргызстан but "кыргызстан" for Кыргызстане, "кита"
    for Китай but "кит" for Китая. A relational adjective then loses its -н- or -ск-, so
    that коронавирусной meets коронавирус and казахстанский meets Казахстан.
    """
    stem = _stem_form(_lemma(word))
    if len(stem) >= 6 and stem.endswith("ск"):
        stem = _stem_form(stem[:-2])
    elif len(stem) >= 6 and stem.endswith("н") and stem[-2] not in _KEEPS_FINAL_N:
        stem = _stem_form(stem[:-1])
    return stem


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 gives a Russian word, ё as е."""
    return frozenset(p.normal_form.replace("ё", "е") for p in russian_analyzer().parse(word))


def _lemma(word: str) -> str:
    """pymorphy3's likeliest dictionary form; among equally likely ones, the word itself if it
    is one (Ливан is a country before it is the genitive plural of the name Ливана)."""
    parses = russian_analyzer().parse(word)
    for parse in parses:
        if parse.score < parses[0].score:
            break
        if parse.normal_form.replace("ё", "е") == word:
            return word
    return parses[0].normal_form.replace("ё", "е")


def _stem_form(form: str) -> str:
    stem = stemmer("russian").stemWord(form)
    # Snowball reads the last letter of Иран, канал, Китай as a verb ending; cut, it would
    # make Иран the abbreviation ИРА.
    if len(form) == len(stem) + 1 and form[-1] in "нлй" and form[-2] in "ая":
        return form
    return stem


@lru_cache(maxsize=100_000)
def term(token: str) -> str | None:
    """The search term for one normalised token, or None for a stopword."""
    if token in STOPWORDS or len(token) > LONGEST_TERM:
        return None
    if CYRILLIC.search(token):
        # Up to three letters is most likely an abbreviation (КНР, ИРА, ИРИ), left whole.
        return token if len(token) <= 3 else _russian_stem(token)
    if token.isascii() and not token.isdigit():
        return stemmer("english").stemWord(token)
    return token


@lru_cache(maxsize=100_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms of one word as written, before names are recognised: usually one, none for a
    stopword, two for "½" or "COVID-19" when given as one whitespace-separated word."""
    found = []
    for part in WORD.findall(normalise(word)):
        # The apostrophe goes, and its word stays whole: "xi'an" is "xian", "people's" is
        # "peoples", which the English stemmer makes "peopl" as it did "people".
        for piece in _PART.findall(APOSTROPHES.sub("", part)):
            found.append(term(piece))
    return tuple(t for t in found if t)


def word_pieces(text: str) -> list[tuple[str, int, str]]:
    """Each term of the text with the index and the text of the word (a ``WORD`` match) it
    comes from."""
    return [
        (found, index, match.group())
        for index, match in enumerate(WORD.finditer(text or ""))
        for found in word_terms(match.group())
    ]


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, each name of a country or city as one term."""
    from meetings.search.names import recognise

    return [piece.term for piece in recognise(word_pieces(text))]


def index_terms(text: str) -> tuple[str, ...]:
    """The terms a text is indexed by: its terms, then the telling words of the longer names
    it holds ("korea" of South Korea, "guinea" of Papua New Guinea), so that a word of a name
    still finds it, while the names' common words (united, states, republic) do not."""
    # Short values (names, positions, titles) repeat across meetings; long texts rarely do.
    return _short_index_terms(text) if len(text) <= 200 else _index_terms(text)


@lru_cache(maxsize=50_000)
def _short_index_terms(text: str) -> tuple[str, ...]:
    return _index_terms(text)


def _index_terms(text: str) -> tuple[str, ...]:
    from meetings.search.names import recognised_terms

    found, telling = recognised_terms(text)
    return (*found, *dict.fromkeys(telling))


def field_terms(values) -> str:
    """Several field values as one index column: their terms, each value closed by a break."""
    out = []
    for value in values:
        found = index_terms(value or "")
        if found:
            out.extend(found)
            out.append(FIELD_BREAK)
    return " ".join(out)
