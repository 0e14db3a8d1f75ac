"""Dates in Russian and English news text: explicit dates, ranges and relative words."""

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Genitive month names only: "в мае 2021 года" names a month, not a day; agencies' datelines
# shorten them ("НЬЮ-ДЕЛИ, 4 июл - РИА Новости").
RU_MONTH = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|(?:янв|фев|мар|апр|июн|июл|авг|сент|сен|окт|ноя|дек)(?![а-я])\.?)"
)
EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
MONTH = rf"(?:{RU_MONTH}|{EN_MONTH})"
DASH = r"\s*[-‐‑‒–—―−]\s*"
_RU_YEAR_TAIL = r"(?:\s*(?:года|год|г\.?))?"


def _year(name: str) -> str:
    return rf"(?:,?\s+(?P<{name}>(?:19|20)\d\d){_RU_YEAR_TAIL})?"


_PATTERNS = [
    # 30 июня – 1 июля 2023 года; 30 June - 1 July 2023
    rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH}){_year('y1')}{DASH}"
    rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}){_year('y2')}",
    # June 30 - July 1, 2023
    rf"\b(?P<m1>{EN_MONTH})\s+(?P<d1>\d{{1,2}}){DASH}(?P<m2>{EN_MONTH})\s+(?P<d2>\d{{1,2}})"
    rf"{_year('y2')}",
    # с 12 по 13 мая 2021 года; from 12 to 13 May 2021
    rf"\b(?:[сcС]|from|From)\s+(?P<d1>\d{{1,2}})\s+(?:по|to|until|till)\s+(?P<d2>\d{{1,2}})\s+"
    rf"(?P<m2>{MONTH}){_year('y2')}",
    # 12-13 мая 2021 года; 12 мая 2021 г.; 12-13 May 2021; 12 May
    rf"\b(?P<d1>\d{{1,2}})(?:{DASH}(?P<d2>\d{{1,2}}))?\s+(?P<m2>{MONTH}){_year('y2')}",
    # May 12-13, 2021; May 12
    rf"\b(?P<m2>{EN_MONTH})\s+(?P<d1>\d{{1,2}})(?:{DASH}(?P<d2>\d{{1,2}}))?(?:st|nd|rd|th)?"
    rf"(?!\d){_year('y2')}",
    # 2021-05-12
    r"\b(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d1>\d{2})\b",
    # 12.05.2021, 12.05.21, 23/10/2023
    r"(?<![\d.])(?P<d1>\d{1,2})(?P<sep>[./])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4}|\d{2})(?![\d])",
]
DATE_PATTERNS = [re.compile(p) for p in _PATTERNS]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: datetime.date
    last: datetime.date | None  # the end of a range, None for a single day
    has_year: bool


def _month(value: str) -> int:
    if value.isdigit():
        return int(value)
    word = value.lower().rstrip(".")
    for stem, number in MONTHS.items():
        # "марта" and the agencies' "мар", not "мая"
        if word.startswith(stem) or (len(word) >= 3 and stem.startswith(word)):
            return number
    raise ValueError(value)


def _full_year(value: str) -> int:
    year = int(value)
    return year + 2000 if year < 100 else year


def _nearest_year(month: int, day: int, reference: datetime.date) -> datetime.date | None:
    """The date with that month and day closest to the reference date (news rarely looks ahead)."""
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        # Favour the past: a report dated 3 January that says "28 December" means last year.
        distance = abs((candidate - reference).days) * (1 if candidate <= reference else 2)
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def find_dates(text: str, reference: datetime.date | None = None) -> list[DateMention]:
    """Every explicit date in ``text``; dates without a year take the one nearest ``reference``."""
    found: list[tuple[int, int, re.Match]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), match))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, end, match in found:
        if start < taken_until:
            continue
        mention = _mention(match, reference)
        if mention:
            mentions.append(mention)
            taken_until = end
    return mentions


def _mention(match: re.Match, reference: datetime.date | None) -> DateMention | None:
    groups = match.groupdict()
    try:
        month2 = _month(groups["m2"])
        month1 = _month(groups["m1"]) if groups.get("m1") else month2
    except ValueError:
        return None
    year_text = groups.get("y2") or groups.get("y1")
    day1 = int(groups["d1"])
    day2 = int(groups["d2"]) if groups.get("d2") else None
    try:
        if year_text:
            year2 = _full_year(year_text)
            year1 = _full_year(groups["y1"]) if groups.get("y1") else year2
            if month1 > month2 and not groups.get("y1"):
                year1 -= 1  # 30 December – 2 January 2022
            first = datetime.date(year1, month1, day1)
            last = datetime.date(year2, month2, day2) if day2 else None
        else:
            if reference is None:
                return None
            first = _nearest_year(month1, day1, reference)
            if first is None:
                return None
            last = None
            if day2:
                year = first.year + (1 if month2 < month1 else 0)
                last = datetime.date(year, month2, day2)
    except ValueError:
        return None
    if last is not None and last <= first:
        if last == first:
            last = None
        else:
            return None
    if last is not None and (last - first).days > 31:
        return None
    return DateMention(match.start(), match.end(), first, last, bool(year_text))


WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
RELATIVE_DAYS = {
    "сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2,
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
}  # fmt: skip
RELATIVE_RE = re.compile(
    r"\b(?:(?P<day>сегодня|вчера|позавчера|завтра|послезавтра|today|yesterday|tomorrow|tonight)"
    r"|(?:(?:во?|on)\s+)(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)
FUTURE_RE = re.compile(
    r"\b(?:will|shall|is to|are to|is due|is scheduled|состоится|пройд[её]т|планируется|будет|будут"
    r"|намерен[аы]?|ожидается)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RelativeMention:
    start: int
    end: int
    word: str
    date: datetime.date


def find_relative(text: str, reference: datetime.date, sentence: str = "") -> list[RelativeMention]:
    """ "вчера", "on Thursday" and the like, resolved against the reference date.

    A weekday means the latest such day on or before the reference date, unless the sentence
    speaks of the future ("will", "состоится"), when it means the next one.
    """
    future = bool(FUTURE_RE.search(sentence or text))
    found = []
    for match in RELATIVE_RE.finditer(text):
        if match.group("day"):
            offset = RELATIVE_DAYS[match.group("day").lower()]
            date = reference + datetime.timedelta(days=offset)
        else:
            weekday = WEEKDAYS[match.group("weekday").lower()]
            if future:
                delta = (weekday - reference.weekday()) % 7
            else:
                delta = -((reference.weekday() - weekday) % 7)
            date = reference + datetime.timedelta(days=delta)
        found.append(RelativeMention(match.start(), match.end(), match.group(0), date))
    return found


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the body text begins
    place_start: int | None
    place_end: int | None
    date: DateMention | None
    agency: str


# "Бишкек,", "ASTANA.", "Tashkent, Uzbekistan,", "Washington, DC -"
_PLACE = re.compile(
    r"^(?P<place>[A-ZА-Я][\w'.\-]*(?:,?[ -][\w'.\-]+){0,3}?)(?:\s*\[[^\]\n]{1,30}\])?"
    r"\s*(?:,|\.|\s-)\s*$"
)
# "Updated: July 17, 2020 20:37" is a date line too
_LABEL = re.compile(
    r"^(?:updated|published|posted|date|опубликовано|обновлено|дата(?: публикации)?)\s*:?\s*$",
    re.IGNORECASE,
)
_AFTER_DATE = re.compile(
    r"\s*(?:[.,]\s*)?"
    r"(?P<agency>/[^/\n]{1,40}/\.?|\([^()\n]{1,40}\)\.?|[A-ZА-Я][A-ZА-Я\-]{2,30}(?=\s*-))?"
    r"(?:\s*(?:\d{1,2}:\d{2}))?"
    r"\s*(?:-{1,2}|:)?\s*"
    # "АСТАНА, 9 июн - Sputnik. Президенты ..."
    r"(?:(?P<named>[A-ZА-Я][\w]*(?:\s[A-ZА-Я][\w]*){0,2})\.\s+(?=[A-ZА-Я\"]))?"
)
# A dateline without a date: "ASTANA -", "TASHKENT. KAZINFORM", "МОСКВА. /ТАСС/."
_CAPS_DATELINE = re.compile(
    r"(?P<place>[A-ZА-Я][A-ZА-Я'\-]{2,}(?:[ -][A-ZА-Я'\-]{2,})?)"
    r"(?:\s*\.|(?:,\s+(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|[A-Z]\.?[A-Z]\.?))?\s+-)\s*"
    r"(?:(?P<agency>/[^/\n]{1,40}/\.?|\([^()\n]{1,40}\)\.?|[A-ZА-Я][A-ZА-Я\-]{2,30}\b\.?)\s*)?"
    r"(?:-\s*)?(?=[A-ZА-Я\"])"
)
_TIME_ONLY = re.compile(r"^[\s,.]*(?:\d{1,2}:\d{2})?[\s,.]*$")


def find_dateline(text: str, start: int, end: int, reference: datetime.date | None):
    """A dateline at the start of the line text[start:end]: "Бишкек, 12.05.21. /Кабар/.",
    "ASTANA, May 12 (Xinhua) --", "МОСКВА, 13 апреля. /ТАСС/.", or a line that is only a date.
    """
    window_end = min(end, start + 80)
    mentions = [m for m in find_dates(text[:window_end], reference) if m.start >= start]
    if not mentions:
        return None
    mention = mentions[0]
    before = text[start : mention.start]
    labelled = bool(_LABEL.match(before))
    place = _PLACE.match(before) if before.strip() and not labelled else None
    if before.strip() and not place and not labelled:
        return None
    after = _AFTER_DATE.match(text, mention.end, end)
    body_start = after.end() if after else mention.end
    agency = (after.group("agency") or after.group("named") or "") if after else ""
    agency = agency.strip("/(). ")
    rest = text[body_start:end]
    line_is_date = _TIME_ONLY.match(rest) is not None
    if not place and not agency and not line_is_date:
        # "12 мая 2021 года в Сиане состоялась ..." is a sentence, not a dateline.
        return None
    if place:
        place_start = start + place.start("place")
        place_end = start + place.end("place")
    else:
        place_start = place_end = None
    dateline_end = end if line_is_date else body_start
    while dateline_end > start and text[dateline_end - 1].isspace():
        dateline_end -= 1
    return Dateline(start, dateline_end, place_start, place_end, mention, agency)


def find_place_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline that names the place only: "ASTANA - Kazakh Deputy Prime Minister ...",
    "TASHKENT. KAZINFORM The 2nd Consultative Meeting ...". The place is in capitals, which
    is what tells it from a sentence's first word."""
    match = _CAPS_DATELINE.match(text, start, end)
    if not match or match.end() >= end:
        return None
    agency = (match.group("agency") or "").strip("/(). ")
    body_start = match.end()
    dateline_end = body_start
    while dateline_end > start and text[dateline_end - 1] in " -":
        dateline_end -= 1
    return Dateline(start, dateline_end, match.start("place"), match.end("place"), None, agency)
