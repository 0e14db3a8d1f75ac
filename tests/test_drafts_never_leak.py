"""A draft is invisible to the public everywhere: lists, counts, facets, search, its page,
the home page, exports and the feed."""

import pytest
from django.urls import reverse

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
