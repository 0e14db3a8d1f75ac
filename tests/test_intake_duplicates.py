"""An article about a meeting the register already holds: the draft names the candidates,
Save waits for the editor's choice between attaching the article and a new meeting, and an
article already among a meeting's sources is never attached twice."""

import datetime
from pathlib import Path

import pytest
from reversion.models import Version

from meetings.intake.duplicates import Traits, find_candidates, same_source
from meetings.interchange.importer import import_lines
from meetings.models import Format, Meeting, PendingChange, Source
from meetings.moderation import approve
from tests.admin_pages import change_url, submitted_values
from tests.factories import make_meeting, make_user
from tests.shared_seed import seed_article
from tests.test_intake_admin import (
    ARTICLE,
    ARTICLE_DATE,
    ARTICLE_URL,
    XIAN,
    counts,
    full_extraction,
    open_draft,
    page_of,
)

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.jsonl"
SEED_ARTICLE = seed_article()
CHOOSE_FIRST = "This article may describe a meeting already in the register. Choose"


@pytest.fixture
def stub_extraction(monkeypatch):
    """Replaces the engine by a fixed extraction."""

    def install(extraction):
        monkeypatch.setattr("meetings.intake.forms.run_extraction", lambda text, **kw: extraction)

    return install


def save_draft(client, url, response, choice: str | None = None, **changes):
    """Presses Save on the draft, with the duplicate choice an editor made, if any."""
    values = submitted_values(response)
    if choice is not None:
        values["intake-choice"] = [choice]
    values.update({name: [value] for name, value in changes.items()})
    return client.post(url, values)


# Naming the candidates


def test_it_names_a_meeting_two_days_away_that_shares_countries(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    near = make_meeting(title="Встреча в Сиане", start_date="2021-05-14", countries=["KG", "UZ"])
    make_meeting(title="Ten days later", start_date="2021-05-22", countries=["KG", "KZ"])
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    page = page_of(response)
    assert "may describe a meeting already in the register" in page
    assert "Встреча в Сиане" in page
    assert f'href="{change_url(near)}"' in page
    assert "2 days apart; shares KG" in page
    assert "Ten days later" not in page
    assert f'name="intake-choice" value="attach-{near.pk}"' in page
    assert 'name="intake-choice" value="new"' in page
    # Nothing is chosen for the editor, and the choice is part of the form Save submits.
    assert "intake-choice" not in submitted_values(response)
    form = page.split('id="meeting_form"', 1)[1].split("</form>", 1)[0]
    assert 'name="intake-choice"' in form


def test_it_says_nothing_of_duplicates_when_none_resembles(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    make_meeting(title="Ten days later", start_date="2021-05-22", countries=["KG", "KZ"])
    make_meeting(title="Host only", start_date="2021-05-12", countries=["CN"])
    client.force_login(editor)

    url, response = open_draft(client, XIAN)

    assert "may describe a meeting already in the register" not in page_of(response)
    assert 'name="intake-choice"' not in page_of(response)
    assert save_draft(client, url, response).status_code == 302
    assert Meeting.objects.filter(city="Xi'an").exists()


# Save asks for a choice


def test_it_does_not_save_a_possible_duplicate_until_the_editor_chooses(client, editor):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    client.force_login(editor)
    url, response = open_draft(client)
    before = counts()

    again = save_draft(client, url, response, title="Corrected title")

    assert again.status_code == 200
    page = page_of(again)
    assert CHOOSE_FIRST in page
    assert "Choose a meeting to attach the article to, or a new one." in page
    assert 'class="module intake-duplicates errors"' in page
    assert counts() == before
    assert held.sources.count() == 0
    # The editor's corrections survive the refusal.
    assert submitted_values(again)["title"] == ["Corrected title"]


def test_it_saves_a_new_meeting_when_the_editor_says_none_of_these(client, editor):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    client.force_login(editor)
    url, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar")

    saved = save_draft(client, url, response, choice="new")

    assert saved.status_code == 302
    new = Meeting.objects.exclude(pk=held.pk).get()
    assert str(new.start_date) == ARTICLE_DATE
    assert new.sources.get().url == ARTICLE_URL
    assert held.sources.count() == 0


def test_it_attaches_the_article_when_the_editor_chooses_the_meeting_held(client, publisher):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    token = held.lock_token
    client.force_login(publisher)
    url, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar", published=ARTICLE_DATE)
    before = counts()

    attached = save_draft(client, url, response, choice=f"attach-{held.pk}", title="Ignored")

    assert attached.status_code == 302
    assert attached["Location"] == change_url(held)
    shown = client.get(attached["Location"])
    assert "The article was added to the sources of “Held”." in page_of(shown)
    assert Meeting.objects.count() == before["meetings"]
    held.refresh_from_db()
    source = held.sources.get()
    assert (source.url, source.publisher, str(source.published)) == (
        ARTICLE_URL,
        "Kabar",
        ARTICLE_DATE,
    )
    assert source.text == ARTICLE.strip()
    assert held.lock_token != token
    assert (held.title, held.status) == ("Held", "published")
    latest = Version.objects.get_for_object(held).select_related("revision__user").first()
    assert latest.revision.comment.startswith("Article attached as a source")
    assert latest.revision.user == publisher
    # The draft is done with.
    assert client.get(url)["Location"].endswith("/intake/")


def test_an_editor_who_may_not_publish_sends_the_attachment_for_review(client, editor):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    client.force_login(editor)
    url, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar", published=ARTICLE_DATE)

    attached = save_draft(client, url, response, choice=f"attach-{held.pk}")

    assert attached.status_code == 302
    assert "awaits a publisher’s review" in page_of(client.get(attached["Location"]))
    assert not held.sources.exists(), "the published meeting keeps its sources until approved"
    change = PendingChange.objects.get(meeting=held)
    assert change.author == editor
    assert [source["url"] for source in change.record["sources"]] == [ARTICLE_URL]
    assert change.record["title"] == "Held"

    approve(change.pk, make_user("chief", group="Publishers"))
    assert [source.url for source in held.sources.all()] == [ARTICLE_URL]


def test_it_attaches_even_a_draft_the_form_would_refuse(client, publisher):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    client.force_login(publisher)
    url, response = open_draft(client)

    attached = save_draft(client, url, response, choice=f"attach-{held.pk}", title="")

    assert attached["Location"] == change_url(held)
    assert held.sources.count() == 1


def test_it_refuses_to_attach_to_a_meeting_it_did_not_offer(client, publisher):
    make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    elsewhere = make_meeting(title="Elsewhere", start_date="2019-01-01", countries=["FR"])
    client.force_login(publisher)
    url, response = open_draft(client)
    before = counts()

    again = save_draft(client, url, response, choice=f"attach-{elsewhere.pk}")

    assert again.status_code == 200
    assert CHOOSE_FIRST in page_of(again)
    assert counts() == before


def test_it_appends_the_article_after_the_sources_held(client, publisher):
    held = make_meeting(
        start_date="2022-06-08",
        countries=["KG", "KZ"],
        sources=[{"publisher": "Xinhua", "url": "https://example.org/xinhua"}],
    )
    client.force_login(publisher)
    url, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar")

    save_draft(client, url, response, choice=f"attach-{held.pk}")

    assert list(held.sources.values_list("publisher", "order")) == [("Xinhua", 0), ("Kabar", 1)]


def test_it_makes_a_change_form_opened_before_the_attachment_stale(client, publisher):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    client.force_login(publisher)
    opened = submitted_values(client.get(change_url(held)))
    url, response = open_draft(client)
    save_draft(client, url, response, choice=f"attach-{held.pk}")
    opened["title"] = "Edited on an old form"

    response = client.post(change_url(held), opened)

    assert response.status_code == 200
    assert "saved by someone else after you opened it" in page_of(response)
    assert held.sources.count() == 1


# The same source is never attached twice


def test_it_does_not_attach_the_same_address_twice(client, publisher):
    held = make_meeting(
        start_date="2022-06-08",
        countries=["KG", "KZ"],
        sources=[{"publisher": "Kabar", "url": ARTICLE_URL}],
    )
    client.force_login(publisher)
    url, response = open_draft(client, url=ARTICLE_URL.replace("https://", "http://www."))

    attached = save_draft(client, url, response, choice=f"attach-{held.pk}")

    shown = client.get(attached["Location"])
    assert "already a source of this meeting" in page_of(shown)
    assert held.sources.count() == 1


def test_it_does_not_attach_the_same_text_twice_when_neither_has_an_address(client, publisher):
    held = make_meeting(
        start_date="2022-06-08",
        countries=["KG", "KZ"],
        sources=[{"publisher": "Kabar", "text": ARTICLE.replace("\n", "\r\n  ")}],
    )
    client.force_login(publisher)
    url, response = open_draft(client, publisher="Кабар")

    save_draft(client, url, response, choice=f"attach-{held.pk}")

    assert held.sources.count() == 1


@pytest.mark.skipif(
    SEED_ARTICLE is None, reason="the shared seed article is not here: set SUMMITRY_SHARED_DIR"
)
def test_it_does_not_attach_the_seed_article_to_the_seed_meeting_again(client, publisher):
    with SEED.open(encoding="utf-8") as lines:
        import_lines(lines, origin="seed.jsonl")
    seed = Meeting.objects.get()
    # The seed's one source: Kabar, 12 May 2021, no address and no text.
    assert list(seed.sources.values_list("url", "text")) == [("", "")]
    client.force_login(publisher)
    url, response = open_draft(client, SEED_ARTICLE.read_text(encoding="utf-8"))

    attached = save_draft(client, url, response, choice=f"attach-{seed.pk}")

    assert "already a source of this meeting" in page_of(client.get(attached["Location"]))
    assert seed.sources.count() == 1


def test_it_attaches_another_article_of_the_same_publisher_and_day(client, publisher):
    held = make_meeting(
        start_date="2022-06-08",
        countries=["KG", "KZ"],
        sources=[{"publisher": "Kabar", "published": ARTICLE_DATE, "text": "Another report."}],
    )
    client.force_login(publisher)
    url, response = open_draft(client, publisher="Kabar", published=ARTICLE_DATE)

    save_draft(client, url, response, choice=f"attach-{held.pk}")

    assert held.sources.count() == 2


@pytest.mark.parametrize(
    ("held", "new", "same"),
    [
        ({"url": "https://a.kg/1"}, {"url": "https://a.kg/1/"}, True),
        (
            {"url": "https://a.kg/1", "text": "Same"},
            {"url": "https://a.kg/2", "text": "Same"},
            False,
        ),
        ({"url": "https://a.kg/1", "text": "Same  words"}, {"text": "same words"}, True),
        ({"text": "One report"}, {"text": "Another report"}, False),
        ({"publisher": "Kabar", "published": "2021-05-12"}, {"publisher": "КАБАР"}, False),
        (
            {"publisher": "Kabar", "published": "2021-05-12"},
            {"publisher": "Кабар", "published": "2021-05-12", "text": "Text"},
            True,
        ),
        (
            {"publisher": "Kabar", "published": "2021-05-12"},
            {"publisher": "Xinhua", "published": "2021-05-12", "text": "Text"},
            False,
        ),
        (
            {"dateline": "Бишкек, 12.05.21. /Кабар/."},
            {"dateline": "Бишкек, 12.05.21. /Кабар/."},
            True,
        ),
        ({}, {}, False),
    ],
)
def test_it_tells_a_source_already_held(held, new, same):
    held = Source(**{**held, "published": _date(held.get("published"))})
    fields = {name: "" for name in ("publisher", "url", "title", "dateline", "text", "language")}
    fields.update(new)
    fields["published"] = _date(new.get("published"))

    assert same_source(held, fields) is same


def _date(value):
    return value and datetime.date.fromisoformat(value)


# Finding candidates


def test_it_finds_candidates_by_guest_country_format_or_city_closest_first(db):
    fmt = Format.objects.get(slug="central-asia-china")
    same_city = make_meeting(
        title="Same city", start_date="2022-06-08", city="Astana", countries=["KZ"]
    )
    same_format = make_meeting(
        title="Same format", start_date="2022-06-09", format="Central Asia–China", countries=["KZ"]
    )
    two_shared = make_meeting(title="Two shared", start_date="2022-06-07", countries=["KG", "TJ"])
    one_shared = make_meeting(title="One shared", start_date="2022-06-07", countries=["TJ"])
    make_meeting(title="Host only", start_date="2022-06-08", countries=["KZ"])
    make_meeting(title="Too far", start_date="2022-06-12", countries=["KG", "TJ"])
    traits = Traits(
        start_date=datetime.date(2022, 6, 8),
        countries=("CN", "KG", "KZ", "TJ"),
        host_country="KZ",
        format_id=fmt.pk,
        city="astana",
    )

    found = find_candidates(traits)

    assert [c.meeting for c in found] == [same_city, two_shared, one_shared, same_format]
    assert found[1].shared_countries == ["KG", "TJ"]
    assert (found[0].days_apart, found[0].same_city) == (0, True)


def test_it_finds_candidates_in_a_fixed_number_of_queries(db, django_assert_num_queries):
    for day in range(5, 12):
        make_meeting(start_date=f"2022-06-{day:02d}", countries=["KG", "KZ", "UZ"])
    traits = Traits(start_date=datetime.date(2022, 6, 8), countries=("KG", "KZ"))

    with django_assert_num_queries(2):
        found = find_candidates(traits)

    assert [c.days_apart for c in found] == [0, 1, 1, 2, 2]


def test_it_looks_for_no_candidates_without_a_date(db, django_assert_num_queries):
    make_meeting(start_date="2022-06-08", countries=["KG", "KZ"])

    with django_assert_num_queries(0):
        assert find_candidates(Traits(start_date=None, countries=("KG", "KZ"))) == []
