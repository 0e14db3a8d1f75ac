"""The Content-Security-Policy in a real browser: the intake page's script and styles and an
analyst page's meters and charts run under it, and chromium reports no violation."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_intake_browser import log_in
from tests.factories import import_records, make_user, rich_record
from tests.test_intake_admin import ARTICLE, ARTICLE_DATE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def violations(page) -> list[str]:
    """Chromium writes each refused script, style or image to the console as an error."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_intake_page_runs_its_script_and_styles_under_the_policy(page, live_server, violations):
    make_user("editor", group="Editors")
    log_in(page, live_server, "editor")
    page.get_by_role("link", name="New meeting from article").click()

    limit = int(page.locator("#intake_form").get_attribute("data-max-bytes"))
    page.get_by_label("Article text").fill("x" * (limit + 1))
    page.get_by_role("button", name="Read the article").click()

    # The script refused the upload in the browser and said why.
    expect(page.locator(".intake-size-error")).to_contain_text(f"{limit + 1:,} bytes long")
    assert page.url.endswith("/admin/meetings/meeting/intake/")

    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Publication date").fill(ARTICLE_DATE)
    page.get_by_role("button", name="Read the article").click()

    # The draft beside the article: laid out by intake.css, on the admin's own styles.
    layout = page.locator(".intake-layout")
    expect(layout).to_be_visible()
    assert layout.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator("#header").evaluate("e => getComputedStyle(e).display") == "flex"
    assert violations == []


def test_an_analyst_page_draws_its_meters_and_charts_under_the_policy(
    page, live_server, violations
):
    import_records(rich_record(), rich_record(countries=["KG", "CN"]))

    page.goto(f"{live_server.url}/countries/KG/")

    meter = page.locator(".ranked .meter").first
    expect(meter).to_be_visible()
    full = meter.bounding_box()["width"]
    bar = meter.locator("rect").bounding_box()["width"]
    assert full > 0 and abs(bar - full) < 1  # the first row's share is 100%
    assert page.locator(".chart-bar").first.evaluate("e => getComputedStyle(e).fill") != "none"
    assert violations == []
