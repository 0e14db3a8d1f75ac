"""Public pages carry an ETag and Cache-Control, are kept between requests under the register's
version, and never outlive a publish, a withdrawal or an edit of what they show."""

import pytest
from django.urls import reverse

from meetings.http_cache import HIT_HEADER
from meetings.models import Meeting, Status
from tests.factories import make_meeting, make_user

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:list")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True  # off for the other tests (pyproject.toml)


@pytest.fixture
def published():
    return make_meeting(title="Bishkek talks on transit", countries=["KG", "KZ"])


@pytest.fixture
def draft():
    return make_meeting(title="Secret draft on water", countries=["KG", "TJ"], status="draft")


def test_a_public_page_has_an_etag_and_must_be_revalidated(client, published):
    response = client.get(LIST)
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == "public, no-cache"


def test_the_second_request_is_served_from_the_cache_with_one_query(
    client, published, django_assert_num_queries
):
    first = client.get(reverse("meetings:detail", args=[published.slug]))
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(1):  # the register's version
        second = client.get(reverse("meetings:detail", args=[published.slug]))
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_client_holding_the_page_gets_a_304(client, published, django_assert_num_queries):
    etag = client.get(LIST)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(LIST, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_publishing_changes_the_etag_and_the_page_at_once(client, published, draft):
    before = client.get(LIST)
    assert "Secret draft" not in before.content.decode()
    draft.status = Status.PUBLISHED
    draft.save()
    response = client.get(LIST, headers={"if-none-match": before["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != before["ETag"]
    assert "Secret draft" in response.content.decode()


def test_withdrawing_a_meeting_takes_its_page_down_at_once(client, published):
    url = reverse("meetings:detail", args=[published.slug])
    assert client.get(url).status_code == 200
    assert client.get(url)[HIT_HEADER] == "hit"
    Meeting.objects.filter(pk=published.pk).update(status=Status.DRAFT)
    assert client.get(url).status_code == 404
    assert "Bishkek talks" not in client.get(LIST).content.decode()


def test_an_edit_of_a_published_meeting_shows_at_once(client, published):
    url = reverse("meetings:detail", args=[published.slug])
    client.get(url)
    Meeting.objects.filter(pk=published.pk).update(title="Bishkek talks on railways")
    assert "on railways" in client.get(url).content.decode()


def test_work_on_a_draft_keeps_the_public_pages(client, published, draft):
    etag = client.get(LIST)["ETag"]
    draft.title = "Another secret"
    draft.save()
    assert client.get(LIST, headers={"if-none-match": etag}).status_code == 304


def test_a_signed_in_editor_neither_reads_nor_fills_the_cache(client, published):
    client.force_login(make_user("alice", "Publishers"))
    response = client.get(LIST)
    assert HIT_HEADER not in response
    assert "public" not in response.get("Cache-Control", "")


def test_other_queries_are_other_pages(client, published):
    client.get(LIST, {"q": "transit"})
    response = client.get(LIST, {"q": "water"})
    assert response[HIT_HEADER] == "miss"
    assert "Bishkek talks" not in response.content.decode()


def test_errors_and_streamed_exports_are_not_kept(client, published):
    assert HIT_HEADER not in client.get("/meetings/no-such-meeting/")
    export = client.get(reverse("meetings:export_csv"))
    assert export.streaming
    assert HIT_HEADER not in export
    assert HIT_HEADER not in client.get(LIST, {"year": "not-a-year"})


def test_each_language_is_its_own_page(client, published):
    english = client.get(LIST, headers={"accept-language": "en"})
    russian = client.get(LIST, headers={"accept-language": "ru"})
    assert russian["ETag"] != english["ETag"]
    assert russian[HIT_HEADER] == "miss"
    again = client.get(LIST, headers={"accept-language": "ru"})
    assert again[HIT_HEADER] == "hit"
    assert again.content == russian.content
    assert again.get("Content-Language") == russian.get("Content-Language")


def test_page_cache_off_builds_every_page(client, published, settings):
    settings.PAGE_CACHE = False
    client.get(LIST)
    response = client.get(LIST)
    assert HIT_HEADER not in response
    assert response.context is not None
