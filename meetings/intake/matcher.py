"""Finds known phrases (names, aliases, keywords) in token sequences, longest match first.

A phrase is a sequence of keys. A text token offers several keys: its lower-case form and,
when it is written in capitals (КР, ЦА, EU), its exact form marked with "=", so that short
abbreviations only match when capitalised. Matchers built for lemmas or stems offer those keys
instead.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from meetings.intake.tokens import Token, normalize, tokenize

_END = "\0"


def exact_key(text: str) -> str:
    return "=" + text


def phrase_keys(phrase: str) -> list[str]:
    """Keys of a phrase written as text: short all-capital words must match exactly."""
    keys = []
    for token in tokenize(normalize(phrase)):
        text = token.text
        if (
            (text.isalpha() and text.isupper() and len(text) <= 6 and len(text) > 1)
            or text == "C"
            or (text.isalpha() and text.isupper() and len(text) == 1)
        ):
            keys.append(exact_key(text))
        else:
            keys.append(text.lower())
    return keys


def surface_keys(token: Token) -> tuple[str, ...]:
    if token.text.isupper():
        return (token.lower, exact_key(token.text))
    return (token.lower,)


@dataclass(frozen=True)
class Match:
    start: int  # index of the first token in the searched sequence
    end: int  # index after the last token
    payload: Any
    tokens: tuple[Token, ...]

    @property
    def char_start(self) -> int:
        return self.tokens[0].start

    @property
    def char_end(self) -> int:
        return self.tokens[-1].end

    @property
    def first(self) -> Token:
        return self.tokens[0]


class PhraseMatcher:
    def __init__(self, keys_of: Callable[[Token], Iterable[str]] = surface_keys):
        self.root: dict = {}
        self.keys_of = keys_of

    def add(self, keys: Sequence[str], payload: Any) -> None:
        if not keys:
            return
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        payloads = node.setdefault(_END, [])
        if payload not in payloads:
            payloads.append(payload)

    def add_phrase(self, phrase: str, payload: Any) -> None:
        self.add(phrase_keys(phrase), payload)

    def _walk(self, tokens: Sequence[Token], i: int) -> tuple[int, list]:
        """The longest phrase starting at token i: (end index, payloads)."""
        best_end, best = i, []
        frontier = [self.root]
        j = i
        while frontier and j < len(tokens):
            next_frontier = []
            for node in frontier:
                for key in self.keys_of(tokens[j]):
                    child = node.get(key)
                    if child is not None:
                        next_frontier.append(child)
            j += 1
            for node in next_frontier:
                if _END in node:
                    best_end, best = j, node[_END]
            frontier = next_frontier
        return best_end, best

    def find(self, tokens: Sequence[Token], *, overlapping: bool = False) -> list[Match]:
        """Leftmost-longest matches (each payload of a phrase is its own Match)."""
        matches = []
        i = 0
        while i < len(tokens):
            end, payloads = self._walk(tokens, i)
            if payloads:
                for payload in payloads:
                    matches.append(Match(i, end, payload, tuple(tokens[i:end])))
                i = i + 1 if overlapping else end
            else:
                i += 1
        return matches
