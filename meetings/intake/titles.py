"""A title for an article whose first line is not a headline, built from what was extracted:
"Вторая встреча министров иностранных дел в формате «Центральная Азия – Китай»",
"Second Meeting of Foreign Ministers in the Central Asia–China format"."""

from meetings import models
from meetings.intake.countries import country_names
from meetings.intake.formats import FormatInfo, side_signatures
from meetings.intake.morph import phrase_in_case

L = models.Level

ORDINALS_EN = (
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
    "Eighteenth", "Nineteenth", "Twentieth",
)  # fmt: skip
ORDINALS_RU = (
    "Первая", "Вторая", "Третья", "Четвёртая", "Пятая", "Шестая", "Седьмая", "Восьмая", "Девятая",
    "Десятая", "Одиннадцатая", "Двенадцатая", "Тринадцатая", "Четырнадцатая", "Пятнадцатая",
    "Шестнадцатая", "Семнадцатая", "Восемнадцатая", "Девятнадцатая", "Двадцатая",
)  # fmt: skip
MEETING_EN = {
    L.HEADS_OF_STATE: "Meeting of Heads of State",
    L.HEADS_OF_GOVERNMENT: "Meeting of Heads of Government",
    L.FOREIGN_MINISTERS: "Meeting of Foreign Ministers",
    L.MINISTERS: "Meeting of Ministers",
    L.SENIOR_OFFICIALS: "Meeting of Senior Officials",
    L.EXPERTS: "Meeting of Experts",
    L.PARLIAMENTARY: "Parliamentary Meeting",
}
MEETING_RU = {
    L.HEADS_OF_STATE: "встреча глав государств",
    L.HEADS_OF_GOVERNMENT: "встреча глав правительств",
    L.FOREIGN_MINISTERS: "встреча министров иностранных дел",
    L.MINISTERS: "встреча министров",
    L.SENIOR_OFFICIALS: "встреча на уровне заместителей министров",
    L.EXPERTS: "встреча экспертов",
    L.PARLIAMENTARY: "межпарламентская встреча",
}


def _ordinal(edition: int | None, language: str) -> str:
    if not edition:
        return ""
    words = ORDINALS_RU if language == "ru" else ORDINALS_EN
    if edition <= len(words):
        return words[edition - 1]
    if language == "ru":
        return f"{edition}-я"
    suffix = (
        "th" if 10 <= edition % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(edition % 10, "th")
    )
    return f"{edition}{suffix}"


def _join(names: list[str], language: str) -> str:
    conjunction = " и " if language == "ru" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + conjunction + names[-1]


def build_title(
    language: str, level: str, fmt: FormatInfo | None, edition: int | None, countries: list[str]
) -> str:
    ordinal = _ordinal(edition, language)
    if language == "ru":
        meeting = MEETING_RU.get(level, "встреча")
        text = f"{ordinal} {meeting}" if ordinal else meeting[:1].upper() + meeting[1:]
        if fmt:
            if fmt.slug in side_signatures().values():
                return f"{text} в формате «{fmt.name_ru}»"
            return f"{text} ({fmt.name_ru})"
        names = [phrase_in_case(country_names()[c][1], "gent") for c in countries[:6]]
        return f"{text} {_join(names, 'ru')}" if names else text
    meeting = MEETING_EN.get(level, "Meeting")
    text = f"{ordinal} {meeting}" if ordinal else meeting
    if fmt:
        if fmt.slug in side_signatures().values():
            return f"{text} in the {fmt.name_en} format"
        return f"{text} ({fmt.name_en})"
    names = [country_names()[c][0] for c in countries[:6]]
    return f"{text}: {_join(names, 'en')}" if names else text
