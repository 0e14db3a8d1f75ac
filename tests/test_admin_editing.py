"""Editors enter a whole meeting in one form, find countries by any name the news uses, and
narrow the meeting list by status, level, format, year, country, title and date."""

import re
from html import unescape

import pytest

from meetings.models import Format, Meeting, Person, Status, Topic
from tests.admin_pages import MEETINGS, submitted_values
from tests.factories import make_meeting

AUTOCOMPLETE = "/admin/autocomplete/"
COUNTRIES_OF_A_MEETING = {
    "app_label": "meetings",
    "model_name": "meeting",
    "field_name": "countries",
}


def add_meeting(client, **values):
    data = submitted_values(client.get(f"{MEETINGS}add/"))
    data.update(values)
    return client.post(f"{MEETINGS}add/", data)


def listed_titles(client, query: str = "") -> list[str]:
    page = client.get(f"{MEETINGS}{query}").content.decode()
    return [unescape(t) for t in re.findall(r'class="field-title"><a [^>]*>(.*?)</a>', page)]


def found_countries(client, term: str) -> list[str]:
    response = client.get(AUTOCOMPLETE, {**COUNTRIES_OF_A_MEETING, "term": term})
    return [result["id"] for result in response.json()["results"]]


def test_it_saves_a_meeting_with_every_inline_in_one_post(client, editor):
    speaker = Person.objects.create(name="Ruslan Kazakbaev", country_id="KG")
    transit = Topic.objects.get(slug="transit")
    fmt = Format.objects.get(slug="central-asia-china")
    client.force_login(editor)

    response = add_meeting(
        client,
        title="Вторая встреча министров иностранных дел «Центральная Азия – Китай»",
        title_en="Second Central Asia–China foreign ministers' meeting",
        start_date="2021-05-12",
        city="Xi'an",
        host_country="CN",
        format=str(fmt.pk),
        edition="2",
        level="foreign_ministers",
        countries=["CN", "KG", "KZ", "TJ", "TM", "UZ"],
        topics=[str(transit.pk)],
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-person": str(speaker.pk),
            "participations-0-country": "KG",
            "participations-0-position": "Minister of Foreign Affairs of Kyrgyzstan",
            "participations-0-order": "0",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Joint statement on transport connectivity",
            "documents-0-kind": "joint_statement",
            "documents-0-signatories": ["CN", "KG"],
            "documents-0-order": "0",
            "statements-TOTAL_FORMS": "1",
            "statements-0-country": "KG",
            "statements-0-speaker": str(speaker.pk),
            "statements-0-text": "Hoped that Torugart and Irkeshtam reopen fully.",
            "statements-0-topics": [str(transit.pk)],
            "statements-0-order": "0",
            "sources-TOTAL_FORMS": "1",
            "sources-0-publisher": "Kabar",
            "sources-0-url": "https://kabar.kg/news/example",
            "sources-0-published": "2021-05-12",
            "sources-0-language": "ru",
            "sources-0-order": "0",
        },
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get(title_en="Second Central Asia–China foreign ministers' meeting")
    assert meeting.status == Status.DRAFT
    assert (meeting.city, meeting.host_country_id, meeting.format, meeting.edition) == (
        "Xi'an",
        "CN",
        fmt,
        2,
    )
    assert sorted(meeting.countries.values_list("code", flat=True)) == [
        "CN", "KG", "KZ", "TJ", "TM", "UZ",
    ]  # fmt: skip
    assert list(meeting.topics.all()) == [transit]
    participation = meeting.participations.get()
    assert (participation.person, participation.country_id, participation.position) == (
        speaker,
        "KG",
        "Minister of Foreign Affairs of Kyrgyzstan",
    )
    document = meeting.documents.get()
    assert document.kind == "joint_statement"
    assert sorted(document.signatories.values_list("code", flat=True)) == ["CN", "KG"]
    statement = meeting.statements.get()
    assert (statement.country_id, statement.speaker, statement.text) == (
        "KG",
        speaker,
        "Hoped that Torugart and Irkeshtam reopen fully.",
    )
    assert list(statement.topics.all()) == [transit]
    source = meeting.sources.get()
    assert (source.publisher, source.url, str(source.published)) == (
        "Kabar",
        "https://kabar.kg/news/example",
        "2021-05-12",
    )


def test_it_makes_the_slug_from_the_date_and_the_title_when_left_empty(client, editor):
    client.force_login(editor)

    add_meeting(
        client,
        title="Вторая встреча министров иностранных дел",
        start_date="2021-05-12",
        countries=["KG"],
        slug="",
    )

    meeting = Meeting.objects.get(title="Вторая встреча министров иностранных дел")
    assert meeting.slug == "2021-05-12-vtoraya-vstrecha-ministrov-inostrannykh-del"


def test_it_prefers_the_english_title_for_the_slug(client, editor):
    client.force_login(editor)

    add_meeting(
        client,
        title="Встреча министров",
        title_en="Ministers meet",
        start_date="2021-05-12",
        countries=["KG"],
    )

    assert Meeting.objects.get(title="Встреча министров").slug == "2021-05-12-ministers-meet"


def test_it_numbers_the_slug_of_a_second_meeting_with_the_same_date_and_title(client, editor):
    make_meeting(title="Ministers meet", start_date="2021-05-12")
    client.force_login(editor)

    add_meeting(client, title="Ministers meet", start_date="2021-05-12", countries=["KZ"])

    slugs = sorted(Meeting.objects.values_list("slug", flat=True))
    assert slugs == ["2021-05-12-ministers-meet", "2021-05-12-ministers-meet-2"]


def test_it_keeps_a_slug_the_editor_typed(client, editor):
    client.force_login(editor)

    add_meeting(
        client, title="Ministers meet", start_date="2021-05-12", countries=["KZ"], slug="my-slug"
    )

    assert Meeting.objects.get(title="Ministers meet").slug == "my-slug"


def test_it_finds_kyrgyzstan_by_a_russian_alias_once(client, editor):
    client.force_login(editor)

    assert found_countries(client, "Киргиз") == ["KG"]


def test_it_finds_kyrgyzstan_by_its_english_name_and_alias_once(client, editor):
    client.force_login(editor)

    assert found_countries(client, "Kyrgyz") == ["KG"]


def test_it_labels_autocomplete_results_with_name_and_code(client, editor):
    client.force_login(editor)

    response = client.get(AUTOCOMPLETE, {**COUNTRIES_OF_A_MEETING, "term": "КР"})

    assert {"id": "KG", "text": "Kyrgyzstan (KG)"} in response.json()["results"]


@pytest.fixture
def listed(db):
    """Three meetings that differ in every filtered field."""
    make_meeting(
        title="Talks in Xi'an",
        start_date="2021-05-12",
        status="published",
        level="foreign_ministers",
        format="Central Asia–China",
        countries=["CN", "KG"],
    )
    make_meeting(
        title="Summit in Astana",
        start_date="2022-09-15",
        status="draft",
        level="heads_of_state",
        format="C5+1",
        countries=["KZ", "US"],
    )
    make_meeting(
        title="Consultations in Tashkent",
        start_date="2022-03-01",
        status="published",
        level="senior_officials",
        countries=["TJ", "UZ"],
    )


def test_it_lists_every_meeting_newest_first(client, editor, listed):
    client.force_login(editor)

    assert listed_titles(client) == [
        "Summit in Astana",
        "Consultations in Tashkent",
        "Talks in Xi'an",
    ]


def test_it_filters_the_meeting_list_by_status(client, editor, listed):
    client.force_login(editor)

    assert listed_titles(client, "?status__exact=draft") == ["Summit in Astana"]
    assert listed_titles(client, "?status__exact=published") == [
        "Consultations in Tashkent",
        "Talks in Xi'an",
    ]


def test_it_filters_the_meeting_list_by_level(client, editor, listed):
    client.force_login(editor)

    assert listed_titles(client, "?level__exact=senior_officials") == ["Consultations in Tashkent"]


def test_it_filters_the_meeting_list_by_format(client, editor, listed):
    fmt = Format.objects.get(name_en="Central Asia–China")
    client.force_login(editor)

    assert listed_titles(client, f"?format__id__exact={fmt.pk}") == ["Talks in Xi'an"]
    assert listed_titles(client, "?format__isnull=True") == ["Consultations in Tashkent"]


def test_it_offers_only_the_formats_in_use_as_filters(client, editor, listed):
    client.force_login(editor)

    page = client.get(MEETINGS).content.decode()

    assert "Central Asia–China</a>" in page
    assert "C5+1</a>" in page
    assert "EU–Central Asia</a>" not in page


def test_it_filters_the_meeting_list_by_year_within_a_decade(client, editor, listed):
    make_meeting(title="Conference in Berlin", start_date="1878-06-13", status="published")
    client.force_login(editor)

    page = client.get(MEETINGS).content.decode()
    assert '<a href="?decade=2020">2020s</a>' in page
    assert '<a href="?decade=1870">1870s</a>' in page
    assert "?year=" not in page
    assert listed_titles(client, "?decade=1870") == ["Conference in Berlin"]
    decade = client.get(f"{MEETINGS}?decade=2020").content.decode()
    assert '<a href="?decade=2020&amp;year=2022">2022</a>' in decade
    assert '<a href="?decade=2020&amp;year=2021">2021</a>' in decade
    assert "year=1878" not in decade
    assert listed_titles(client, "?year=2022") == [
        "Summit in Astana",
        "Consultations in Tashkent",
    ]


def test_it_filters_the_meeting_list_by_country(client, editor, listed):
    client.force_login(editor)

    assert listed_titles(client, "?countries__code__exact=KG") == ["Talks in Xi'an"]
    assert listed_titles(client, "?countries__code__exact=UZ") == ["Consultations in Tashkent"]


def test_it_searches_the_meeting_list_by_title(client, editor, listed):
    client.force_login(editor)

    assert listed_titles(client, "?q=astana") == ["Summit in Astana"]
    assert listed_titles(client, "?q=nowhere") == []


def test_it_drills_down_the_meeting_list_from_a_decade_to_a_month(client, editor, listed):
    client.force_login(editor)

    year = client.get(f"{MEETINGS}?decade=2020&year=2022").content.decode()

    assert '<a href="?decade=2020&amp;month=3&amp;year=2022">March</a>' in year
    assert '<a href="?decade=2020&amp;month=9&amp;year=2022">September</a>' in year
    assert "May</a>" not in year
    assert listed_titles(client, "?decade=2020&year=2022&month=3") == ["Consultations in Tashkent"]


def test_it_ignores_a_date_filter_value_that_is_not_a_number(client, editor, listed):
    client.force_login(editor)

    assert len(listed_titles(client, "?decade=20s&year=x&month=<b>")) == 3
