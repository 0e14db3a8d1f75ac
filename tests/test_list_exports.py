"""CSV, JSON Lines and Atom for a list: the same parameters, the whole filtered set."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from meetings.interchange.records import parse_line
from meetings.views import exports
from tests.factories import import_records, meeting_record

ATOM = "{http://www.w3.org/2005/Atom}"

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
