"""Optimistic locking: a change form opened before someone else saved the meeting is refused,
so no editor silently overwrites another's work."""

import pytest
from django.test import Client

from meetings.models import Meeting
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import import_records, make_user, rich_record

STALE = "This meeting was saved by someone else after you opened it"


@pytest.fixture
def record(db) -> dict:
    record = rich_record(status="draft")
    import_records(record)
    return record


@pytest.fixture
def meeting(record) -> Meeting:
    return Meeting.objects.get(external_id=record["external_id"])


@pytest.fixture
def second_editor_client(db) -> Client:
    second = Client()
    second.force_login(make_user("second-editor", group="Editors"))
    return second


def rows_of(meeting) -> dict:
    meeting = Meeting.objects.get(pk=meeting.pk)
    return {
        "title": meeting.title,
        "participants": list(meeting.participations.values_list("person__name", flat=True)),
        "documents": list(meeting.documents.values_list("title", flat=True)),
    }


def test_it_refuses_the_second_of_two_saves_from_forms_opened_together(
    client, editor, second_editor_client, meeting
):
    client.force_login(editor)
    first = submitted_values(client.get(change_url(meeting)))
    second = submitted_values(second_editor_client.get(change_url(meeting)))
    first["title"] = "Saved first"
    assert client.post(change_url(meeting), first).status_code == 302
    second.update(
        {
            "title": "Saved second",
            "participations-1-DELETE": "on",
            "documents-TOTAL_FORMS": "3",
            "documents-2-title": "Added on a stale form",
            "documents-2-kind": "memorandum",
            "documents-2-order": "2",
        }
    )

    response = second_editor_client.post(change_url(meeting), second)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{STALE} (editor, " in page
    assert "Nothing you entered has been saved." in page
    assert rows_of(meeting) == {
        "title": "Saved first",
        "participants": ["Akira Sato", "Aibek Osmonov"],
        "documents": ["Tokyo Declaration", "Action plan on logistics"],
    }


def test_it_refuses_a_stale_form_that_only_changes_inline_rows(
    client, editor, second_editor_client, meeting
):
    client.force_login(editor)
    first = submitted_values(client.get(change_url(meeting)))
    second = submitted_values(second_editor_client.get(change_url(meeting)))
    first["participations-0-DELETE"] = "on"
    assert client.post(change_url(meeting), first).status_code == 302
    second["documents-0-title"] = "Renamed on a stale form"

    response = second_editor_client.post(change_url(meeting), second)

    assert STALE in response.content.decode()
    assert rows_of(meeting)["participants"] == ["Aibek Osmonov"]
    assert rows_of(meeting)["documents"] == ["Tokyo Declaration", "Action plan on logistics"]


def test_it_saves_from_a_form_opened_again_after_the_refusal(
    client, editor, second_editor_client, meeting
):
    client.force_login(editor)
    first = submitted_values(client.get(change_url(meeting)))
    second = submitted_values(second_editor_client.get(change_url(meeting)))
    first["title"] = "Saved first"
    client.post(change_url(meeting), first)
    second["title"] = "Saved second"
    assert STALE in second_editor_client.post(change_url(meeting), second).content.decode()

    reopened = submitted_values(second_editor_client.get(change_url(meeting)))
    assert reopened["title"] == ["Saved first"]
    reopened["title"] = "Saved second, after reopening"
    response = second_editor_client.post(change_url(meeting), reopened)

    assert response.status_code == 302
    assert rows_of(meeting)["title"] == "Saved second, after reopening"


def test_it_lets_an_editor_keep_saving_from_the_page_a_save_returns(client, editor, meeting):
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data.update(title="First save", _continue="Save and continue editing")
    returned = client.post(change_url(meeting), data, follow=True)

    data = submitted_values(returned)
    data["title"] = "Second save"
    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    assert rows_of(meeting)["title"] == "Second save"


def test_it_treats_a_form_opened_before_an_import_as_stale(client, editor, record, meeting):
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    import_records({**record, "title": "Updated by the import"}, origin="update.jsonl")
    data["title"] = "Typed in the stale form"

    response = client.post(change_url(meeting), data)

    assert response.status_code == 200
    assert f"{STALE} (an import, " in response.content.decode()
    assert rows_of(meeting) == {
        "title": "Updated by the import",
        "participants": ["Akira Sato", "Aibek Osmonov"],
        "documents": ["Tokyo Declaration", "Action plan on logistics"],
    }


def test_it_treats_a_form_opened_before_a_status_change_as_stale(
    client, publisher, record, meeting
):
    other_publisher = Client()
    other_publisher.force_login(make_user("other-publisher", group="Publishers"))
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    assert data["status"] == ["draft"]
    other_publisher.post(
        MEETINGS, {"action": "publish", "index": "0", "_selected_action": meeting.pk}
    )
    data["title"] = "Typed before the status changed"

    response = client.post(change_url(meeting), data)

    assert f"{STALE} (other-publisher, " in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == (record["title"], "published")
