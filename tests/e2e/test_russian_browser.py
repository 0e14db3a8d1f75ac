"""The Russian interface in a real browser: a reader switches to Russian with the header's
button, stays on the page and query they were on, and sees the Kyrgyzstan page, the list's
facets and the seed meeting in Russian; the choice holds on the next visit. Screenshots of the
Russian country page and list go to docs/screenshots/, at phone and desktop widths."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.interchange.importer import import_lines

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1366}
SEED = "fixtures/seed.jsonl"
SEED_TITLE = "Вторая встреча министров иностранных дел"


@pytest.fixture
def register():
    with open(SEED, encoding="utf-8") as lines:
        import_lines(lines, origin=SEED)


def _switch_to_russian(page) -> None:
    page.get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    url = page.url
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{name} is {overflow} px too wide at {width} px"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)


def test_a_reader_switches_to_russian_and_sees_kyrgyzstan_in_russian(page, live_server, register):
    page.goto(live_server.url + "/countries/KG/")
    expect(page.locator("h1")).to_contain_text("Kyrgyzstan")

    _switch_to_russian(page)

    assert page.url == live_server.url + "/countries/KG/"
    heading = page.locator("h1")
    expect(heading).to_contain_text("Кыргызстан")
    expect(heading.locator("[lang=en]")).to_have_text("Kyrgyzstan")
    expect(page.get_by_role("heading", name="Чаще всего встречалась", exact=True)).to_be_visible()
    expect(page.locator("#partners")).to_contain_text("Казахстан")
    expect(page.locator("#latest time").first).to_have_text("12 мая 2021 г.")
    _screenshot(page, "country-kg-ru")


def test_the_list_keeps_its_query_and_shows_its_facets_in_russian(page, live_server, register):
    page.goto(live_server.url + "/meetings/?country=KG&year=2021")
    _switch_to_russian(page)

    assert page.url == live_server.url + "/meetings/?country=KG&year=2021"
    expect(page.locator("#results-heading")).to_have_text("Встречи")
    expect(page.get_by_role("status").first).to_contain_text("1 встреча")
    filters = page.locator("#filters")
    if not filters.evaluate("element => element.open"):
        filters.locator("summary").click()
    for facet in ("Страны", "Темы", "Форматы", "Уровень", "Принятые документы"):
        expect(filters.get_by_role("heading", name=facet, exact=True)).to_be_visible()
    expect(filters).to_contain_text("Министры иностранных дел")
    expect(page.locator(".pills")).to_contain_text("Страна: Кыргызстан")
    _screenshot(page, "meetings-list-ru")


def test_the_seed_meeting_page_is_in_russian_with_its_own_text_marked(page, live_server, register):
    page.goto(live_server.url + "/meetings/")
    _switch_to_russian(page)
    page.locator(".result-title a").filter(has_text=SEED_TITLE).click()

    expect(page.locator("h1")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_contain_text(SEED_TITLE)
    expect(page.locator(".meeting-title-en")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Участники", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Принятые документы", exact=True)).to_be_visible()
    facts = page.locator(".meeting-facts")
    expect(facts).to_contain_text("12 мая 2021 г.")
    expect(facts).to_contain_text("Министры иностранных дел")
    expect(facts).to_contain_text("Кыргызстан")


def test_the_choice_is_remembered_on_the_next_visit(page, live_server, register):
    page.goto(live_server.url + "/")
    _switch_to_russian(page)
    page.goto(live_server.url + "/topics/")
    expect(page.locator("h1")).to_have_text("Темы")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Topics")
