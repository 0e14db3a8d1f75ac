"""The language an API answer is given in: ``?lang=`` when present, else the best of
``Accept-Language``; English when neither names one the API speaks.

Reference data (countries, formats, topics, levels, document kinds) is named in that language;
a meeting's own text stays as it was written.
"""

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from meetings.models import DocumentKind, Level

LANGUAGES = ("en", "ru")
DEFAULT = "en"


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
    """The level's label in the answer's language, from the interface's catalogue."""
    return str(Level(level).label) if level else ""


def kind_name(kind: str) -> str:
    """The document kind's label in the answer's language, from the interface's catalogue."""
    return str(DocumentKind(kind).label)
