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
