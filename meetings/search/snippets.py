"""Highlighted extracts for a page of search results, made in Python so both databases give
the same ones.

One SQL query per page, whatever its size: the statements, source titles and texts, and the
names of the countries of the page's meetings, read together as one UNION ALL. Titles and
summaries come from the Meeting objects given.

Every word whose term the query looks for is marked, and so is every name of a country the
query names by any of its names or aliases, so that a search for "КР" marks "Kyrgyzstan".
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import CharField, F, IntegerField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.search.names import recognise
from meetings.search.query import parse
from meetings.search.text import WORD, terms, word_pieces

WINDOW = 30  # words in a snippet
LEAD = 5  # words shown before the first match

STATEMENT, SOURCE_TITLE, SOURCE_TEXT, COUNTRY_NAME = range(4)


def snippets(meetings, q: str) -> dict[int, SafeString]:
    """A highlighted extract for each of these meetings (a page, up to a hundred or so)."""
    meetings = list(meetings)
    query = parse(q)
    if not meetings or query is None:
        return {}
    wanted = query.wanted_terms
    texts, country_names = _page_texts([m.pk for m in meetings])
    named = _named_countries(country_names, wanted)
    result = {}
    for meeting in meetings:
        own = texts[meeting.pk]
        units = {(t,) for t in wanted}
        for code in own[COUNTRY_NAME]:
            units |= named.get(code, set())
        candidates = [
            meeting.summary, *own[STATEMENT], meeting.title, meeting.title_en,
            *own[SOURCE_TITLE], *own[SOURCE_TEXT],
        ]  # fmt: skip
        result[meeting.pk] = _best_extract([c for c in candidates if c], units, len(wanted))
    return result


def _page_texts(ids: list[int]) -> tuple[dict[int, dict[int, list]], dict[str, set[str]]]:
    """Each meeting's texts by kind (its countries' codes under COUNTRY_NAME), and the names
    of those countries by code."""
    from meetings.models import MeetingCountry, Source, Statement

    def rows(model, kind, order, code, text, **filters):
        return (
            model.objects.filter(meeting_id__in=ids, **filters)
            .order_by()
            .annotate(
                s_kind=Value(kind, output_field=IntegerField()),
                s_order=order,
                s_code=code,
                s_text=F(text),
            )
            .values_list("meeting_id", "s_kind", "s_order", "s_code", "s_text")
        )

    no_code = Value("", output_field=CharField())
    no_order = Value(0, output_field=IntegerField())
    code = F("country_id")
    parts = [
        rows(Statement, STATEMENT, F("order"), no_code, "text"),
        rows(Source, SOURCE_TITLE, F("order"), no_code, "title"),
        rows(Source, SOURCE_TEXT, F("order"), no_code, "text"),
        rows(MeetingCountry, COUNTRY_NAME, no_order, code, "country__name_en"),
        rows(MeetingCountry, COUNTRY_NAME, no_order, code, "country__name_ru"),
        rows(
            MeetingCountry, COUNTRY_NAME, no_order, code, "country__aliases__name",
            country__aliases__isnull=False,
        ),
    ]  # fmt: skip
    found: dict = defaultdict(lambda: defaultdict(list))
    country_names = defaultdict(set)
    for meeting_id, kind, _, country, text in sorted(
        parts[0].union(*parts[1:], all=True), key=lambda row: row[:3]
    ):
        if kind != COUNTRY_NAME:
            found[meeting_id][kind].append(text)
            continue
        country_names[country].add(text)
        if country not in found[meeting_id][kind]:
            found[meeting_id][kind].append(country)
    return found, country_names


def _named_countries(names: dict[str, set[str]], wanted: frozenset[str]) -> dict[str, set]:
    """For each country the query names in full by one of its names or aliases, all its
    names as term sequences."""
    named = {}
    for code, country_names in names.items():
        sequences = {found for found in map(_name_terms, country_names) if found}
        if any(wanted.issuperset(sequence) for sequence in sequences):
            named[code] = sequences
    return named


@lru_cache(maxsize=4096)  # countries' names and aliases: a few thousand, read on every page
def _name_terms(name: str) -> tuple[str, ...]:
    return tuple(terms(name))


@dataclass
class _Match:
    first: int  # index of the first word
    last: int
    unit: tuple


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _matches(text: str, units: set[tuple]) -> list[_Match]:
    """Where in the text the units occur, longest first, stopwords skipped and places' names
    made one term, as in the index."""
    sequence = recognise(word_pieces(text))
    lengths = sorted({len(u) for u in units}, reverse=True)
    matches, position = [], 0
    while position < len(sequence):
        for length in lengths:
            window = sequence[position : position + length]
            unit = tuple(piece.term for piece in window)
            if len(window) == length and unit in units:
                matches.append(_Match(window[0].first, window[-1].last, unit))
                position += length
                break
        else:
            position += 1
    return matches


def _best_extract(texts: list[str], units: set[tuple], enough: int) -> SafeString:
    best, best_score = None, (0, 0)
    for text in texts:
        words = _words(text)
        matches = _matches(text, units)
        for match in matches:
            start = max(0, match.first - LEAD)
            inside = [m for m in matches if m.first >= start and m.last < start + WINDOW]
            score = (len({m.unit for m in inside}), len(inside))
            if score > best_score:
                best, best_score = (text, words, start, inside), score
        if best_score[0] >= enough:
            break
    if best is None:
        if not texts:
            return mark_safe("")
        return _render(texts[0], _words(texts[0]), 0, [])
    return _render(*best)


def _render(text: str, words, start: int, matches: list[_Match]) -> SafeString:
    """Words start..start+WINDOW of the text, with the punctuation around them when the
    window reaches either end, everything escaped but the marks."""
    if not words:
        return mark_safe(escape(text[:200].strip()))
    end = min(len(words), start + WINDOW)
    position = words[start][0] if start > 0 else 0
    stop = words[end - 1][1] if end < len(words) else len(text)
    out = ["… "] if start > 0 else []
    for match in matches:
        if match.last >= end:
            continue
        mark_start, mark_end = words[match.first][0], words[match.last][1]
        out += [escape(text[position:mark_start]), "<mark>", escape(text[mark_start:mark_end])]
        out.append("</mark>")
        position = mark_end
    out.append(escape(text[position:stop]))
    if end < len(words):
        out.append(" …")
    return mark_safe("".join(out).strip())
