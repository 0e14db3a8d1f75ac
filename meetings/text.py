"""Small text helpers shared by the admin and the importer."""

import datetime
import re

from django.utils.text import slugify

_CYRILLIC_TO_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєўқңғүұһәө",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "u",
            "k",
            "n",
            "g",
            "u",
            "u",
            "h",
            "a",
            "o",
        ],
        strict=True,
    )
)


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic ones, so that Russian titles still give readable ASCII slugs."""
    out = []
    for char in text:
        latin = _CYRILLIC_TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def unique_slug(text: str, taken: set[str], *, prefix: str = "", limit: int = 90) -> str:
    """An ASCII slug of ``text`` (Cyrillic transliterated) that is not in ``taken``."""
    # slugify drops dashes between words ("Asia–China"); make them separators first.
    spaced = re.sub(r"[‐-―−]", " ", text)
    words = slugify(transliterate(spaced))[:limit].strip("-") or "untitled"
    base = f"{prefix}{words}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def meeting_slug(title: str, start_date: datetime.date, taken: set[str]) -> str:
    """``2021-05-12-second-meeting-...``: the date first, so slugs sort and read as a register."""
    return unique_slug(title, taken, prefix=f"{start_date:%Y-%m-%d}-")


def person_slug(name: str, taken: set[str]) -> str:
    """``ruslan-kazakbaev``: a person's name in Latin letters, numbered when already taken."""
    return unique_slug(name, taken, limit=100)


# Characters XML 1.0 forbids: the C0 controls but tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF. A feed cannot carry them, so no way in accepts them.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_forbidden(text: str) -> str:
    """The first character of ``text`` that XML 1.0 forbids, or "" when there is none."""
    found = XML_FORBIDDEN.search(text)
    return found.group(0) if found else ""


def without_xml_forbidden(text: str) -> str:
    return XML_FORBIDDEN.sub("", text)
