"""CSV, JSON Lines and Atom for a list: the same parameters, the whole filtered set."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from meetings.interchange.records import parse_line
from meetings.models import Meeting, Status
from meetings.views import exports
from tests.factories import import_records, meeting_record, rich_record

ATOM = "{http://www.w3.org/2005/Atom}"
RUSSIAN = {"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    text = body(response)
    assert text.startswith("\ufeff"), "the CSV starts with a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.fixture
def thirty_kyrgyz_meetings():
    import_records(
        *(
            meeting_record(
                external_id=f"kg-{n:02}",
                title=f"Kyrgyz consultations {n:02}",
                start_date=f"2021-06-{n:02}",
                countries=["KG", "KZ"] if n % 2 else ["KG", "UZ"],
                topics=["transit"],
                documents=[{"title": f"Protocol {n}", "kind": "protocol"}],
                participants=[{"name": "Aibek Osmonov", "country": "KG", "position": "Minister"}],
            )
            for n in range(1, 31)
        ),
        meeting_record(title="Draft consultations", countries=["KG"], status="draft"),
    )


def test_the_csv_covers_the_whole_filtered_set_not_one_page(client, thirty_kyrgyz_meetings):
    response = client.get(reverse("meetings:export_csv"), {"country": "KZ"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert len(rows) == 15
    first = rows[0]
    assert first["title"] == "Kyrgyz consultations 29"
    assert first["countries"] == "KG; KZ"
    assert first["country_names"] == "Kyrgyzstan; Kazakhstan"
    assert first["topics"] == "transit"
    assert first["documents"] == "Protocol: Protocol 29"
    assert first["participants"] == "Aibek Osmonov (KG, Minister)"
    assert first["url"].endswith("/meetings/2021-06-29-kyrgyz-consultations-29/")


RICH_PARTICIPANTS = [
    *rich_record()["participants"],
    {"name": "Zhang Ming", "organisation": "SCO Secretariat", "position": "Secretary-General"},
    {"name": "Unnamed Adviser"},
]


def test_the_csv_writes_every_column_of_a_meeting(client, db):
    import_records(rich_record(participants=RICH_PARTICIPANTS))
    [row] = csv_rows(client.get(reverse("meetings:export_csv")))
    assert list(row) == exports.CSV_COLUMNS
    slug = "2021-05-12-central-asia-japan-foreign-ministers-meeting"
    assert row == {
        "url": f"http://testserver/meetings/{slug}/",
        "title": "Встреча министров иностранных дел Центральной Азии и Японии",
        "title_en": "Central Asia–Japan foreign ministers' meeting",
        "start_date": "2021-05-12",
        "end_date": "2021-05-13",
        "city": "Tokyo",
        "host_country": "JP",
        "host_country_name": "Japan",
        "format": "Central Asia–Japan",
        "edition": "8",
        "level": "foreign_ministers",
        "level_label": "Foreign ministers",
        "countries": "JP; KG; KZ; TJ; TM; UZ",
        "country_names": "Japan; Kyrgyzstan; Kazakhstan; Tajikistan; Turkmenistan; Uzbekistan",
        "topics": "e-commerce; transit",
        "topic_names": "E-commerce; Transit",
        "participants": "Akira Sato (JP, Foreign Minister); "
        "Aibek Osmonov (KG, Minister of Foreign Affairs); "
        "Zhang Ming (SCO Secretariat, Secretary-General); Unnamed Adviser",
        "documents": "Declaration: Tokyo Declaration; Action plan: Action plan on logistics",
        "summary": "They discussed transit and trade.",
    }


def test_the_csv_names_and_labels_in_the_language_asked_for(client, db):
    import_records(rich_record())
    response = client.get(reverse("meetings:export_csv"), headers=RUSSIAN)
    [row] = csv_rows(response)
    assert list(row) == exports.CSV_COLUMNS, "the column names are identifiers in every language"
    assert row["host_country_name"] == "Япония"
    assert row["format"] == "Центральная Азия – Япония"
    assert row["level"] == "foreign_ministers"
    assert row["level_label"] == "Министры иностранных дел"
    assert (
        row["country_names"]
        == "Япония; Кыргызстан; Казахстан; Таджикистан; Туркменистан; Узбекистан"
    )
    assert row["topic_names"] == "Электронная коммерция; Транзит"
    assert (
        row["documents"] == "Декларация: Tokyo Declaration; План действий: Action plan on logistics"
    )
    assert row["participants"].startswith("Akira Sato (JP, Foreign Minister); Aibek Osmonov (KG,")


def test_the_csv_leaves_what_a_meeting_lacks_empty(client, db):
    import_records(meeting_record(title="Bare", countries=["KG"]))
    [row] = csv_rows(client.get(reverse("meetings:export_csv")))
    empty = ["end_date", "city", "host_country", "host_country_name", "format", "edition"]
    empty += ["level", "level_label", "topics", "topic_names", "participants", "documents"]
    assert {name: row[name] for name in empty} == dict.fromkeys(empty, "")
    assert (row["countries"], row["country_names"]) == ("KG", "Kyrgyzstan")


def test_the_csv_reads_a_fixed_number_of_queries_per_chunk_whatever_its_rows(
    client, db, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    import_records(*(rich_record(start_date=f"2021-06-{n:02}", end_date=None) for n in range(1, 4)))

    def export_rows() -> int:
        return len(csv_rows(client.get(reverse("meetings:export_csv"), {"country": "KG"})))

    # The country looked up, the meetings' ids, then per chunk of meetings one query for
    # their own fields and one for each of their countries, topics, participants and documents.
    with django_assert_num_queries(7):
        assert export_rows() == 3
    import_records(*(rich_record(start_date=f"2021-07-{n:02}", end_date=None) for n in range(1, 8)))
    with django_assert_num_queries(7):
        assert export_rows() == 10
    import_records(rich_record(start_date="2021-08-01", end_date=None))
    with django_assert_num_queries(12):
        assert export_rows() == 11


def test_a_meeting_withdrawn_while_the_csv_streams_is_left_out(client, db, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    import_records(
        *(meeting_record(title=f"Talks {n}", start_date=f"2021-06-{n:02}") for n in range(1, 6))
    )
    stream = iter(client.get(reverse("meetings:export_csv")).streaming_content)
    received = [next(stream), next(stream)]  # the header, then the two newest meetings

    Meeting.objects.filter(title="Talks 1").update(status=Status.DRAFT)
    received.extend(stream)

    text = b"".join(received).decode().removeprefix("\ufeff")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert titles == ["Talks 5", "Talks 4", "Talks 3", "Talks 2"]


def test_the_csv_defuses_spreadsheet_formulas(client, db):
    import_records(meeting_record(title='=HYPERLINK("http://evil")', summary="@SUM(A1)"))
    row = csv_rows(client.get(reverse("meetings:export_csv")))[0]
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["summary"] == "'@SUM(A1)"


def test_the_jsonl_is_the_interchange_format(client, thirty_kyrgyz_meetings):
    response = client.get(reverse("meetings:export_jsonl"), {"country": "UZ"})
    lines = body(response).splitlines()
    assert len(lines) == 15
    records = [parse_line(line, known_countries={"KG", "UZ"}) for line in lines]
    assert {record.external_id for record in records} == {f"kg-{n:02}" for n in range(2, 31, 2)}
    assert all(record.status == "published" for record in records)
    assert json.loads(lines[0])["countries"] == ["KG", "UZ"]


def test_the_feed_is_atom_with_the_newest_matching_meetings(client, thirty_kyrgyz_meetings):
    response = client.get(reverse("meetings:feed"), {"country": "KZ"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Summitry: Country: Kazakhstan"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 15
    assert entries[0].find(f"{ATOM}title").text == "2021-06-29 — Kyrgyz consultations 29"
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith("/meetings/2021-06-29-kyrgyz-consultations-29/")


def test_the_feed_escapes_the_register_text(client, db):
    import_records(meeting_record(title="Talks", summary="<script>alert(1)</script>"))
    feed = ET.fromstring(client.get(reverse("meetings:feed")).content)
    summary = feed.find(f"{ATOM}entry/{ATOM}summary").text
    assert "<script>" not in summary
    assert "&lt;script&gt;" in summary


@pytest.mark.parametrize("name", ["export_csv", "export_jsonl", "feed"])
def test_bad_parameters_get_400_with_the_message(client, db, name):
    response = client.get(reverse(f"meetings:{name}"), {"country": "XX"})
    assert response.status_code == 400
    assert "Unknown country code" in response.content.decode()


def test_every_list_page_links_to_its_exports(client, thirty_kyrgyz_meetings):
    page = client.get(reverse("meetings:list"), {"country": "KZ", "q": "consultations"})
    html = page.content.decode()
    for name in ("export_csv", "export_jsonl", "feed"):
        assert f"{reverse(f'meetings:{name}')}?country=KZ&amp;q=consultations" in html


def database_down(execute, sql, params, many, context):
    raise OperationalError("the database went away")


def meetings_unreadable(execute, sql, params, many, context):
    if '"meetings_meeting"' in sql:
        raise OperationalError("the database went away")
    return execute(sql, params, many, context)


@pytest.mark.parametrize("name", ["export_csv", "export_jsonl"])
def test_an_export_the_database_fails_at_once_is_a_503_not_an_empty_file(client, db, name):
    import_records(meeting_record())
    with connection.execute_wrapper(meetings_unreadable):
        response = client.get(reverse(f"meetings:{name}"))
    assert response.status_code == 503
    assert not response.streaming
    assert "could not be read from the database" in response.content.decode()


def failure_reason(name: str, line: str) -> str:
    return line if name == "export_csv" else json.loads(line)["error"]


@pytest.mark.parametrize("name", ["export_csv", "export_jsonl"])
def test_an_export_that_fails_midway_ends_with_a_line_saying_it_is_incomplete(
    client, db, monkeypatch, name
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    import_records(*(meeting_record(start_date=f"2021-06-{n:02}") for n in range(1, 8)))
    response = client.get(reverse(f"meetings:{name}"))
    assert response.status_code == 200
    stream = iter(response.streaming_content)
    received = [next(stream)]
    with connection.execute_wrapper(database_down), pytest.raises(OperationalError):
        received.extend(stream)
    lines = b"".join(received).decode().splitlines()
    assert len(lines) < 8
    assert failure_reason(name, lines[-1]).startswith("EXPORT FAILED: the file stops here")
    assert "incomplete" in lines[-1]


@pytest.mark.parametrize("name", ["export_csv", "export_jsonl"])
def test_an_export_that_succeeds_has_no_failure_line(client, thirty_kyrgyz_meetings, name):
    assert "EXPORT FAILED" not in body(client.get(reverse(f"meetings:{name}")))
