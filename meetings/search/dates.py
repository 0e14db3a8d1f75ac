"""Dates typed into the search box, and the date terms a meeting is indexed by.

A meeting carries one term per year, month and day it spans (``yr2021``, ``mo202105``,
``dt20210512``; a long meeting only its first weeks' days). In a query, "2021" asks for the
year (or the number written in a text), "May 2021", "мая 2021", "2021-05" and "05.2021" for
the month, "12 May 2021", "May 12, 2021", "12 мая 2021 года", "2021-05-12" and "12.05.2021"
for the day. A month without a year is only a word.
"""

import datetime
import re

from meetings.search.text import CYRILLIC, lemmas, normalise

FIRST_YEAR, LAST_YEAR = 1800, 2100
MOST_DAYS = 31  # days of one meeting given a term each

_MONTHS_EN = "january february march april may june july august september october november december"
_MONTHS_RU = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
_MONTH_BY_NAME = {name: number for number, name in enumerate(_MONTHS_EN.split(), start=1)}
_MONTH_BY_NAME |= {name[:3]: number for name, number in list(_MONTH_BY_NAME.items())}
_MONTH_BY_NAME |= {"sept": 9}
_MONTH_BY_LEMMA = {name: number for number, name in enumerate(_MONTHS_RU.split(), start=1)}

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DOTTED_DAY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_DOTTED_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")
_YEAR_WORDS = frozenset({"года", "год", "г", "году", "year"})


_DATE_TOKEN = re.compile(r"(?:yr\d{4}|mo\d{6}|dt\d{8})")


def is_date_token(found: str) -> bool:
    return bool(_DATE_TOKEN.fullmatch(found))


def year_token(year: int) -> str:
    return f"yr{year}"


def month_token(year: int, month: int) -> str:
    return f"mo{year}{month:02}"


def day_token(day: datetime.date) -> str:
    return f"dt{day:%Y%m%d}"


def date_terms(start: datetime.date | None, end: datetime.date | None) -> list[str]:
    """The date terms of a meeting from ``start`` to ``end`` (or on ``start`` alone)."""
    if start is None:
        return []
    end = end if end and end >= start else start
    found = [year_token(year) for year in range(start.year, end.year + 1)]
    month = (start.year, start.month)
    while month <= (end.year, end.month):
        found.append(month_token(*month))
        month = (month[0] + 1, 1) if month[1] == 12 else (month[0], month[1] + 1)
    days = min((end - start).days, MOST_DAYS - 1)
    found += [day_token(start + datetime.timedelta(days=n)) for n in range(days + 1)]
    return found


def _year(word: str) -> int | None:
    word = word.rstrip(",.")
    if word.isdigit() and len(word) == 4 and FIRST_YEAR <= int(word) <= LAST_YEAR:
        return int(word)
    return None


def _day(word: str) -> int | None:
    word = word.rstrip(",.")
    return int(word) if word.isdigit() and 1 <= int(word) <= 31 and len(word) <= 2 else None


def _month(word: str) -> int | None:
    word = normalise(word).rstrip(",.")
    if CYRILLIC.search(word):
        for lemma in lemmas(word):
            if lemma in _MONTH_BY_LEMMA:
                return _MONTH_BY_LEMMA[lemma]
        return None
    return _MONTH_BY_NAME.get(word)


def _day_of(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _whole(word: str) -> tuple[str, ...] | None:
    """The tokens of a date written as one word (2021-05-12, 12.05.2021, 2021-05, 05.2021)."""
    word = word.rstrip(",.")
    if match := _ISO_DAY.fullmatch(word):
        day = _day_of(*map(int, match.groups()))
        return (day_token(day),) if day else None
    if match := _DOTTED_DAY.fullmatch(word):
        d, m, y = map(int, match.groups())
        day = _day_of(y, m, d)
        return (day_token(day),) if day else None
    for pattern, order in ((_ISO_MONTH, (0, 1)), (_DOTTED_MONTH, (1, 0))):
        if match := pattern.fullmatch(word):
            numbers = [int(g) for g in match.groups()]
            year, month = numbers[order[0]], numbers[order[1]]
            if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
                return (month_token(year, month),)
    return None


def find_dates(words: list[str]) -> dict[int, tuple[int, tuple[tuple[str, ...], ...]]]:
    """Dates among a query's plain words: first word index → (last word index, alternatives,
    each a sequence of terms). A year alone may also be a number in a text."""
    found: dict[int, tuple[int, tuple[tuple[str, ...], ...]]] = {}
    i = 0
    while i < len(words):
        whole = _whole(words[i])
        if whole:
            found[i] = (i, (whole,))
            i += 1
            continue
        # day? month year | month day,? year | year month day?
        window = words[i : i + 4]
        match = _spelled(window)
        if match:
            length, tokens = match
            last = i + length - 1
            if last + 1 < len(words) and normalise(words[last + 1]).rstrip(".") in _YEAR_WORDS:
                last += 1
            found[i] = (last, (tokens,))
            i = last + 1
            continue
        year = _year(words[i])
        if year:
            last = i
            if i + 1 < len(words) and normalise(words[i + 1]).rstrip(".") in _YEAR_WORDS:
                last += 1
            found[i] = (last, ((year_token(year),), (str(year),)))
            i = last + 1
            continue
        i += 1
    return found


def _spelled(window: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """A date spelled with a month's name at the start of these words: its length, tokens."""
    if len(window) >= 3 and _day(window[0]) and _month(window[1]) and _year(window[2]):
        day = _day_of(_year(window[2]), _month(window[1]), _day(window[0]))
        return (3, (day_token(day),)) if day else None
    if len(window) >= 3 and _month(window[0]) and _day(window[1]) and _year(window[2]):
        day = _day_of(_year(window[2]), _month(window[0]), _day(window[1]))
        return (3, (day_token(day),)) if day else None
    if len(window) >= 2 and _month(window[0]) and _year(window[1]):
        return 2, (month_token(_year(window[1]), _month(window[0])),)
    if len(window) >= 2 and _year(window[0]) and _month(window[1]):
        if len(window) >= 3 and _day(window[2]):
            day = _day_of(_year(window[0]), _month(window[1]), _day(window[2]))
            if day:
                return 3, (day_token(day),)
        return 2, (month_token(_year(window[0]), _month(window[1])),)
    return None
