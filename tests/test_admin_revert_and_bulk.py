"""Reverting or recovering a meeting changes that meeting alone, never another meeting's status,
and bulk actions write one revision per meeting, so each meeting's history tells its own story."""

import reversion
from reversion.models import Version

from meetings.models import Meeting, Status
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import make_meeting
from tests.test_admin_roles import run_action


def status_of(meeting) -> str:
    return Meeting.objects.values_list("status", flat=True).get(pk=meeting.pk)


def title_of(meeting) -> str:
    return Meeting.objects.values_list("title", flat=True).get(pk=meeting.pk)


def version_commented(meeting, comment: str) -> Version:
    return Version.objects.get_for_object(meeting).get(revision__comment=comment)


def post_revision_form(client, url: str):
    form = client.get(url)
    assert form.status_code == 200
    return client.post(url, submitted_values(form))


def one_revision_for(*meetings) -> None:
    """Saves the meetings in a single revision, as bulk actions did before each got its own."""
    with reversion.create_revision():
        reversion.set_comment("Saved together")
        for meeting in meetings:
            Meeting.objects.get(pk=meeting.pk).save()


def retitle(client, meeting, title: str) -> None:
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = title
    assert client.post(change_url(meeting), data).status_code == 302


def test_an_editor_reverting_one_published_meeting_leaves_another_in_draft(
    client, editor, publisher
):
    first = make_meeting(title="Published and kept", status="draft")
    second = make_meeting(title="Published, then withdrawn", status="draft")
    client.force_login(publisher)
    run_action(client, "publish", first, second)
    run_action(client, "return_to_draft", second)
    client.force_login(editor)
    published = version_commented(first, "Status set to published")

    response = post_revision_form(client, f"{MEETINGS}{first.pk}/history/{published.pk}/")

    assert response.status_code == 302
    assert status_of(first) == Status.PUBLISHED
    assert status_of(second) == Status.DRAFT


def test_the_publish_action_writes_a_revision_of_its_own_for_each_meeting(client, publisher):
    first = make_meeting(status="draft")
    second = make_meeting(status="draft")
    client.force_login(publisher)

    response = run_action(client, "publish", first, second)

    assert "2 meeting(s) set to published." in response.content.decode()
    revisions = [version_commented(m, "Status set to published").revision for m in (first, second)]
    assert revisions[0] != revisions[1]
    for revision, meeting in zip(revisions, (first, second), strict=True):
        meetings_in_it = revision.version_set.filter(content_type__model="meeting")
        assert list(meetings_in_it.values_list("object_id", flat=True)) == [str(meeting.pk)]
        assert revision.user == publisher


def test_reverting_to_a_revision_shared_with_another_meeting_restores_only_the_one_asked_for(
    client, editor
):
    first = make_meeting(title="First as saved together", status="draft")
    second = make_meeting(title="Second as saved together", status="draft")
    one_revision_for(first, second)
    shared = version_commented(first, "Saved together")
    client.force_login(editor)
    retitle(client, first, "First, retitled")
    retitle(client, second, "Second, retitled")

    response = post_revision_form(client, f"{MEETINGS}{first.pk}/history/{shared.pk}/")

    assert response.status_code == 302
    assert title_of(first) == "First as saved together"
    assert title_of(second) == "Second, retitled"


def test_previewing_a_shared_revision_changes_nothing(client, editor):
    first = make_meeting(title="First as saved together", status="draft")
    second = make_meeting(title="Second as saved together", status="draft")
    one_revision_for(first, second)
    shared = version_commented(first, "Saved together")
    client.force_login(editor)
    retitle(client, first, "First, retitled")

    form = client.get(f"{MEETINGS}{first.pk}/history/{shared.pk}/")

    assert submitted_values(form)["title"] == ["First as saved together"]
    assert title_of(first) == "First, retitled"


def test_an_editor_recovering_a_deleted_draft_leaves_the_meeting_it_was_saved_with_alone(
    client, editor, publisher
):
    deleted = make_meeting(title="Deleted draft", status="draft")
    other = make_meeting(title="Saved alongside", status="draft")
    one_revision_for(deleted, other)
    client.force_login(publisher)
    retitle(client, other, "Withdrawn and retitled")
    client.post(f"{MEETINGS}{deleted.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Meeting).get(object_id=str(deleted.pk))
    assert version.revision.comment == "Saved together"
    client.force_login(editor)

    response = post_revision_form(client, f"{MEETINGS}recover/{version.pk}/")

    assert response.status_code == 302
    assert Meeting.objects.get(title="Deleted draft").status == Status.DRAFT
    assert title_of(other) == "Withdrawn and retitled"


def test_a_revert_restores_the_meetings_own_rows_and_removes_those_added_since(client, editor):
    meeting = make_meeting(
        title="With one source",
        status="draft",
        sources=[{"url": "https://example.org/one", "publisher": "Example"}],
    )
    other = make_meeting(
        status="draft", sources=[{"url": "https://example.org/other", "publisher": "Example"}]
    )
    one_revision_for(meeting, other)
    shared = version_commented(meeting, "Saved together")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data.update(
        {
            "sources-TOTAL_FORMS": "2",
            "sources-1-url": "https://example.org/two",
            "sources-1-publisher": "Example",
            "sources-1-order": "1",
        }
    )
    assert client.post(change_url(meeting), data).status_code == 302
    other.sources.update(url="https://example.org/other-corrected")

    post_revision_form(client, f"{MEETINGS}{meeting.pk}/history/{shared.pk}/")

    assert list(meeting.sources.values_list("url", flat=True)) == ["https://example.org/one"]
    assert list(other.sources.values_list("url", flat=True)) == [
        "https://example.org/other-corrected"
    ]


def test_a_version_of_another_kind_of_row_is_not_found_as_a_meeting_version(client, publisher):
    meeting = make_meeting(status="draft", countries=["KG", "KZ"])
    link = Version.objects.get_for_model(type(meeting.country_links.first())).first()
    client.force_login(publisher)

    assert client.get(f"{MEETINGS}{meeting.pk}/history/{link.pk}/").status_code == 404
    assert client.get(f"{MEETINGS}recover/{link.pk}/").status_code == 404
