"""What an import writes into the history: the same versions reversion itself would write."""

from pathlib import Path

import pytest
from django.core import serializers
from reversion.models import Version

from meetings.history import revert_meeting, serialized
from meetings.interchange.importer import import_lines
from meetings.models import Meeting

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _import_real_records(count: int = 40) -> list[Meeting]:
    lines = (FIXTURES / "central-asia.jsonl").read_text(encoding="utf-8").splitlines()[:count]
    import_lines(lines, origin="central-asia.jsonl")
    return list(Meeting.objects.order_by("pk"))


@pytest.mark.django_db
def test_every_imported_version_holds_what_django_serializes_for_its_object():
    _import_real_records()
    versions = list(Version.objects.select_related("content_type"))
    models_seen = {version.content_type.model for version in versions}
    assert {"meeting", "participation", "document", "documentsignatory", "statement"} <= (
        models_seen
    )

    for version in versions:
        obj = version.content_type.get_object_for_this_type(pk=version.object_id)
        assert version.serialized_data == serializers.serialize("json", [obj])
        assert version.object_repr == str(obj)


@pytest.mark.django_db
def test_the_fast_serializer_matches_django_for_dates_nulls_and_text_outside_ascii():
    meeting = _import_real_records(5)[0]
    meeting.end_date = None
    meeting.summary = "Кыргызстан — «договор» ½"

    assert serialized(meeting) == serializers.serialize("json", [meeting])


@pytest.mark.django_db
def test_an_imported_meeting_can_be_restored_from_its_revision():
    meeting = _import_real_records(3)[0]
    revision = Version.objects.get_for_object(meeting).get().revision
    title = meeting.title
    Meeting.objects.filter(pk=meeting.pk).update(title="changed")

    revert_meeting(revision, meeting.pk)

    assert Meeting.objects.get(pk=meeting.pk).title == title
