"""The analyst's path in a real browser: search, narrow by a facet, open the meeting, take the
list away as CSV."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.interchange.importer import import_lines
from tests.factories import import_records, meeting_record

SEED = "fixtures/seed.jsonl"


@pytest.fixture
def register():
    with open(SEED, encoding="utf-8") as seed:
        import_lines(seed, origin=SEED)
    import_records(
        meeting_record(
            title="Консультации МИД Киргизии и Казахстана",
            language="ru",
            start_date="2021-06-01",
            countries=["KG", "KZ"],
            topics=["border-delimitation"],
        ),
        meeting_record(title="Japan–Tajikistan talks", countries=["JP", "TJ"]),
    )


def test_an_analyst_finds_the_seed_meeting_and_takes_the_list_away(page, live_server, register):
    page.goto(live_server.url + "/")
    page.get_by_label("Search meetings in Russian or English").fill("Киргизии")
    page.get_by_role("button", name="Search").last.click()

    expect(page.get_by_role("status")).to_contain_text("2 meetings")
    expect(page.locator(".snippet mark").first).to_be_visible()

    topics = page.get_by_role("navigation", name="Topics")
    topics.get_by_role("link", name="COVID-19", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("1 meeting")
    expect(page.get_by_role("link", name="Remove Topic: COVID-19")).to_be_visible()

    page.locator(".result-title a").first.click()
    expect(page.locator("h1")).to_contain_text("Central Asia–China")
    expect(page.locator(".meeting-title-en")).to_contain_text("Центральная Азия")
    expect(page.get_by_text(re.compile("Казакбаев|Kazakbaev")).first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Меморандум")
    assert page.locator("main").inner_text().count("Совместное заявление") == 3

    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    downloaded = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(downloaded)))
    assert len(rows) == 1
    assert rows[0]["countries"] == "CN; KG; KZ; TJ; TM; UZ"
    assert rows[0]["start_date"] == "2021-05-12"
    assert rows[0]["documents"].count("Joint statement:") == 3
