"""The language an API answer is given in: ``?lang=`` when present, else the best of
``Accept-Language``; English when neither names one the API speaks.

Reference data (countries, formats, topics, levels, document kinds) is named in that language;
a meeting's own text stays as it was written.
"""

import re

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from meetings.models import DocumentKind, Level

LANGUAGES = ("en", "ru")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
DEFAULT = "en"

LEVEL_NAMES_RU = {
    Level.HEADS_OF_STATE: "Главы государств",
    Level.HEADS_OF_GOVERNMENT: "Главы правительств",
    Level.FOREIGN_MINISTERS: "Министры иностранных дел",
    Level.MINISTERS: "Министры",
    Level.SENIOR_OFFICIALS: "Высокопоставленные должностные лица",
    Level.EXPERTS: "Эксперты",
    Level.PARLIAMENTARY: "Парламентарии",
    Level.OTHER: "Другое",
}
KIND_NAMES_RU = {
    DocumentKind.MEMORANDUM: "Меморандум",
    DocumentKind.JOINT_STATEMENT: "Совместное заявление",
    DocumentKind.DECLARATION: "Декларация",
    DocumentKind.AGREEMENT: "Соглашение",
    DocumentKind.TREATY: "Договор",
    DocumentKind.ROADMAP: "Дорожная карта",
    DocumentKind.COMMUNIQUE: "Коммюнике",
    DocumentKind.ACTION_PLAN: "План действий",
    DocumentKind.PROTOCOL: "Протокол",
    DocumentKind.RESOLUTION: "Резолюция",
    DocumentKind.OTHER: "Другое",
}


class UnknownLanguage(ValueError):
    pass


def chosen_language(params, accept_language: str) -> str:
    """``params["lang"]`` if given (UnknownLanguage when the API does not speak it), else the
    first language of the Accept-Language header that it does, else English."""
    asked = params.get("lang")
    if asked:  # an empty one, as a form sends it, leaves the choice to the header
        code = asked.strip().lower()
        if code not in LANGUAGES:
            raise UnknownLanguage(f"Unknown language “{asked[:20]}”: use en or ru.")
        return code
    for code, _quality in parse_accept_lang_header(accept_language[:500]):
        primary = code.split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT


def in_russian() -> bool:
    return translation.get_language() == "ru"


def localized(name_en: str, name_ru: str) -> str:
    """The name in the answer's language; the English one where no Russian one is held."""
    return name_ru if name_ru and in_russian() else name_en


def level_name(level: str) -> str:
    if not level:
        return ""
    return _named(str(Level(level).label), LEVEL_NAMES_RU[level])


def kind_name(kind: str) -> str:
    return _named(str(DocumentKind(kind).label), KIND_NAMES_RU[kind])


def _named(label: str, russian: str) -> str:
    """The label as the interface's catalogue gives it in the active language; in Russian,
    our own name where the catalogue has none (the label came back in Latin letters)."""
    if in_russian() and not _CYRILLIC.search(label):
        return russian
    return label
