"""The search box's relevance set and its two figures, precision at five and mean reciprocal
rank, computed the way the list page orders results (rank, then newest first).

precision@5 of one query: how many of its first five results are relevant, out of as many as
could be (five, or fewer when fewer meetings are relevant). Reciprocal rank: one over the
position of the first "best" meeting (the relevant ones when the query names none), nought
when it is not found. A meeting a query marks "absent" must not be found at all; each one
found is counted as a wrong hit.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "queries.toml"
TOP = 5


@dataclass(frozen=True)
class Case:
    q: str
    relevant: frozenset[str]
    best: frozenset[str]
    absent: frozenset[str]
    note: str = ""


@dataclass
class Outcome:
    case: Case
    ranked: list[str]

    @property
    def precision(self) -> float:
        top = set(self.ranked[:TOP])
        return len(top & self.case.relevant) / min(TOP, len(self.case.relevant))

    @property
    def reciprocal_rank(self) -> float:
        for position, external_id in enumerate(self.ranked, start=1):
            if external_id in self.case.best:
                return 1 / position
        return 0.0

    @property
    def wrong_hits(self) -> set[str]:
        return self.case.absent.intersection(self.ranked)


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def precision_at_5(self) -> float:
        return sum(o.precision for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(o.reciprocal_rank for o in self.outcomes) / len(self.outcomes)

    @property
    def wrong_hits(self) -> int:
        return sum(len(o.wrong_hits) for o in self.outcomes)

    def report(self) -> str:
        lines = [
            f"{len(self.outcomes)} queries: P@5 {self.precision_at_5:.3f}, MRR {self.mrr:.3f}, "
            f"wrong hits {self.wrong_hits}"
        ]
        for o in self.outcomes:
            if o.precision < 1 or o.reciprocal_rank < 1 or o.wrong_hits:
                lines.append(
                    f"  {o.case.q!r}: P@5 {o.precision:.2f} RR {o.reciprocal_rank:.2f} "
                    f"wrong {len(o.wrong_hits)} of {len(o.ranked)} found; top {o.ranked[:3]}"
                )
        return "\n".join(lines)


def cases() -> list[Case]:
    with QUERIES.open("rb") as file:
        entries = tomllib.load(file)["query"]
    return [
        Case(
            q=entry["q"],
            relevant=frozenset(entry["relevant"]),
            best=frozenset(entry.get("best") or entry["relevant"]),
            absent=frozenset(entry.get("absent", ())),
            note=entry.get("note", ""),
        )
        for entry in entries
    ]


def measure(ranked_ids) -> Figures:
    """The figures of the whole set, given a function from query text to ranked external ids."""
    return Figures([Outcome(case, ranked_ids(case.q)) for case in cases()])
