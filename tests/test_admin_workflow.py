"""An admin editors can work in all day: the drafts queue on the front page, a "Save and
publish" button for publishers, countries in the meeting list at a fixed cost, the site's own
name, and forms that refuse characters a feed cannot carry."""

import re
from html import unescape

import pytest
from reversion.models import Version

from meetings.models import Meeting, Person, Status
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import make_meeting
from tests.test_intake_admin import open_draft

INDEX = "/admin/"


def drafts_queue(page: str) -> list[str]:
    queue = page.split('id="drafts-queue"', 1)[1].split("</div>", 1)[0]
    return [unescape(title) for title in re.findall(r'<td><a href="[^"]+">(.*?)</a>', queue)]


def test_the_admin_front_page_lists_the_drafts_waiting_to_be_published(client, editor):
    make_meeting(title="Awaiting review", status="draft")
    make_meeting(title="Already public", status="published")
    make_meeting(title="Also awaiting <b>review</b>", status="draft")
    client.force_login(editor)

    page = client.get(INDEX).content.decode()

    assert sorted(drafts_queue(page)) == ["Also awaiting <b>review</b>", "Awaiting review"]
    assert "Also awaiting &lt;b&gt;review&lt;/b&gt;" in page
    assert f'href="{MEETINGS}?status__exact=draft">All 2 drafts</a>' in page


def test_the_drafts_queue_says_so_when_nothing_waits(client, editor):
    make_meeting(status="published")
    client.force_login(editor)

    page = client.get(INDEX).content.decode()

    assert drafts_queue(page) == []
    assert "No drafts: every meeting is published." in page


def test_the_admin_is_named_after_the_site(client, editor):
    client.force_login(editor)

    page = client.get(INDEX).content.decode()
    client.logout()
    login = client.get("/admin/login/").content.decode()

    for html in (page, login):
        assert "Django administration" not in html
        assert '<a href="/admin/">Summitry</a>' in html
    assert "<title>The register | Summitry</title>" in page


def test_a_publisher_gets_a_save_and_publish_button_that_publishes(client, publisher):
    meeting = make_meeting(title="Ready to go", status="draft")
    client.force_login(publisher)
    form = client.get(change_url(meeting))
    assert 'name="_publish" value="Save and publish"' in form.content.decode() or (
        '<input type="submit" value="Save and publish" name="_publish">' in form.content.decode()
    )
    data = submitted_values(form)
    data.update(title="Ready to go, checked", _publish="Save and publish")

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Ready to go, checked"
    assert meeting.status == Status.PUBLISHED
    latest = Version.objects.get_for_object(meeting).first().revision
    assert latest.user == publisher
    assert latest.comment == "Changed Title and Status."


def test_a_publisher_can_add_a_meeting_and_publish_it_at_once(client, publisher):
    client.force_login(publisher)
    data = submitted_values(client.get(f"{MEETINGS}add/"))
    data.update(title="Added and published", start_date="2023-02-01", countries=["KZ"])

    client.post(f"{MEETINGS}add/", {**data, "_publish": "Save and publish"})

    assert Meeting.objects.get(title="Added and published").status == Status.PUBLISHED


def test_an_editor_neither_sees_nor_can_use_save_and_publish(client, editor):
    meeting = make_meeting(title="Kept back", status="draft")
    client.force_login(editor)
    form = client.get(change_url(meeting))
    assert "Save and publish" not in form.content.decode()
    assert "_publish" not in form.content.decode()
    data = submitted_values(form)
    data.update(title="Kept back, corrected", _publish="Save and publish")

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Kept back, corrected"
    assert meeting.status == Status.DRAFT


def test_a_meeting_from_an_article_starts_as_a_draft_even_for_a_publisher(client, publisher):
    client.force_login(publisher)
    url, form = open_draft(client)
    assert "Save and publish" not in form.content.decode()

    saved = client.post(url, {**submitted_values(form), "_publish": "Save and publish"})

    assert saved.status_code == 302
    assert Meeting.objects.get().status == Status.DRAFT


def country_cells(page: str) -> list[str]:
    return re.findall(r'<td class="field-country_codes">(.*?)</td>', page)


# The session, the user and their two sets of permissions; the choices of the format, decade
# and country filters; the count of rows found and of all rows; the rows; their countries.
CHANGE_LIST_QUERIES = 11


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_meeting_list_shows_countries_at_a_cost_that_does_not_grow_with_rows(
    client, editor, django_assert_num_queries, meetings
):
    for n in range(meetings):
        make_meeting(title=f"Meeting {n}", countries=["UZ", "KG", "KZ"], status="draft")
    client.force_login(editor)

    with django_assert_num_queries(CHANGE_LIST_QUERIES):
        page = client.get(MEETINGS).content.decode()

    assert country_cells(page) == ["KG, KZ, UZ"] * meetings


def test_an_admin_form_refuses_a_character_that_xml_forbids(client, editor):
    meeting = make_meeting(title="Clean title", status="draft")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data.update(title="Vertical\x0btab", summary="Line one\nline\ttwo")

    response = client.post(change_url(meeting), data)

    assert response.status_code == 200
    assert (
        "Remove the invisible character U+000B at position 9: feeds cannot carry it."
        in response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.title == "Clean title"


def test_an_inline_row_refuses_a_character_that_xml_forbids(client, editor):
    meeting = make_meeting(
        title="With a statement",
        status="draft",
        statements=[{"country": "KG", "speaker": None, "text": "Clean.", "topics": []}],
    )
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data.update({"statements-0-text": "Form\x0cfeed", "title": "Retitled"})

    response = client.post(change_url(meeting), data)

    assert "U+000C at position 5" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "With a statement"
    assert list(meeting.statements.values_list("text", flat=True)) == ["Clean."]


def test_a_reference_form_refuses_a_character_that_xml_forbids(client, editor):
    person = Person.objects.create(name="Aibek Osmonov", country_id="KG")
    client.force_login(editor)
    url = f"/admin/meetings/person/{person.pk}/change/"
    data = submitted_values(client.get(url))
    data["name"] = "Aibek\x1fOsmonov"

    response = client.post(url, data)

    assert "U+001F at position 6" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Aibek Osmonov"
