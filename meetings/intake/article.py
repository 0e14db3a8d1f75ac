"""An article split into what extraction works on: headline, dateline, paragraphs, sentences."""

import datetime
from dataclasses import dataclass, field

from meetings.intake.chrome import content_lines
from meetings.intake.dates import Dateline, find_dateline
from meetings.intake.tokens import CYRILLIC, LATIN, Span, Token, normalize, split_sentences
from meetings.intake.tokens import tokenize as tokenize_span


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Article:
    text: str  # as given
    norm: str  # normalised one character for one
    language: str
    paragraphs: list[Span]  # body paragraphs (no headline, no chrome)
    chrome: list[Span]
    headline: Span | None
    dateline: Dateline | None
    sentences: list[Sentence]

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def body_start(self) -> int:
        return self.sentences[0].start if self.sentences else 0

    def lead(self, count: int = 3) -> list[Sentence]:
        return self.sentences[:count]

    def first_paragraph_sentences(self) -> list[Sentence]:
        if not self.sentences:
            return []
        first = self.sentences[0].paragraph
        return [s for s in self.sentences if s.paragraph == first]

    def clean_text(self) -> str:
        """The article without chrome lines, for the source record."""
        parts = []
        if self.headline:
            parts.append(self.text[self.headline.start : self.headline.end])
        parts.extend(self.text[p.start : p.end] for p in self._body_lines)
        return "\n".join(parts)

    _body_lines: list[Span] = field(default_factory=list)


def detect_language(text: str) -> str:
    return "ru" if len(CYRILLIC.findall(text)) >= len(LATIN.findall(text)) else "en"


def _is_headline(text: str, span: Span, following: int) -> bool:
    line = text[span.start : span.end].strip()
    words = line.split()
    if following == 0 or len(words) > 30 or len(line) > 250:
        return False
    return not line.endswith((".", ":", ";", ",")) or (len(words) <= 12 and line.endswith("."))


def read_article(text: str, published: datetime.date | None) -> Article:
    norm = normalize(text)
    lines, chrome = content_lines(norm)
    headline = None
    dateline = None
    body_lines = list(lines)
    if body_lines:
        first = body_lines[0]
        dateline = find_dateline(norm, first.start, first.end, published)
        if dateline is None and len(body_lines) > 1 and _is_headline(norm, first, len(lines) - 1):
            headline = first
            body_lines = body_lines[1:]
            dateline = find_dateline(norm, body_lines[0].start, body_lines[0].end, published)
    paragraphs = []
    for span in body_lines:
        if dateline and span.start == dateline.start:
            if dateline.end >= span.end:
                continue  # a line holding only the dateline
            start = dateline.end
            while start < span.end and norm[start].isspace():
                start += 1
            span = Span(start, span.end)
        paragraphs.append(span)
    sentences = []
    for number, paragraph in enumerate(paragraphs):
        for span in split_sentences(norm, paragraph.start, paragraph.end):
            sentence = Sentence(span.start, span.end, number, len(sentences))
            sentence.tokens = tokenize_span(norm, span.start, span.end)
            sentences.append(sentence)
    language = detect_language(" ".join(norm[p.start : p.end] for p in lines) or norm)
    article = Article(
        text=text,
        norm=norm,
        language=language,
        paragraphs=paragraphs,
        chrome=chrome,
        headline=headline,
        dateline=dateline,
        sentences=sentences,
    )
    article._body_lines = body_lines
    return article
