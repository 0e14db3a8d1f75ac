"""The reference data a fresh database holds after `migrate`, before anything is imported."""

import json
import re
from pathlib import Path

import pycountry
import pytest

from meetings.models import Country, CountryAlias, CountryGroup, Format, Topic

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
CENTRAL_ASIA = {"KZ", "KG", "TJ", "TM", "UZ"}
COUNTRIES_IN_THE_NEWS = "KZ KG TJ TM UZ CN RU US AF IN PK IR TR MN AZ GE AM BY UA JP KR DE FR GB"

pytestmark = pytest.mark.django_db


def aliases_of(code: str) -> set[str]:
    return set(CountryAlias.objects.filter(country_id=code).values_list("name", flat=True))


def member_codes(obj) -> set[str]:
    return set(obj.members.values_list("code", flat=True))


def read_jsonl(name: str) -> list[dict]:
    with open(FIXTURES / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_it_holds_every_current_iso_country_with_english_and_russian_names():
    stored = {c.code: c for c in Country.objects.all()}

    missing = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in stored]
    assert missing == []
    for iso in pycountry.countries:
        country = stored[iso.alpha_2]
        assert country.alpha3 == iso.alpha_3
        assert not country.is_former, iso.alpha_2
        assert country.name_en.strip(), iso.alpha_2
        assert CYRILLIC.search(country.name_ru), f"{iso.alpha_2}: {country.name_ru!r}"


def test_it_names_kyrgyzstan_as_it_names_itself_with_the_aliases_news_uses():
    kyrgyzstan = Country.objects.get(code="KG")

    assert kyrgyzstan.name_en == "Kyrgyzstan"
    assert kyrgyzstan.name_ru == "Кыргызстан"
    assert {"Киргизия", "Киргизии", "КР", "Kyrgyz Republic"} <= aliases_of("KG")


def test_it_knows_china_as_the_prc():
    assert {"КНР", "PRC"} <= aliases_of("CN")


@pytest.mark.parametrize(
    ("code", "name_en"),
    [
        ("SU", "Soviet Union"),
        ("YU", "Yugoslavia"),
        ("DD", "East Germany"),
        ("CS", "Czechoslovakia"),
    ],
)
def test_it_keeps_former_states_marked_as_former(code, name_en):
    country = Country.objects.get(code=code)

    assert country.is_former
    assert country.name_en == name_en
    assert CYRILLIC.search(country.name_ru)


@pytest.mark.parametrize("code", COUNTRIES_IN_THE_NEWS.split())
def test_it_gives_the_countries_in_the_news_at_least_two_aliases(code):
    assert len(aliases_of(code)) >= 2


def test_it_defines_central_asia_as_exactly_the_five_republics():
    central_asia = CountryGroup.objects.get(name_en="Central Asia")

    assert member_codes(central_asia) == CENTRAL_ASIA
    assert "ЦА" in central_asia.aliases.splitlines()


def test_it_has_a_topic_tree_of_at_least_forty_topics_named_in_russian():
    topics = list(Topic.objects.select_related("parent"))
    parent_of = {t.slug: t.parent.slug if t.parent else None for t in topics}

    assert len(topics) >= 40
    for topic in topics:
        assert topic.name_ru.strip(), topic.slug
    # Every topic reaches a root without looping back on itself.
    for slug in parent_of:
        seen = {slug}
        while parent_of[slug] is not None:
            slug = parent_of[slug]
            assert slug not in seen, f"topic cycle through {slug}"
            seen.add(slug)
    assert Topic.objects.filter(parent__isnull=False).exists()


def test_it_has_a_root_topic_for_everything_else():
    other = Topic.objects.get(slug="other")

    assert other.parent is None


def test_it_has_every_topic_the_seed_record_uses():
    used = set()
    for record in read_jsonl("seed.jsonl"):
        used.update(record.get("topics", []))
        for statement in record.get("statements", []):
            used.update(statement.get("topics", []))

    assert used, "the seed record should name topics"
    stored = set(Topic.objects.filter(slug__in=used).values_list("slug", flat=True))
    assert used - stored == set()


def test_it_has_at_least_ten_formats_each_with_members():
    formats = list(Format.objects.prefetch_related("members"))

    assert len(formats) >= 10
    for fmt in formats:
        # A format is a series of meetings between states, so it has at least two of them.
        assert len(fmt.members.all()) >= 2, fmt.name_en


def test_it_puts_china_and_the_five_in_the_central_asia_china_format():
    fmt = Format.objects.get(name_en="Central Asia–China")

    assert member_codes(fmt) == {"CN", *CENTRAL_ASIA}


def test_it_puts_the_united_states_and_the_five_in_c5_plus_1():
    fmt = Format.objects.get(name_en="C5+1")

    assert member_codes(fmt) == {"US", *CENTRAL_ASIA}


def test_it_holds_the_china_kyrgyzstan_uzbekistan_railway_talks_as_a_format():
    fmt = Format.objects.get(slug="china-kyrgyzstan-uzbekistan-railway")

    assert fmt.name_en == "China–Kyrgyzstan–Uzbekistan Railway"
    assert CYRILLIC.search(fmt.name_ru)
    assert fmt.description
    assert member_codes(fmt) == {"CN", "KG", "UZ"}


@pytest.mark.parametrize("name", ["hsg-visits.jsonl", "hsg-travels.jsonl"])
def test_it_knows_every_country_the_state_department_files_name(name):
    named = set()
    for record in read_jsonl(name):
        named.update(record.get("countries") or [])
        named.add(record.get("host_country"))
        named.update(p.get("country") for p in record.get("participants") or [])
    named.discard(None)

    assert len(named) > 100
    stored = set(Country.objects.values_list("code", flat=True))
    assert sorted(named - stored) == []
