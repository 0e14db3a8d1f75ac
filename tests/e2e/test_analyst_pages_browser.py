"""The analyst's journeys across meetings in a real browser: from the home page to a
country and on to the meetings it shared with a partner, a format's editions, and who meets
whom. The screenshots in docs/screenshots/ are taken here, at phone and desktop widths."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.interchange.importer import import_lines
from tests.factories import import_records, meeting_record

FIXTURES = ["fixtures/seed.jsonl", "fixtures/hsg-visits.jsonl"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1366}
SEED_TITLE = "Вторая встреча министров иностранных дел"
CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]


def _ministers(edition: int, date: str, city: str | None, host: str | None, **extra) -> dict:
    return meeting_record(
        title=f"Central Asia–China foreign ministers, meeting {edition}",
        start_date=date,
        city=city,
        host_country=host,
        format="Central Asia–China",
        edition=edition,
        level="foreign_ministers",
        countries=["CN", *CENTRAL_ASIA],
        **extra,
    )


@pytest.fixture
def register():
    for path in FIXTURES:
        with open(path, encoding="utf-8") as lines:
            import_lines(lines, origin=path)
    import_records(
        _ministers(1, "2020-07-16", None, None, topics=["covid-19"]),
        # No 3rd meeting is recorded here: the format page must show the gap.
        _ministers(
            4,
            "2023-04-26",
            "Xi'an",
            "CN",
            documents=[
                {
                    "title": "Joint statement of the fourth meeting",
                    "kind": "joint_statement",
                    "signatories": ["CN", *CENTRAL_ASIA],
                }
            ],
        ),
        meeting_record(
            title="Central Asia–Russia foreign ministers",
            start_date="2023-04-14",
            city="Samarkand",
            host_country="UZ",
            format="Central Asia–Russia",
            level="foreign_ministers",
            countries=["RU", *CENTRAL_ASIA],
            topics=["transit"],
        ),
        meeting_record(
            title="Kyrgyz–Uzbek talks on the railway",
            start_date="2024-03-05",
            city="Bishkek",
            host_country="KG",
            level="ministers",
            countries=["KG", "UZ", "CN"],
            topics=["railways"],
        ),
        meeting_record(
            title="C5+1 ministerial",
            start_date="2023-09-19",
            city="New York",
            host_country="US",
            format="C5+1",
            level="heads_of_state",
            countries=["US", *CENTRAL_ASIA],
        ),
    )


def _screenshot(page, url: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{name} is {overflow} px too wide at {width} px"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)


def test_from_home_to_kyrgyzstan_and_on_to_what_it_shared_with_china(page, live_server, register):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Countries").click()
    page.get_by_role("link", name="Kyrgyzstan", exact=True).first.click()

    expect(page.locator("h1")).to_contain_text("Kyrgyzstan")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    _screenshot(page, page.url, "country-kg")

    page.locator("a[href*='country=KG'][href*='country=CN']").first.click()
    expect(page.get_by_role("status")).to_contain_text("4 meetings")
    expect(page.locator(".result-title").filter(has_text=SEED_TITLE)).to_be_visible()


def test_the_central_asia_china_format_shows_the_2021_edition_and_its_documents(
    page, live_server, register
):
    page.goto(live_server.url + "/formats/")
    page.get_by_role("link", name="Central Asia–China", exact=True).first.click()

    edition = page.locator("li").filter(has_text=SEED_TITLE).first
    expect(edition).to_contain_text("2021")
    expect(edition).to_contain_text("Меморандум о создании формата")
    assert edition.inner_text().count("Совместное заявление") == 3
    expect(page.locator("main")).to_contain_text("No record of the 3rd meeting")
    expect(page.locator("main")).to_contain_text("Joint statement of the fourth meeting")
    _screenshot(page, page.url, "format-central-asia-china")


def test_the_matrix_for_central_asia_and_china_leads_to_the_seed_meeting(
    page, live_server, register
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Who meets whom").click()
    # With nothing chosen, the matrix shows Central Asia and China.
    _screenshot(page, page.url, "matrix-central-asia-china")

    cell = page.locator("table a[href*='country=CN'][href*='country=KG']").first
    expect(cell).to_have_text("4")
    cell.click()
    expect(page.locator(".result-title").filter(has_text=SEED_TITLE)).to_be_visible()
