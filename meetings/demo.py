"""Demo data at archive scale: made-up but plausible meetings, the same ones for a given seed.

``generate(count, seed)`` writes ``count`` meetings (external ids ``demo-<seed>-<n>``, in date
order) with their countries, people, topics, documents, statements and sources, straight into
the tables with bulk inserts, and indexes them with the real search indexer. Every choice
comes from ``random.Random`` seeded with the seed (and, per meeting, with the meeting's
number), and the reference data is read in a fixed order, so the same count and seed give
the same records on any database.

The shape follows the real register:
- formats hold their editions in order, one or two a year from the year each began;
- most meetings are bilateral, a few are summits of up to thirty countries, and countries are
  drawn with a Zipf-like weight, heaviest for the big powers and Central Asia;
- each country's offices pass from holder to holder, and holders move up (ambassador, deputy
  minister, minister, prime minister, president), so a person's position depends on the date;
- dates run from 1990 to 2025, more of them in recent years; about 3% are drafts.

No revisions are recorded: the rows are bulk-inserted and send no signals.
"""

import datetime
import itertools
import math
import random
import string
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from django.db import connection, transaction
from django.db.models import DateField, UUIDField
from django.utils import timezone

from meetings import models
from meetings.intake.gazetteer import parse_table
from meetings.search import reindex
from meetings.text import meeting_slug, person_slug

FIRST_YEAR, LAST_YEAR = 1990, 2025
DRAFT_SHARE = 0.03
BATCH_SIZE = 2000
MAX_DELEGATIONS = 12  # countries whose representatives are named at a large summit
EXTERNAL_ID_PREFIX = "demo-"

Progress = Callable[[int, int], None]


def external_id_prefix(seed: int) -> str:
    return f"{EXTERNAL_ID_PREFIX}{seed}-"


# --- Reference data ------------------------------------------------------------------------

# Drawn most often, in this order; every other current country follows by code.
HEAVY_COUNTRIES = (
    "RU", "CN", "KZ", "US", "UZ", "KG", "TJ", "TM", "TR", "IN", "DE", "JP", "FR", "GB", "KR",
    "IR", "PK", "AF", "AZ", "BY", "AE", "SA", "IT", "UA", "MN", "AM", "GE", "QA", "EG", "IL",
    "CA", "BR", "ES", "PL", "HU", "MY", "ID", "VN", "TH", "KW",
)  # fmt: skip

# First year of each reference format and the level it meets at; formats not listed get the
# default. Editions follow one or two a year from the first year to LAST_YEAR.
FORMAT_HISTORY = {
    "central-asia-china": (2020, models.Level.FOREIGN_MINISTERS),
    "sco-council-of-heads-of-state": (2001, models.Level.HEADS_OF_STATE),
    "c5-plus-1": (2015, models.Level.FOREIGN_MINISTERS),
    "central-asia-russia": (2019, models.Level.FOREIGN_MINISTERS),
    "sco-council-of-foreign-ministers": (2002, models.Level.FOREIGN_MINISTERS),
    "sco-council-of-heads-of-government": (2001, models.Level.HEADS_OF_GOVERNMENT),
    "eu-central-asia": (2007, models.Level.FOREIGN_MINISTERS),
    "cis-council-of-heads-of-state": (1992, models.Level.HEADS_OF_STATE),
    "central-asia-japan": (2004, models.Level.FOREIGN_MINISTERS),
    "central-asia-korea": (2007, models.Level.FOREIGN_MINISTERS),
    "central-asia-india-dialogue": (2019, models.Level.FOREIGN_MINISTERS),
    "central-asia-consultative-meeting": (2018, models.Level.HEADS_OF_STATE),
    "central-asia-germany": (2023, models.Level.HEADS_OF_STATE),
    "central-asia-gcc": (2023, models.Level.HEADS_OF_STATE),
    "csto-collective-security-council": (1993, models.Level.HEADS_OF_STATE),
    "organization-of-turkic-states-summit": (2009, models.Level.HEADS_OF_STATE),
    "supreme-eurasian-economic-council": (2014, models.Level.HEADS_OF_STATE),
}
DEFAULT_FORMAT_HISTORY = (2005, models.Level.FOREIGN_MINISTERS)
FORMAT_SHARE = 0.04  # of the meetings, at most; a format never gets more than its history holds

# Topics that only make sense from a given year, and how often a topic comes up (default 1).
TOPIC_SINCE = {
    "covid-19": 2020, "vaccines": 2020, "belt-and-road": 2013, "digital-silk-road": 2015,
    "eaeu": 2015, "sco": 2001, "artificial-intelligence": 2017, "e-commerce": 2005,
    "cyber-security": 2005, "digital-economy": 2010, "turkic-states": 2009, "csto": 2002,
}  # fmt: skip
TOPIC_WEIGHT = {
    "political-dialogue": 6, "trade": 6, "regional-security": 5, "transport": 4,
    "transport-connectivity": 4, "energy": 4, "investment": 4, "afghanistan": 3,
    "water-resources": 3, "transit": 3, "railways": 3, "trade-facilitation": 3, "culture": 3,
    "education": 3, "labour-migration": 2, "hydropower": 2, "oil-and-gas": 2, "tourism": 2,
    "terrorism-and-extremism": 2, "border-delimitation": 2, "other": 0,
}  # fmt: skip
# Topic names that keep their capital letter inside an English sentence.
PROPER_TOPICS = frozenset({
    "afghanistan", "aral-sea", "united-nations", "sco", "cis", "eaeu", "csto", "osce",
    "turkic-states", "belt-and-road", "covid-19", "digital-silk-road",
})  # fmt: skip


@dataclass(frozen=True)
class Place:
    code: str
    name_en: str
    name_ru: str
    cities: tuple[tuple[str, str], ...]  # (English, Russian), the capital first


@dataclass(frozen=True)
class TopicRef:
    pk: int
    slug: str
    name_en: str
    name_ru: str

    @property
    def in_sentence(self) -> str:
        """The English name as it reads mid-sentence: "trade", but "Afghanistan"."""
        if self.slug in PROPER_TOPICS:
            return self.name_en
        return self.name_en[:1].lower() + self.name_en[1:]


@dataclass(frozen=True)
class FormatRef:
    pk: int
    slug: str
    name_en: str
    name_ru: str
    members: tuple[str, ...]


@dataclass
class Reference:
    countries: list[Place]  # heaviest first
    country_weights: list[float]  # cumulative
    by_code: dict[str, Place]
    topics: list[TopicRef]
    formats: list[FormatRef]  # in FORMAT_HISTORY order, then by slug
    _topics_by_year: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Reference":
        cities: dict[str, list[tuple[str, str]]] = {}
        for city, names_ru, _, _ in parse_table():
            cities.setdefault(city.country, []).append((city.name, names_ru[0]))
        rows = models.Country.objects.filter(is_former=False).order_by("code")
        places = {
            code: Place(code, name_en, name_ru, tuple(cities.get(code, ())))
            for code, name_en, name_ru in rows.values_list("code", "name_en", "name_ru")
        }
        heavy = [code for code in HEAVY_COUNTRIES if code in places]
        ranked = heavy + [code for code in places if code not in heavy]
        weights = [1 / (rank + 1) for rank in range(len(ranked))]
        topics = [
            TopicRef(*row)
            for row in models.Topic.objects.order_by("slug").values_list(
                "pk", "slug", "name_en", "name_ru"
            )
        ]
        members: dict[int, list[str]] = {}
        for format_id, code in models.FormatMember.objects.order_by("country_id").values_list(
            "format_id", "country_id"
        ):
            members.setdefault(format_id, []).append(code)
        priority = list(FORMAT_HISTORY)
        formats = sorted(
            (
                FormatRef(pk, slug, name_en, name_ru, tuple(members.get(pk, ())))
                for pk, slug, name_en, name_ru in models.Format.objects.values_list(
                    "pk", "slug", "name_en", "name_ru"
                )
            ),
            key=lambda f: (priority.index(f.slug) if f.slug in priority else len(priority), f.slug),
        )
        return cls(
            countries=[places[code] for code in ranked],
            country_weights=list(accumulate(weights)),
            by_code=places,
            topics=topics,
            formats=[f for f in formats if len(f.members) >= 2],
        )

    def draw_countries(self, rng: random.Random, count: int) -> list[Place]:
        return draw_distinct(rng, self.countries, self.country_weights, count)

    def topics_of_year(self, year: int) -> tuple[list[TopicRef], list[float]]:
        """The topics a meeting of that year can have, with their cumulative weights."""
        if year not in self._topics_by_year:
            usable = [
                t
                for t in self.topics
                if TOPIC_SINCE.get(t.slug, FIRST_YEAR) <= year and _topic_weight(t.slug, year)
            ]
            weights = accumulate(_topic_weight(t.slug, year) for t in usable)
            self._topics_by_year[year] = (usable, list(weights))
        return self._topics_by_year[year]


def _topic_weight(slug: str, year: int) -> float:
    if slug == "covid-19":
        return {2020: 12, 2021: 10, 2022: 4}.get(year, 1)
    return TOPIC_WEIGHT.get(slug, 1)


def draw_distinct(rng: random.Random, items: list, cum_weights: list[float], count: int) -> list:
    """``count`` different items (every weight above zero) drawn by weight, in the order
    they came up."""
    count = min(count, len(items))
    chosen: dict = {}
    while len(chosen) < count:
        for item in rng.choices(items, cum_weights=cum_weights, k=count - len(chosen)):
            chosen.setdefault(item)
    return list(chosen)


def weighted(rng: random.Random, table: tuple[tuple[object, float], ...]):
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights)[0]


# --- People ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    title_en: str
    title_ru: str
    term: tuple[int, int]  # shortest and longest term, in years


PRESIDENT = Office("President", "президент", (4, 12))
PRIME_MINISTER = Office("Prime Minister", "премьер-министр", (2, 7))
FOREIGN_MINISTER = Office("Minister of Foreign Affairs", "министр иностранных дел", (2, 8))
DEPUTY_FOREIGN_MINISTER = Office(
    "Deputy Minister of Foreign Affairs", "заместитель министра иностранных дел", (2, 6)
)
AMBASSADOR = Office("Ambassador", "посол", (3, 6))
SECTOR_MINISTERS = (
    Office("Minister of Economy", "министр экономики", (2, 6)),
    Office("Minister of Transport", "министр транспорта", (2, 6)),
    Office("Minister of Energy", "министр энергетики", (2, 6)),
    Office("Minister of Agriculture", "министр сельского хозяйства", (2, 6)),
    Office("Minister of Health", "министр здравоохранения", (2, 6)),
    Office("Minister of Education", "министр образования", (2, 6)),
    Office("Minister of Defence", "министр обороны", (2, 6)),
)
SPEAKER = Office("Speaker of Parliament", "председатель парламента", (3, 8))
DEPARTMENT_HEAD = Office(
    "Head of Department, Ministry of Foreign Affairs", "начальник управления МИД", (2, 5)
)
# Highest first: a vacancy is filled before the office below it is looked at.
OFFICES = (
    PRESIDENT, PRIME_MINISTER, FOREIGN_MINISTER, DEPUTY_FOREIGN_MINISTER, AMBASSADOR,
    *SECTOR_MINISTERS, SPEAKER, DEPARTMENT_HEAD,
)  # fmt: skip
PROMOTED_FROM = {
    PRESIDENT: PRIME_MINISTER,
    PRIME_MINISTER: FOREIGN_MINISTER,
    FOREIGN_MINISTER: DEPUTY_FOREIGN_MINISTER,
    DEPUTY_FOREIGN_MINISTER: AMBASSADOR,
}
PROMOTION_CHANCE = 0.4
CAREERS_FROM = FIRST_YEAR - 4

L = models.Level
OFFICES_AT_LEVEL: dict[str, tuple[Office, ...]] = {
    L.HEADS_OF_STATE: (PRESIDENT,),
    L.HEADS_OF_GOVERNMENT: (PRIME_MINISTER,),
    L.FOREIGN_MINISTERS: (FOREIGN_MINISTER,),
    L.MINISTERS: SECTOR_MINISTERS,
    L.SENIOR_OFFICIALS: (DEPUTY_FOREIGN_MINISTER,),
    L.EXPERTS: (DEPARTMENT_HEAD,),
    L.PARLIAMENTARY: (SPEAKER,),
    L.OTHER: (AMBASSADOR,),
}

# "Latin Cyrillic" pairs: male given names, female given names, family names.
NAME_POOLS = {
    "central_asian": (
        "Aibek Айбек, Nurlan Нурлан, Azamat Азамат, Bakhtiyar Бахтияр, Daniyar Данияр, "
        "Erlan Ерлан, Farrukh Фаррух, Jamshid Джамшид, Kairat Кайрат, Marat Марат, "
        "Rustam Рустам, Sanjar Санжар, Timur Тимур, Ulugbek Улугбек, Zafar Зафар, "
        "Bolot Болот, Askar Аскар, Dilshod Дилшод, Mirzo Мирзо, Kuanysh Куаныш, Talant Талант",
        "Aigul Айгуль, Dinara Динара, Gulnara Гульнара, Zarina Зарина, Madina Мадина, "
        "Aizhan Айжан, Nodira Нодира, Saule Сауле, Malika Малика, Feruza Феруза, "
        "Jyldyz Жылдыз, Kamila Камила",
        "Abdullaev Абдуллаев, Akhmetov Ахметов, Baimukhanov Баймуханов, Djumabaev Джумабаев, "
        "Ergeshov Эргешов, Ismoilov Исмоилов, Mamatov Маматов, Nazarov Назаров, "
        "Omurbekov Омурбеков, Rakhimov Рахимов, Saidov Саидов, Turdaliev Турдалиев, "
        "Usmonov Усмонов, Yusupov Юсупов, Zhunusov Жунусов, Beknazarov Бекназаров, "
        "Kurbanov Курбанов, Sultanov Султанов, Orazov Оразов, Abdrakhmanov Абдрахманов, "
        "Nurmatov Нурматов, Khodjaev Ходжаев, Sadykov Садыков, Temirov Темиров",
    ),
    "slavic": (
        "Alexei Алексей, Andrei Андрей, Dmitry Дмитрий, Igor Игорь, Mikhail Михаил, "
        "Nikolai Николай, Oleg Олег, Pavel Павел, Sergei Сергей, Viktor Виктор, "
        "Vladimir Владимир, Yuri Юрий, Konstantin Константин, Grigory Григорий, "
        "Stanislav Станислав, Vadim Вадим",
        "Anna Анна, Elena Елена, Irina Ирина, Natalia Наталья, Olga Ольга, Tatiana Татьяна, "
        "Svetlana Светлана, Maria Мария, Vera Вера",
        "Belov Белов, Volkov Волков, Gromov Громов, Zaitsev Зайцев, Kovalev Ковалев, "
        "Lebedev Лебедев, Morozov Морозов, Novikov Новиков, Orlov Орлов, Pavlov Павлов, "
        "Sokolov Соколов, Tikhonov Тихонов, Fedorov Федоров, Kuznetsov Кузнецов, "
        "Egorov Егоров, Vinogradov Виноградов, Markov Марков, Sorokin Сорокин, "
        "Borisov Борисов, Makarov Макаров",
    ),
    "turkic": (
        "Mehmet Мехмет, Ahmet Ахмет, Mustafa Мустафа, Emre Эмре, Kemal Кемаль, Elvin Эльвин, "
        "Rashad Рашад, Ali Али, Reza Реза, Hossein Хосейн, Javad Джавад, Murat Мурат",
        "Ayse Айше, Leyla Лейла, Zeynep Зейнеп, Maryam Марьям, Elif Элиф",
        "Yilmaz Йылмаз, Demir Демир, Celik Челик, Kaya Кая, Aliyev Алиев, Mammadov Мамедов, "
        "Huseynov Гусейнов, Hosseini Хосейни, Rahimi Рахими, Karimi Карими, Ahmadi Ахмади, "
        "Sadeghi Садеги, Ozturk Озтюрк, Arslan Арслан",
    ),
    "chinese": (
        "Wei Вэй, Jun Цзюнь, Hua Хуа, Ming Мин, Jianguo Цзяньго, Yong Юн, Qiang Цян, Lei Лэй, "
        "Tao Тао, Bin Бинь, Hong Хун, Ping Пин, Xiaoming Сяомин, Yi И",
        "Mei Мэй, Ling Лин, Yan Янь, Xiu Сю, Na На, Jing Цзин, Fang Фан",
        "Wang Ван, Li Ли, Zhang Чжан, Liu Лю, Chen Чэнь, Yang Ян, Zhao Чжао, Huang Хуан, "
        "Zhou Чжоу, Wu У, Xu Сюй, Sun Сунь, Ma Ма, Hu Ху, Guo Го, Lin Линь, He Хэ, Gao Гао",
    ),
    "japanese": (
        "Hiroshi Хироси, Takeshi Такеси, Kenji Кэндзи, Satoshi Сатоси, Kazuo Кадзуо, "
        "Makoto Макото, Naoki Наоки, Taro Таро, Ichiro Итиро",
        "Yoko Ёко, Keiko Кэйко, Akiko Акико, Naomi Наоми, Yuki Юки",
        "Tanaka Танака, Suzuki Судзуки, Takahashi Такахаси, Watanabe Ватанабэ, Ito Ито, "
        "Yamamoto Ямамото, Nakamura Накамура, Kobayashi Кобаяси, Kato Като, Yoshida Ёсида, "
        "Yamada Ямада, Sasaki Сасаки, Matsumoto Мацумото, Inoue Иноуэ",
    ),
    "korean": (
        "Sung-ho Сон-Хо, Jae-won Джэ-Вон, Dong-hyun Дон-Хён, Young-soo Ён-Су, Hyun-woo Хён-У, "
        "Ji-hoon Джи-Хун, Min-jun Мин-Джун",
        "Eun-ji Ын-Джи, Soo-jin Су-Джин, Hye-won Хе-Вон, Ji-yeon Джи-Ён",
        "Kim Ким, Lee Ли, Park Пак, Choi Чхве, Jung Чон, Kang Кан, Cho Чо, Yoon Юн, Jang Чан, "
        "Lim Лим, Han Хан",
    ),
    "arabic": (
        "Ahmed Ахмед, Mohammed Мухаммед, Khalid Халид, Abdullah Абдулла, Faisal Фейсал, "
        "Hassan Хасан, Omar Омар, Saeed Саид, Yousef Юсеф, Nasser Насер, Hamad Хамад, "
        "Tariq Тарик",
        "Fatima Фатима, Noura Нура, Amal Амаль, Layla Лейла, Huda Худа",
        "Al-Mansouri аль-Мансури, Al-Hashimi аль-Хашими, Al-Qasimi аль-Касими, "
        "Al-Otaibi аль-Утейби, Al-Harbi аль-Харби, Al-Zahrani аль-Захрани, "
        "Al-Shamsi аль-Шамси, Al-Farsi аль-Фарси, Haddad Хаддад, Nasr Наср, Salem Салем, "
        "Mansour Мансур",
    ),
    "south_asian": (
        "Rajesh Раджеш, Sanjay Санджай, Vikram Викрам, Arjun Арджун, Imran Имран, Asif Асиф, "
        "Shahid Шахид, Anil Анил, Rahul Рахул",
        "Priya Прия, Sunita Сунита, Ayesha Аиша, Kavita Кавита",
        "Sharma Шарма, Gupta Гупта, Singh Сингх, Patel Патель, Reddy Редди, Khan Хан, "
        "Qureshi Куреши, Malik Малик, Chaudhry Чаудхри, Iyer Айер",
    ),
    "western": (
        "James Джеймс, John Джон, Michael Майкл, Thomas Томас, Peter Питер, David Дэвид, "
        "Robert Роберт, Martin Мартин, Daniel Даниэль, Paul Пол, Marco Марко, Jean Жан, "
        "Pierre Пьер, Hans Ханс, Lars Ларс, Carlos Карлос, Luis Луис, Stefan Штефан",
        "Anne Энн, Maria Мария, Sophie Софи, Claire Клэр, Laura Лаура, Ingrid Ингрид, "
        "Julia Юлия, Isabel Изабель",
        "Miller Миллер, Smith Смит, Taylor Тейлор, Brown Браун, Schmidt Шмидт, "
        "Mueller Мюллер, Dubois Дюбуа, Moreau Моро, Rossi Росси, Bianchi Бьянки, "
        "Garcia Гарсия, Lopez Лопес, Novak Новак, Jansen Янсен, Berg Берг, Nielsen Нильсен, "
        "Kowalski Ковальски, Silva Силва, Costa Коста, Fischer Фишер, Weber Вебер, "
        "Laurent Лоран, Moretti Моретти",
    ),
}
REGION_OF = {
    code: region
    for region, codes in {
        "central_asian": "KZ KG TJ TM UZ MN",
        "slavic": "RU BY UA MD AM GE",
        "turkic": "TR AZ IR AF",
        "chinese": "CN TW HK SG",
        "japanese": "JP",
        "korean": "KR KP",
        "arabic": "AE SA QA KW BH OM EG JO IQ SY LB LY TN DZ MA YE SD PS",
        "south_asian": "IN PK BD NP LK",
    }.items()
    for code in codes.split()
}
FAMILY_NAME_FIRST = frozenset({"chinese", "korean"})
# How often a person of the region is also recorded with a Russian spelling.
RUSSIAN_NAME_CHANCE = {"central_asian": 1.0, "slavic": 1.0, "south_asian": 0.3, "western": 0.3}
FEMALE_CHANCE = 0.22
NAME_ATTEMPTS = 30  # draws of a fresh name before doubling the given name


@cache
def _name_pool(region: str) -> tuple[list[tuple[str, str]], ...]:
    return tuple(
        [tuple(pair.split(" ")) for pair in names.split(", ")] for names in NAME_POOLS[region]
    )


@dataclass(frozen=True)
class PersonSpec:
    country: str
    name: str
    name_ru: str
    female: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.country)


class Cast:
    """Who held each office of each country in each year, worked out one country at a time."""

    def __init__(self, seed: int):
        self.seed = seed
        self._holders: dict[str, dict[Office, list[PersonSpec]]] = {}

    def holder(self, country: str, office: Office, year: int) -> PersonSpec:
        if country not in self._holders:
            self._holders[country] = self._simulate(country)
        return self._holders[country][office][year - CAREERS_FROM]

    def _simulate(self, country: str) -> dict[Office, list[PersonSpec]]:
        rng = random.Random(f"{self.seed}:people:{country}")
        names_taken: set[str] = set()
        timeline: dict[Office, list[PersonSpec]] = {office: [] for office in OFFICES}
        current: dict[Office, tuple[PersonSpec, int, int]] = {}  # person, since, until
        for year in range(CAREERS_FROM, LAST_YEAR + 1):
            for office in OFFICES:
                held = current.get(office)
                if held is None or held[2] < year:
                    person = self._promoted(rng, office, current, year)
                    if person is None:
                        person = self._new_person(rng, country, names_taken)
                    held = (person, year, year + rng.randint(*office.term) - 1)
                    current[office] = held
                timeline[office].append(held[0])
        return timeline

    @staticmethod
    def _promoted(rng, office: Office, current: dict, year: int) -> PersonSpec | None:
        below = PROMOTED_FROM.get(office)
        candidate = current.get(below)
        if candidate is None or candidate[1] >= year or rng.random() >= PROMOTION_CHANCE:
            return None
        del current[below]  # the office below falls vacant and is filled later this year
        return candidate[0]

    @staticmethod
    def _new_person(rng: random.Random, country: str, taken: set[str]) -> PersonSpec:
        region = REGION_OF.get(country, "western")
        male, female, family = _name_pool(region)
        is_female = rng.random() < FEMALE_CHANCE
        with_russian = rng.random() < RUSSIAN_NAME_CHANCE.get(region, 0.7)
        for attempt in itertools.count():
            given = rng.choice(female if is_female else male)
            if attempt >= NAME_ATTEMPTS:  # the pool is spent: add a second given name
                second = rng.choice(female if is_female else male)
                given = (f"{given[0]} {second[0]}", f"{given[1]} {second[1]}")
            surname = rng.choice(family)
            if is_female and region in ("central_asian", "slavic", "turkic"):
                surname = tuple(_feminine_surname(part) for part in surname)
            if region in FAMILY_NAME_FIRST:
                latin, cyrillic = f"{surname[0]} {given[0]}", f"{surname[1]} {given[1]}"
            else:
                latin, cyrillic = f"{given[0]} {surname[0]}", f"{given[1]} {surname[1]}"
            if latin not in taken:
                break
        taken.add(latin)
        return PersonSpec(country, latin, cyrillic if with_russian else "", is_female)


def _feminine_surname(surname: str) -> str:
    """Osmonov → Osmonova, Сорокин → Сорокина; other family names stay as they are."""
    for endings, suffix in ((("ov", "ev", "in"), "a"), (("ов", "ев", "ин"), "а")):
        if surname.endswith(endings):
            return surname + suffix
    return surname


# --- Words ----------------------------------------------------------------------------------

LEVEL_WORDS = {
    L.HEADS_OF_STATE: ("heads of state", "глав государств"),
    L.HEADS_OF_GOVERNMENT: ("heads of government", "глав правительств"),
    L.FOREIGN_MINISTERS: ("foreign ministers", "министров иностранных дел"),
    L.MINISTERS: ("ministers", "министров"),
    L.SENIOR_OFFICIALS: ("deputy foreign ministers", "заместителей министров иностранных дел"),
    L.EXPERTS: ("experts", "экспертов"),
    L.PARLIAMENTARY: ("parliamentary delegations", "парламентских делегаций"),
    L.OTHER: ("delegations", "делегаций"),
}
MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_RU = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"


def date_en(day: datetime.date) -> str:
    return f"{day.day} {MONTHS_EN.split()[day.month - 1]} {day.year}"


def date_ru(day: datetime.date) -> str:
    return f"{day.day} {MONTHS_RU.split()[day.month - 1]} {day.year} года"


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def listed(names: list[str], and_word: str, others: Callable[[int], str], limit: int = 4) -> str:
    """ "A, B and C", or "A, B, C and 9 other countries" past ``limit`` names."""
    if len(names) > limit:
        return f"{', '.join(names[:3])} {and_word} {others(len(names) - 3)}"
    return f"{', '.join(names[:-1])} {and_word} {names[-1]}"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Phrase:
    """One thing said two ways; {slots} name what the meeting fills in."""

    en: str
    ru: str
    slots: frozenset[str]

    def fill(self, language: str, words: dict[str, dict[str, str]]) -> str:
        return sentence((self.ru if language == "ru" else self.en).format_map(words[language]))


def P(en: str, ru: str) -> Phrase:  # the tables below read better with a short name
    slots = {name for text in (en, ru) for _, name, _, _ in string.Formatter().parse(text)}
    return Phrase(en, ru, frozenset(slots - {None}))


@cache
def fitting(phrases: tuple[Phrase, ...], known: frozenset[str]) -> tuple[Phrase, ...]:
    """The phrases whose every slot a meeting can fill."""
    return tuple(p for p in phrases if p.slots <= known)


BILATERAL_TITLES = (
    P(
        "Talks between the {level} of {a} and {b}",
        "Переговоры {level}: {a} – {b}",
    ),
    P(
        "{a}–{b} consultations on {topic}",
        "Консультации {a} – {b} по теме «{topic}»",
    ),
    P(
        "{a} and {b} {level} meet in {city}",
        "{a} и {b}: встреча {level} в городе {city}",
    ),
    P(
        "{a} and {b} review cooperation on {topic}",
        "{a} и {b} обсудили тему «{topic}»",
    ),
    P(
        "Official visit to {host}: talks on {topic}",
        "Официальный визит ({host}): переговоры по теме «{topic}»",
    ),
    P(
        "Meeting of the {level} of {a} and {b}",
        "Встреча {level}: {a} и {b}",
    ),
)
TRILATERAL_TITLES = (
    P(
        "Trilateral meeting of {level}: {a}, {b} and {c}",
        "Трёхсторонняя встреча {level}: {a}, {b} и {c}",
    ),
    P(
        "{a}, {b} and {c} discuss {topic}",
        "{a}, {b} и {c} обсудили тему «{topic}»",
    ),
)
MULTILATERAL_TITLES = (
    P(
        "Meeting of the {level} of {n} countries in {city}",
        "Встреча {level} {n} {countries_word} в городе {city}",
    ),
    P(
        "{n}-nation conference on {topic}",
        "Международная конференция по теме «{topic}» с участием {n} государств",
    ),
    P(
        "{a}, {b} and {others} other countries discuss {topic}",
        "{a}, {b} и ещё {others} {others_word} обсудили тему «{topic}»",
    ),
    P(
        "Multilateral meeting of {level} on {topic}",
        "Многосторонняя встреча {level} по теме «{topic}»",
    ),
)
FORMAT_TITLES = (
    P(
        "{ordinal} {format} meeting",
        "{edition}-я встреча в формате «{format}»",
    ),
    P(
        "{format}: {ordinal} meeting, {city}",
        "Встреча в формате «{format}» ({edition}-я), город {city}",
    ),
)

OPENINGS = (
    P(
        "The {level} of {countries} met in {city} on {date}.",
        "{date} в городе {city} состоялась встреча {level}: {countries}.",
    ),
    P(
        "Delegations of {countries} held talks at the level of {level} on {date}.",
        "{date} делегации ({countries}) провели переговоры на уровне {level}.",
    ),
    P(
        "On {date} the {level} of {countries} came together to discuss {topic}.",
        "{date} прошла встреча {level} ({countries}), посвящённая теме «{topic}».",
    ),
)
FINDINGS = (
    P(
        "The sides discussed {topic} and agreed to keep in regular contact.",
        "Стороны обсудили тему «{topic}» и договорились поддерживать регулярные контакты.",
    ),
    P(
        "They reviewed progress on earlier agreements and named {topic2} a priority for the "
        "coming year.",
        "Участники подвели итоги выполнения прежних договорённостей и назвали приоритетом на "
        "следующий год тему «{topic2}».",
    ),
    P(
        "{person} ({position}) proposed setting up a joint working group.",
        "{person} ({position}) предложил{fem} создать совместную рабочую группу.",
    ),
    P(
        "The participants noted that trade between the countries grew by {percent} percent over "
        "the past year.",
        "Участники отметили, что товарооборот между странами за последний год вырос на {percent} "
        "%.",
    ),
    P(
        "Both sides spoke in favour of simpler border procedures for freight.",
        "Стороны высказались за упрощение пограничных процедур для грузов.",
    ),
    P(
        "The next round of consultations is planned for {next_year}.",
        "Следующий раунд консультаций запланирован на {next_year} год.",
    ),
    P(
        "Several documents were prepared for signing.",
        "К подписанию был подготовлен ряд документов.",
    ),
    P(
        "The meeting took place in a constructive and friendly atmosphere.",
        "Встреча прошла в конструктивной и дружественной атмосфере.",
    ),
    P(
        "Particular attention was paid to {topic2}.",
        "Особое внимание было уделено теме «{topic2}».",
    ),
    P(
        "The parties exchanged views on the situation in the region.",
        "Стороны обменялись мнениями о ситуации в регионе.",
    ),
    P(
        "Joint projects worth about {money} million US dollars were presented.",
        "Были представлены совместные проекты общей стоимостью около {money} млн долларов США.",
    ),
    P(
        "Agencies were asked to draft a cooperation programme for {year}–{plan_end}.",
        "Ведомствам поручено подготовить программу сотрудничества на {year}–{plan_end} годы.",
    ),
    P(
        "{person} said that {topic} would remain on the agenda.",
        "{person} заявил{fem}, что тема «{topic}» останется в повестке дня.",
    ),
)
REPORTING = (
    P(
        "According to the press service, the talks lasted more than {hours} hours.",
        "По данным пресс-службы, переговоры продолжались более {hours} часов.",
    ),
    P(
        "Journalists were briefed after the meeting.",
        "После встречи состоялся брифинг для журналистов.",
    ),
    P(
        "Experts expect the agreements to take effect in {next_year}.",
        "Эксперты ожидают, что договорённости вступят в силу в {next_year} году.",
    ),
    P(
        "The previous meeting at this level took place in {previous_year}.",
        "Предыдущая встреча на этом уровне прошла в {previous_year} году.",
    ),
    P(
        "Business representatives also took part in the programme.",
        "В программе также участвовали представители деловых кругов.",
    ),
    P(
        "The delegations also visited an industrial park and a logistics centre.",
        "Делегации также посетили индустриальный парк и логистический центр.",
    ),
    P(
        "Observers see the meeting as a sign of growing interest in the region.",
        "Наблюдатели расценивают встречу как признак растущего интереса к региону.",
    ),
    P(
        "The sides agreed to publish the outcome documents within a week.",
        "Стороны договорились опубликовать итоговые документы в течение недели.",
    ),
    P(
        "A joint press conference closed the visit.",
        "Визит завершился совместной пресс-конференцией.",
    ),
    P(
        "Preparations for the meeting had taken several months.",
        "Подготовка к встрече заняла несколько месяцев.",
    ),
    P(
        "The host side described the talks as open and detailed.",
        "Принимающая сторона назвала переговоры открытыми и подробными.",
    ),
    P(
        "Further contacts between the ministries are expected before the end of {year}.",
        "Новые контакты между министерствами ожидаются до конца {year} года.",
    ),
)
HEADLINES = (
    P(
        "{a} and {b} agree to deepen cooperation on {topic}",
        "{a} и {b} договорились углублять сотрудничество по теме «{topic}»",
    ),
    P(
        "What the {level} discussed in {city}",
        "О чём говорили участники встречи в городе {city}",
    ),
    P(
        "{level} meet to discuss {topic}",
        "Встреча {level}: в центре внимания тема «{topic}»",
    ),
    P(
        "Talks on {topic} hosted by {host}",
        "Переговоры по теме «{topic}»: принимающая сторона – {host}",
    ),
)
STATEMENTS = (
    P(
        "Voiced support for joint projects on {topic}.",
        "Выражена поддержка совместным проектам по теме «{topic}».",
    ),
    P(
        "Proposed a working group on {topic} that would meet before the end of {year}.",
        "Предложено создать рабочую группу по теме «{topic}» и собрать её до конца {year} года.",
    ),
    P(
        "Stressed that work on an agreement on {topic} should move faster.",
        "Отмечена необходимость ускорить работу над соглашением по теме «{topic}».",
    ),
    P(
        "Said that cooperation on {topic} serves the whole region.",
        "Высказано мнение, что сотрудничество по теме «{topic}» отвечает интересам всего региона.",
    ),
    P(
        "Underlined the value of regular consultations between experts.",
        "Подчёркнута важность регулярных консультаций на уровне экспертов.",
    ),
    P(
        "Suggested more flights between the capitals and simpler visa rules.",
        "Предложено увеличить число рейсов между столицами и упростить визовый режим.",
    ),
    P(
        "Asked the partners to share data on {topic} more often.",
        "Предложено чаще обмениваться данными по теме «{topic}».",
    ),
)
DOCUMENT_TITLES = {
    "memorandum": (
        P(
            "Memorandum of understanding on {topic}",
            "Меморандум о взаимопонимании по теме «{topic}»",
        ),
    ),
    "joint_statement": (
        P(
            "Joint statement on {topic}",
            "Совместное заявление по теме «{topic}»",
        ),
        P(
            "Joint statement of the {level}",
            "Совместное заявление {level}",
        ),
    ),
    "declaration": (
        P(
            "Declaration on further cooperation",
            "Декларация о дальнейшем развитии сотрудничества",
        ),
    ),
    "agreement": (
        P(
            "Agreement on cooperation in {topic}",
            "Соглашение о сотрудничестве по теме «{topic}»",
        ),
        P(
            "Agreement on the avoidance of double taxation",
            "Соглашение об избежании двойного налогообложения",
        ),
    ),
    "treaty": (
        P(
            "Treaty on strategic partnership",
            "Договор о стратегическом партнёрстве",
        ),
        P(
            "Treaty of friendship and good-neighbourliness",
            "Договор о дружбе и добрососедстве",
        ),
    ),
    "roadmap": (
        P(
            "Roadmap on {topic} for {year}–{plan_end}",
            "Дорожная карта по теме «{topic}» на {year}–{plan_end} годы",
        ),
    ),
    "communique": (
        P("Joint communiqué", "Совместное коммюнике"),
        P("Final communiqué of the meeting", "Итоговое коммюнике встречи"),
    ),
    "action_plan": (
        P(
            "Action plan on {topic} for {year}–{plan_end}",
            "План действий по теме «{topic}» на {year}–{plan_end} годы",
        ),
    ),
    "protocol": (
        P(
            "Protocol amending the agreement on {topic}",
            "Протокол о внесении изменений в соглашение по теме «{topic}»",
        ),
    ),
    "resolution": (
        P(
            "Resolution on {topic}",
            "Резолюция по теме «{topic}»",
        ),
    ),
    "other": (
        P(
            "Programme of cultural exchanges for {year}–{plan_end}",
            "Программа культурного обмена на {year}–{plan_end} годы",
        ),
    ),
}
DOCUMENT_KIND_WEIGHTS = (
    ("memorandum", 22), ("joint_statement", 20), ("agreement", 18), ("declaration", 8),
    ("communique", 6), ("roadmap", 6), ("action_plan", 6), ("protocol", 6), ("treaty", 3),
    ("resolution", 2), ("other", 3),
)  # fmt: skip
# Kinds that every delegation adopts together.
COLLECTIVE_KINDS = frozenset({"joint_statement", "declaration", "communique", "resolution"})
PUBLISHERS = {
    "en": (
        ("Steppe Wire", "steppewire.example"),
        ("Eurasia Ledger", "eurasia-ledger.example"),
        ("Silk Route Herald", "silkroute-herald.example"),
        ("Diplomatic Monitor", "dipmonitor.example"),
    ),
    "ru": (
        ("Агентство «Восток-Инфо»", "vostok-info.example"),
        ("Вестник Евразии", "vestnik-eurasia.example"),
        ("Центральноазиатское обозрение", "ca-obozrenie.example"),
    ),
}

COUNTRY_COUNT_WEIGHTS = (
    (2, 740), (3, 80), (4, 40), (5, 30), (6, 22),
    *((n, 8) for n in range(7, 11)), *((n, 2.4) for n in range(11, 21)),
    *((n, 1.2) for n in range(21, 31)),
)  # fmt: skip
LEVEL_WEIGHTS = (
    (L.HEADS_OF_STATE, 24), (L.HEADS_OF_GOVERNMENT, 10), (L.FOREIGN_MINISTERS, 26),
    (L.MINISTERS, 16), (L.SENIOR_OFFICIALS, 10), (L.EXPERTS, 5), (L.PARLIAMENTARY, 5),
    (L.OTHER, 4),
)  # fmt: skip
TOPIC_COUNT_WEIGHTS = ((1, 15), (2, 25), (3, 25), (4, 15), (5, 12), (6, 8))
DOCUMENT_COUNT_WEIGHTS = ((0, 50), (1, 20), (2, 12), (3, 8), (4, 5), (5, 3), (6, 2))
STATEMENT_COUNT_WEIGHTS = ((0, 35), (1, 25), (2, 20), (3, 12), (4, 8))


# --- Plans: the skeleton of every meeting, drawn in one pass --------------------------------


@dataclass
class Plan:
    date: datetime.date
    level: str
    countries: list[Place]
    host: Place | None
    format: FormatRef | None = None
    edition: int | None = None


def plan_meetings(reference: Reference, count: int, seed: int) -> list[Plan]:
    """Every meeting's date, level, countries, host and format, oldest first."""
    editions = plan_editions(reference, count, seed)
    rng = random.Random(f"{seed}:plans")
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    year_weights = list(accumulate((year - FIRST_YEAR + 4) ** 1.5 for year in years))
    others = []
    for _ in range(count - len(editions)):
        year = rng.choices(years, cum_weights=year_weights)[0]
        start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        countries = reference.draw_countries(rng, weighted(rng, COUNTRY_COUNT_WEIGHTS))
        host = None if rng.random() < 0.05 else countries[0 if rng.random() < 0.6 else 1]
        others.append(Plan(start, weighted(rng, LEVEL_WEIGHTS), countries, host))
    return sorted(editions + others, key=lambda plan: plan.date)


def plan_editions(reference: Reference, count: int, seed: int) -> list[Plan]:
    """Each format's first editions, numbered from 1: as many as its history and the share of
    format meetings allow, handed out to the formats in order of priority."""
    histories = [_format_history(reference, f, seed) for f in reference.formats]
    budget = min(sum(map(len, histories)), max(3, round(count * FORMAT_SHARE)))
    per_format = max(2, math.ceil(budget / max(len(histories), 1)))
    plans = []
    for history in histories:
        take = min(len(history), per_format, budget - len(plans))
        plans += history[:take]
    return plans


def _format_history(reference: Reference, fmt: FormatRef, seed: int) -> list[Plan]:
    rng = random.Random(f"{seed}:format:{fmt.slug}")
    first_year, level = FORMAT_HISTORY.get(fmt.slug, DEFAULT_FORMAT_HISTORY)
    members = [reference.by_code[code] for code in fmt.members if code in reference.by_code]
    history = []
    for year in range(max(first_year, FIRST_YEAR), LAST_YEAR + 1):
        held = 2 if rng.random() < 0.2 else 1
        days = sorted(rng.sample(range(365), held))
        for day in days:
            history.append(
                Plan(
                    date=datetime.date(year, 1, 1) + datetime.timedelta(days=day),
                    level=level,
                    countries=members,
                    host=rng.choice(members),
                    format=fmt,
                    edition=len(history) + 1,
                )
            )
    return history


# --- Meetings: a plan fleshed out into everything a record holds ---------------------------


@dataclass
class Participant:
    person: PersonSpec
    country: str
    office: Office


@dataclass
class StatementDraft:
    country: str
    speaker: PersonSpec | None
    text: str
    topics: list[TopicRef]


@dataclass
class MeetingDraft:
    external_id: str
    title: str
    title_en: str
    language: str
    start_date: datetime.date
    end_date: datetime.date | None
    city: str
    host: str | None
    format_id: int | None
    edition: int | None
    level: str
    status: str
    summary: str
    countries: list[str]
    topics: list[TopicRef]
    participants: list[Participant]
    documents: list[tuple[str, str, list[str]]]  # title, kind, signatories
    statements: list[StatementDraft]
    sources: list[dict] = field(default_factory=list)


class Composer:
    """Turns plans into meeting drafts; each meeting draws from a generator of its own."""

    def __init__(self, reference: Reference, cast: Cast, seed: int):
        self.reference = reference
        self.cast = cast
        self.seed = seed

    def draft(self, n: int, plan: Plan) -> MeetingDraft:
        rng = random.Random(f"{self.seed}:meeting:{n}")
        language = "ru" if rng.random() < 0.45 else "en"
        city = self._city(rng, plan.host)
        topics = self._topics(rng, plan.date.year)
        participants = self._participants(rng, plan)
        words = self._words(rng, plan, city, topics, participants)
        title = self._title_phrase(rng, plan, words)
        end = None if rng.random() < 0.55 else plan.date + datetime.timedelta(rng.randint(1, 3))
        return MeetingDraft(
            external_id=f"{external_id_prefix(self.seed)}{n}",
            title=title.fill(language, words),
            title_en=title.fill("en", words) if language == "ru" else "",
            language=language,
            start_date=plan.date,
            end_date=end,
            city=city[0] if city else "",
            host=plan.host.code if plan.host else None,
            format_id=plan.format.pk if plan.format else None,
            edition=plan.edition,
            level=plan.level,
            status=models.Status.DRAFT if rng.random() < DRAFT_SHARE else models.Status.PUBLISHED,
            summary=self._summary(rng, words, language),
            countries=[place.code for place in plan.countries],
            topics=topics,
            participants=participants,
            documents=self._documents(rng, plan, words, language),
            statements=self._statements(rng, topics, participants, words, language, plan),
            sources=self._sources(rng, n, plan, words, language, city, end),
        )

    def _city(self, rng, host: Place | None) -> tuple[str, str] | None:
        if host is None or not host.cities:
            return None
        return host.cities[0] if rng.random() < 0.6 else rng.choice(host.cities)

    def _topics(self, rng, year: int) -> list[TopicRef]:
        usable, weights = self.reference.topics_of_year(year)
        return draw_distinct(rng, usable, weights, weighted(rng, TOPIC_COUNT_WEIGHTS))

    def _participants(self, rng, plan: Plan) -> list[Participant]:
        offices = OFFICES_AT_LEVEL[plan.level]
        office = rng.choice(offices)  # every side sends its counterpart
        sides = plan.countries[:MAX_DELEGATIONS]
        if rng.random() < 0.15:
            sides = sides[:1]
        participants = []
        for place in sides:
            person = self.cast.holder(place.code, office, plan.date.year)
            participants.append(Participant(person, place.code, office))
            if office is PRESIDENT and rng.random() < 0.3:
                minister = self.cast.holder(place.code, FOREIGN_MINISTER, plan.date.year)
                participants.append(Participant(minister, place.code, FOREIGN_MINISTER))
        # The interchange names a meeting's participants by name, so two namesakes (from two
        # countries' name pools, or one person promoted within the year) cannot both attend.
        named = {}
        for participant in participants:
            named.setdefault(participant.person.name, participant)
        return list(named.values())

    def _words(self, rng, plan, city, topics, participants) -> dict[str, dict[str, str]]:
        """The slots of every phrase, in English and in Russian."""
        year = plan.date.year
        numbers = {
            "n": len(plan.countries),
            "others": len(plan.countries) - 2,
            "year": year,
            "next_year": year + 1,
            "previous_year": year - rng.randint(1, 4),
            "plan_end": year + rng.randint(2, 4),
            "percent": rng.randint(3, 45),
            "money": rng.choice((15, 40, 120, 250, 600, 1500)),
            "hours": rng.randint(2, 6),
            "edition": plan.edition or "",
            "ordinal": ordinal_en(plan.edition) if plan.edition else "",
        }
        en = {key: str(value) for key, value in numbers.items()}
        ru = dict(en)
        names_en = [place.name_en for place in plan.countries]
        names_ru = [place.name_ru for place in plan.countries]
        for key, index in (("a", 0), ("b", 1), ("c", 2)):
            if index < len(names_en):
                en[key], ru[key] = names_en[index], names_ru[index]
        en["countries"] = listed(names_en, "and", lambda k: f"{k} other countries")
        ru["countries"] = listed(
            names_ru, "и", lambda k: f"ещё {k} {plural_ru(k, 'страна', 'страны', 'стран')}"
        )
        ru["countries_word"] = plural_ru(len(plan.countries), "страны", "стран", "стран")
        ru["others_word"] = plural_ru(len(plan.countries) - 2, "страна", "страны", "стран")
        en["level"], ru["level"] = LEVEL_WORDS[plan.level]
        en["date"], ru["date"] = date_en(plan.date), date_ru(plan.date)
        en["topic"], ru["topic"] = topics[0].in_sentence, topics[0].name_ru
        second = topics[-1]
        en["topic2"], ru["topic2"] = second.in_sentence, second.name_ru
        if city:
            en["city"], ru["city"] = city
        if plan.host:
            en["host"], ru["host"] = plan.host.name_en, plan.host.name_ru
        if plan.format:
            en["format"] = plan.format.name_en
            ru["format"] = plan.format.name_ru or plan.format.name_en
        if participants:
            speaker = rng.choice(participants)
            en["person"] = speaker.person.name
            ru["person"] = speaker.person.name_ru or speaker.person.name
            en["position"], ru["position"] = speaker.office.title_en, speaker.office.title_ru
            en["fem"] = ru["fem"] = "а" if speaker.person.female else ""
        return {"en": en, "ru": ru, "known": frozenset(en)}

    @staticmethod
    def _choose(rng, phrases, words) -> Phrase:
        return rng.choice(fitting(phrases, words["known"]))

    def _title_phrase(self, rng, plan: Plan, words) -> Phrase:
        if plan.format:
            phrases = FORMAT_TITLES
        elif len(plan.countries) == 2:
            phrases = BILATERAL_TITLES
        elif len(plan.countries) == 3:
            phrases = TRILATERAL_TITLES
        else:
            phrases = MULTILATERAL_TITLES
        return self._choose(rng, phrases, words)

    def _summary(self, rng, words, language: str) -> str:
        opening = self._choose(rng, OPENINGS, words)
        body = rng.sample(fitting(FINDINGS, words["known"]), rng.randint(1, 5))
        return " ".join(p.fill(language, words) for p in [opening, *body])

    def _documents(self, rng, plan: Plan, words, language: str):
        documents = []
        codes = [place.code for place in plan.countries]
        for _ in range(weighted(rng, DOCUMENT_COUNT_WEIGHTS)):
            kind = weighted(rng, DOCUMENT_KIND_WEIGHTS)
            title = self._choose(rng, DOCUMENT_TITLES[kind], words).fill(language, words)
            if rng.random() < 0.1:
                signatories = []
            elif kind in COLLECTIVE_KINDS or len(codes) == 2:
                signatories = sorted(codes)
            else:
                signatories = sorted(rng.sample(codes, rng.randint(2, len(codes))))
            documents.append((title, kind, signatories))
        return documents

    def _statements(self, rng, topics, participants, words, language, plan: Plan):
        speakers = {p.country: p.person for p in reversed(participants)}
        statements = []
        for _ in range(weighted(rng, STATEMENT_COUNT_WEIGHTS)):
            country = rng.choice(plan.countries[:MAX_DELEGATIONS]).code
            about = rng.sample(topics, min(len(topics), rng.randint(1, 2)))
            said = {**words, language: {**words[language]}}
            local_topic = about[0].name_ru if language == "ru" else about[0].in_sentence
            said[language]["topic"] = local_topic
            count = rng.randint(1, 2)
            text = " ".join(p.fill(language, said) for p in rng.sample(STATEMENTS, count))
            speaker = speakers.get(country) if rng.random() < 0.7 else None
            statements.append(StatementDraft(country, speaker, text, about))
        return statements

    def _sources(self, rng, n, plan: Plan, words, language, city, end) -> list[dict]:
        sources = []
        for order in range(1 if rng.random() < 0.7 else 2):
            source_language = (
                language if rng.random() < 0.8 else ("en" if language == "ru" else "ru")
            )
            publisher, domain = rng.choice(PUBLISHERS[source_language])
            published = (end or plan.date) + datetime.timedelta(rng.randint(0, 2))
            sources.append(
                {
                    "publisher": publisher,
                    "url": f"https://{domain}/news/{published:%Y/%m/%d}/{self.seed}-{n}-{order}",
                    "published": published,
                    "language": source_language,
                    "title": self._choose(rng, HEADLINES, words).fill(source_language, words),
                    "dateline": self._dateline(city, published, source_language),
                    "text": self._article(rng, words, source_language),
                    "order": order,
                }
            )
        return sources

    @staticmethod
    def _dateline(city, published: datetime.date, language: str) -> str:
        if not city:
            return ""
        if language == "ru":
            return f"{city[1]}, {date_ru(published)} —"
        return f"{city[0].upper()}, {date_en(published)} —"

    def _article(self, rng, words, language: str) -> str:
        """Two or three paragraphs of two or three sentences, opening like the summary."""
        usable = fitting(FINDINGS + REPORTING, words["known"])
        sizes = [rng.randint(2, 3) for _ in range(rng.randint(2, 3))]
        said = [self._choose(rng, OPENINGS, words), *rng.sample(usable, sum(sizes) - 1)]
        paragraphs, start = [], 0
        for size in sizes:
            paragraphs.append(" ".join(p.fill(language, words) for p in said[start : start + size]))
            start += size
        return "\n\n".join(paragraphs)


# --- Writing --------------------------------------------------------------------------------


class Writer:
    """Inserts drafts a batch at a time, people first, then meetings and their parts, and
    indexes each batch for search before it commits."""

    def __init__(self):
        self.meeting_slugs = set(models.Meeting.objects.values_list("slug", flat=True))
        self.person_slugs = set(models.Person.objects.values_list("slug", flat=True))
        self.people: dict[tuple[str, str | None], int] = {}
        for pk, name, country in models.Person.objects.order_by("-pk").values_list(
            "pk", "name", "country_id"
        ):
            self.people[(name, country)] = pk

    def write(self, drafts: list[MeetingDraft]) -> list[int]:
        with transaction.atomic():
            self._create_people(drafts)
            meeting_ids = reserve_ids(models.Meeting, len(drafts))
            tables = Tables()
            for meeting_id, draft in zip(meeting_ids, drafts, strict=True):
                self._add_meeting(tables, meeting_id, draft)
            tables.add_ids()
            tables.insert()
            reindex(meeting_ids)
        return meeting_ids

    def _create_people(self, drafts: list[MeetingDraft]) -> None:
        missing: dict[tuple[str, str], PersonSpec] = {}
        for draft in drafts:
            named = [p.person for p in draft.participants]
            named += [s.speaker for s in draft.statements if s.speaker]
            for spec in named:
                if spec.key not in self.people:
                    missing.setdefault(spec.key, spec)
        people = Table(models.Person, "id", "name", "name_ru", "slug", "country")
        ids = reserve_ids(models.Person, len(missing))
        for pk, spec in zip(ids, missing.values(), strict=True):
            slug = person_slug(spec.name, self.person_slugs)
            self.person_slugs.add(slug)
            people.add(pk, spec.name, spec.name_ru, slug, spec.country)
            self.people[spec.key] = pk
        people.insert()

    def _add_meeting(self, tables: "Tables", pk: int, d: MeetingDraft) -> None:
        slug = meeting_slug(d.title_en or d.title, d.start_date, self.meeting_slugs)
        self.meeting_slugs.add(slug)
        tables.meetings.add(
            pk, d.external_id, slug, d.title, d.title_en, d.language, d.start_date, d.end_date,
            d.city, d.host, d.format_id, d.edition, d.level, d.summary, d.status, uuid.uuid4(),
            tables.now, tables.now,
        )  # fmt: skip
        for code in d.countries:
            tables.countries.add(pk, code)
        for topic in d.topics:
            tables.topics.add(pk, topic.pk)
        for order, p in enumerate(d.participants):
            person = self.people[p.person.key]
            tables.participations.add(pk, person, p.country, "", p.office.title_en, order)
        for order, (title, kind, signatories) in enumerate(d.documents):
            tables.documents.add(pk, title, kind, order)
            tables.signed.append(signatories)
        for order, s in enumerate(d.statements):
            speaker = self.people[s.speaker.key] if s.speaker else None
            tables.statements.add(pk, s.country, speaker, s.text, order)
            tables.said_about.append(s.topics)
        for source in d.sources:
            tables.sources.add(pk, *(source[name] for name in SOURCE_FIELDS))


SOURCE_FIELDS = ("publisher", "url", "published", "language", "title", "dateline", "text", "order")


class Table:
    """Rows for one model's table, written with COPY on PostgreSQL and one executemany
    elsewhere: at this scale, building a model instance per row costs more than the insert."""

    def __init__(self, model, *names: str):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in names]
        self.rows: list[tuple] = []

    def add(self, *values) -> None:
        self.rows.append(values)

    def insert(self) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        rows = self._prepared()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def _prepared(self) -> list[tuple]:
        """The rows as the database takes them (dates, times and UUIDs differ by backend)."""
        converted = [i for i, f in enumerate(self.fields) if isinstance(f, DateField | UUIDField)]
        if not converted:
            return self.rows
        prepared = []
        for row in self.rows:
            row = list(row)
            for i in converted:
                row[i] = self.fields[i].get_db_prep_save(row[i], connection)
            prepared.append(row)
        return prepared


class Tables:
    """One batch's rows for every table; documents and statements get their ids last."""

    def __init__(self):
        self.now = timezone.now()
        self.meetings = Table(
            models.Meeting, "id", "external_id", "slug", "title", "title_en", "language",
            "start_date", "end_date", "city", "host_country", "format", "edition", "level",
            "summary", "status", "lock_token", "created_at", "updated_at",
        )  # fmt: skip
        self.countries = Table(models.MeetingCountry, "meeting", "country")
        self.topics = Table(models.MeetingTopic, "meeting", "topic")
        self.participations = Table(
            models.Participation, "meeting", "person", "country", "organisation", "position",
            "order",
        )  # fmt: skip
        self.documents = Table(models.Document, "meeting", "title", "kind", "order")
        self.signed: list[list[str]] = []  # each document's signatories
        self.signatories = Table(models.DocumentSignatory, "document", "country")
        self.statements = Table(models.Statement, "meeting", "country", "speaker", "text", "order")
        self.said_about: list[list[TopicRef]] = []  # each statement's topics
        self.statement_topics = Table(models.StatementTopic, "statement", "topic")
        self.sources = Table(models.Source, "meeting", *SOURCE_FIELDS)

    def add_ids(self) -> None:
        """Numbers the documents and statements, and links their signatories and topics."""
        for table, links, linked in (
            (self.documents, self.signed, self.signatories),
            (self.statements, self.said_about, self.statement_topics),
        ):
            table.fields.insert(0, table.model._meta.pk)
            ids = reserve_ids(table.model, len(table.rows))
            table.rows = [(pk, *row) for pk, row in zip(ids, table.rows, strict=True)]
            for pk, targets in zip(ids, links, strict=True):
                for target in targets:
                    linked.add(pk, getattr(target, "pk", target))

    def insert(self) -> None:
        for table in (
            self.meetings, self.countries, self.topics, self.participations, self.documents,
            self.signatories, self.statements, self.statement_topics, self.sources,
        ):  # fmt: skip
            table.insert()


def reserve_ids(model, count: int) -> list[int]:
    """``count`` primary keys no other row has or will be given."""
    if not count:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the batch's transaction holds the write lock, so nobody else takes these.
        cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


# --- Entry points ---------------------------------------------------------------------------


def generate(count: int, seed: int, *, progress: Progress | None = None) -> int:
    """Writes ``count`` demo meetings for ``seed``; returns how many were written.

    A second thread drafts the next batch while this one waits on the database for the
    current one. Drafting touches no database, and a single thread drafts every batch in
    order, so the records do not depend on the timing."""
    reference = Reference.load()
    composer = Composer(reference, Cast(seed), seed)
    plans = plan_meetings(reference, count, seed)
    starts = range(0, len(plans), BATCH_SIZE)
    writer = Writer()

    def draft_batch(start: int) -> list[MeetingDraft]:
        batch = plans[start : start + BATCH_SIZE]
        return [composer.draft(start + i, plan) for i, plan in enumerate(batch)]

    with ThreadPoolExecutor(max_workers=1) as drafter:
        upcoming = drafter.submit(draft_batch, starts[0]) if plans else None
        for start in starts:
            drafts = upcoming.result()
            if start + BATCH_SIZE < len(plans):
                upcoming = drafter.submit(draft_batch, start + BATCH_SIZE)
            writer.write(drafts)
            if progress:
                progress(start + len(drafts), len(plans))
    analyze()
    return len(plans)


def held_demo_meetings(seed: int | None = None) -> int:
    prefix = external_id_prefix(seed) if seed is not None else EXTERNAL_ID_PREFIX
    return models.Meeting.objects.filter(external_id__startswith=prefix).count()


def clear() -> int:
    """Deletes every demo meeting (of any seed) with its parts and index rows, in plain SQL:
    Django's cascade would load each row first. Returns the number of meetings deleted."""
    demo = f"SELECT id FROM {models.Meeting._meta.db_table} WHERE external_id LIKE %s"
    of_demo_meetings = {
        models.StatementTopic: f"statement_id IN (SELECT id FROM "
        f"{models.Statement._meta.db_table} WHERE meeting_id IN ({demo}))",
        models.DocumentSignatory: f"document_id IN (SELECT id FROM "
        f"{models.Document._meta.db_table} WHERE meeting_id IN ({demo}))",
        **{
            model: f"meeting_id IN ({demo})"
            for model in (
                models.Statement,
                models.Document,
                models.Source,
                models.Participation,
                models.MeetingTopic,
                models.MeetingCountry,
                models.SearchDocument,
            )
        },
        models.Meeting: "external_id LIKE %s",
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for model, condition in of_demo_meetings.items():
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE {condition}", [EXTERNAL_ID_PREFIX + "%"]
            )
        return cursor.rowcount


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would leave them a little after a bulk load
    (SQLite keeps none unless asked: see import_meetings.refresh_statistics)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
