"""The list's facet counts, names and option lists are kept under the register's version: a
second request reuses them, and no draft and no stale count is ever shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Country, Meeting, MeetingCountry, Status
from tests.factories import import_records, make_meeting, meeting_record

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:list")
# Keeps the whole-page cache (meetings.http_cache) out of the way: each request builds its page.
BUILD = {"authorization": "test"}
# The facets (six queries) and the vocabulary (countries, topics, formats).
KEPT_QUERIES = 6 + 3


def counts(client, **params) -> dict[str, dict[str, int]]:
    response = client.get(LIST, params, headers=BUILD)
    assert response.status_code == 200
    found = {
        facet.name: {o.label: o.count for o in [*facet.options, *facet.more, *facet.former]}
        for facet in response.context["facets"]
    }
    found["year"] = {d.label: d.count for d in response.context["decades"]}
    return found


@pytest.fixture
def register():
    import_records(
        meeting_record(title="Bishkek talks", countries=["KG", "KZ"], level="foreign_ministers"),
        meeting_record(title="Astana talks", countries=["KZ", "UZ"], start_date="2015-03-02"),
    )
    return make_meeting(title="Secret draft", countries=["KG", "TJ"], status="draft")


def queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as done:
        assert client.get(LIST, params or {}, headers=BUILD).status_code == 200
    return len(done)


def test_a_second_request_reuses_the_counts_names_and_options(client, register):
    first = queries(client)
    # What is left: the version, the count, the page and the page's countries.
    assert queries(client) == first - KEPT_QUERIES == 4


def test_requests_that_filter_alike_share_one_answer(client, register):
    first = queries(client, {"country": ["KZ", "KG"], "sort": "date"})
    # Another order of the same countries, another sort: the same filtered set.
    assert queries(client, {"country": ["KG", "KZ"]}) == first - KEPT_QUERIES


def test_a_draft_is_never_counted(client, register):
    for params in ({}, {"country": "KG"}, {"q": "talks"}):
        found = counts(client, **params)
        assert "Tajikistan" not in found["country"]
        found = counts(client, **params)  # now from the cache
        assert "Tajikistan" not in found["country"]
    assert counts(client)["country"]["Kyrgyzstan"] == 1


def test_publishing_a_draft_counts_it_at_once(client, register):
    assert counts(client)["country"]["Kyrgyzstan"] == 1
    register.status = Status.PUBLISHED
    register.save()
    found = counts(client)
    assert found["country"]["Kyrgyzstan"] == 2
    assert found["country"]["Tajikistan"] == 1


def test_withdrawing_a_meeting_uncounts_it_at_once(client, register):
    assert counts(client)["country"]["Uzbekistan"] == 1
    Meeting.objects.filter(title="Astana talks").update(status=Status.DRAFT)
    found = counts(client)
    assert "Uzbekistan" not in found["country"]
    assert found["year"] == {"2020s": 1}


def test_a_change_to_a_published_meeting_changes_its_counts_at_once(client, register):
    assert counts(client, country="KZ")["level"] == {"Foreign ministers": 1}
    Meeting.objects.filter(title="Astana talks").update(level="foreign_ministers")
    assert counts(client, country="KZ")["level"] == {"Foreign ministers": 2}
    # Even a link written in plain SQL, past every signal, is seen.
    astana = Meeting.objects.get(title="Astana talks")
    MeetingCountry.objects.bulk_create([MeetingCountry(meeting=astana, country_id="CN")])
    assert counts(client, country="KZ")["country"]["China"] == 1


def test_a_renamed_country_shows_its_new_name_at_once(client, register):
    assert "Kyrgyzstan" in counts(client)["country"]
    Country.objects.filter(code="KG").update(name_en="Kyrgyz Republic")
    found = counts(client)
    assert "Kyrgyz Republic" in found["country"]
    assert "Kyrgyz Republic" in client.get(LIST).content.decode()  # as served, cached


def test_work_on_a_draft_keeps_the_cached_counts(client, register):
    first = queries(client)
    register.title = "Still a secret draft"
    register.save()
    assert queries(client) == first - KEPT_QUERIES
