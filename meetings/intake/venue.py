"""Where a meeting was held: the venue city, the host country, and meetings held by video link.

The venue is a city named after "в"/"in" in the opening sentences or the headline, the capital
a text names ("в столице Кыргызстана", "in the Tajik capital"), a city that "hosted" or was
"visited", or else the dateline's place; a meeting by video link has no venue, and its host is
the side that chaired it.
"""

import re

from meetings.intake.article import Article
from meetings.intake.countries import find_places
from meetings.intake.dates import FUTURE_RE
from meetings.intake.gazetteer import City, capital, find_cities
from meetings.intake.morph import lemmas
from meetings.intake.people import Role
from meetings.intake.positions import home_of_post
from meetings.intake.results import Found
from meetings.intake.tokens import tokenize

LOCATIVE = {"в", "во", "in", "at"}
CITY_WORDS = {"г", "г.", "городе", "город", "city", "столице", "capital"}


def find_venue(article: Article, found: Found) -> tuple[City | None, tuple[int, int] | None]:
    """The city the meeting was held in: named after "в"/"in" in the opening sentences (one
    telling what happened before one telling what will), in the headline, or as the capital
    ("в столице Кыргызстана", "in the Tajik capital"); else the dateline's place, unless the
    meeting was held by video link, where the dateline is only where the reporter sat."""
    opening = article.sentences[:3]
    if article.headline:
        opening = [*opening, *article.with_headline()[:1]]
    candidates = []
    for order, sentence in enumerate(opening):
        sentence_text = article.norm[sentence.start : sentence.end]
        later = 1 if FUTURE_RE.search(sentence_text) else 0
        tokens = sentence.tokens
        for match in find_cities(tokens):
            if _names_venue(tokens, match) and not _returning(tokens, match.start):
                city = match.payload
                candidates.append((later, order, match.char_start, city, match))
        for city, char_start, char_end in _capitals_named(tokens):
            candidates.append((later, order, char_start, city, (char_start, char_end)))
    if candidates:
        *_, city, where = min(candidates, key=lambda c: c[:3])
        span = (where.char_start, where.char_end) if not isinstance(where, tuple) else where
        found.add("city", span[0], span[1], city.name)
        return city, span
    dateline = article.dateline
    if dateline and dateline.place_start is not None:
        tokens = tokenize(article.norm, dateline.place_start, dateline.place_end)
        for match in find_cities(tokens):
            found.add("city", match.char_start, match.char_end, match.payload.name)
            return match.payload, (match.char_start, match.char_end)
    for sentence in article.first_paragraph_sentences():
        for match in find_cities(sentence.tokens):
            k = match.start
            if k > 0 and sentence.tokens[k - 1].lower in LOCATIVE:
                found.add("city", match.char_start, match.char_end, match.payload.name)
                return match.payload, (match.char_start, match.char_end)
    return None, None


VIRTUAL_RE = re.compile(
    r"video ?link|video ?conferenc\w*|virtual (?:meeting|summit|format|mode|session)"
    r"|(?:held|met|meet|meeting|convened|took place) (?:virtually|online)|online (?:format|mode)"
    r"|by video|видеоконференц\w*|видеосвяз\w*|в (?:виртуальном|онлайн)[- ]?(?:режиме|формате)"
    r"|в режиме онлайн|в онлайн-формате|онлайн-(?:саммит|встреч\w*|заседани\w*)",
    re.IGNORECASE,
)
CHAIR_WORDS = {
    "chair", "chaired", "chairs", "host", "hosted", "hosts", "председательство",
    "председательствовать", "провести", "организовать",
}  # fmt: skip


def find_chair(article: Article, roles: list[Role], found: Found) -> str | None:
    """The country whose post-holder chaired or hosted the video meeting ("Foreign Minister
    Hayashi chaired", "India hosted", "под председательством Президента Узбекистана")."""
    for sentence in article.with_headline()[:4]:
        tokens = sentence.tokens
        chairs = [k for k, t in enumerate(tokens) if CHAIR_WORDS & (lemmas(t.text) | {t.lower})]
        if not chairs:
            continue
        places = {m.end: m for m in find_places(tokens) if m.payload.kind == "country"}
        for k in chairs:
            subject = places.get(k)  # "India hosted"
            if subject:
                found.add("host_country", subject.char_start, subject.char_end, subject.payload.key)
                return subject.payload.key
        sides = {}
        for role in roles:
            if role.sentence == sentence.index and role.position.person:
                countries = role.countries or [home_of_post(role.title, article.language)]
                if len(countries) == 1 and countries[0]:
                    sides[id(role)] = (role, countries[0])
        if sides:
            at = tokens[chairs[0]].start
            role, code = min(sides.values(), key=lambda rc: abs(rc[0].start - at))
            found.add("host_country", role.start, role.end, code)
            return code
    return None


CAPITAL_WORDS = {"столице", "столица", "столицу", "столицы", "capital"}
RETURN_WORDS = {"вернуться", "возвратиться", "returned", "return", "returns", "back"}


def is_virtual(article: Article) -> bool:
    return any(
        VIRTUAL_RE.search(article.norm[s.start : s.end]) for s in article.with_headline()[:4]
    )


def _returning(tokens, k: int) -> bool:
    """ "вернулся в Ташкент после саммита в Циндао": the city one came back to is no venue."""
    return any(RETURN_WORDS & (lemmas(t.text) | {t.lower}) for t in tokens[max(0, k - 3) : k])


def _capitals_named(tokens):
    """ "в столице Кыргызстана", "в столице Кыргызской Республики", "in the Tajik capital"."""
    places = {m.start: m for m in find_places(tokens)}
    ends = {m.end: m for m in places.values()}
    for k, token in enumerate(tokens):
        if token.lower not in CAPITAL_WORDS or k == 0:
            continue
        if token.lower == "capital":
            owner = ends.get(k)
            if (
                owner
                and owner.payload.kind == "adjective"
                and owner.start > 0
                and tokens[owner.start - 1].lower in LOCATIVE | {"the"}
            ):
                city = capital(owner.payload.key)
                if city:
                    yield city, owner.char_start, token.end
            continue
        owner = places.get(k + 1)
        if tokens[k - 1].lower in LOCATIVE and owner and owner.payload.kind == "country":
            city = capital(owner.payload.key)
            if city:
                yield city, token.start, owner.char_end


HOST_VERBS = {"hosted", "hosts", "host", "принял", "приняла", "принимает", "примет", "принимал"}
VISIT_VERBS = {"visited", "visit", "visits", "посетил", "посетила", "посетили", "посетить"}


def _names_venue(tokens, match) -> bool:
    """ "в Бишкеке", "г. Астана", "Tashkent hosted the meeting", "visited Astana to attend"."""
    k = match.start
    if _after_locative(tokens, k):
        return True
    if k > 0 and tokens[k - 1].lower in ("г", "г."):
        return True
    if k > 1 and tokens[k - 1].text == "." and tokens[k - 2].lower == "г":
        return True
    if match.end < len(tokens) and tokens[match.end].lower in HOST_VERBS:
        return True
    return k > 0 and tokens[k - 1].lower in VISIT_VERBS


def _after_locative(tokens, k: int) -> bool:
    """ "в г.Сиань", "in the city of Xi'an", "в национальной туристической зоне «Аваза»": a place
    word and a few lower-case words or quotes may stand between the preposition and the name."""
    between = 0
    while k > 0 and between < 5:
        previous = tokens[k - 1]
        if previous.lower in LOCATIVE:
            return True
        if previous.lower in CITY_WORDS or previous.text in (".", '"', "of", "the"):
            k -= 1
            continue
        if previous.is_word and previous.text.islower() and previous.lower not in STOP_BEFORE_CITY:
            k -= 1
            between += 1
            continue
        return False
    return False


STOP_BEFORE_CITY = {"из", "from", "до", "to", "между", "between", "через", "via", "и", "and"}


def find_host(article: Article, city: City | None, span, found: Found) -> str | None:
    if city:
        found.add("host_country", span[0], span[1], city.country)
        return city.country
    for sentence in article.sentences[:3]:
        tokens = sentence.tokens
        for match in find_places(tokens):
            if (
                match.payload.kind == "country"
                and match.start > 0
                and tokens[match.start - 1].lower in LOCATIVE
            ):
                code = match.payload.key
                found.add("host_country", match.char_start, match.char_end, code)
                return code
    return None
