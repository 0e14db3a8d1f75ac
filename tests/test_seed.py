"""The seed meeting (Kabar, 12 May 2021): the reference record the product was built around."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import DocumentKind, Level, Meeting, Status

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.jsonl"
CENTRAL_ASIA_AND_CHINA = ["CN", "KG", "KZ", "TJ", "TM", "UZ"]


@pytest.fixture
def seed(db) -> Meeting:
    call_command("import_meetings", str(SEED), verbosity=0, stdout=StringIO())
    return Meeting.objects.get(
        start_date=datetime.date(2021, 5, 12), format__slug="central-asia-china"
    )


def test_it_is_the_second_foreign_ministers_meeting_of_central_asia_china(seed):
    assert seed.format.name_en == "Central Asia–China"
    assert seed.edition == 2
    assert seed.level == Level.FOREIGN_MINISTERS
    assert seed.language == "ru"
    assert "Вторая встреча министров иностранных дел" in seed.title
    assert seed.status == Status.PUBLISHED


def test_it_took_place_in_xian_china_with_the_five_central_asian_states(seed):
    assert (seed.city, seed.host_country_id) == ("Xi'an", "CN")
    assert (seed.start_date, seed.end_date) == (datetime.date(2021, 5, 12), None)
    assert sorted(seed.countries.values_list("code", flat=True)) == CENTRAL_ASIA_AND_CHINA


def test_kazakbaev_took_part_as_kyrgyzstans_foreign_minister(seed):
    participation = seed.participations.select_related("person").get()
    assert participation.person.name == "Ruslan Kazakbaev"
    assert participation.person.name_ru == "Руслан Казакбаев"
    assert participation.country_id == "KG"
    assert participation.position == "Minister of Foreign Affairs"


def test_it_adopted_one_memorandum_and_three_joint_statements(seed):
    kinds = sorted(seed.documents.values_list("kind", flat=True))
    assert kinds == [DocumentKind.JOINT_STATEMENT] * 3 + [DocumentKind.MEMORANDUM]
    titles = " ".join(seed.documents.values_list("title", flat=True))
    for subject in ("COVID-19", "Афганистан", "межрегионального сотрудничества"):
        assert subject in titles
    for document in seed.documents.all():
        assert sorted(document.signatories.values_list("code", flat=True)) == CENTRAL_ASIA_AND_CHINA


def test_it_covers_every_subject_the_article_discusses(seed):
    topics = set(seed.topics.values_list("slug", flat=True))
    assert {
        "political-dialogue", "interregional-cooperation", "twin-cities", "transport-connectivity",
        "railways", "transit", "border-crossings", "trade-facilitation", "supply-chains",
        "regional-security", "afghanistan", "covid-19", "vaccines", "traditional-medicine",
        "food-security", "belt-and-road", "digital-silk-road", "e-commerce", "investment-climate",
    } <= topics  # fmt: skip


def test_it_records_each_position_the_kyrgyz_side_stated(seed):
    statements = list(seed.statements.select_related("speaker").prefetch_related("topics"))
    assert len(statements) == 6
    assert {s.country_id for s in statements} == {"KG"}
    text = " ".join(s.text for s in statements)
    for subject in ("Torugart", "Irkeshtam", "railway", "Digital Silk Road", "investment", "food"):
        assert subject in text
    checkpoints = next(s for s in statements if "Torugart" in s.text)
    assert checkpoints.speaker.name == "Ruslan Kazakbaev"
    assert {"border-crossings", "transit"} <= {t.slug for t in checkpoints.topics.all()}


def test_its_source_is_kabars_russian_report_of_the_same_day(seed):
    source = seed.sources.get()
    assert (source.publisher, source.published, source.language) == (
        "Kabar",
        datetime.date(2021, 5, 12),
        "ru",
    )
    assert source.dateline.startswith("Бишкек, 12.05.21")


def test_export_prints_the_seed_with_every_field(seed):
    out = StringIO()
    call_command("export_meetings", "--country", "KG", "--since", "2021-05-12", stdout=out)
    record = json.loads(out.getvalue())

    assert record["format"] == "Central Asia–China" and record["edition"] == 2
    assert record["level"] == "foreign_ministers"
    assert (record["city"], record["host_country"], record["start_date"]) == (
        "Xi'an",
        "CN",
        "2021-05-12",
    )
    assert record["countries"] == CENTRAL_ASIA_AND_CHINA
    assert record["participants"][0]["name"] == "Ruslan Kazakbaev"
    assert [d["kind"] for d in record["documents"]].count("joint_statement") == 3
    assert len(record["statements"]) == 6 and record["statements"][0]["country"] == "KG"
    assert record["sources"][0]["publisher"] == "Kabar"
