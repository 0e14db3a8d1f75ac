"""Topics suggested from the text: the topic tree's names plus keyword lists, matched by stem.

Matching is leftmost-longest over one matcher, so "продовольственная безопасность" suggests
food security and not also security; a parent topic is dropped when one of its descendants was
found (the register files the most specific topics, as the seed record does).
"""

from functools import cache

from meetings.intake.matcher import PhraseMatcher, exact_key
from meetings.intake.morph import lemma, lemmas, stem
from meetings.intake.tokens import Token, normalize, tokenize
from meetings.reference.topics import TOPICS

# Parents too broad to suggest from their own name.
NOT_BY_NAME = {"politics", "economy", "other", "multilateral-institutions", "digital-economy"}

KEYWORDS: dict[str, tuple[str, ...]] = {
    "political-dialogue": (
        "политический диалог", "политическое взаимодоверие", "политическое доверие",
        "политическое взаимодействие", "политические консультации", "political dialogue",
        "political trust", "political mutual trust", "political consultations",
        "political interaction", "political cooperation", "политическое сотрудничество",
        "политический", "политико-дипломатический", "political", "politico-diplomatic",
    ),
    "regional-cooperation": (
        "региональное сотрудничество", "региональное взаимодействие", "regional cooperation",
        "regional interaction", "regional integration", "региональная интеграция",
    ),
    "interregional-cooperation": (
        "межрегиональное сотрудничество", "межрегиональное взаимодействие",
        "interregional cooperation", "inter-regional cooperation", "cooperation between regions",
        "сотрудничество между регионами",
    ),
    "twin-cities": (
        "побратимские отношения", "города-побратимы", "побратим", "побратимские связи",
        "sister cities", "sister city", "twin cities", "twinned", "sister regions",
        "sister provinces",
    ),
    "border-delimitation": ("делимитация", "демаркация", "delimitation", "demarcation"),
    "human-rights": ("права человека", "human rights"),
    "consular-affairs": (
        "консульский", "визовый режим", "визовый", "безвизовый", "визы", "consular", "visa",
        "visas",
        "visa-free",
    ),
    "parliamentary-cooperation": ("межпарламентское", "inter-parliamentary", "interparliamentary"),
    "legal-cooperation": (
        "правовое сотрудничество", "правовая помощь", "экстрадиция", "legal cooperation",
        "legal assistance", "extradition",
    ),
    "united-nations": ("ООН", "UN", "United Nations", "Генеральная Ассамблея", "General Assembly"),
    "sco": (
        "ШОС", "SCO", "Шанхайская организация сотрудничества", "Shanghai Cooperation Organization",
    ),
    "cis": ("СНГ", "CIS", "Содружество Независимых Государств"),
    "eaeu": ("ЕАЭС", "EAEU", "Евразийский экономический союз", "Eurasian Economic Union"),
    "csto": (
        "ОДКБ", "CSTO", "Организация Договора о коллективной безопасности",
        "Collective Security Treaty Organization", "Совет коллективной безопасности",
        "Collective Security Council",
    ),
    "osce": ("ОБСЕ", "OSCE"),
    "turkic-states": (
        "ОТГ", "OTS", "Организация тюркских государств", "Organization of Turkic States",
        "Тюркский совет", "Turkic Council",
    ),
    "trade": (
        "торговля", "товарооборот", "торгово-экономическое сотрудничество", "торговый оборот",
        "trade", "trade turnover", "bilateral trade", "trade and economic cooperation",
        "взаимная торговля", "mutual trade",
        "торгово-экономический",
    ),
    "trade-facilitation": (
        "упрощение процедур торговли", "бесперебойность торговли", "бесперебойная торговля",
        "зеленый коридор", "зеленые коридоры", "trade facilitation", "green corridor",
        "green corridors", "green lane", "green lanes", "uninterrupted trade",
        "упрощение торговых процедур", "упрощения процедур трансграничного перемещения грузов",
        "упрощение прохождения грузов", "ускорение прохождения грузов", "прохождение грузов",
    ),
    "border-crossings": (
        "пункт пропуска", "пункты пропуска", "КПП", "пограничный переход", "border crossing",
        "border crossings", "border checkpoint", "checkpoint", "checkpoints",
        "crossing points", "border crossing points",
    ),
    "supply-chains": (
        "цепочки поставок", "производственно-поставочные цепочки", "цепочки добавленной стоимости",
        "supply chain", "supply chains", "production and supply chains", "value chains",
    ),
    "customs": ("таможенный", "таможня", "таможенное", "customs"),
    "investment": (
        "инвестиции", "инвестиционное сотрудничество", "инвестор", "инвесторы", "investment",
        "investments", "investor", "investors",
        "инвестиционный",
    ),
    "investment-climate": (
        "инвестиционный климат", "инвестиционная привлекательность", "деловой климат",
        "investment climate", "business climate", "business environment",
    ),
    "belt-and-road": (
        "Один пояс - один путь", "Один пояс, один путь", "Пояс и путь", "Belt and Road",
        "BRI", "Экономический пояс Шелкового пути", "Silk Road Economic Belt",
    ),
    "finance": (
        "финансовое сотрудничество", "финансы", "национальные валюты", "взаиморасчеты",
        "financial cooperation", "national currencies",
    ),
    "banking": ("банковский", "межбанковский", "banking", "interbank"),
    "industry": (
        "промышленность", "промышленная кооперация", "индустриальный", "industrial cooperation",
        "industry", "industrial", "промышленное сотрудничество",
    ),
    "agriculture": (
        "сельское хозяйство", "агропромышленный", "сельскохозяйственный", "agriculture",
        "agricultural", "agro-industrial",
    ),
    "food-security": ("продовольственная безопасность", "food security"),
    "tourism": ("туризм", "туристический", "tourism", "tourist"),
    "transport": ("транспорт", "транспортное сотрудничество", "transport", "transportation"),
    "transport-connectivity": (
        "транспортная взаимосвязанность", "транспортная связанность", "транспортная связность",
        "transport connectivity", "connectivity", "взаимосвязанность", "transport links",
        "транспортное сообщение",
    ),
    "railways": (
        "железная дорога", "железнодорожный", "железнодорожное сообщение", "railway", "railways",
        "railroad", "rail",
        "freight train", "freight trains", "грузовые поезда", "контейнерные поезда", "поезд",
    ),
    "transit": ("транзит", "транзитный", "transit"),
    "transport-corridors": (
        "транспортный коридор", "транспортные коридоры", "транспортно-логистический коридор",
        "transport corridor", "transport corridors", "Средний коридор", "Middle Corridor",
        "Транскаспийский международный транспортный маршрут",
        "Trans-Caspian International Transport Route",
        "Север - Юг", "North-South corridor",
        "Trans-Caspian route", "Транскаспийский маршрут",
    ),
    "road-transport": (
        "автомобильный транспорт", "автомобильные перевозки", "автомобильная дорога", "автодорога",
        "road transport", "highway", "road haulage",
        "автомобильное сообщение", "road transport links",
    ),
    "aviation": (
        "авиасообщение", "авиарейсы", "прямые рейсы", "авиация", "air service", "air services",
        "direct flights", "flights", "aviation", "air connectivity",
    ),
    "logistics": ("логистика", "логистический", "logistics", "logistic"),
    "energy": (
        "энергетика", "энергетическое сотрудничество", "энергетическая безопасность", "energy",
        "электроэнергия", "electricity", "энергоносители",
    ),
    "oil-and-gas": (
        "нефть", "газ", "газопровод", "нефтепровод", "нефтепродукты", "oil", "gas", "pipeline",
        "petroleum products", "oil products", "нефтегазовый", "нефтегазовая отрасль",
        "oil and gas",
    ),
    "hydropower": ("гидроэнергетика", "ГЭС", "гидроэлектростанция", "hydropower", "hydroelectric"),
    "renewable-energy": (
        "возобновляемые источники энергии", "ВИЭ", "солнечная энергетика", "ветровая энергетика",
        "зеленая энергетика", "renewable energy", "renewables", "solar power", "wind power",
        "green energy", "solar",
        "green hydrogen", "зеленый водород",
    ),
    "nuclear-energy": ("атомная энергетика", "АЭС", "nuclear power", "nuclear energy"),
    "power-grids": (
        "энергосистема", "электросети", "ЛЭП", "CASA-1000", "power grid", "power grids",
        "power transmission", "electricity transmission",
    ),
    "water-resources": (
        "водные ресурсы", "водное хозяйство", "водопользование", "water resources",
        "water management", "water-energy", "водно-энергетический",
    ),
    "transboundary-rivers": (
        "трансграничные реки", "Амударья", "Сырдарья", "страны низовья", "сток воды",
        "downstream countries", "transboundary rivers", "Amu Darya",
        "Syr Darya",
    ),
    "irrigation": ("ирригация", "орошение", "ирригационный", "irrigation"),
    "environment": (
        "окружающая среда", "экология", "экологический", "environment", "environmental",
    ),
    "climate-change": ("изменение климата", "климатический", "climate change", "climate"),
    "aral-sea": ("Аральское море", "Арал", "Aral Sea"),
    "green-economy": (
        "зеленая экономика", "зеленый рост", "зеленый переход", "декарбонизация",
        "низкоуглеродный", "green economy", "green growth", "green transition", "decarbonization",
        "decarbonisation", "low-carbon",
    ),
    "security": ("безопасность", "security"),
    "regional-security": (
        "региональная безопасность", "безопасность в регионе", "региональный безопасность",
        "безопасность региона", "security of the region", "regional stability and security",
        "стабильность и безопасность", "мир и стабильность", "peace and stability",
        "stability and security", "security and stability",
        "безопасность и стабильность в регионе",
        "безопасности и стабильности в Центральной Азии", "regional security",
        "security in the region", "regional stability", "стабильность в регионе",
    ),
    "afghanistan": (
        "Афганистан", "афганский", "трансафганский", "Afghanistan", "Afghan", "Trans-Afghan",
    ),
    "terrorism-and-extremism": (
        "терроризм", "экстремизм", "террористический", "экстремистский", "сепаратизм",
        "terrorism", "extremism", "terrorist", "extremist", "radicalisation", "radicalization",
    ),
    "drug-trafficking": (
        "наркотрафик", "незаконный оборот наркотиков", "наркотики", "drug trafficking",
        "narcotics", "illicit drugs",
    ),
    "organised-crime": (
        "организованная преступность", "транснациональная преступность", "organized crime",
        "organised crime", "transnational crime",
    ),
    "cyber-security": (
        "кибербезопасность", "информационная безопасность", "киберпреступность", "киберугрозы",
        "cybersecurity", "cyber threats",
        "cyber security", "information security", "cybercrime",
    ),
    "border-security": (
        "безопасность границ", "охрана границ", "пограничная безопасность", "border security",
        "border protection",
        "border management", "управление границами", "пограничное сотрудничество",
    ),
    "military-cooperation": (
        "военное сотрудничество", "военно-техническое сотрудничество", "оборонное сотрудничество",
        "military cooperation", "defence cooperation", "defense cooperation",
        "military-technical cooperation",
    ),
    "health": ("здравоохранение", "health", "healthcare", "public health"),
    "covid-19": (
        "COVID-19", "COVID", "коронавирус", "коронавирусная инфекция", "coronavirus",
    ),
    "vaccines": ("вакцина", "вакцины", "вакцинация", "vaccine", "vaccines", "vaccination"),
    "traditional-medicine": ("традиционная медицина", "traditional medicine"),
    "epidemic-response": (
        "реагирование на эпидемии", "эпидемиологическая ситуация", "санитарно-эпидемиологический",
        "борьба с пандемией", "борьба с коронавирусом", "борьба с эпидемией", "борьба с инфекцией",
        "распространение коронавирусной инфекции", "распространение инфекции",
        "профилактика пандемии", "epidemic response", "epidemic prevention", "epidemiological",
        "fight against the pandemic", "response to epidemics", "pandemic response",
    ),
    "digital-economy": (
        "цифровая экономика", "цифровизация", "цифровая трансформация", "digital economy",
        "digitalisation", "digitalization", "digital transformation",
    ),
    "e-commerce": (
        "электронная коммерция", "электронная торговля", "e-commerce", "ecommerce",
        "online trade", "cross-border e-commerce",
    ),
    "digital-silk-road": ("Цифровой Шелковый путь", "Digital Silk Road"),
    "telecommunications": ("телекоммуникации", "ИКТ", "telecommunications", "ICT"),
    "artificial-intelligence": ("искусственный интеллект", "artificial intelligence"),
    "humanitarian-cooperation": (
        "гуманитарное сотрудничество", "культурно-гуманитарное сотрудничество",
        "humanitarian cooperation", "people-to-people", "cultural and humanitarian",
        "гуманитарные связи", "культурно-гуманитарные связи",
        "культурно-гуманитарный", "гуманитарный",
    ),
    "culture": ("культура", "культурный", "culture", "cultural"),
    "education": (
        "образование", "образовательный", "университет", "студенты", "education", "educational",
        "university", "universities", "students", "scholarships", "подготовка кадров",
        "подготовка специалистов", "training of specialists", "training specialists",
    ),
    "science": ("наука", "научный", "научно-технический", "science", "scientific", "research"),
    "youth": ("молодежь", "молодежный", "youth"),
    "sport": ("спорт", "спортивный", "sport", "sports"),
    "media": ("СМИ", "средства массовой информации", "media", "journalists"),
    "migration": ("миграция", "миграционный", "migration", "migrants"),
    "labour-migration": (
        "трудовая миграция", "трудовые мигранты", "трудящиеся-мигранты", "labour migration",
        "labor migration", "migrant workers",
    ),
    "refugees": ("беженцы", "refugees"),
    "emergencies": ("чрезвычайные ситуации", "emergency situations"),
    "disaster-response": (
        "ликвидация последствий", "стихийные бедствия", "землетрясение", "natural disasters",
        "disaster", "earthquake",
    ),
    "humanitarian-aid": ("гуманитарная помощь", "humanitarian aid", "humanitarian assistance"),
}  # fmt: skip


LEMMA = "~"  # marks a whole-lemma key, for words too short to stem safely ("визы", "газ")
MIN_STEM = 5


def topic_keys(token: Token) -> frozenset[str]:
    """Russian: stems of the word and its lemmas (Snowball leaves "цепочек" apart from
    "цепочки"), plus the lemmas themselves; English: the word and its singular."""
    found = lemmas(token.text)
    if token.is_cyrillic:
        keys = {LEMMA + word for word in found}
        keys.update(k for k in (stem(token.text), *(stem(w) for w in found)) if len(k) >= MIN_STEM)
    else:
        keys = set(found)
    if token.text.isupper() and len(token.text) > 1:
        keys.add(exact_key(token.text))
    return frozenset(keys)


def _key(token: Token) -> str:
    if token.text.isupper() and len(token.text) > 1:
        return exact_key(token.text)
    if token.is_cyrillic:
        stemmed = stem(token.text)
        if len(stemmed) >= MIN_STEM:
            return stemmed
        return LEMMA + lemma(token.text)
    return min(lemmas(token.text), key=len)


def _pattern(phrase: str) -> list[str]:
    return [_key(token) for token in tokenize(normalize(phrase))]


@cache
def parents() -> dict[str, str | None]:
    return {slug: parent for slug, parent, _, _ in TOPICS}


@cache
def topic_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(topic_keys)
    known = parents()
    for slug, _, name_en, name_ru in TOPICS:
        if slug not in NOT_BY_NAME:
            matcher.add(_pattern(name_en), slug)
            matcher.add(_pattern(name_ru), slug)
    for slug, phrases in KEYWORDS.items():
        if slug not in known:
            raise ValueError(f"keyword list for unknown topic {slug!r}")
        for phrase in phrases:
            matcher.add(_pattern(phrase), slug)
    return matcher


def _ancestors(slug: str) -> set[str]:
    found = set()
    parent = parents().get(slug)
    while parent:
        found.add(parent)
        parent = parents().get(parent)
    return found


def most_specific(counts: dict[str, int]) -> list[str]:
    """The topics found, without a broader one the text names only once beside a narrower one."""
    covered = set()
    for slug in counts:
        covered |= _ancestors(slug)
    return sorted(slug for slug, n in counts.items() if slug not in covered or n >= 2)


COORDINATORS = {"и", "или", ",", "and", "or"}


def find_topics(tokens: list[Token], skip: list[tuple[int, int]] = ()):
    """Topic matches (payload: slug) in a token sequence, leaving out the spans in ``skip``
    (job titles: "министр транспорта" is not about transport).

    Coordinated adjectives share their noun: "продовольственной и энергетической безопасности"
    gives food security as well as energy security.
    """
    matcher = topic_matcher()
    if tokens and skip:
        first, last = tokens[0].start, tokens[-1].end
        skip = [(a, b) for a, b in skip if a < last and b > first]
    kept = [t for t in tokens if not any(a <= t.start < b for a, b in skip)]
    matches = matcher.find(kept)
    found = list(matches)
    starts = {m.start: m for m in matches}
    for i in range(len(kept) - 2):
        if kept[i + 1].text.lower() not in COORDINATORS:
            continue
        following = starts.get(i + 2)
        if following is None or following.end - following.start < 2:
            continue
        # borrow the shared noun: [adjective] + following phrase without its own adjective
        borrowed = [kept[i], *kept[following.start + 1 : following.end]]
        for match in matcher.find(borrowed):
            if match.start == 0 and match.end == len(borrowed):
                found.append(type(match)(i, i + 1, match.payload, (kept[i],)))
                break
    return found
