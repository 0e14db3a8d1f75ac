"""Recurring meeting formats with their member countries.

``members`` are today's members (as of 2026). Where membership changed, ``joined`` gives the
day a country became a member and ``left`` the day a former member stopped being one (former
members are not in ``members``); a member without a ``joined`` date has been one from the
start. The days are those of the decisions as the organisations date them: India and Pakistan
joined the SCO at the Astana summit of 9 June 2017, Iran at the virtual summit of 4 July 2023,
Belarus at the Astana summit of 4 July 2024.
"""

import datetime

from .aliases import CENTRAL_ASIA

SCO_MEMBERS: tuple[str, ...] = ("CN", "IN", "KZ", "KG", "PK", "RU", "TJ", "UZ", "IR", "BY")
SCO_JOINED = {"IN": "2017-06-09", "PK": "2017-06-09", "IR": "2023-07-04", "BY": "2024-07-04"}

FORMATS: tuple[dict, ...] = (
    {
        "slug": "central-asia-china",
        "name_en": "Central Asia–China",
        "name_ru": "Центральная Азия – Китай",
        "members": ("CN", *CENTRAL_ASIA),
        "description": (
            "China and the five Central Asian states, meeting at foreign-minister level since 2020 "
            "and at summit level since 2023."
        ),
    },
    {
        "slug": "c5-plus-1",
        "name_en": "C5+1",
        "name_ru": "Центральная Азия – США (C5+1)",
        "members": ("US", *CENTRAL_ASIA),
        "description": (
            "The United States and the five Central Asian states, a dialogue launched in 2015."
        ),
    },
    {
        "slug": "eu-central-asia",
        "name_en": "EU–Central Asia",
        "name_ru": "ЕС – Центральная Азия",
        "members": CENTRAL_ASIA,
        "description": (
            "The five Central Asian states with the European Union, whose side is represented "
            "by the EU's institutions rather than by its member states."
        ),
    },
    {
        "slug": "central-asia-russia",
        "name_en": "Central Asia–Russia",
        "name_ru": "Центральная Азия – Россия",
        "members": ("RU", *CENTRAL_ASIA),
        "description": "Russia and the five Central Asian states, with summits since 2022.",
    },
    {
        "slug": "sco-council-of-foreign-ministers",
        "joined": SCO_JOINED,
        "name_en": "SCO Council of Foreign Ministers",
        "name_ru": "Совет министров иностранных дел ШОС",
        "members": SCO_MEMBERS,
        "description": "Annual meeting of the foreign ministers of the SCO member states.",
    },
    {
        "slug": "sco-council-of-heads-of-state",
        "joined": SCO_JOINED,
        "name_en": "SCO Council of Heads of State",
        "name_ru": "Совет глав государств – членов ШОС",
        "members": SCO_MEMBERS,
        "description": "Annual summit of the leaders of the SCO member states, its highest body.",
    },
    {
        "slug": "sco-council-of-heads-of-government",
        "joined": SCO_JOINED,
        "name_en": "SCO Council of Heads of Government",
        "name_ru": "Совет глав правительств государств – членов ШОС",
        "members": SCO_MEMBERS,
        "description": "Annual meeting of the prime ministers of the SCO member states.",
    },
    {
        "slug": "cis-council-of-heads-of-state",
        "name_en": "CIS Council of Heads of State",
        "name_ru": "Совет глав государств СНГ",
        "members": ("AM", "AZ", "BY", "KZ", "KG", "RU", "TJ", "TM", "UZ"),
        "left": {"GE": "2009-08-18"},
        "description": (
            "Summit of the CIS leaders; Turkmenistan takes part as an associate member, and "
            "Moldova, which stopped attending in 2023, is leaving the organisation."
        ),
    },
    {
        "slug": "central-asia-japan",
        "name_en": "Central Asia–Japan",
        "name_ru": "Центральная Азия – Япония",
        "members": ("JP", *CENTRAL_ASIA),
        "description": (
            "The Central Asia plus Japan Dialogue, held since 2004 and raised to summit level "
            "in 2025."
        ),
    },
    {
        "slug": "central-asia-korea",
        "name_en": "Central Asia–Korea",
        "name_ru": "Центральная Азия – Корея",
        "members": ("KR", *CENTRAL_ASIA),
        "description": (
            "South Korea and the five Central Asian states, including the annual Korea–Central "
            "Asia Cooperation Forum."
        ),
    },
    {
        "slug": "central-asia-india-dialogue",
        "name_en": "Central Asia–India Dialogue",
        "name_ru": "Диалог «Центральная Азия – Индия»",
        "members": ("IN", *CENTRAL_ASIA),
        "description": (
            "Meetings of the foreign ministers of India and the five Central Asian states, "
            "held since 2019."
        ),
    },
    {
        "slug": "central-asia-consultative-meeting",
        "name_en": "Consultative Meeting of the Heads of State of Central Asia",
        "name_ru": "Консультативная встреча глав государств Центральной Азии",
        "members": (*CENTRAL_ASIA, "AZ"),
        "joined": {"AZ": "2025-11-16"},
        "description": (
            "Annual meeting of the Central Asian presidents since 2018; Azerbaijan became a full "
            "participant at the Tashkent meeting of 16 November 2025."
        ),
    },
    {
        "slug": "central-asia-germany",
        "name_en": "Central Asia–Germany",
        "name_ru": "Центральная Азия – Германия",
        "members": ("DE", *CENTRAL_ASIA),
        "description": "Germany and the five Central Asian states, with summits since 2023.",
    },
    {
        "slug": "central-asia-gcc",
        "name_en": "Central Asia–GCC",
        "name_ru": "Центральная Азия – ССАГПЗ",
        "members": ("AE", "BH", "KW", "OM", "QA", "SA", *CENTRAL_ASIA),
        "description": (
            "The Gulf Cooperation Council states and the five Central Asian states, with summits "
            "since 2023."
        ),
    },
    {
        "slug": "csto-collective-security-council",
        "name_en": "CSTO Collective Security Council",
        "name_ru": "Совет коллективной безопасности ОДКБ",
        "members": ("AM", "BY", "KZ", "KG", "RU", "TJ"),
        "description": (
            "Summit of the CSTO member states; Armenia has frozen its participation since 2024."
        ),
    },
    {
        "slug": "organization-of-turkic-states-summit",
        "name_en": "Organization of Turkic States Summit",
        "name_ru": "Саммит Организации тюркских государств",
        "members": ("AZ", "KZ", "KG", "TR", "UZ"),
        "joined": {"UZ": "2019-10-15"},
        "description": (
            "Summit of the Turkic states' council of heads of state; Hungary and Turkmenistan "
            "attend as observers."
        ),
    },
    {
        "slug": "supreme-eurasian-economic-council",
        "name_en": "Supreme Eurasian Economic Council",
        "name_ru": "Высший Евразийский экономический совет",
        "members": ("AM", "BY", "KZ", "KG", "RU"),
        "joined": {"AM": "2015-01-02", "KG": "2015-08-12"},
        "description": "Summit of the heads of state of the Eurasian Economic Union members.",
    },
    {
        "slug": "china-kyrgyzstan-uzbekistan-railway",
        "name_en": "China–Kyrgyzstan–Uzbekistan Railway",
        "name_ru": "Железная дорога Китай – Кыргызстан – Узбекистан",
        "members": ("CN", "KG", "UZ"),
        "description": (
            "Talks of the three governments on the railway from Kashgar through Kyrgyzstan to "
            "Uzbekistan: working groups and ministers' meetings, the intergovernmental agreement "
            "signed in Beijing on 6 June 2024, and the start of construction."
        ),
    },
)


def membership(fmt: dict) -> dict[str, tuple[datetime.date | None, datetime.date | None]]:
    """Every country that is or was a member of the format, with the days it joined and left
    (None where membership did not change)."""
    joined, left = fmt.get("joined", {}), fmt.get("left", {})
    return {
        code: (_day(joined.get(code)), _day(left.get(code))) for code in (*fmt["members"], *left)
    }


def members_on(slug: str, day: datetime.date) -> tuple[str, ...]:
    """The reference format's members on ``day``: for reading an older meeting's report, which
    names who was a member then (the SCO before Iran joined), not today's members."""
    fmt = FORMATS_BY_SLUG[slug]
    return tuple(
        code
        for code, (joined, left) in membership(fmt).items()
        if (joined is None or joined <= day) and (left is None or left > day)
    )


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


FORMATS_BY_SLUG = {fmt["slug"]: fmt for fmt in FORMATS}
