"""The editor's path in a real browser: paste an article, check the draft beside the marked-up
text, correct it, save it, and find the draft in the meeting list with its source.

The screenshots docs/screenshots/intake-draft-{desktop,phone}.png are taken here, at 1366 and
390 pixels, where the draft page's layout is checked too."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, PendingChange, Status
from tests.factories import make_meeting, make_user
from tests.test_intake_admin import ARTICLE, ARTICLE_DATE, ARTICLE_URL

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

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


def open_draft(page) -> None:
    page.get_by_role("link", name="New meeting from article").click()
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("URL").fill(ARTICLE_URL)
    page.get_by_label("Publisher").fill("Kabar")
    page.get_by_role("button", name="Read the article").click()
    expect(page.locator("#id_start_date")).to_have_value(ARTICLE_DATE)


def test_the_article_form_shows_no_error_before_anything_is_sent(editor_in_browser):
    page = editor_in_browser
    page.get_by_role("link", name="New meeting from article").click()

    expect(page.get_by_label("Article text")).to_be_visible()
    expect(page.locator(".errornote")).to_be_hidden()
    expect(page.get_by_role("alert")).to_have_count(0)


# The draft page's layout

BOXES = """() => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  return {
    pageWidth: document.documentElement.scrollWidth,
    windowWidth: window.innerWidth,
    article: box(document.querySelector(".intake-article")),
    groups: Array.from(document.querySelectorAll(".inline-group"), el => ({
      id: el.id, box: box(el), scroll: el.scrollWidth, client: el.clientWidth,
    })),
  };
}"""


def overlaps(one, other) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_draft_fits_the_window_beside_the_article(editor_in_browser, size, label):
    page = editor_in_browser
    make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    page.set_viewport_size(size)
    open_draft(page)

    layout = page.evaluate(BOXES)

    assert layout["pageWidth"] <= layout["windowWidth"], layout
    for group in layout["groups"]:
        assert not overlaps(group["box"], layout["article"]), group
        if label == "desktop":
            # At 1366 px every inline fits its column; a phone scrolls the wide tables inside.
            assert group["scroll"] <= group["client"], group
    if label == "desktop":
        assert layout["article"][0] > max(g["box"][2] for g in layout["groups"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"intake-draft-{label}.png"), full_page=True)


def test_the_legend_names_fields_and_values_and_leads_to_their_evidence(editor_in_browser):
    page = editor_in_browser
    page.set_viewport_size(DESKTOP)
    open_draft(page)
    legend = page.locator(".intake-legend")

    expect(legend).to_contain_text("Foreign ministers")
    expect(legend).not_to_contain_text("foreign_ministers")
    expect(legend).not_to_contain_text("transport-connectivity")
    expect(legend.get_by_role("link", name="Level")).to_be_visible()

    documents = page.locator(".intake-text mark[data-group='documents']")
    assert documents.count() >= 2
    legend.get_by_role("link", name="Documents", exact=True).click()
    expect(documents.first).to_be_in_viewport()
    expect(documents.first).to_have_class(re.compile("intake-current"))
    legend.get_by_role("link", name="Documents", exact=True).click()
    expect(documents.nth(1)).to_have_class(re.compile("intake-current"))
    expect(documents.nth(1)).to_be_in_viewport()


CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratios = [];
  for (const mark of document.querySelectorAll(".intake-text mark")) {
    let el = mark, background;
    while (el) {  // the colour the text sits on: the nearest opaque background
      const colour = rgb(getComputedStyle(el).backgroundColor);
      if (colour.length === 3 || colour[3] > 0) { background = colour.slice(0, 3); break; }
      el = el.parentElement;
    }
    const [a, b] = [lum(rgb(getComputedStyle(mark).color)), lum(background)].sort((x, y) => y - x);
    ratios.push({text: mark.textContent.slice(0, 20), nested: !!mark.parentElement.closest("mark"),
                 ratio: (a + 0.05) / (b + 0.05)});
  }
  return ratios;
}"""


def test_stacked_highlights_keep_readable_contrast(editor_in_browser):
    page = editor_in_browser
    page.set_viewport_size(DESKTOP)
    open_draft(page)

    ratios = page.evaluate(CONTRAST)

    assert any(r["nested"] for r in ratios), "the article should have stacked highlights"
    assert min(r["ratio"] for r in ratios) >= 7, sorted(ratios, key=lambda r: r["ratio"])[:3]


def test_an_editor_chooses_between_the_meeting_held_and_a_new_one(editor_in_browser):
    page = editor_in_browser
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    open_draft(page)

    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".intake-duplicates")).to_contain_text("Choose a meeting to attach")
    assert Meeting.objects.count() == 1
    page.get_by_label(re.compile("Attach the article to")).check()
    page.get_by_role("button", name="Save", exact=True).click()

    # "Held" is published and an editor may not publish: the attachment waits for review.
    expect(page.locator(".messagelist")).to_contain_text("awaits a publisher’s review")
    assert Meeting.objects.count() == 1
    assert not held.sources.exists()
    [change] = PendingChange.objects.filter(meeting=held)
    assert [source["url"] for source in change.record["sources"]] == [ARTICLE_URL]


def test_an_undated_article_opens_with_the_date_to_fill_in_focused(editor_in_browser):
    page = editor_in_browser
    page.get_by_role("link", name="New meeting from article").click()
    page.get_by_label("Article text").fill(
        "Министры иностранных дел Кыргызстана и Казахстана встретились в Бишкеке."
    )
    page.get_by_role("button", name="Read the article").click()

    expect(page.locator("#id_start_date")).to_have_value("")
    expect(page.locator("#id_start_date")).to_be_focused()
    expect(page.locator(".intake-to-fill")).to_contain_text("Date")
    expect(page.locator(".errornote")).to_have_count(0)
