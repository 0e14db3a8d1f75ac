"""A draft is invisible to the public everywhere: lists, counts, facets, search, its page,
the home page, exports and the feed."""

import pytest
from django.urls import reverse

from meetings.models import Format
from tests.factories import import_records, meeting_record

SECRET = "Zanzibarian"

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_and_published():
    import_records(
        meeting_record(
            external_id="public",
            title="Published consultations",
            countries=["KG", "KZ"],
            topics=["transit"],
        ),
        meeting_record(
            external_id="secret",
            title=f"{SECRET} draft consultations",
            start_date="2023-01-05",
            countries=["KG", "FR"],
            format="C5+1",
            level="heads_of_state",
            topics=["vaccines"],
            documents=[{"title": f"{SECRET} roadmap", "kind": "roadmap"}],
            summary=f"{SECRET} plans.",
            status="draft",
        ),
    )


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("meetings:home", {}),
        ("meetings:list", {}),
        ("meetings:list", {"country": "KG"}),
        ("meetings:list", {"q": SECRET}),
        ("meetings:list", {"q": "consultations"}),
        ("meetings:export_csv", {}),
        ("meetings:export_jsonl", {"country": "KG"}),
        ("meetings:feed", {}),
    ],
)
def test_no_public_page_or_file_mentions_a_draft(client, draft_and_published, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    for text in (f"{SECRET} draft", f"{SECRET} roadmap", f"{SECRET} plans"):
        assert text not in content
    assert "Published consultations" in content or params.get("q") == SECRET


def test_drafts_count_in_no_facet_or_total(client, draft_and_published):
    response = client.get(reverse("meetings:list"), {"country": "KG"})
    labels = {o.label for f in response.context["facets"] for o in f.options}
    assert labels.isdisjoint({"France", "C5+1", "Heads of state", "2023", "Roadmap", "Vaccines"})
    assert response.context["page"].paginator.count == 1
    home = client.get(reverse("meetings:home"))
    assert home.context["totals"].meetings == 1


def test_a_search_for_a_draft_finds_nothing(client, draft_and_published):
    response = client.get(reverse("meetings:list"), {"q": SECRET})
    assert response.context["page"].paginator.count == 0
    assert "No published meeting matches" in response.content.decode()


@pytest.fixture
def names_only_drafts_use():
    import_records(
        meeting_record(
            title="Public water talks", format="Aral council", topics=["glacier-monitoring"]
        ),
        meeting_record(
            title=f"{SECRET} talks",
            format=f"{SECRET} format",
            topics=["zanzibarian-topic"],
            status="draft",
        ),
    )
    return Format.objects.get(name_en=f"{SECRET} format").slug


def test_a_format_or_topic_only_drafts_use_is_not_offered(client, names_only_drafts_use):
    page = client.get(reverse("meetings:list")).content.decode()
    assert SECRET not in page
    assert names_only_drafts_use not in page
    assert "zanzibarian-topic" not in page
    # What published meetings use, and the reference data, still are.
    assert '<option value="aral-council">Aral council</option>' in page
    assert '<option value="glacier-monitoring">Glacier monitoring</option>' in page
    assert '<option value="eu-central-asia">EU–Central Asia</option>' in page
    assert '<option value="energy">Energy</option>' in page


@pytest.mark.parametrize("name", ["meetings:list", "meetings:export_csv", "meetings:feed"])
def test_a_format_or_topic_only_drafts_use_is_as_unknown_as_a_made_up_one(
    client, names_only_drafts_use, name
):
    for parameter, value, made_up in (
        ("format", names_only_drafts_use, "no-such-format"),
        ("topic", "zanzibarian-topic", "no-such-topic"),
    ):
        drafts_only = client.get(reverse(name), {parameter: value})
        unknown = client.get(reverse(name), {parameter: made_up})
        assert drafts_only.status_code == unknown.status_code == 400
        assert f"Unknown {parameter} “{value}”." in drafts_only.content.decode()


def test_a_reference_format_with_no_published_meeting_is_a_valid_empty_filter(client, db):
    response = client.get(reverse("meetings:list"), {"format": "eu-central-asia"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_a_format_or_topic_a_published_meeting_uses_still_filters(client, names_only_drafts_use):
    for parameter, value in (("format", "aral-council"), ("topic", "glacier-monitoring")):
        response = client.get(reverse("meetings:list"), {parameter: value})
        assert [m.title for m in response.context["results"]] == ["Public water talks"]
