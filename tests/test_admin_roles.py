"""Editors enter and correct meetings; only Publishers make them public, revert their status
or delete them."""

from django.contrib.auth.models import Group
from reversion.models import Version

from meetings.models import Meeting, Status
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import make_meeting


def run_action(client, action: str, *meetings):
    data = {"action": action, "index": "0", "_selected_action": [m.pk for m in meetings]}
    return client.post(MEETINGS, data, follow=True)


def versions_of(meeting):
    """The meeting's versions, newest first."""
    return list(Version.objects.get_for_object(meeting).select_related("revision__user"))


def test_it_creates_the_editors_and_publishers_groups_on_migrate(db):
    editors = Group.objects.get(name="Editors")
    publishers = Group.objects.get(name="Publishers")

    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    publisher_codenames = set(publishers.permissions.values_list("codename", flat=True))
    assert {"add_meeting", "change_meeting", "delete_participation"} <= editor_codenames
    assert not {"publish_meeting", "delete_meeting"} & editor_codenames
    assert {"publish_meeting", "delete_meeting", *editor_codenames} <= publisher_codenames


def test_it_saves_a_meeting_added_by_an_editor_as_a_draft(client, editor):
    client.force_login(editor)
    data = submitted_values(client.get(f"{MEETINGS}add/"))
    data.update(title="Встреча в Бишкеке", start_date="2022-03-04", countries=["KG", "TJ"])
    data["status"] = "published"

    response = client.post(f"{MEETINGS}add/", data)

    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Встреча в Бишкеке")
    assert meeting.status == Status.DRAFT
    assert sorted(meeting.countries.values_list("code", flat=True)) == ["KG", "TJ"]


def test_it_lets_an_editor_change_a_meeting(client, editor):
    meeting = make_meeting(title="Old title", status="draft")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Corrected title"

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Corrected title"


def test_it_shows_the_status_to_an_editor_without_a_field_to_change_it(client, editor):
    meeting = make_meeting(status="draft")
    client.force_login(editor)

    response = client.get(change_url(meeting))

    assert "status" not in submitted_values(response)
    assert '<div class="readonly">Draft</div>' in response.content.decode()


def test_it_keeps_a_meeting_draft_when_an_editor_posts_status_published(client, editor):
    meeting = make_meeting(title="Still a draft", status="draft")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data.update(status="published", title="Still a draft, retitled")

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Still a draft, retitled"
    assert meeting.status == Status.DRAFT


def test_it_does_not_offer_the_publish_action_to_an_editor(client, editor):
    make_meeting(status="draft")
    client.force_login(editor)

    page = client.get(MEETINGS).content.decode()

    assert 'value="publish"' not in page
    assert "Publish selected meetings" not in page


def test_it_ignores_the_publish_action_posted_by_an_editor(client, editor):
    meeting = make_meeting(status="draft")
    client.force_login(editor)

    response = run_action(client, "publish", meeting)

    assert "set to published" not in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT


def test_it_refuses_to_let_an_editor_delete_a_meeting(client, editor):
    meeting = make_meeting(status="draft")
    client.force_login(editor)
    delete_url = f"{MEETINGS}{meeting.pk}/delete/"

    change_page = client.get(change_url(meeting)).content.decode()
    confirmation = client.get(delete_url)
    deletion = client.post(delete_url, {"post": "yes"})

    assert delete_url not in change_page
    assert confirmation.status_code == 403
    assert deletion.status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_it_lets_a_publisher_publish_through_the_form(client, publisher):
    meeting = make_meeting(status="draft")
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    assert data["status"] == ["draft"]
    data["status"] = "published"

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    latest = versions_of(meeting)[0].revision
    assert latest.user == publisher
    assert latest.comment == "Changed Status."


def test_it_lets_a_publisher_publish_through_the_action(client, publisher):
    meeting = make_meeting(status="draft")
    client.force_login(publisher)

    response = run_action(client, "publish", meeting)

    assert "1 meeting(s) set to published." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    latest = versions_of(meeting)[0].revision
    assert latest.user == publisher
    assert latest.comment == "Status set to published"


def test_it_refuses_an_editor_a_revert_that_would_change_the_status(client, editor, publisher):
    meeting = make_meeting(status="published")
    imported = versions_of(meeting)[-1]
    client.force_login(publisher)
    run_action(client, "return_to_draft", meeting)
    client.force_login(editor)
    revision_url = f"{MEETINGS}{meeting.pk}/history/{imported.pk}/"

    assert client.get(revision_url).status_code == 403
    assert client.post(revision_url, {}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT


def test_it_lets_an_editor_revert_to_a_version_of_the_same_status(client, editor):
    meeting = make_meeting(title="First draft title", status="draft")
    imported = versions_of(meeting)[-1]
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Second draft title"
    client.post(change_url(meeting), data)
    revision_url = f"{MEETINGS}{meeting.pk}/history/{imported.pk}/"

    response = client.post(revision_url, submitted_values(client.get(revision_url)))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "First draft title"


def test_it_lets_a_publisher_revert_a_meeting_to_another_status(client, publisher):
    meeting = make_meeting(status="published")
    imported = versions_of(meeting)[-1]
    client.force_login(publisher)
    run_action(client, "return_to_draft", meeting)
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT
    revision_url = f"{MEETINGS}{meeting.pk}/history/{imported.pk}/"

    response = client.post(revision_url, submitted_values(client.get(revision_url)))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED


def delete_as(client, publisher, meeting) -> Version:
    """Deletes the meeting as a publisher; returns the version the recover list offers."""
    client.force_login(publisher)
    client.post(f"{MEETINGS}{meeting.pk}/delete/", {"post": "yes"})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    return Version.objects.get_deleted(Meeting).get(object_id=str(meeting.pk))


def test_it_refuses_an_editor_the_recovery_of_a_deleted_published_meeting(
    client, editor, publisher
):
    meeting = make_meeting(title="Deleted while published", status="published")
    version = delete_as(client, publisher, meeting)
    client.force_login(editor)
    recover_url = f"{MEETINGS}recover/{version.pk}/"

    assert client.get(recover_url).status_code == 403
    assert client.post(recover_url, {}).status_code == 403
    assert not Meeting.objects.filter(title="Deleted while published").exists()


def test_it_lets_an_editor_recover_a_deleted_draft(client, editor, publisher):
    meeting = make_meeting(title="Deleted as a draft", status="draft")
    version = delete_as(client, publisher, meeting)
    client.force_login(editor)
    recover_url = f"{MEETINGS}recover/{version.pk}/"

    response = client.post(recover_url, submitted_values(client.get(recover_url)))

    assert response.status_code == 302
    assert Meeting.objects.get(title="Deleted as a draft").status == Status.DRAFT


def test_it_lets_a_publisher_recover_a_deleted_published_meeting(client, publisher):
    meeting = make_meeting(title="Deleted while published", status="published")
    version = delete_as(client, publisher, meeting)
    recover_url = f"{MEETINGS}recover/{version.pk}/"

    response = client.post(recover_url, submitted_values(client.get(recover_url)))

    assert response.status_code == 302
    assert Meeting.objects.get(title="Deleted while published").status == Status.PUBLISHED
