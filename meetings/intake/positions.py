"""Positions people hold at meetings, as Russian and English news words them.

Each position has the English title the register files (the seed's convention: "Minister of
Foreign Affairs") and the meeting level it implies. Russian phrases are matched by lemma, so
"министра иностранных дел" and "министром иностранных дел" both match.
"""

import re
from dataclasses import dataclass
from functools import cache

from meetings import models
from meetings.intake.matcher import PhraseMatcher, exact_key
from meetings.intake.morph import lemma, lemmas
from meetings.intake.tokens import Token, normalize, tokenize

L = models.Level


@dataclass(frozen=True)
class Position:
    title: str  # English, as filed
    level: str | None  # the meeting level a meeting of such people has
    person: bool = True  # False for bodies that only name a side: МИД, delegation, side
    organisation: str = ""  # a post that belongs to an organisation, not a country


FOREIGN_MINISTER = Position("Minister of Foreign Affairs", L.FOREIGN_MINISTERS)

POSITIONS: tuple[tuple[Position, tuple[str, ...]], ...] = (
    (
        FOREIGN_MINISTER,
        (
            "министр иностранных дел", "министр по иностранным делам", "глава МИД",
            "глава внешнеполитического ведомства", "руководитель внешнеполитического ведомства",
            "глава дипломатического ведомства", "глава дипломатии", "министры иностранных дел",
            "foreign minister", "minister of foreign affairs", "minister for foreign affairs",
            "foreign affairs minister", "FM", "top diplomat", "foreign secretary",
        ),
    ),
    (
        Position("Minister of External Affairs", L.FOREIGN_MINISTERS),
        ("external affairs minister", "minister of external affairs", "EAM"),
    ),
    (
        Position("First Deputy Minister of Foreign Affairs", L.SENIOR_OFFICIALS),
        (
            "первый заместитель министра иностранных дел", "первый замминистра иностранных дел",
            "первый заместитель главы МИД", "first deputy foreign minister",
            "first deputy minister of foreign affairs", "first vice foreign minister",
        ),
    ),
    (
        Position("Deputy Minister of Foreign Affairs", L.SENIOR_OFFICIALS),
        (
            "заместитель министра иностранных дел", "замминистра иностранных дел",
            "заместитель главы МИД", "замглавы МИД", "deputy foreign minister",
            "deputy minister of foreign affairs", "deputy minister for foreign affairs",
            "vice foreign minister", "vice minister of foreign affairs",
        ),
    ),
    (
        Position("Secretary of State", L.FOREIGN_MINISTERS),
        ("государственный секретарь", "госсекретарь", "secretary of state"),
    ),
    (
        Position("First Vice President", None),
        ("первый вице-президент", "first vice president", "first vice-president"),
    ),
    (
        Position("Vice President", None),
        ("вице-президент", "vice president", "vice-president"),
    ),
    (
        Position("Premier of the State Council", L.HEADS_OF_GOVERNMENT),
        (
            "премьер Государственного совета", "премьер Госсовета",
            "premier of the State Council",
        ),
    ),
    (
        Position("Acting President", L.HEADS_OF_STATE),
        ("исполняющий обязанности президента", "acting president"),
    ),
    (
        Position("President", L.HEADS_OF_STATE),
        (
            "президент", "глава государства", "председатель КНР",
            "председатель Китайской Народной Республики", "president", "head of state",
        ),
    ),
    (
        Position("Prime Minister", L.HEADS_OF_GOVERNMENT),
        (
            "премьер-министр", "председатель правительства", "глава правительства",
            "prime minister", "head of government", "PM",
        ),
    ),
    (
        Position("Chairman of the Cabinet of Ministers", L.HEADS_OF_GOVERNMENT),
        (
            "председатель кабинета министров", "глава кабинета министров",
            "chairman of the cabinet of ministers", "chair of the cabinet of ministers",
        ),
    ),
    (
        Position("Federal Chancellor", L.HEADS_OF_GOVERNMENT),
        ("федеральный канцлер", "federal chancellor"),
    ),
    (Position("Chancellor", L.HEADS_OF_GOVERNMENT), ("канцлер", "chancellor")),
    (Position("Premier", L.HEADS_OF_GOVERNMENT), ("премьер", "premier")),
    (
        Position("Chairman of the Halk Maslahaty", L.HEADS_OF_STATE),
        ("председатель Халк Маслахаты", "chairman of the Halk Maslahaty"),
    ),
    (
        Position("Minister of Foreign Affairs and Trade", L.FOREIGN_MINISTERS),
        (
            "министр иностранных дел и внешней торговли", "minister of foreign affairs and trade",
            "minister for foreign affairs and trade",
        ),
    ),
    (
        Position("Deputy Chairman of the Cabinet of Ministers", L.MINISTERS),
        (
            "заместитель председателя кабинета министров",
            "deputy chairman of the cabinet of ministers",
        ),
    ),
    (
        Position("Deputy Prime Minister", L.MINISTERS),
        (
            "вице-премьер", "заместитель премьер-министра",
            "заместитель председателя правительства", "deputy prime minister", "vice premier",
            "vice-premier",
        ),
    ),
    (
        Position(
            "High Representative for Foreign Affairs and Security Policy",
            L.FOREIGN_MINISTERS,
            organisation="European Union",
        ),
        (
            "верховный представитель ЕС по иностранным делам и политике безопасности",
            "верховный представитель Евросоюза по иностранным делам и политике безопасности",
            "верховный представитель по иностранным делам и политике безопасности",
            "верховный представитель ЕС", "верховный представитель Евросоюза",
            "high representative for foreign affairs and security policy",
            "EU high representative for foreign affairs and security policy",
            "EU high representative", "high representative",
        ),
    ),
    (
        Position("Secretary-General", None),
        (
            "генеральный секретарь", "генсек", "генсекретарь", "secretary-general",
            "secretary general",
        ),
    ),
    (
        Position("Ambassador", None),
        (
            "чрезвычайный и полномочный посол", "посол",
            "ambassador extraordinary and plenipotentiary",
            "ambassador",
        ),
    ),
    (
        Position("Special Representative", L.SENIOR_OFFICIALS),
        (
            "специальный представитель", "спецпредставитель", "специальный посланник",
            "спецпосланник", "special representative", "special envoy",
        ),
    ),
    (
        Position("Speaker of Parliament", L.PARLIAMENTARY),
        (
            "председатель парламента", "спикер парламента", "председатель Сената",
            "председатель Мажилиса", "торага Жогорку Кенеша", "председатель Жогорку Кенеша",
            "председатель Маджлиси Оли", "председатель Олий Мажлиса", "председатель Меджлиса",
            "председатель Государственной Думы", "председатель Совета Федерации",
            "speaker of parliament", "speaker of the parliament", "speaker",
        ),
    ),
    (
        Position("King", L.HEADS_OF_STATE),
        ("король", "эмир", "султан", "king", "emir", "amir", "sultan"),
    ),
    (
        Position("Crown Prince", L.HEADS_OF_STATE),
        ("наследный принц", "crown prince"),
    ),
    (Position("State Councilor", L.MINISTERS), ("член Госсовета", "state councilor")),
)  # fmt: skip

# "министр транспорта" → "Minister of Transport": ministries in the genitive, English name.
MINISTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Transport and Communications", ("транспорта и коммуникаций", "transport and communications")),
    ("Transport", ("транспорта", "transport")),
    ("Economy and Finance", ("экономики и финансов", "economy and finance")),
    ("Economy and Commerce", ("экономики и коммерции", "economy and commerce")),
    ("Economy", ("экономики", "экономического развития", "economy", "economic development")),
    ("Finance", ("финансов", "finance")),
    ("Energy", ("энергетики", "энергетики и водных ресурсов", "energy")),
    ("Defence", ("обороны", "defence", "defense")),
    ("Internal Affairs", ("внутренних дел", "internal affairs", "interior")),
    ("Justice", ("юстиции", "justice")),
    ("Health", ("здравоохранения", "health")),
    ("Education and Science", ("образования и науки", "education and science")),
    ("Education", ("образования", "просвещения", "education")),
    ("Agriculture", ("сельского хозяйства", "agriculture")),
    ("Trade and Integration", ("торговли и интеграции", "trade and integration")),
    ("Trade", ("торговли", "внешней торговли", "trade", "commerce")),
    (
        "Investment and Foreign Trade",
        ("инвестиций и внешней торговли", "investment and foreign trade"),
    ),
    ("Investment", ("инвестиций", "investment")),
    ("Industry", ("промышленности", "industry")),
    ("Digital Development", ("цифрового развития", "цифровых технологий", "digital development")),
    ("Culture", ("культуры", "culture")),
    ("Water Resources", ("водного хозяйства", "водных ресурсов", "water resources")),
    ("Natural Resources", ("природных ресурсов", "natural resources")),
    ("Emergency Situations", ("чрезвычайных ситуаций", "emergency situations", "emergencies")),
    ("Labour", ("труда", "труда и социальной защиты", "labour", "labor")),
    ("Ecology", ("экологии", "экологии и природных ресурсов", "ecology", "environment")),
)

# Bodies and sides that name a country without naming a person.
SIDES = Position("", None, person=False)
SIDE_WORDS = (
    "сторона", "делегация", "МИД", "министерство иностранных дел", "внешнеполитическое ведомство",
    "правительство", "парламент", "коллега", "главы государств",
    "главы правительств", "side", "delegation", "foreign ministry", "ministry of foreign affairs",
    "government", "counterpart", "head of delegation", "delegations",
)  # fmt: skip
# "глава России Владимир Путин", "киргизский лидер Садыр Жапаров": a person whose post the text
# does not give, so the editor fills it in.
UNNAMED_POST = Position("", None)
UNNAMED_POST_WORDS = ("лидер", "глава", "leader")


def role_keys(token: Token) -> frozenset[str]:
    keys = lemmas(token.text)
    if token.text.isupper():
        keys = keys | {exact_key(token.text)}
    return keys


def _pattern(phrase: str) -> list[str]:
    keys = []
    for token in tokenize(normalize(phrase)):
        text = token.text
        if text.isupper() and len(text) > 1:
            keys.append(exact_key(text))
        elif any("а" <= ch <= "я" for ch in text.lower()):
            keys.append(lemma(text))
        else:
            keys.append(text.lower())
    return keys


@cache
def position_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(role_keys)
    for position, phrases in POSITIONS:
        for phrase in phrases:
            matcher.add(_pattern(phrase), position)
    for name, phrases in MINISTRIES:
        position = Position(f"Minister of {name}", L.MINISTERS)
        for phrase in phrases:
            if any("а" <= ch <= "я" for ch in phrase):
                matcher.add(_pattern(f"министр {phrase}"), position)
            else:
                matcher.add(_pattern(f"minister of {phrase}"), position)
                matcher.add(_pattern(f"minister for {phrase}"), position)
                matcher.add(_pattern(f"{phrase} minister"), position)
    matcher.add(_pattern("министр"), Position("Minister", L.MINISTERS))
    matcher.add(_pattern("minister"), Position("Minister", L.MINISTERS))
    for phrase in SIDE_WORDS:
        matcher.add(_pattern(phrase), SIDES)
    for phrase in UNNAMED_POST_WORDS:
        matcher.add(_pattern(phrase), UNNAMED_POST)
    return matcher


# Posts that only one country has, so that a release need not say whose they are: a State
# Department readout names "Secretary of State Michael R. Pompeo", not the United States. (In
# Russian, "госсекретарь" is also a post in Kazakhstan and Russia, so English texts only.)
HOME_POSTS = {
    "Secretary of State": "US",
    "State Councilor": "CN",
    "Premier of the State Council": "CN",
    "Federal Chancellor": "DE",
}


def home_of_post(title: str, language: str) -> str | None:
    if language != "en":
        return None
    first = re.split(r" and |, ", title.removeprefix("Acting "))[0]
    return HOME_POSTS.get(first)
