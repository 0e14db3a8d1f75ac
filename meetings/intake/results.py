"""What extraction hands back: a draft record, the spans it came from, and what to check."""

from dataclasses import dataclass, field

from meetings.interchange.records import MeetingRecord

MAX_ARTICLE_BYTES = 1_000_000


class ArticleRejected(ValueError):
    """The article cannot become a draft; ``str(error)`` is the message for the editor."""


@dataclass(frozen=True)
class Evidence:
    """Where in the original text (character offsets) an extracted value was read from."""

    field: str
    start: int
    end: int
    value: str


@dataclass
class Extraction:
    record: MeetingRecord
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Fields the article did not give and the editor must fill in before saving, by their
    # interchange names ("start_date"); the record holds None or "" there.
    missing: list[str] = field(default_factory=list)


@dataclass
class Found:
    """What extraction has found so far: evidence, warnings, and the fields left to fill in."""

    evidence: list[Evidence]
    warnings: list[str]
    missing: list[str] = field(default_factory=list)

    def add(self, name: str, start: int, end: int, value) -> None:
        self.evidence.append(Evidence(name, start, end, str(value)))
