"""The search box's syntax, parsed here and written out for each engine; user text never
reaches an engine's own query parser.

Like PostgreSQL's websearch_to_tsquery: words must all match; "quoted words" match as a
phrase; ``OR`` (or ``or``) between two words or phrases lets either match; ``-word`` or
``-"a phrase"`` excludes meetings that have it. A word that analyses to several terms
("COVID-19", "Xi'an") is a phrase. A minus inside an ``OR`` is ignored, and a query with
nothing left to look for but exclusions, or nothing at all, matches no meeting.
Anything else (``* ( ) : ^ NEAR AND``, stray quotes) is only text to analyse.
"""

import re
from dataclasses import dataclass

from meetings.search.text import terms

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
    for match in _TOKEN.finditer(text or ""):
        minus, phrase, word = match.groups()
        if word is not None and word.upper() == "OR":
            join_next = bool(groups)
            continue
        if word is not None:
            minus, raw = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            raw = phrase
        found = tuple(terms(raw))[:budget]
        if not found:
            continue
        budget -= len(found)
        term = Term(found)
        if join_next:
            groups[-1].append(term)
        elif minus:
            excluded.append(term)
        else:
            groups.append([term])
        join_next = False
        if budget <= 0:
            break
    if not groups:
        return None
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)))


def to_tsquery(query: Query) -> str:
    """PostgreSQL tsquery text, to be cast with ``::tsquery`` (no parser, no dictionary)."""

    def term(t: Term) -> str:
        quoted = [f"'{word}'" for word in t.terms]
        return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"

    def group(g: tuple[Term, ...]) -> str:
        return term(g[0]) if len(g) == 1 else "(" + " | ".join(map(term, g)) + ")"

    parts = [group(g) for g in query.groups] + [f"!{term(t)}" for t in query.excluded]
    return " & ".join(parts)


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression; every term is a quoted string, so nothing in it is syntax."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.terms) + '"'

    def group(g: tuple[Term, ...]) -> str:
        return term(g[0]) if len(g) == 1 else "(" + " OR ".join(map(term, g)) + ")"

    wanted = " AND ".join(group(g) for g in query.groups)
    if not query.excluded:
        return wanted
    return f"({wanted}) NOT ({' OR '.join(map(term, query.excluded))})"
