"""The list's facet counts, names, option lists, rendered facets and the ids of its first
pages are kept under the register's version: a second request reuses them, and no draft and no
stale count is ever shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import listing
from meetings.analysis.cache import register_version
from meetings.listing import Results
from meetings.models import Country, Meeting, MeetingCountry, Status
from meetings.views import browse
from tests.factories import import_records, make_meeting, meeting_record

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:list")
# Keeps the whole-page cache (meetings.http_cache) out of the way: each request builds its page.
BUILD = {"authorization": "test"}
# The facets (one query) and the vocabulary (countries, topics, formats), shared by every
# request that filters alike; the ids of the first pages, in the list's order; and the
# countries of the page's result lines.
SHARED_QUERIES = 1 + 3
KEPT_QUERIES = SHARED_QUERIES + 1 + 1


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
    # What is left: the version and the page's meetings.
    assert queries(client) == first - KEPT_QUERIES == 2


def test_requests_that_filter_alike_share_one_answer(client, register):
    first = queries(client, {"country": ["KZ", "KG"], "sort": "date"})
    # Another order of the same countries, another sort: the same filtered set, in another
    # order, whose ids are read once (its lines are kept already).
    assert queries(client, {"country": ["KG", "KZ"]}) == first - SHARED_QUERIES - 1


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


def titles(client, **params) -> list[str]:
    response = client.get(LIST, params, headers=BUILD)
    assert response.status_code == 200
    return [meeting.title for meeting in response.context["results"]]


def test_publishing_a_draft_lists_it_at_once(client, register):
    assert titles(client) == ["Bishkek talks", "Astana talks"]
    register.status = Status.PUBLISHED
    register.save()
    assert titles(client) == ["Secret draft", "Bishkek talks", "Astana talks"]


def test_a_withdrawn_meeting_leaves_the_list_at_once(client, register):
    assert "Astana talks" in titles(client, q="talks")
    Meeting.objects.filter(title="Astana talks").update(status=Status.DRAFT)
    assert titles(client, q="talks") == ["Bishkek talks"]
    assert titles(client) == ["Bishkek talks"]


def test_a_changed_meeting_shows_its_new_line_at_once(client, register):
    assert "Bishkek talks" in client.get(LIST, headers=BUILD).content.decode()
    Meeting.objects.filter(title="Bishkek talks").update(title="Talks in Bishkek", city="Bishkek")
    page = client.get(LIST, headers=BUILD).content.decode()
    assert "Talks in Bishkek" in page
    assert "Bishkek talks" not in page


def test_a_renamed_country_shows_its_new_name_on_every_line(client, register):
    chip = '<a class="chip" href="/countries/KG/" title="Кыргызстан">{}</a>'
    assert chip.format("Kyrgyzstan") in client.get(LIST, headers=BUILD).content.decode()
    Country.objects.filter(code="KG").update(name_en="Kyrgyz Republic")
    page = client.get(LIST, headers=BUILD).content.decode()
    assert chip.format("Kyrgyz Republic") in page
    assert chip.format("Kyrgyzstan") not in page


def test_a_meeting_withdrawn_after_its_ids_were_kept_is_left_out(register):
    # A request that read the version just before a withdrawal reads the ids kept under it;
    # the page's meetings themselves are read when the page is, published only.
    version = register_version()
    ordered = Meeting.objects.published().order_by("-start_date", "-pk")
    assert [m.title for m in Results(ordered, 2, version)[0:20]] == [
        "Bishkek talks",
        "Astana talks",
    ]
    Meeting.objects.filter(title="Astana talks").update(status=Status.DRAFT)
    assert [m.title for m in Results(ordered, 2, version)[0:20]] == ["Bishkek talks"]


def test_pages_past_the_kept_ids_come_in_the_same_order(client, register, monkeypatch):
    import_records(
        *(meeting_record(title=f"Talks {n}", start_date=f"2019-0{n}-01") for n in range(1, 6))
    )
    monkeypatch.setattr(browse, "PAGE_SIZE", 2)
    monkeypatch.setattr(listing, "KEPT_IDS", 3)
    paged = [title for page in (1, 2, 3, 4) for title in titles(client, sort="date", page=page)]
    oldest_first = Meeting.objects.published().order_by("start_date", "pk")
    assert paged == list(oldest_first.values_list("title", flat=True))
    assert len(paged) == 7


def test_each_language_and_query_has_its_own_facets(client, register):
    english = client.get(LIST, {"sort": "date"}, headers=BUILD).content.decode()
    assert '<h3 id="facet-country">Countries</h3>' in english
    assert "?sort=date&amp;country=KG" in english
    russian = client.get(
        LIST, {"sort": "date"}, headers={**BUILD, "accept-language": "ru"}
    ).content.decode()
    assert '<h3 id="facet-country">Countries</h3>' not in russian
    plain = client.get(LIST, headers=BUILD).content.decode()
    assert "?country=KG" in plain
    assert "sort=date" not in plain
