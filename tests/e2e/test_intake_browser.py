"""The editor's path in a real browser: paste an article, check the draft beside the marked-up
text, correct it, save it, and find the draft in the meeting list with its source."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Status
from tests.factories import make_user
from tests.test_intake_admin import ARTICLE, ARTICLE_DATE, ARTICLE_URL

pytestmark = pytest.mark.django_db(transaction=True)

VALUES = "fields => fields.map(field => field.value)"
CORRECTED_TITLE = "Третья встреча министров иностранных дел «Центральная Азия – Китай»"


@pytest.fixture
def editor_in_browser(page, live_server):
    make_user("editor", group="Editors")
    log_in(page, live_server, "editor")
    return page


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next=/admin/meetings/meeting/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Select meeting to change")).to_be_visible()


def test_an_editor_turns_an_article_into_a_draft_meeting(editor_in_browser):
    page = editor_in_browser
    page.get_by_role("link", name="New meeting from article").click()
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("URL").fill(ARTICLE_URL)
    page.get_by_label("Publisher").fill("Kabar")
    page.get_by_label("Publication date").fill(ARTICLE_DATE)
    page.get_by_role("button", name="Read the article").click()

    article = page.get_by_role("complementary")
    expect(article.locator('.intake-text mark[data-field="start_date"]').first).to_be_visible()
    expect(article.locator(".intake-legend")).to_contain_text(ARTICLE_DATE)
    expect(page.locator("#id_start_date")).to_have_value(ARTICLE_DATE)
    expect(page.locator("#id_countries option:checked")).not_to_have_count(0)
    expect(page.locator("#id_sources-0-publisher")).to_have_value("Kabar")
    document_titles = page.locator('#documents-group [name$="-title"]:not([name*="__prefix__"])')
    assert any("Меморандум" in title for title in document_titles.evaluate_all(VALUES))

    page.locator("#id_title").fill(CORRECTED_TITLE)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    row = page.locator("#result_list tr", has_text=CORRECTED_TITLE)
    expect(row).to_contain_text("Draft")
    row.get_by_role("link", name=CORRECTED_TITLE).click()
    expect(page.locator("#id_sources-0-url")).to_have_value(ARTICLE_URL)
    expect(page.locator("#id_sources-0-text")).to_have_value(re.compile("Казакбаева"))
    meeting = Meeting.objects.get(title=CORRECTED_TITLE)
    assert meeting.status == Status.DRAFT
    # Browsers send a textarea's line breaks as CRLF, and the admin stores what it is sent.
    assert meeting.sources.get().text.replace("\r\n", "\n") == ARTICLE.strip()


def test_an_editor_is_told_an_article_is_too_long_before_it_is_sent(editor_in_browser):
    page = editor_in_browser
    page.get_by_role("link", name="New meeting from article").click()

    # Typing a megabyte takes a browser far longer than pasting it.
    page.get_by_label("Article text").evaluate(
        "(area, article) => { area.value = article + 'слово '.repeat(100000); }", ARTICLE
    )
    page.get_by_role("button", name="Read the article").click()

    expect(page.get_by_role("alert")).to_contain_text("the limit is 1,000,000 bytes")
    assert Meeting.objects.count() == 0
