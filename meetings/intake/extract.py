"""The extraction pipeline: from an article's text to a draft meeting record with evidence."""

import datetime
import re

from meetings import models
from meetings.intake.dates import find_dates, find_relative
from meetings.intake.results import MAX_ARTICLE_BYTES, ArticleRejected, Evidence, Extraction
from meetings.interchange.records import MeetingRecord, SourceRecord

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def check_input(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ArticleRejected("The article is empty: paste the text of a news article.")
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleRejected(
            f"The article is {size:,} bytes long; the limit is {MAX_ARTICLE_BYTES:,} bytes. "
            "Paste only the article, not the whole page."
        )


def detect_language(text: str) -> str:
    return "ru" if len(CYRILLIC.findall(text)) >= len(LATIN.findall(text)) else "en"


def extract_article(
    text: str, *, published: datetime.date | None = None, url: str = "", publisher: str = ""
) -> Extraction:
    check_input(text)
    language = detect_language(text)
    evidence: list[Evidence] = []
    warnings: list[str] = []
    dates = find_dates(text, published)
    if dates:
        start_date, end_date = dates[0].first, dates[0].last
        evidence.append(Evidence("start_date", dates[0].start, dates[0].end, str(start_date)))
    elif published:
        start_date, end_date = published, None
        for rel in find_relative(text, published):
            start_date = rel.date
            evidence.append(Evidence("start_date", rel.start, rel.end, str(start_date)))
            break
    else:
        raise ArticleRejected(
            "No date found in the article: give the publication date so the meeting can be dated."
        )
    first_line = text.strip().splitlines()[0].strip()
    record = MeetingRecord(
        title=first_line[:500],
        language=language,
        start_date=start_date,
        end_date=end_date,
        countries=[],
        sources=[
            SourceRecord(
                url=url,
                publisher=publisher,
                published=published,
                language=language,
                text=text.strip(),
            )
        ],
        status=models.Status.DRAFT,
    )
    return Extraction(record=record, evidence=evidence, warnings=warnings)
