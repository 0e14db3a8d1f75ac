"""Reference data in the interface language, ordered as a reader of that language expects,
and numbers grouped as it writes them.

Countries, groups, topics and formats hold ``name_en`` and ``name_ru``; levels and document
kinds are choices whose labels the catalogue translates. A meeting's own text (its title,
summary, statements) is never passed through here: it stays in the language it was written in.
"""

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()
T = TypeVar("T")

# A narrow no-break space: the thin space Russian typography puts between thousands, which
# never lets a line break inside a number.
THIN_SPACE = "\u202f"


def in_russian() -> bool:
    return (translation.get_language() or "en").split("-")[0] == "ru"


def localized(name_en: str, name_ru: str | None) -> str:
    """The name in the interface language; the English one where no Russian one is held."""
    return name_ru if name_ru and in_russian() else name_en


def name_of(item) -> str:
    """The interface-language name of anything with ``name_en``/``name_ru`` (a model or a
    dict of one); a plain value is shown as it is."""
    if isinstance(item, dict):
        return localized(item.get("name_en", ""), item.get("name_ru"))
    if hasattr(item, "name_en"):
        return localized(item.name_en, getattr(item, "name_ru", ""))
    return "" if item is None else str(item)


def collation_key(name: str) -> tuple:
    """Dictionary order for the interface language, without ICU: case and accents ignored,
    Ё filed with Е, and, in Russian, Cyrillic names before Latin ones (as a Russian index
    lists them), so that "Кыргызстан" files under К."""
    plain = "".join(_plain(ch) for ch in unicodedata.normalize("NFC", name.casefold()))
    latin_first = not in_russian()
    first = next((ch for ch in plain if ch.isalpha()), "")
    cyrillic = "CYRILLIC" in unicodedata.name(first, "") if first else False
    script = 0 if cyrillic != latin_first else 1
    return (script, plain, name)


def _plain(ch: str) -> str:
    # Й stays a letter of its own; Latin accents (Côte d'Ivoire) are dropped.
    if ch == "ё":
        return "е"
    if "CYRILLIC" in unicodedata.name(ch, ""):
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def sorted_by_name(items: Iterable[T], name: Callable[[T], str] = name_of) -> list[T]:
    """``items`` in the interface language's order of their names."""
    return sorted(items, key=lambda item: collation_key(name(item)))


def grouped_number(value) -> str:
    """12345 as "12,345" in English and "12 345" (thin space) in Russian; years and codes are
    never passed here, so they stay "2021"."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    text = f"{number:,}"
    return text.replace(",", THIN_SPACE) if in_russian() else text


@register.filter
def name(item) -> str:
    """``{{ country|name }}``: its name in the interface language."""
    return name_of(item)


@register.filter
def other_name(item) -> str:
    """The name in the language the interface is not in (for a title attribute or a
    secondary line), or "" when it is the same."""
    if isinstance(item, dict):
        en, ru = item.get("name_en", ""), item.get("name_ru", "")
    else:
        en, ru = getattr(item, "name_en", ""), getattr(item, "name_ru", "")
    other = en if in_russian() else ru
    return "" if other == name_of(item) else (other or "")


@register.filter
def by_name(items):
    """``{% for c in countries|by_name %}``: ordered by their interface-language names."""
    return sorted_by_name(items or [])


@register.filter
def grouped(value) -> str:
    """``{{ count|grouped }}``: thousands grouped as the interface language writes them."""
    return grouped_number(value)


@register.simple_tag
def other_language() -> str:
    """``{% other_language as other %}``: the code of the language the interface is not in,
    for the ``lang`` of a name shown beside the interface-language one."""
    return "en" if in_russian() else "ru"


CYRILLIC_LANGUAGES = {"ru", "kk", "ky", "tg", "uk", "be", "mn", "bg", "sr"}


@register.filter
def written_in(text, language: str = "") -> str:
    """The ``lang`` of a meeting's own text: the record's language when the text is in its
    script, else the language the script says (records in Russian often carry summaries and
    statements written in English). ``{{ meeting.summary|written_in:meeting.language }}``."""
    language = (language or "").split("-")[0].lower()
    cyrillic = any("CYRILLIC" in unicodedata.name(ch, "") for ch in str(text or "")[:400])
    if cyrillic:
        return language if language in CYRILLIC_LANGUAGES else "ru"
    return language if language and language not in CYRILLIC_LANGUAGES else "en"


@register.filter
def lang_attr(text, language: str = ""):
    """`` lang="…"`` for a meeting's own text when it is not in the interface language, and
    nothing when it is: ``<p{{ statement.text|lang_attr:meeting.language }}>``."""
    code = written_in(text, language)
    current = (translation.get_language() or "en").split("-")[0]
    return "" if code == current else format_html(' lang="{}"', code)


@register.filter
def language_name(code: str) -> str:
    """A language's name in the interface language ("ru" is "Russian" or "русский"); the code
    itself for one Django does not know."""
    if not code:
        return ""
    # Django files Chinese under its scripts; the register writes plain "zh".
    known = {"zh": "zh-hans"}.get(code.lower(), code)
    try:
        return str(translation.get_language_info(known)["name_translated"])
    except KeyError:
        return code
