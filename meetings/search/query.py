"""The search box's syntax, parsed here and written out for each engine; user text never
reaches an engine's own query parser.

Like PostgreSQL's websearch_to_tsquery: words must all match; "quoted words" match as a
phrase; ``OR`` (or ``or``) between two words or phrases lets either match; ``-word`` or
``-"a phrase"`` excludes meetings that have it. A word that analyses to several terms
("COVID-19") is a phrase. A place's name is one term whatever its spelling and however many
words it takes ("United States", США); a date asks for meetings of that year, month or day
(``dates.py``); a word in Cyrillic may also match its Latin transliteration. A minus inside
an ``OR`` is ignored, and a query with nothing left to look for but exclusions, or nothing at
all, matches no meeting.
Anything else (``* ( ) : ^ NEAR AND``, stray quotes) is only text to analyse.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from meetings.search.dates import find_dates, is_date_token
from meetings.search.names import find_regions, is_place_token, recognise
from meetings.search.text import CYRILLIC, lemmas, normalise, terms, word_pieces, word_terms
from meetings.search.transliteration import cyrillic_word_terms, latin_spellings

MOST_TERMS = 32
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word's term, or several that must appear in order as a phrase."""

    terms: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Term, ...], ...]  # every group must match, by any one of its terms
    excluded: tuple[Term, ...]

    @property
    def wanted_terms(self) -> frozenset[str]:
        return frozenset(t for group in self.groups for term in group for t in term.terms)


def parse(text: str) -> Query | None:
    """The query the text asks for, or None when it asks for nothing."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    budget = MOST_TERMS
    run: list[str] = []  # plain words waiting to be read together, names and dates across them

    def add(new_groups: list[list[Term]], minus: bool = False) -> None:
        nonlocal join_next, budget
        for alternatives in new_groups:
            if budget <= 0:
                return
            alternatives = [Term(t.terms[:budget]) for t in alternatives]
            budget -= max(len(t.terms) for t in alternatives)
            if join_next and groups:
                groups[-1].extend(alternatives)
            elif minus:
                excluded.extend(alternatives)
            else:
                groups.append(list(alternatives))
            join_next = False

    def flush() -> None:
        if run:
            add(_plain_words(run))
            run.clear()

    for match in _TOKEN.finditer(text or ""):
        minus, phrase, word = match.groups()
        if word is not None and word.upper() == "OR":
            # The words before OR are read together (a place's name may take several), and
            # OR joins the last of their groups with what follows.
            flush()
            join_next = bool(groups)
            continue
        if word is not None and not word.startswith("-") and not join_next:
            run.append(word)
            continue
        flush()
        if word is not None:
            minus, raw = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            raw = phrase
        found = tuple(terms(raw))
        if found:
            own = Term(found)
            spelled = _transliterations(raw, own) if word is not None else []
            add([[own, *spelled]], minus=bool(minus) and not join_next)
    flush()
    if not groups:
        return None
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)))


def _plain_words(words: list[str]) -> list[list[Term]]:
    """Unquoted words, each a group of alternative terms: a date as its date term (a year
    also as the number); a region (Central Asia, ЦА) as its words or any of its countries; a
    place's name over one or more words as the place's term; a word in Cyrillic also as its
    Latin transliterations (a person's name written either way)."""
    dates, regions = find_dates(words), find_regions(words)
    by_word: dict[int, list[Term]] = {}
    pieces = []
    i = 0
    while i < len(words):
        if i in dates:
            last, alternatives = dates[i]
            by_word[i] = [Term(a) for a in alternatives]
        elif i in regions:
            last, names, members = regions[i]
            by_word[i] = [*map(Term, names), *(Term((m,)) for m in members)]
        else:
            last = i
            pieces += [(t, i, w) for t, _, w in word_pieces(words[i])]
        i = last + 1
    word_terms_found: dict[int, list[str]] = defaultdict(list)
    for piece in recognise(pieces):
        if piece.first != piece.last:
            by_word[piece.first] = [Term((piece.term,))]
        else:
            word_terms_found[piece.first].append(piece.term)
    for index, found in word_terms_found.items():
        own = Term(tuple(found))
        by_word.setdefault(index, [own, *_transliterations(words[index], own)])
    return [by_word[index] for index in sorted(by_word)]


def _transliterations(word: str, own: Term) -> list[Term]:
    """A Cyrillic word's other spellings: in Latin (Путин → Putin, Мирзиёев → Mirziyoev,
    Mirzieev), by the word and by its dictionary form (Назарбаева → Nazarbayev); and as the
    Cyrillic spelling of a Latin name (Жапаров for Japarov, Мирзиёев for Mirziyoyev)."""
    if len(own.terms) != 1 or is_place_token(own.terms[0]):
        return []
    plain = normalise(word)
    if not CYRILLIC.search(plain) or len(plain) < 4:
        return []
    spellings = []
    for form in dict.fromkeys([plain, *sorted(lemmas(plain))]):
        spellings += latin_spellings(form)
    found = [Term(spelled) for spelled in map(word_terms, spellings) if spelled]
    found += [Term((spelled,)) for spelled in cyrillic_word_terms(word)]
    return [term for term in dict.fromkeys(found) if term != own]


def _ts_term(t: Term, weight: str = "") -> str:
    quoted = [f"'{word}'{':' + weight if weight else ''}" for word in t.terms]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def ts_group(g: tuple[Term, ...], weight: str = "") -> str:
    """One group as tsquery text; with a weight, only lexemes of that weight (column) match."""
    parts = [_ts_term(t, weight) for t in g]
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def to_tsquery(query: Query) -> str:
    """PostgreSQL tsquery text, to be cast with ``::tsquery`` (no parser, no dictionary)."""
    parts = [ts_group(g) for g in query.groups] + [f"!{_ts_term(t)}" for t in query.excluded]
    return " & ".join(parts)


def _fts_term(t: Term) -> str:
    return '"' + " ".join(t.terms) + '"'


def fts_group(g: tuple[Term, ...], column: str = "") -> str:
    """One group as an FTS5 expression; with a column, a match in that column only."""
    expression = _fts_term(g[0]) if len(g) == 1 else "(" + " OR ".join(map(_fts_term, g)) + ")"
    if not column:
        return expression
    return f"{column} : {expression if expression.startswith('(') else '(' + expression + ')'}"


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression; every term is a quoted string, so nothing in it is syntax."""
    wanted = " AND ".join(fts_group(g) for g in query.groups)
    if not query.excluded:
        return wanted
    return f"({wanted}) NOT ({' OR '.join(map(_fts_term, query.excluded))})"


def phrase(query: Query) -> Term | None:
    """The words of a query of several, in the order typed, as one phrase (each group by its
    first spelling, dates left out), which ranking prefers; None for a query of one word."""
    words = [t for g in query.groups for t in g[0].terms if not is_date_token(t)]
    if len([g for g in query.groups if not is_date_token(g[0].terms[0])]) < 2:
        return None
    return Term(tuple(words))
