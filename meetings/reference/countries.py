"""ISO 3166 countries (current and former) with English and Russian names, built from pycountry."""

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry


@dataclass(frozen=True)
class CountryData:
    code: str
    alpha3: str
    name_en: str
    name_ru: str
    is_former: bool


NAME_EN_OVERRIDES: dict[str, str] = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "VN": "Vietnam",
}

# Post-Soviet states are named as they name themselves in Russian (Кыргызстан, Беларусь, Молдова);
# the Russian-federal forms (Киргизия, Белоруссия, Молдавия) are aliases.
NAME_RU_OVERRIDES: dict[str, str] = {
    "AQ": "Антарктида",
    "AS": "Американское Самоа",
    "BN": "Бруней",
    "CF": "Центральноафриканская Республика",
    "CG": "Республика Конго",
    "DO": "Доминиканская Республика",
    "FM": "Микронезия",
    "HM": "Остров Херд и острова Макдональд",
    "KG": "Кыргызстан",
    "MD": "Молдова",
    "MP": "Северные Марианские Острова",
    "RU": "Россия",
    "TF": "Французские Южные территории",
    "UM": "Внешние малые острова США",
    "US": "Соединённые Штаты",
    "VA": "Ватикан",
    "VG": "Британские Виргинские острова",
    "VI": "Виргинские острова США",
    "WF": "Уоллис и Футуна",
}

# Kosovo has no ISO 3166-1 code; XK/XKX is the user-assigned code the EU and most data sets use.
EXTRA_CURRENT: tuple[CountryData, ...] = (CountryData("XK", "XKX", "Kosovo", "Косово", False),)

# ISO 3166-3 reuses CS for Czechoslovakia (CSHH) and Serbia and Montenegro (CSXX).
FORMER_PREFERRED_ALPHA4: dict[str, str] = {"CS": "CSHH"}

FORMER_NAMES: dict[str, tuple[str, str]] = {
    "BU": ("Burma", "Бирма"),
    "CS": ("Czechoslovakia", "Чехословакия"),
    "DD": ("East Germany", "ГДР"),
    "FX": ("Metropolitan France", "Метрополия Франции"),
    "HV": ("Upper Volta", "Верхняя Вольта"),
    "PC": ("Trust Territory of the Pacific Islands", "Подопечная территория Тихоокеанские острова"),
    "SU": ("Soviet Union", "СССР"),
    "TP": ("East Timor", "Восточный Тимор (до 2002)"),
    "VD": ("North Vietnam", "Северный Вьетнам"),
    "YD": ("South Yemen", "Южный Йемен"),
    "YU": ("Yugoslavia", "Югославия"),
    "ZR": ("Zaire", "Заир"),
}


@cache
def _russian(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def _translate(domain: str, *msgids: str | None) -> str | None:
    for msgid in msgids:
        if not msgid:
            continue
        translated = _russian(domain).gettext(msgid)
        if translated and translated != msgid:
            return translated
    return None


def _current() -> list[CountryData]:
    result = []
    for country in pycountry.countries:
        code = country.alpha_2
        common_name = getattr(country, "common_name", None)
        name_en = NAME_EN_OVERRIDES.get(code) or common_name or country.name
        name_ru = (
            NAME_RU_OVERRIDES.get(code)
            or _translate("iso3166-1", common_name, country.name)
            or name_en
        )
        result.append(CountryData(code, country.alpha_3, name_en, name_ru, False))
    return result


def _former(current: list[CountryData]) -> list[CountryData]:
    # A code reused for a current state (e.g. BY, or ATF of the 1979-split FQ) would be ambiguous.
    alpha2_taken = {c.code for c in current}
    alpha3_taken = {c.alpha3 for c in current}
    result = []
    for country in pycountry.historic_countries:
        code = country.alpha_2
        if code in alpha2_taken or country.alpha_3 in alpha3_taken:
            continue
        preferred = FORMER_PREFERRED_ALPHA4.get(code)
        if preferred and country.alpha_4 != preferred:
            continue
        name_en, name_ru = FORMER_NAMES.get(code, (country.name, None))
        name_ru = name_ru or _translate("iso3166-3", country.name) or name_en
        result.append(CountryData(code, country.alpha_3, name_en, name_ru, True))
    return result


@cache
def _countries() -> tuple[CountryData, ...]:
    current = [*_current(), *EXTRA_CURRENT]
    by_code: dict[str, CountryData] = {}
    for country in [*current, *_former(current)]:
        if country.code in by_code:
            raise ValueError(f"duplicate country code {country.code}")
        by_code[country.code] = country
    return tuple(sorted(by_code.values(), key=lambda c: c.code))


def iso_countries() -> list[CountryData]:
    return list(_countries())
