"""Page chrome: the lines a copy-paste from a news site drags along that are not the article.

Comment prompts, share buttons, "read also" blocks, cookie banners, photo credits, tags and
the like. Their lines are left out of every field and of the source text.
"""

import re

from meetings.intake.tokens import Span, lines, normalize

_SOCIAL = (
    r"facebook|twitter|x|telegram|whatsapp|viber|vk|vkontakte|вконтакте|вк|одноклассники|ok"
    r"|linkedin|reddit|email|e-mail|pinterest|instagram|youtube|tiktok|mail\.ru|copy link"
    r"|копировать ссылку|print|печать|share|поделиться"
)
_CHROME_LINE = re.compile(
    r"^(?:"
    # comments
    r"комментари[йияев]*(?:\s*\(?\d+\)?)?|оставить комментарий|добавить комментарий"
    r"|комментариев (?:пока )?нет|написать комментарий|\d+\s+комментари\w*"
    r"|comments?(?:\s*\(?\d+\)?)?|leave a (?:comment|reply)|add (?:a )?comment|post a comment"
    r"|no comments(?: yet)?|\d+\s+comments?"
    # sharing, printing, navigation
    r"|поделиться(?: в соцсетях| новостью| ссылкой)?:?|share(?: this)?(?: article| story| on)?:?"
    r"|версия для печати|распечатать|печать|print(?: version| this page)?|email|tweet|like"
    r"|вернуться назад|назад|главная|все новости|ещ[её] новости|другие новости|лента новостей"
    r"|популярное|самое читаемое|последние новости|новости партн[её]ров|хронология|загрузка\.*"
    r"|back to top|home|news|latest news|top stories|most read|more news|download(?: pdf)?"
    r"|ссылка скопирована|копировать ссылку|link copied|copy link|subscribe|подписаться"
    # advertising and cookies
    r"|реклама|advertisement|sponsored|ads?"
    r"|мы используем (?:файлы )?cookie.*|(?:этот |наш )?сайт использует (?:файлы )?cookie.*"
    r"|we use cookies.*|this (?:web)?site uses cookies.*|by continuing to (?:use|browse).*cookies.*"
    r"|accept(?: all)?(?: cookies)?|cookie (?:settings|policy|preferences)|got it|i agree"
    r"|принять(?: все)?|согласен|хорошо|закрыть|close|ok"
    # credits, tags, counters, copyright
    r"|(?:фото|photo|photos|фотография|видео|video|источник|source|автор|author|editor"
    r"|редактор|теги|метки|tags?|рубрика|category)\s*:.*"
    r"|фото (?:пресс-службы|из открытых источников|с сайта).*|photo (?:by|courtesy|credit).*"
    r"|просмотр(?:ов|ы)?:?\s*\d+|\d+\s+просмотр\w*|views?:?\s*\d+|\d+\s+views?"
    r"|©.*|\(c\)\s.*|copyright.*|все права защищены.*|all rights reserved.*"
    r"|при (?:использовании|цитировании) материалов.*|нашли ошибку\?.*|если вы нашли ошибку.*"
    r"|подписывайтесь на .*|подпишитесь на .*|читайте нас в .*|наш telegram.*|follow us on .*"
    r"|join us on .*|subscribe to .*"
    r"|\d{1,2}:\d{2}(?:\s*\d{1,2}[./]\d{1,2}[./]\d{2,4})?|[|•·\-_=*\s]+"
    rf"|(?:(?:{_SOCIAL})[\s|•·,/]*)+"
    r")$",
    re.IGNORECASE,
)
_READ_ALSO = re.compile(
    r"^(?:читайте также|читать также|смотрите также|см\. также|по теме|материалы по теме"
    r"|read also|also read|read more|see also|related(?: news| articles| stories)?|more on this"
    r"|recommended)\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def is_chrome_line(line: str) -> bool:
    return bool(_CHROME_LINE.match(normalize(line).strip()))


def _looks_like_linked_headline(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) < 160 and not stripped.endswith((".", ":", ";"))


def content_lines(text: str) -> tuple[list[Span], list[Span]]:
    """(article lines, chrome lines) of ``text``."""
    content: list[Span] = []
    chrome: list[Span] = []
    all_lines = lines(text)
    skip_headlines = 0
    for span in all_lines:
        line = text[span.start : span.end]
        read_also = _READ_ALSO.match(normalize(line).strip())
        if read_also:
            chrome.append(span)
            # The linked headline follows on the same line or on the next one or two lines.
            skip_headlines = 0 if read_also.group("rest").strip() else 2
            continue
        if skip_headlines and _looks_like_linked_headline(line):
            chrome.append(span)
            skip_headlines -= 1
            continue
        skip_headlines = 0
        if is_chrome_line(line):
            chrome.append(span)
        else:
            content.append(span)
    return content, chrome
