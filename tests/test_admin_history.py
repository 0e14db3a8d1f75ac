"""Every admin save is a version in the meeting's history, and reverting to an earlier one
restores the whole record: its fields, inline rows and country and topic links."""

import re
from html import unescape

from reversion.models import Version

from meetings.models import Meeting
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import import_records, make_meeting, rich_record


def revision_url(meeting, version) -> str:
    return f"{MEETINGS}{meeting.pk}/history/{version.pk}/"


def imported_meeting() -> Meeting:
    record = rich_record(status="draft")
    import_records(record)
    return Meeting.objects.get(external_id=record["external_id"])


def snapshot(meeting) -> dict:
    """What an analyst would read of the record, from the database."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    return {
        "title": meeting.title,
        "countries": sorted(meeting.countries.values_list("code", flat=True)),
        "topics": sorted(meeting.topics.values_list("slug", flat=True)),
        "participants": list(meeting.participations.values_list("person__name", flat=True)),
        "documents": [
            (d.title, sorted(d.signatories.values_list("code", flat=True)))
            for d in meeting.documents.all()
        ],
        "statements": [
            (s.text, sorted(s.topics.values_list("slug", flat=True)))
            for s in meeting.statements.all()
        ],
        "sources": list(meeting.sources.values_list("url", flat=True)),
    }


def edit_in_admin(client, meeting) -> None:
    """Retitles the meeting, adds a document, removes a participant, a country and a topic."""
    data = submitted_values(client.get(change_url(meeting)))
    assert data["participations-1-position"] == ["Minister of Foreign Affairs"]
    data.update(
        {
            "title": "Retitled in the admin",
            "countries": ["JP", "KG", "KZ"],
            "topics": [str(meeting.topics.get(slug="transit").pk)],
            "participations-1-DELETE": "on",
            "documents-TOTAL_FORMS": "3",
            "documents-2-title": "Memorandum added later",
            "documents-2-kind": "memorandum",
            "documents-2-signatories": ["KG", "KZ"],
            "documents-2-order": "2",
        }
    )
    response = client.post(change_url(meeting), data)
    assert response.status_code == 302


def history_rows(page: str) -> list[tuple[str, str]]:
    """(user, comment) for each row of the history page's table, oldest first."""
    table = page.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>\s*<td>(.*?)</td>", table, flags=re.S)
    return [(unescape(user).strip(), unescape(comment).strip()) for user, comment in cells]


def revert(client, meeting, version):
    form = client.get(revision_url(meeting, version))
    assert form.status_code == 200
    return client.post(revision_url(meeting, version), submitted_values(form))


def test_it_restores_the_whole_record_when_reverted_to_the_imported_version(client, editor):
    meeting = imported_meeting()
    imported = snapshot(meeting)
    client.force_login(editor)
    edit_in_admin(client, meeting)
    edited = snapshot(meeting)
    assert edited["title"] == "Retitled in the admin"
    assert edited["participants"] == ["Akira Sato"]
    assert edited["documents"][-1] == ("Memorandum added later", ["KG", "KZ"])
    assert edited["countries"] == ["JP", "KG", "KZ"]
    assert edited["topics"] == ["transit"]
    version = Version.objects.get_for_object(meeting).get(revision__comment__startswith="Imported")

    response = revert(client, meeting, version)

    assert response.status_code == 302
    restored = snapshot(meeting)
    assert restored == imported
    assert restored["title"] == "Встреча министров иностранных дел Центральной Азии и Японии"
    assert restored["participants"] == ["Akira Sato", "Aibek Osmonov"]
    assert "Memorandum added later" not in [title for title, _ in restored["documents"]]
    assert restored["countries"] == ["JP", "KG", "KZ", "TJ", "TM", "UZ"]
    assert restored["topics"] == ["e-commerce", "transit"]


def test_it_shows_the_earlier_version_before_reverting_without_changing_anything(client, editor):
    meeting = imported_meeting()
    client.force_login(editor)
    edit_in_admin(client, meeting)
    edited = snapshot(meeting)
    version = Version.objects.get_for_object(meeting).get(revision__comment__startswith="Imported")

    form = client.get(revision_url(meeting, version))

    values = submitted_values(form)
    assert values["title"] == ["Встреча министров иностранных дел Центральной Азии и Японии"]
    assert values["participations-TOTAL_FORMS"] == ["2"]
    assert values["documents-TOTAL_FORMS"] == ["2"]
    assert snapshot(meeting) == edited


def test_it_reverts_a_meeting_that_was_only_imported(client, editor):
    meeting = make_meeting(title="As first imported", countries=["KG", "KZ"], status="draft")
    first = Version.objects.get_for_object(meeting).get()
    record = {
        "external_id": meeting.external_id,
        "title": "As imported again",
        "start_date": "2021-05-12",
        "countries": ["KG", "UZ"],
        "topics": ["transit"],
        "participants": [{"name": "Aibek Osmonov", "country": "KG", "position": "Minister"}],
        "status": "draft",
    }
    import_records(record, origin="second.jsonl")
    assert snapshot(meeting)["participants"] == ["Aibek Osmonov"]
    client.force_login(editor)

    response = revert(client, meeting, first)

    assert response.status_code == 302
    restored = snapshot(meeting)
    assert restored["title"] == "As first imported"
    assert restored["countries"] == ["KG", "KZ"]
    assert restored["topics"] == []
    assert restored["participants"] == []
    history = history_rows(client.get(f"{MEETINGS}{meeting.pk}/history/").content.decode())
    assert [user for user, _ in history] == ["—", "—", "editor"]
    assert history[-1][1].startswith("Reverted to previous version, saved on ")


def test_it_records_every_admin_save_in_the_history_with_the_users_name(client, editor, publisher):
    meeting = make_meeting(title="Kept in history", status="draft")
    client.force_login(editor)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Retitled by the editor"
    client.post(change_url(meeting), data)
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    data["status"] = "published"
    client.post(change_url(meeting), data)

    page = client.get(f"{MEETINGS}{meeting.pk}/history/").content.decode()

    assert history_rows(page) == [
        ("—", "Imported from test.jsonl, line 1"),
        ("editor", "Changed Title."),
        ("publisher", "Changed Status."),
    ]


def test_it_records_a_meeting_added_in_the_admin_in_its_history(client, editor):
    client.force_login(editor)
    data = submitted_values(client.get(f"{MEETINGS}add/"))
    data.update(title="Added by hand", start_date="2023-01-10", countries=["KZ"])
    client.post(f"{MEETINGS}add/", data)
    meeting = Meeting.objects.get(title="Added by hand")

    page = client.get(f"{MEETINGS}{meeting.pk}/history/").content.decode()

    assert history_rows(page) == [("editor", "Added.")]
