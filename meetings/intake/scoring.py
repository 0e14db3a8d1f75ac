"""Measures extraction against records a careful editor made: per-field precision and recall.

A test case is an article ``NAME.txt`` with ``NAME.json`` beside it: the record in the
interchange format, whose first source gives the publication date, publisher and URL the
extractor is handed. Scores are micro-averaged over all cases.
"""

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from meetings.intake.extract import extract_article
from meetings.intake.morph import stem
from meetings.interchange.exporter import record_to_json

FIELDS = (
    "start_date", "end_date", "city", "host_country", "countries", "format", "edition", "level",
    "participants", "positions", "documents", "topics", "statements",
)  # fmt: skip
SINGLE_VALUED = ("start_date", "end_date", "city", "host_country", "format", "edition", "level")
TITLE_SIMILARITY = 0.5


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


@dataclass
class Case:
    name: str
    text: str
    expected: dict

    @property
    def source(self) -> dict:
        sources = self.expected.get("sources") or [{}]
        return sources[0]


@dataclass
class CaseScore:
    name: str
    seconds: float
    counts: dict[str, Counts]
    misses: list[str] = field(default_factory=list)


@dataclass
class Report:
    cases: list[CaseScore]
    timed: bool = True

    @property
    def totals(self) -> dict[str, Counts]:
        totals = {name: Counts() for name in FIELDS}
        for case in self.cases:
            for name, counts in case.counts.items():
                totals[name].add(counts)
        return totals

    def table(self) -> str:
        def fmt(value: float | None) -> str:
            return "   —" if value is None else f"{value:.2f}"

        lines = [f"{'field':<14} {'TP':>4} {'FP':>4} {'FN':>4}  precision  recall    F1"]
        for name, c in self.totals.items():
            lines.append(
                f"{name:<14} {c.tp:>4} {c.fp:>4} {c.fn:>4}  {fmt(c.precision):>9}  "
                f"{fmt(c.recall):>6}  {fmt(c.f1):>4}"
            )
        seconds = [c.seconds for c in self.cases]
        if not self.timed:
            lines.append(f"{len(seconds)} articles")
        elif seconds:
            lines.append(
                f"{len(seconds)} articles; extraction time per article: mean "
                f"{sum(seconds) / len(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"
            )
        return "\n".join(lines)


def load_cases(directory: Path) -> list[Case]:
    cases = []
    for text_path in sorted(Path(directory).glob("*.txt")):
        json_path = text_path.with_suffix(".json")
        if not json_path.exists():
            continue
        expected = json.loads(json_path.read_text(encoding="utf-8"))
        cases.append(Case(text_path.stem, text_path.read_text(encoding="utf-8"), expected))
    return cases


def _date(value):
    import datetime

    return datetime.date.fromisoformat(value) if value else None


def run_case(case: Case) -> tuple[dict, float]:
    """The extracted record as interchange data, and the seconds extraction took."""
    source = case.source
    started = time.perf_counter()
    extraction = extract_article(
        case.text,
        published=_date(source.get("published")),
        url=source.get("url") or "",
        publisher=source.get("publisher") or "",
    )
    seconds = time.perf_counter() - started
    return json.loads(record_to_json(extraction.record)), seconds


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold().replace("ё", "е")


def _single(got, want, name: str, misses: list[str]) -> Counts:
    counts = Counts()
    if want not in (None, ""):
        if got not in (None, "") and _norm(got) == _norm(want):
            counts.tp = 1
        else:
            counts.fn = 1
            if got not in (None, ""):
                counts.fp = 1
            misses.append(f"{name}: got {got!r}, expected {want!r}")
    elif got not in (None, ""):
        counts.fp = 1
        misses.append(f"{name}: got {got!r}, expected nothing")
    return counts


def _multiset(got: list, want: list, name: str, misses: list[str]) -> Counts:
    got_counts, want_counts = Counter(got), Counter(want)
    tp = sum((got_counts & want_counts).values())
    extra = sorted(map(str, (got_counts - want_counts).elements()))
    missing = sorted(map(str, (want_counts - got_counts).elements()))
    if extra:
        misses.append(f"{name}: unexpected {', '.join(extra)}")
    if missing:
        misses.append(f"{name}: missed {', '.join(missing)}")
    return Counts(tp, len(extra), len(missing))


def _words(title: str) -> set[str]:
    return {stem(w) for w in re.findall(r"\w+", title.lower()) if len(w) > 2}


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= TITLE_SIMILARITY


def _names(person: dict) -> set[str]:
    return {_norm(n) for n in (person.get("name"), person.get("name_ru")) if n}


NAME_SIMILARITY = 0.8


def _name_ends(person: dict) -> list[tuple[str, str]]:
    """(first word, last word) of each of a person's names, initials left out."""
    ends = []
    for name in _names(person):
        words = [w for w in re.findall(r"\w+", name) if len(w) >= 3]
        if words:
            ends.append((words[0], words[-1]))
    return ends


def _alike(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


def _same_person(got: dict, want: dict) -> bool:
    """The same full name; or, since editors file "Jeenbek Kulubaev" where a release writes
    "Kulubaev Zheenbek Moldokanovich", "К.К. Токаев" or "Erlan Idrisov", a surname spelled
    nearly alike (the last word of one name against the first or last word of the other)."""
    if _names(got) & _names(want):
        return True
    for got_first, got_last in _name_ends(got):
        for want_first, want_last in _name_ends(want):
            if _alike(got_last, want_last) or _alike(got_first, want_last):
                return True
            if _alike(got_last, want_first):
                return True
    return False


def score(got: dict, want: dict) -> tuple[dict[str, Counts], list[str]]:
    """Per-field counts comparing an extracted record with the expected one."""
    misses: list[str] = []
    counts = {name: _single(got.get(name), want.get(name), name, misses) for name in SINGLE_VALUED}
    counts["countries"] = _multiset(
        got.get("countries") or [], want.get("countries") or [], "countries", misses
    )
    counts["topics"] = _multiset(
        got.get("topics") or [], want.get("topics") or [], "topics", misses
    )
    counts["statements"] = _multiset(
        [s.get("country") or "none" for s in got.get("statements") or []],
        [s.get("country") or "none" for s in want.get("statements") or []],
        "statements",
        misses,
    )
    counts["participants"], counts["positions"] = _participants(
        got.get("participants") or [], want.get("participants") or [], misses
    )
    counts["documents"] = _documents(
        got.get("documents") or [], want.get("documents") or [], misses
    )
    return counts, misses


def _participants(got: list[dict], want: list[dict], misses: list[str]) -> tuple[Counts, Counts]:
    people, positions = Counts(), Counts()
    unmatched = list(want)
    for person in got:
        match = next((w for w in unmatched if _same_person(person, w)), None)
        if match is None:
            people.fp += 1
            if person.get("position"):
                positions.fp += 1
            misses.append(
                f"participants: unexpected {person.get('name')} ({person.get('country')})"
            )
            continue
        unmatched.remove(match)
        if person.get("country") == match.get("country"):
            people.tp += 1
        else:
            people.fp += 1
            people.fn += 1
            misses.append(
                f"participants: {person.get('name')} given {person.get('country')}, "
                f"expected {match.get('country')}"
            )
        got_position, want_position = person.get("position"), match.get("position")
        if want_position and got_position and _norm(got_position) == _norm(want_position):
            positions.tp += 1
        else:
            if got_position:
                positions.fp += 1
            if want_position:
                positions.fn += 1
            name = person.get("name")
            misses.append(f"positions: {name} given {got_position!r}, expected {want_position!r}")
    for person in unmatched:
        people.fn += 1
        if person.get("position"):
            positions.fn += 1
        misses.append(f"participants: missed {person.get('name')} ({person.get('country')})")
    return people, positions


def _documents(got: list[dict], want: list[dict], misses: list[str]) -> Counts:
    counts = Counts()
    unmatched = list(want)
    for document in got:
        match = next(
            (
                w
                for w in unmatched
                if w.get("kind") == document.get("kind") and _similar(w["title"], document["title"])
            ),
            None,
        )
        if match is None:
            counts.fp += 1
            misses.append(f"documents: unexpected {document.get('kind')} {document.get('title')!r}")
        else:
            unmatched.remove(match)
            counts.tp += 1
    for document in unmatched:
        counts.fn += 1
        misses.append(f"documents: missed {document.get('kind')} {document.get('title')!r}")
    return counts


def score_cases(cases: list[Case]) -> Report:
    scored = []
    for case in cases:
        got, seconds = run_case(case)
        counts, misses = score(got, case.expected)
        scored.append(CaseScore(case.name, seconds, counts, misses))
    return Report(scored)


# Real articles: records of what the extractor proposed and what an editor saved.

RECORD_FIELDS = (
    "start_date", "end_date", "city", "host_country", "countries", "format", "edition", "level",
    "participants", "documents", "statements", "topics",
)  # fmt: skip


KEPT_TITLE = 120


def load_records(path: Path) -> list[dict]:
    """One dict a line: ``id``, ``url``, ``published``... and ``saved``, ``proposed_before``,
    ``proposed`` (each the scored fields of a record)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def write_records(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def propose(text: str, row: dict) -> dict:
    """The scored fields of what the current extractor drafts from an article, without the
    article's text (sources, statements' sentences): these records are kept in the repository,
    the articles are not."""
    extraction = extract_article(
        text,
        published=_date(row.get("published")),
        url=row.get("url") or "",
        publisher=row.get("publisher") or "",
    )
    data = json.loads(record_to_json(extraction.record))
    proposed = {name: data.get(name) for name in RECORD_FIELDS}
    for statement in proposed.get("statements") or []:
        statement.pop("text", None)  # the article's own sentences
    for document in proposed.get("documents") or []:
        # a title read too far runs on into the article's sentences
        document["title"] = document["title"][:KEPT_TITLE]
    if extraction.missing:
        proposed["missing"] = list(extraction.missing)
    return proposed


def score_records(rows: list[dict], key: str) -> Report:
    """Scores each row's ``key`` draft (``proposed_before`` or ``proposed``) against ``saved``;
    rows without that draft are left out, and a draft the extractor refused counts as empty."""
    scored = []
    for row in rows:
        got = row.get(key)
        if got is None or row.get("saved") is None:
            continue
        counts, misses = score(got, row["saved"])
        scored.append(CaseScore(str(row.get("id")), 0.0, counts, misses))
    return Report(scored, timed=False)


def side_by_side(reports: list[tuple[str, Report]]) -> str:
    """One line a field, precision/recall of each report in a column (Markdown)."""

    def cell(counts: Counts) -> str:
        p, r = counts.precision, counts.recall
        return "—" if p is None and r is None else f"{_pct(p)} / {_pct(r)}"

    lines = [
        "| field | " + " | ".join(f"{h} ({len(r.cases)})" for h, r in reports) + " |",
        "|---" * (len(reports) + 1) + "|",
    ]
    for name in FIELDS:
        lines.append(f"| {name} | " + " | ".join(cell(r.totals[name]) for _, r in reports) + " |")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
