"""The register's version goes up with every write, however it is made, so that answers
cached under it are never served after a change."""

import pytest
from django.db import connection

from meetings.analysis.cache import cached, register_version
from meetings.models import Country, Meeting, Status
from tests.factories import import_records, make_meeting, meeting_record

pytestmark = pytest.mark.django_db


def test_an_import_raises_the_version():
    before = register_version()
    import_records(meeting_record())
    assert register_version() > before


def test_a_queryset_update_raises_the_version():
    meeting = make_meeting(status="draft")
    before = register_version()
    Meeting.objects.filter(pk=meeting.pk).update(status=Status.PUBLISHED)
    assert register_version() > before


def test_deleting_a_part_raises_the_version():
    meeting = make_meeting(countries=["KG", "KZ", "CN"])
    before = register_version()
    meeting.country_links.filter(country_id="CN").delete()
    assert register_version() > before


def test_plain_sql_raises_the_version():
    before = register_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_country SET name_en = name_en WHERE code = 'KG'")
    assert register_version() > before


def test_renaming_a_country_raises_the_version():
    before = register_version()
    Country.objects.filter(code="KG").update(name_en="Kyrgyz Republic")
    assert register_version() > before


def test_a_cached_answer_is_computed_again_after_a_write():
    calls = []

    def count_published():
        calls.append(1)
        return Meeting.objects.published().count()

    assert cached("published", count_published) == 0
    assert cached("published", count_published) == 0
    assert len(calls) == 1
    make_meeting()
    assert cached("published", count_published) == 1
    assert len(calls) == 2


def test_publishing_a_draft_is_seen_at_once():
    draft = make_meeting(status="draft")
    assert cached("n", lambda: Meeting.objects.published().count()) == 0
    draft.status = Status.PUBLISHED
    draft.save(update_fields=["status"])
    assert cached("n", lambda: Meeting.objects.published().count()) == 1


def test_work_on_a_draft_leaves_the_version_alone():
    draft = make_meeting(status="draft", countries=["KG", "KZ"])
    before = register_version()
    draft.title = "Renamed draft"
    draft.save()
    draft.country_links.filter(country_id="KZ").delete()
    draft.documents.create(title="Draft memorandum", kind="memorandum")
    draft.delete()
    assert register_version() == before


def test_withdrawing_a_published_meeting_raises_the_version():
    meeting = make_meeting()
    before = register_version()
    Meeting.objects.filter(pk=meeting.pk).update(status=Status.DRAFT)
    assert register_version() > before


def test_a_signatory_or_statement_topic_of_a_published_meeting_raises_the_version():
    meeting = make_meeting(
        documents=[{"title": "Joint statement", "kind": "joint_statement", "signatories": ["KG"]}],
        statements=[{"country": "KG", "text": "Spoke on transit.", "topics": ["transit"]}],
    )
    before = register_version()
    meeting.documents.get().signatory_links.create(country_id="KZ")
    middle = register_version()
    assert middle > before
    meeting.statements.get().topic_links.all().delete()
    assert register_version() > middle


def test_deleting_a_published_meeting_raises_the_version():
    meeting = make_meeting()
    before = register_version()
    meeting.delete()
    assert register_version() > before


def _memorandum(status: str):
    meeting = make_meeting(
        status=status,
        documents=[{"title": "Memorandum", "kind": "memorandum", "signatories": ["KG"]}],
    )
    return meeting.documents.get()


def _sign_together(*documents) -> None:
    """One INSERT statement adding Kazakhstan's signature to every document given."""
    ids = [document.pk for document in documents]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO meetings_documentsignatory (document_id, country_id) "
            f"SELECT id, 'KZ' FROM meetings_document WHERE id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )


def test_one_statement_writing_to_drafts_and_a_published_meeting_raises_the_version():
    drafts = [_memorandum("draft") for _ in range(3)]
    published = _memorandum("published")
    before = register_version()
    _sign_together(*drafts, published)
    assert register_version() > before


def test_one_statement_writing_only_to_drafts_leaves_the_version_alone():
    drafts = [_memorandum("draft") for _ in range(3)]
    before = register_version()
    _sign_together(*drafts)
    assert register_version() == before
