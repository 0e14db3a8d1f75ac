"""Offsets-preserving normalisation, tokens, paragraphs and sentences of an article.

Every function here keeps character offsets into the original text: normalisation replaces
characters one for one, so a span found in the normalised text is a span of the original.
"""

import re
from dataclasses import dataclass, field

_ONE_FOR_ONE = str.maketrans(
    {
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("«»“”„‟″", '"'),
        **dict.fromkeys("‘’‚‛`´ʼ", "'"),
        **dict.fromkeys("\u00a0\u2007\u2009\u202f\u2002\u2003\u200a\t", " "),
        "ё": "е",
        "Ё": "Е",
    }
)


def normalize(text: str) -> str:
    """One character for one: dashes to "-", quotes to '"' and "'", ё to е, odd spaces to " "."""
    normalized = text.translate(_ONE_FOR_ONE)
    assert len(normalized) == len(text)
    return normalized


CYRILLIC = re.compile(r"[А-Яа-я]")
LATIN = re.compile(r"[A-Za-z]")
WORD_RE = re.compile(r"[^\W\d_]+(?:'(?![sS]\b)[^\W\d_]+)*|\d+|\S")


@dataclass
class Token:
    text: str  # normalised surface form
    start: int
    end: int
    index: int
    lower: str = field(init=False)

    def __post_init__(self):
        self.lower = self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_cyrillic(self) -> bool:
        return bool(CYRILLIC.match(self.text))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(m.group(0), m.start(), m.end(), i)
        for i, m in enumerate(WORD_RE.finditer(text, start, end))
    ]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


ABBREVIATIONS = {
    "г", "гг", "т", "д", "п", "им", "ул", "пр", "др", "см", "напр", "млн", "млрд", "тыс", "руб",
    "долл", "ст", "чел", "ок", "вв", "mr", "mrs", "ms", "dr", "st", "no", "vs", "jan", "feb",
    "aug", "sept", "sep", "oct", "nov", "dec", "gen", "col", "prof", "jr", "sr", "inc", "co",
    "e", "i", "u", "s", "etc", "approx",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*(?=\s+[\"'(\[]?[A-ZА-Я0-9-])|[.!?…]+[\"')\]]*\s*$")


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of one paragraph ``text[start:end]``, as spans of the whole text."""
    spans = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        before = text[sentence_start : match.start()]
        last_word = re.search(r"([^\W\d_]+)$", before)
        if match.group(0).startswith(".") and last_word:
            word = last_word.group(1)
            # An initial ("С. Лавров") or an abbreviation ("в г. Сиань") does not end a sentence,
            # but a one-letter Chinese given name does ("...с Ван И. Стороны...").
            if len(word) == 1 and word.isupper():
                if not _ends_chinese_name(before):
                    continue
            elif word.lower() in ABBREVIATIONS:
                continue
        stop = match.end()
        if text[sentence_start:stop].strip():
            spans.append(Span(sentence_start, _rstrip(text, sentence_start, stop)))
        sentence_start = _lstrip(text, stop, end)
    if text[sentence_start:end].strip():
        spans.append(Span(sentence_start, _rstrip(text, sentence_start, end)))
    return spans


def _ends_chinese_name(before: str) -> bool:
    return re.search(r"(?:^|\s)[А-Я][а-я]+\s[А-Я]$", before) is not None


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def lines(text: str) -> list[Span]:
    """Non-blank lines, without their surrounding whitespace."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        start = _lstrip(text, match.start(), match.end())
        end = _rstrip(text, start, match.end())
        if end > start:
            spans.append(Span(start, end))
    return spans
