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
    lines: list[Span]  # article lines after the headline, dateline included, chrome left out

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
        parts.extend(self.text[p.start : p.end] for p in self.lines)
        return "\n".join(parts)

    def with_headline(self) -> list[Sentence]:
        """The body's sentences, preceded by the headline as a sentence of its own (index -1)."""
        if not self.headline:
            return list(self.sentences)
        head = Sentence(self.headline.start, self.headline.end, -1, -1)
        head.tokens = tokenize_span(self.norm, self.headline.start, self.headline.end)
        return [head, *self.sentences]


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
    return Article(
        text=text,
        norm=norm,
        language=language,
        paragraphs=paragraphs,
        chrome=chrome,
        headline=headline,
        dateline=dateline,
        sentences=sentences,
        lines=body_lines,
    )
