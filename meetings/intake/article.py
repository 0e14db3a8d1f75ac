"""An article split into what extraction works on: headline, dateline, paragraphs, sentences."""

import datetime
import re
from dataclasses import dataclass, field

from meetings.intake.chrome import content_lines
from meetings.intake.dates import Dateline, find_dateline, find_place_dateline
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


FRONT_MATTER_LINES = 12  # a site's name, section, headline, subtitle, caption, date, byline
HEADLINE_WORDS = 8


def _is_running_text(line: str) -> bool:
    """A paragraph of the article proper, not a headline, a caption or a site's name."""
    words = len(line.split())
    return words >= 25 or (words >= 8 and line.rstrip().endswith((".", "!", "?", '"', ")")))


def _front_matter(norm: str, lines: list[Span], published):
    """(headline, dateline, body lines, furniture lines): what a paste from a web page puts
    before the article's first paragraph. The headline is the first line long enough to be one;
    a line holding only a date ("Updated: July 17, 2020 20:37") dates the article; the rest
    (the site's name, "Readout", "Office of the Spokesperson") is furniture."""
    lead = next(
        (
            k
            for k, span in enumerate(lines[:FRONT_MATTER_LINES])
            if _is_running_text(norm[span.start : span.end])
        ),
        None,
    )
    if lead is None:
        return _first_line_headline(norm, lines, published)
    headline = date_line = None
    furniture = []
    for span in lines[:lead]:
        line = norm[span.start : span.end]
        found = find_dateline(norm, span.start, span.end, published)
        if found and found.end >= span.end - 1 and date_line is None:
            date_line = found
        elif (
            headline is None
            and len(line.split()) >= HEADLINE_WORDS
            and _could_be_headline(norm, span)
        ):
            headline = span
        else:
            furniture.append(span)
    if headline is None:  # a short headline: the longest of the short lines before the text
        named = [span for span in furniture if _could_be_headline(norm, span)]
        if named:
            headline = max(reversed(named), key=lambda s: len(norm[s.start : s.end].split()))
            furniture.remove(headline)
    body_lines = lines[lead:]
    dateline = None
    for span in body_lines[:3]:  # after a lede that repeats the headline
        dateline = find_dateline(norm, span.start, span.end, published) or find_place_dateline(
            norm, span.start, span.end
        )
        if dateline:
            break
    if dateline is None or (dateline.date is None and date_line is not None):
        dateline = _merged(dateline, date_line)
    if date_line is not None and dateline is not date_line:
        furniture.append(Span(date_line.start, date_line.end))
    if headline is None and lead == 0 and len(body_lines) > 1:
        return _first_line_headline(norm, lines, published)
    return headline, dateline, body_lines, furniture


# The lines a ministry's page puts over a release: its own name, the office, the genre.
_MASTHEAD = re.compile(
    r"^(?:the\s+)?(?:u\.?\s?s\.?\s+)?(?:office|department|ministry|embassy|press|media|readout"
    r"|министерство|пресс|посольство|управление)\b",
    re.IGNORECASE,
)


def _could_be_headline(norm: str, span: Span) -> bool:
    line = norm[span.start : span.end].rstrip()
    return len(line.split()) >= 3 and not line.endswith(":") and not _MASTHEAD.match(line)


def _merged(place: Dateline | None, dated: Dateline | None) -> Dateline | None:
    """A dateless dateline in the text ("ASTANA -") takes the date of the page's date line."""
    if place is None or dated is None:
        return place or dated
    return Dateline(
        place.start, place.end, place.place_start, place.place_end, dated.date, place.agency
    )


def _first_line_headline(norm: str, lines: list[Span], published):
    headline = None
    body_lines = list(lines)
    dateline = None
    if body_lines:
        first = body_lines[0]
        dateline = find_dateline(norm, first.start, first.end, published)
        if dateline is None and len(body_lines) > 1 and _is_headline(norm, first, len(lines) - 1):
            headline = first
            body_lines = body_lines[1:]
            dateline = find_dateline(norm, body_lines[0].start, body_lines[0].end, published)
        if dateline is None:
            dateline = find_place_dateline(norm, body_lines[0].start, body_lines[0].end)
    return headline, dateline, body_lines, []


def read_article(text: str, published: datetime.date | None) -> Article:
    norm = normalize(text)
    lines, chrome = content_lines(norm)
    headline, dateline, body_lines, furniture = _front_matter(norm, lines, published)
    if furniture:
        chrome = sorted([*chrome, *furniture], key=lambda span: span.start)
    paragraphs = []
    for span in body_lines:
        if dateline and span.start == dateline.start and dateline.end <= span.end:
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
