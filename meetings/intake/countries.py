"""Countries, groups of countries and organisations as news names them, in any case form.

Built from the reference data (ISO names, ``COUNTRY_ALIASES``, ``COUNTRY_GROUPS``) plus the
adjectives news uses for sides and delegations ("кыргызская сторона", "the Kazakh side").
"""

from dataclasses import dataclass
from functools import cache

from meetings.intake.matcher import Match, PhraseMatcher
from meetings.intake.morph import adjective_forms, parses, phrase_forms
from meetings.intake.tokens import Token
from meetings.reference.aliases import COUNTRY_ALIASES, COUNTRY_GROUPS
from meetings.reference.countries import iso_countries

# Country adjectives: Russian (declined by the matcher) and English.
DEMONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "KZ": (("казахстанский", "казахский"), ("Kazakh", "Kazakhstani")),
    "KG": (("кыргызский", "киргизский", "кыргызстанский"), ("Kyrgyz", "Kyrgyzstani", "Kirghiz")),
    "TJ": (("таджикский", "таджикистанский"), ("Tajik", "Tajikistani")),
    "TM": (("туркменский", "туркменистанский"), ("Turkmen", "Turkmenistani")),
    "UZ": (("узбекский", "узбекистанский"), ("Uzbek", "Uzbekistani")),
    "CN": (("китайский",), ("Chinese", "Sino")),
    "RU": (("российский",), ("Russian",)),
    "US": (("американский",), ("American", "U.S.", "US")),
    "JP": (("японский",), ("Japanese",)),
    "KR": (("южнокорейский", "корейский"), ("South Korean", "Korean")),
    "KP": (("северокорейский",), ("North Korean",)),
    "DE": (("германский", "немецкий"), ("German",)),
    "FR": (("французский",), ("French",)),
    "GB": (("британский",), ("British",)),
    "IT": (("итальянский",), ("Italian",)),
    "ES": (("испанский",), ("Spanish",)),
    "IN": (("индийский",), ("Indian",)),
    "PK": (("пакистанский",), ("Pakistani",)),
    "IR": (("иранский",), ("Iranian",)),
    "AF": (("афганский",), ("Afghan",)),
    "TR": (("турецкий",), ("Turkish",)),
    "AZ": (("азербайджанский",), ("Azerbaijani", "Azeri")),
    "AM": (("армянский",), ("Armenian",)),
    "GE": (("грузинский",), ("Georgian",)),
    "BY": (("белорусский",), ("Belarusian", "Belarussian")),
    "UA": (("украинский",), ("Ukrainian",)),
    "MN": (("монгольский",), ("Mongolian",)),
    "SA": (("саудовский",), ("Saudi",)),
    "AE": (("эмиратский",), ("Emirati",)),
    "QA": (("катарский",), ("Qatari",)),
    "KW": (("кувейтский",), ("Kuwaiti",)),
    "OM": (("оманский",), ("Omani",)),
    "BH": (("бахрейнский",), ("Bahraini",)),
    "EG": (("египетский",), ("Egyptian",)),
    "IL": (("израильский",), ("Israeli",)),
    "HU": (("венгерский",), ("Hungarian",)),
    "PL": (("польский",), ("Polish",)),
    "AT": (("австрийский",), ("Austrian",)),
    "CH": (("швейцарский",), ("Swiss",)),
    "NL": (("нидерландский",), ("Dutch",)),
    "BE": (("бельгийский",), ("Belgian",)),
    "VN": (("вьетнамский",), ("Vietnamese",)),
    "ID": (("индонезийский",), ("Indonesian",)),
    "MY": (("малайзийский",), ("Malaysian",)),
    "TH": (("таиландский",), ("Thai",)),
    "SG": (("сингапурский",), ("Singaporean",)),
    "LV": (("латвийский",), ("Latvian",)),
    "LT": (("литовский",), ("Lithuanian",)),
    "EE": (("эстонский",), ("Estonian",)),
    "FI": (("финский", "финляндский"), ("Finnish",)),
    "SE": (("шведский",), ("Swedish",)),
    "NO": (("норвежский",), ("Norwegian",)),
    "DK": (("датский",), ("Danish",)),
    "CZ": (("чешский",), ("Czech",)),
    "SK": (("словацкий",), ("Slovak",)),
    "RS": (("сербский",), ("Serbian",)),
    "BG": (("болгарский",), ("Bulgarian",)),
    "RO": (("румынский",), ("Romanian",)),
    "GR": (("греческий",), ("Greek",)),
    "CA": (("канадский",), ("Canadian",)),
    "AU": (("австралийский",), ("Australian",)),
    "BR": (("бразильский",), ("Brazilian",)),
    "MX": (("мексиканский",), ("Mexican",)),
}

# Groups that are regions expand to their members; organisations are named, not expanded.
REGION_GROUPS = {"central-asia", "south-caucasus"}
GROUP_ADJECTIVES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "central-asia": (("центральноазиатский", "центрально-азиатский"), ("Central Asian",)),
    "south-caucasus": (("южнокавказский",), ("South Caucasian",)),
}
# Former and long names the reference data does not list: the Turkic Council was the
# "Cooperation Council of Turkic Speaking States" until 2021.
GROUP_NAMES: dict[str, tuple[str, ...]] = {
    "organization-of-turkic-states": (
        "Cooperation Council of Turkic Speaking States",
        "Cooperation Council of the Turkic Speaking States",
        "Cooperation Council of Turkic-Speaking States",
        "Cooperation Council of the Turkic-Speaking States",
        "Council of Cooperation of Turkic-Speaking States", "CCTS",
        "Совет сотрудничества тюркоязычных государств", "ССТГ", "Организации тюркских государств",
    ),
    "gulf-cooperation-council": (
        "Cooperation Council of the Arab States of the Gulf", "Gulf Cooperation Council states",
        "государств Персидского залива", "стран Персидского залива", "Персидского залива",
        "Совета сотрудничества арабских государств Персидского залива",
    ),
}  # fmt: skip
EXTRA_ORGANISATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("united-nations", "United Nations", ("ООН", "Организация Объединенных Наций", "UN", "U.N.")),
    ("osce", "OSCE", ("ОБСЕ", "OSCE")),
    (
        "cis",
        "Commonwealth of Independent States",
        ("СНГ", "Содружество Независимых Государств", "CIS"),
    ),
    ("asean", "ASEAN", ("АСЕАН", "ASEAN")),
    ("nato", "NATO", ("НАТО", "NATO")),
)
# Russian country names that are also everyday words.
AMBIGUOUS_NAMES = {"Того", "Чад", "Мали"}


@dataclass(frozen=True)
class Place:
    """A country, a group of countries or an organisation mentioned in the text."""

    kind: str  # "country", "adjective", "group", "organisation"
    key: str  # ISO code or group slug
    codes: tuple[str, ...]  # the countries it stands for (none for an organisation)
    label: str

    @property
    def is_country(self) -> bool:
        return self.kind in ("country", "adjective")


def _is_nominative(phrase: str) -> bool:
    first = phrase.split(" ")[0].split("-")[-1].lower()
    found = parses(first)
    return bool(found) and found[0].tag.case == "nomn"


def _russian_forms(name: str) -> set[str]:
    if any("а" <= ch.lower() <= "я" for ch in name) and _is_nominative(name):
        return phrase_forms(name) | {name}
    return {name}


def _adjective_surfaces(adjective: str) -> set[str]:
    if "-" in adjective:
        head, _, last = adjective.rpartition("-")
        return {f"{head}-{form}" for form in adjective_forms(last)}
    forms = set(adjective_forms(adjective))
    # "кыргызско-китайские": the first part of a compound adjective
    for suffix in ("ский", "цкий"):
        if adjective.endswith(suffix):
            forms.add(adjective[: -len(suffix)] + suffix[:-2] + "о")
    return forms


@cache
def place_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher()
    for country in iso_countries():
        place = Place("country", country.code, (country.code,), country.name_en)
        matcher.add_phrase(country.name_en, place)
        if country.name_ru not in AMBIGUOUS_NAMES:
            for form in _russian_forms(country.name_ru):
                matcher.add_phrase(form, place)
    for code, aliases in COUNTRY_ALIASES.items():
        place = Place("country", code, (code,), code)
        for alias in aliases:
            for form in _russian_forms(alias):
                matcher.add_phrase(form, place)
    for code, (russian, english) in DEMONYMS.items():
        place = Place("adjective", code, (code,), english[0])
        for adjective in russian:
            for form in _adjective_surfaces(adjective):
                matcher.add_phrase(form, place)
        for adjective in english:
            matcher.add_phrase(adjective, place)
    for group in COUNTRY_GROUPS:
        slug = group["slug"]
        kind = "group" if slug in REGION_GROUPS else "organisation"
        codes = tuple(group["members"]) if kind == "group" else ()
        place = Place(kind, slug, codes, group["name_en"])
        for name in (
            group["name_en"],
            group["name_ru"],
            *group["aliases"],
            *GROUP_NAMES.get(slug, ()),
        ):
            for form in _russian_forms(name):
                matcher.add_phrase(form, place)
        russian, english = GROUP_ADJECTIVES.get(slug, ((), ()))
        for adjective in russian:
            for form in _adjective_surfaces(adjective):
                matcher.add_phrase(form, Place("group", slug, codes, group["name_en"]))
        for adjective in english:
            matcher.add_phrase(adjective, Place("group", slug, codes, group["name_en"]))
    for slug, name, names in EXTRA_ORGANISATIONS:
        place = Place("organisation", slug, (), name)
        for alias in names:
            for form in _russian_forms(alias):
                matcher.add_phrase(form, place)
    return matcher


def find_places(tokens: list[Token]) -> list[Match]:
    """Mentions of countries, groups and organisations; names must be capitalised."""
    found = []
    for match in place_matcher().find(tokens):
        place: Place = match.payload
        lowercase_allowed = place.kind == "adjective" and match.first.is_cyrillic
        if not lowercase_allowed and not match.first.is_capitalized:
            continue
        found.append(match)
    return _one_payload_per_span(found)


def _one_payload_per_span(matches: list[Match]) -> list[Match]:
    """Where one span has several readings, keep the most specific (a country over a group)."""
    order = {"country": 0, "adjective": 1, "group": 2, "organisation": 3}
    best: dict[tuple[int, int], Match] = {}
    for match in matches:
        key = (match.start, match.end)
        if key not in best or order[match.payload.kind] < order[best[key].payload.kind]:
            best[key] = match
    return sorted(best.values(), key=lambda m: m.start)


@cache
def country_names() -> dict[str, tuple[str, str]]:
    """ISO code → (English name, Russian name)."""
    return {c.code: (c.name_en, c.name_ru) for c in iso_countries()}


@cache
def group_members(slug: str) -> tuple[str, ...]:
    for group in COUNTRY_GROUPS:
        if group["slug"] == slug:
            return tuple(group["members"])
    return ()
