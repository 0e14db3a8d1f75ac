"""The index's fast walk over a text finds exactly the terms the general one does."""

import json
from pathlib import Path

import pytest

from meetings.search.names import recognise, recognised_terms
from meetings.search.text import word_pieces

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

TRICKY = [
    "",
    "Putin met Tokayev in Astana; the United States and Papua New Guinea sent envoys.",
    "Встреча прошла в Сиане, затем делегации отправились в Сиань и Бишкек.",
    "того же дня в Того, данные о Дании, Мали мало",  # everyday words beside country names
    "Xi'an, Côte d’Ivoire and the Kyrgyz Republic",
    "COVID-19 ½ 2023-05-19 people's",
    "Republic of Korea",  # a name ending the text
    "South",  # the first word of names, alone
    "Соединённые Штаты Америки и США, Республика Узбекистан",
]


def _record_texts(*names: str) -> list[str]:
    texts = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in names:
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                walk(json.loads(line))
    return texts


def _by_pieces(text: str) -> tuple[list[str], list[str]]:
    pieces = recognise(word_pieces(text))
    return [piece.term for piece in pieces], [term for piece in pieces for term in piece.telling]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_give_the_same_terms_and_telling_words(text):
    assert recognised_terms(text) == _by_pieces(text)


def test_every_text_of_the_real_register_gives_the_same_terms():
    texts = _record_texts("seed.jsonl", "central-asia.jsonl")
    assert len(texts) > 3000

    differing = [text[:80] for text in texts if recognised_terms(text) != _by_pieces(text)]

    assert differing == []
