"""Reference data a meeting uses (countries, topics, formats) cannot be deleted from under it."""

import pytest
from django.db.models import ProtectedError

from meetings.models import Country, Format, Topic
from tests.factories import make_meeting

PROTECTED = "would require deleting the following protected related objects"


def test_it_refuses_to_delete_a_country_a_meeting_includes(db):
    meeting = make_meeting(countries=["IS", "NO"])

    with pytest.raises(ProtectedError):
        Country.objects.get(code="IS").delete()

    assert sorted(meeting.countries.values_list("code", flat=True)) == ["IS", "NO"]


def test_it_refuses_to_delete_a_country_that_hosted_a_meeting(db):
    meeting = make_meeting(host_country="NZ", countries=["KG"])

    with pytest.raises(ProtectedError):
        Country.objects.get(code="NZ").delete()

    meeting.refresh_from_db()
    assert meeting.host_country_id == "NZ"


def test_it_refuses_to_delete_a_country_that_signed_a_document(db):
    meeting = make_meeting(
        countries=["KG"],
        documents=[{"title": "Accord", "kind": "agreement", "signatories": ["CL"]}],
    )

    with pytest.raises(ProtectedError):
        Country.objects.get(code="CL").delete()

    assert list(meeting.documents.get().signatories.values_list("code", flat=True)) == ["CL"]


def test_it_refuses_to_delete_a_topic_a_meeting_is_about(db):
    meeting = make_meeting(topics=["aral-sea"])

    with pytest.raises(ProtectedError):
        Topic.objects.get(slug="aral-sea").delete()

    assert list(meeting.topics.values_list("slug", flat=True)) == ["aral-sea"]


def test_it_refuses_to_delete_a_topic_a_statement_is_about(db):
    meeting = make_meeting(statements=[{"country": "KG", "text": "On youth.", "topics": ["youth"]}])

    with pytest.raises(ProtectedError):
        Topic.objects.get(slug="youth").delete()

    assert list(meeting.statements.get().topics.values_list("slug", flat=True)) == ["youth"]


def test_it_refuses_to_delete_a_format_with_meetings(db):
    meeting = make_meeting(format="Central Asia–Japan")

    with pytest.raises(ProtectedError):
        Format.objects.get(slug="central-asia-japan").delete()

    meeting.refresh_from_db()
    assert meeting.format.name_en == "Central Asia–Japan"


def test_it_deletes_a_country_no_meeting_uses(db):
    make_meeting(countries=["KG"])

    Country.objects.get(code="MX").delete()

    assert not Country.objects.filter(code="MX").exists()


def test_it_deletes_a_topic_no_meeting_uses(db):
    make_meeting(topics=["aral-sea"])

    Topic.objects.get(slug="sport").delete()

    assert not Topic.objects.filter(slug="sport").exists()


def test_it_deletes_a_format_no_meeting_uses(db):
    make_meeting(format="Central Asia–Japan")

    Format.objects.get(slug="central-asia-gcc").delete()

    assert not Format.objects.filter(slug="central-asia-gcc").exists()


def refused_deletion(client, user, url) -> str:
    """Opens the delete confirmation, confirms it anyway, and returns what the admin answered."""
    client.force_login(user)
    confirmation = client.get(url).content.decode()
    assert "Cannot delete" in confirmation
    assert PROTECTED in confirmation
    assert "Yes, I’m sure" not in confirmation
    return client.post(url, {"post": "yes"}).content.decode()


def test_it_tells_a_superuser_that_a_country_in_use_cannot_be_deleted(client, admin_user):
    meeting = make_meeting(title="Reykjavik talks", countries=["IS", "KG"])

    answer = refused_deletion(client, admin_user, "/admin/meetings/country/IS/delete/")

    assert PROTECTED in answer
    assert Country.objects.filter(code="IS").exists()
    assert sorted(meeting.countries.values_list("code", flat=True)) == ["IS", "KG"]


def test_it_tells_a_superuser_that_a_topic_in_use_cannot_be_deleted(client, admin_user):
    meeting = make_meeting(topics=["aral-sea"])
    topic = Topic.objects.get(slug="aral-sea")

    answer = refused_deletion(client, admin_user, f"/admin/meetings/topic/{topic.pk}/delete/")

    assert PROTECTED in answer
    assert list(meeting.topics.all()) == [topic]


def test_it_tells_a_superuser_that_a_format_in_use_cannot_be_deleted(client, admin_user):
    meeting = make_meeting(format="Central Asia–Japan")
    fmt = Format.objects.get(slug="central-asia-japan")

    answer = refused_deletion(client, admin_user, f"/admin/meetings/format/{fmt.pk}/delete/")

    assert PROTECTED in answer
    meeting.refresh_from_db()
    assert meeting.format == fmt


def test_it_lets_a_superuser_delete_a_country_no_meeting_uses(client, admin_user):
    make_meeting(countries=["KG"])
    client.force_login(admin_user)
    url = "/admin/meetings/country/MX/delete/"
    assert "Yes, I’m sure" in client.get(url).content.decode()

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Country.objects.filter(code="MX").exists()
