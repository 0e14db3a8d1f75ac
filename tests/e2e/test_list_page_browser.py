"""The meeting list in a real browser at phone and desktop widths: results first, filters
behind a "Filters" control, and the chip picker posting the same `country` parameters.
The screenshots docs/screenshots/list-{phone,desktop}.png are taken here, and the page's
heights are printed so that a change in layout shows in the test log."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import import_records, meeting_record

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PARTNERS = ["CN", "DE", "FR", "IN", "JP", "KR", "RU", "TR", "US", "GB", "IT", "ES", "SU"]


@pytest.fixture
def register(db):
    import_records(
        *(
            meeting_record(
                title=f"Kyrgyzstan talks {n}",
                start_date=f"{1950 + n}-03-01",
                countries=["KG", PARTNERS[n % len(PARTNERS)]],
                topics=["transit"] if n % 2 else ["energy"],
            )
            for n in range(70)
        )
    )


def _first_result_top(page) -> int:
    return page.evaluate(
        "Math.round(document.querySelector('ol.results li').getBoundingClientRect().top + scrollY)"
    )


def test_on_a_phone_the_results_come_first_and_the_filters_open_on_request(
    page, live_server, register
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/meetings/")
    top = _first_result_top(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"list at 390 px: first result at {top} px, page {height} px tall")
    assert top < 600, f"the first result starts {top} px down on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    form = page.locator("form.filter-form")
    expect(form).to_be_hidden()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "list-phone.png"), full_page=False)

    page.get_by_text("Filters", exact=True).click()
    expect(form).to_be_visible()
    page.locator(".decades summary").first.click()
    expect(page.get_by_role("link", name="All of the 2010s")).to_be_visible()


def test_on_a_desktop_the_filters_sit_beside_the_results(page, live_server, register):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/meetings/")
    expect(page.locator("form.filter-form")).to_be_visible()
    results = page.locator("ol.results").bounding_box()
    filters = page.locator("details.filters").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"], "the filters are left of the results"
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"list at 1366 px: first result at {_first_result_top(page)} px, page {height} px tall")
    assert height < 3000
    page.screenshot(path=str(SCREENSHOTS / "list-desktop.png"), full_page=False)


def test_the_chip_picker_posts_the_country_parameters(page, live_server, register):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/meetings/")
    picker = page.get_by_role("combobox", name="Countries")
    picker.fill("Kyrgyzstan")
    picker.press("Enter")
    picker.fill("cn")
    picker.press("Enter")
    expect(page.get_by_role("button", name="Remove China")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Kyrgyzstan")).to_be_visible()
    page.get_by_role("button", name="Apply").click()
    assert "country=CN" in page.url and "country=KG" in page.url
    expect(page.get_by_role("status").first).to_contain_text("6 meetings")

    page.get_by_role("button", name="Remove China").click()
    page.get_by_role("button", name="Apply").click()
    assert "country=CN" not in page.url
    expect(page.get_by_role("status").first).to_contain_text("70 meetings")
