"""The database itself refuses records that break the register's rules, whatever wrote them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from meetings.models import (
    Country,
    CountryAlias,
    Document,
    DocumentKind,
    Meeting,
    MeetingCountry,
)
from tests.factories import make_meeting

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


def refused_update(meeting: Meeting, **fields) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(**fields)


def accepted_update(meeting: Meeting, **fields) -> None:
    assert Meeting.objects.filter(pk=meeting.pk).update(**fields) == 1


def test_it_refuses_a_meeting_that_ends_before_it_starts():
    meeting = make_meeting(start_date="2021-05-12")

    refused_update(meeting, end_date=meeting.start_date - ONE_DAY)

    meeting.refresh_from_db()
    assert meeting.end_date is None


def test_it_accepts_a_meeting_that_ends_on_the_day_it_starts_or_later():
    meeting = make_meeting(start_date="2021-05-12")

    accepted_update(meeting, end_date=meeting.start_date)
    accepted_update(meeting, end_date=meeting.start_date + ONE_DAY)


def test_it_refuses_edition_zero():
    meeting = make_meeting()

    refused_update(meeting, edition=0)
    accepted_update(meeting, edition=1)


@pytest.mark.parametrize("level", ["emperors", "Foreign ministers", "FOREIGN_MINISTERS"])
def test_it_refuses_an_unknown_level(level):
    meeting = make_meeting(level="foreign_ministers")

    refused_update(meeting, level=level)

    meeting.refresh_from_db()
    assert meeting.level == "foreign_ministers"


def test_it_accepts_a_meeting_without_a_level():
    meeting = make_meeting(level="foreign_ministers")

    accepted_update(meeting, level="")


@pytest.mark.parametrize("status", ["archived", "", "Published"])
def test_it_refuses_an_unknown_status(status):
    meeting = make_meeting(status="draft")

    refused_update(meeting, status=status)

    meeting.refresh_from_db()
    assert meeting.status == "draft"


def test_it_refuses_an_unknown_document_kind():
    meeting = make_meeting(
        documents=[{"title": "Xi'an Declaration", "kind": "declaration", "signatories": ["KG"]}]
    )
    document = meeting.documents.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(kind="press_release")

    document.refresh_from_db()
    assert document.kind == DocumentKind.DECLARATION


def test_it_refuses_two_meetings_with_the_same_slug():
    first, second = make_meeting(), make_meeting()

    refused_update(second, slug=first.slug)


def test_it_refuses_two_meetings_with_the_same_external_id():
    first, second = make_meeting(), make_meeting()

    refused_update(second, external_id=first.external_id)


def test_it_refuses_the_same_alias_twice_for_one_country():
    CountryAlias.objects.create(country_id="KG", name="Kyrgyz land")

    with pytest.raises(IntegrityError), transaction.atomic():
        CountryAlias.objects.create(country_id="KG", name="Kyrgyz land")

    assert CountryAlias.objects.filter(country_id="KG", name="Kyrgyz land").count() == 1


def test_it_lets_two_countries_share_an_alias():
    # "Korea" is said of both Koreas; the rule is one alias per country, not one country per alias.
    CountryAlias.objects.create(country_id="KP", name="Korea")

    assert set(Country.objects.filter(aliases__name="Korea").values_list("code", flat=True)) == {
        "KP",
        "KR",
    }


def test_it_refuses_to_link_the_same_country_twice_to_a_meeting():
    meeting = make_meeting(countries=["KG", "KZ"])

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingCountry.objects.create(meeting=meeting, country_id="KG")

    assert meeting.country_links.filter(country_id="KG").count() == 1
