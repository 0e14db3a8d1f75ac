"""Editors' changes to published meetings wait for a publisher: the public page, the search and
the stored row keep the published version until a publisher approves; a rejected change is kept
as history; a change overtaken by another save is never applied."""

import re
from html import unescape

from django.test import Client
from reversion.models import Version

from meetings.models import Meeting, PendingChange, Status
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import import_records, make_meeting, meeting_record

QUEUE = f"{MEETINGS}pending/"


def review_url(change) -> str:
    return f"{QUEUE}{change.pk}/"


def public_page(client, meeting) -> str:
    return client.get(f"/meetings/{meeting.slug}/").content.decode()


def found(q: str) -> set[str]:
    return set(Meeting.objects.search(q).values_list("title", flat=True))


def propose_title(client, editor, meeting, title: str, capture):
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = title
    with capture(execute=True):
        response = client.post(change_url(meeting), data)
    client.logout()
    return response


def test_an_editors_change_to_a_published_meeting_waits_and_changes_nothing_public(
    client, editor, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Samarkand summit", status="published")
    token = meeting.lock_token

    response = propose_title(
        client, editor, meeting, "Tashkent summit", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.title, stored.lock_token, stored.status) == (
        "Samarkand summit", token, Status.PUBLISHED,
    )  # fmt: skip
    page = public_page(client, meeting)
    assert "Samarkand summit" in page and "Tashkent" not in page
    assert found("Samarkand") == {"Samarkand summit"}
    assert found("Tashkent") == set()
    change = PendingChange.objects.get()
    assert (change.meeting, change.author, change.state) == (meeting, editor, "pending")
    assert change.record["title"] == "Tashkent summit"
    assert change.base_lock_token == token
    assert Version.objects.get_for_object(meeting).count() == 1  # the import's only


def test_the_editor_is_told_that_the_change_awaits_review(client, editor):
    meeting = make_meeting(title="Bishkek forum", status="published")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Bishkek forum, corrected"

    page = client.post(change_url(meeting), data, follow=True).content.decode()

    assert "Your change to “Bishkek forum” awaits a publisher’s review." in page


def test_a_draft_still_saves_at_once_for_an_editor(client, editor):
    meeting = make_meeting(title="Draft title", status="draft")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Draft title, corrected"

    client.post(change_url(meeting), data)

    assert Meeting.objects.get(pk=meeting.pk).title == "Draft title, corrected"
    assert not PendingChange.objects.exists()


def test_a_publishers_change_to_a_published_meeting_is_public_at_once(client, publisher):
    meeting = make_meeting(title="Astana meeting", status="published")
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Astana meeting, corrected"

    client.post(change_url(meeting), data)

    assert Meeting.objects.get(pk=meeting.pk).title == "Astana meeting, corrected"
    assert not PendingChange.objects.exists()


def queue_titles(page: str, queue_id: str) -> list[str]:
    queue = page.split(f'id="{queue_id}"', 1)[1].split("</div>", 1)[0]
    return [unescape(title) for title in re.findall(r'<td><a href="[^"]+">(.*?)</a>', queue)]


def test_a_publisher_sees_the_change_in_the_queue_with_old_and_new_titles(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Dushanbe <talks>", status="published")
    propose_title(
        client, editor, meeting, "Dushanbe <b>talks</b>", django_capture_on_commit_callbacks
    )
    change = PendingChange.objects.get()
    client.force_login(publisher)

    queue = client.get(QUEUE).content.decode()
    index = client.get("/admin/").content.decode()
    review = client.get(review_url(change)).content.decode()

    assert queue_titles(queue, "pending-changes") == ["Dushanbe <talks>"]
    assert queue_titles(index, "pending-queue") == ["Dushanbe <talks>"]
    assert "<td>editor</td>" in queue
    diff = review.split('id="pending-diff"', 1)[1].split("</table>", 1)[0]
    assert '<tr class="diff-title">' in diff
    assert "<del><pre>Dushanbe &lt;talks&gt;</pre></del>" in diff
    assert "<ins><pre>Dushanbe &lt;b&gt;talks&lt;/b&gt;</pre></ins>" in diff
    assert "diff-countries" not in diff  # only what changes
    assert 'value="Approve and publish"' in review


def test_approving_makes_the_change_public_with_a_revision_naming_both(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Ashgabat summit", status="published")
    propose_title(
        client, editor, meeting, "Ashgabat summit, renamed", django_capture_on_commit_callbacks
    )
    change = PendingChange.objects.get()
    client.force_login(publisher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{review_url(change)}approve/")

    assert response.status_code == 302
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.title == "Ashgabat summit, renamed"
    assert stored.status == Status.PUBLISHED
    assert stored.lock_token != meeting.lock_token
    assert "Ashgabat summit, renamed" in public_page(client, stored)
    assert found("renamed") == {"Ashgabat summit, renamed"}
    revision = Version.objects.get_for_object(meeting).first().revision
    assert revision.user == publisher
    assert revision.comment == "Change by editor, approved by publisher"
    change.refresh_from_db()
    assert (change.state, change.decided_by) == ("approved", publisher)


def test_rejecting_changes_nothing_and_keeps_the_proposal_as_rejected(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Termez talks", status="published")
    propose_title(
        client, editor, meeting, "Termez talks, wrong", django_capture_on_commit_callbacks
    )
    change = PendingChange.objects.get()
    client.force_login(publisher)

    client.post(f"{review_url(change)}reject/")

    assert Meeting.objects.get(pk=meeting.pk).title == "Termez talks"
    assert Version.objects.get_for_object(meeting).count() == 1
    change.refresh_from_db()
    assert (change.state, change.decided_by) == ("rejected", publisher)
    review = client.get(review_url(change)).content.decode()
    assert '<strong id="pending-state">Rejected</strong>' in review
    assert "Termez talks, wrong" in review
    assert "Approve and publish" not in review
    history = client.get(f"{change_url(meeting).removesuffix('change/')}history/")
    assert "Rejected by publisher" in history.content.decode()
    assert queue_titles(client.get(QUEUE).content.decode(), "pending-changes") == []


def test_a_proposal_overtaken_by_another_save_is_refused(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Almaty forum", status="published")
    propose_title(client, editor, meeting, "Almaty forum, late", django_capture_on_commit_callbacks)
    change = PendingChange.objects.get()
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    data["summary"] = "Added by a publisher meanwhile."
    client.post(change_url(meeting), data)

    page = client.post(f"{review_url(change)}approve/", follow=True).content.decode()

    assert "The meeting has been saved since this change was proposed" in page
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.title, stored.summary) == ("Almaty forum", "Added by a publisher meanwhile.")
    change.refresh_from_db()
    assert change.state == "pending"


def test_an_editor_can_neither_open_the_queue_nor_decide(
    client, editor, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Khujand meeting", status="published")
    propose_title(
        client, editor, meeting, "Khujand, self-approved", django_capture_on_commit_callbacks
    )
    change = PendingChange.objects.get()
    client.force_login(editor)

    answers = [
        client.get(QUEUE).status_code,
        client.get(review_url(change)).status_code,
        client.post(f"{review_url(change)}approve/").status_code,
        client.post(f"{review_url(change)}reject/").status_code,
    ]

    assert answers == [403, 403, 403, 403]
    assert Meeting.objects.get(pk=meeting.pk).title == "Khujand meeting"
    assert PendingChange.objects.get().state == "pending"


def test_approve_and_reject_need_the_csrf_token(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Osh meeting", status="published")
    propose_title(
        client, editor, meeting, "Osh meeting, forged", django_capture_on_commit_callbacks
    )
    change = PendingChange.objects.get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(publisher)

    answers = [
        strict.post(f"{review_url(change)}{action}/").status_code
        for action in ("approve", "reject")
    ]

    assert answers == [403, 403]
    assert Meeting.objects.get(pk=meeting.pk).title == "Osh meeting"
    assert PendingChange.objects.get().state == "pending"


def test_an_editors_revert_of_a_published_meeting_also_waits_for_review(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="First title", status="published")
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Second title"
    first = Version.objects.get_for_object(meeting).last()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(meeting), data)
    client.force_login(editor)
    revert_url = f"{change_url(meeting).removesuffix('change/')}history/{first.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(revert_url, submitted_values(client.get(revert_url)))

    assert Meeting.objects.get(pk=meeting.pk).title == "Second title"
    assert found("Second") == {"Second title"}
    assert PendingChange.objects.get().record["title"] == "First title"


def test_an_approved_change_is_an_edit_that_a_later_import_does_not_overwrite(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    record = meeting_record(title="Baku conference", status="published")
    import_records(record)
    meeting = Meeting.objects.get(external_id=record["external_id"])
    propose_title(
        client, editor, meeting, "Baku conference, checked", django_capture_on_commit_callbacks
    )
    client.force_login(publisher)
    client.post(f"{review_url(PendingChange.objects.get())}approve/")

    report = import_records(record)

    assert report.skipped == [record["external_id"]]
    assert Meeting.objects.get(pk=meeting.pk).title == "Baku conference, checked"
