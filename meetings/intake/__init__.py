"""Article intake: turns a pasted news article or press release into a draft meeting record.

``extract_article(text, published=..., url=..., publisher=...)`` returns an ``Extraction``: the
draft ``MeetingRecord`` (interchange format, status "draft", the article as its one source),
``Evidence`` spans into the original text for every value, warnings for the editor, and
``missing``: the fields the article did not give and the editor must fill in (an article without
a recognisable date still gives a draft, with ``start_date`` None and listed there). Unusable
input (empty, too long, page furniture only) raises ``ArticleRejected`` with a message meant
for the editor.
"""

from meetings.intake.extract import extract_article, warm_up
from meetings.intake.results import MAX_ARTICLE_BYTES, ArticleRejected, Evidence, Extraction

__all__ = [
    "MAX_ARTICLE_BYTES",
    "ArticleRejected",
    "Evidence",
    "Extraction",
    "extract_article",
    "warm_up",
]
