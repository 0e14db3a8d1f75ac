"""The list page as analysts use it: any or all countries, a word on unknown parameters, years
by decade, facets that show everything, numbered pages, and take-away files that open well."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import import_records, meeting_record

LIST = reverse("meetings:list")
ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [meeting.title for meeting in response.context["results"]]


@pytest.fixture
def three_meetings():
    import_records(
        meeting_record(
            title="Kyrgyz–Kazakh talks", start_date="2021-03-01", countries=["KG", "KZ"]
        ),
        meeting_record(
            title="Kyrgyz–Chinese talks", start_date="2021-04-01", countries=["CN", "KG"]
        ),
        meeting_record(title="Uzbek–Tajik talks", start_date="1995-05-01", countries=["TJ", "UZ"]),
        meeting_record(title="Soviet–US summit", start_date="1987-12-08", countries=["SU", "US"]),
    )


class TestAnyOrAllCountries:
    def test_all_is_the_default_and_any_widens(self, client, three_meetings):
        every = client.get(LIST, {"country": ["KZ", "CN"]})
        assert titles(every) == []
        either = client.get(LIST, {"country": ["KZ", "CN"], "match": "any"})
        assert sorted(titles(either)) == ["Kyrgyz–Chinese talks", "Kyrgyz–Kazakh talks"]
        assert "Any of these countries" in [pill.label for pill in either.context["pills"]]

    def test_the_form_offers_the_choice_and_keeps_it(self, client, three_meetings):
        page = client.get(LIST, {"country": ["KZ", "CN"], "match": "any"}).content.decode()
        assert re.search(r'name="match" value="any" checked', page)
        assert not re.search(r'name="match" value="all" checked', page)

    def test_a_nonsense_match_is_a_400(self, client, three_meetings):
        response = client.get(LIST, {"country": "KG", "match": "some"})
        assert response.status_code == 400
        assert "Unknown match “some”: use all or any." in response.content.decode()


class TestUnknownParameters:
    def test_an_unknown_parameter_is_named_with_a_suggestion(self, client, three_meetings):
        response = client.get(LIST, {"countries": "KG"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "“countries” is not a filter of this list, so it was ignored." in page
        assert 'Did you mean <a href="/meetings/?country=KG">“country”</a>?' in page

    def test_tracking_parameters_pass_without_a_word(self, client, three_meetings):
        response = client.get(LIST, {"utm_source": "mail", "utm_campaign": "x", "fbclid": "1"})
        assert response.context["notices"] == []

    def test_a_parameter_like_nothing_gets_no_suggestion(self, client, three_meetings):
        [notice] = client.get(LIST, {"zzz": "1"}).context["notices"]
        assert notice["suggestion"] is None
        assert "Did you mean" not in client.get(LIST, {"zzz": "1"}).content.decode()

    def test_the_name_is_escaped(self, client, three_meetings):
        page = client.get(LIST, {"<b>x</b>": "1"}).content.decode()
        assert "&lt;b&gt;x&lt;/b&gt;" in page
        assert "<b>x</b>" not in page


class TestYearsByDecade:
    def test_decades_count_their_meetings_newest_first(self, client, three_meetings):
        decades = client.get(LIST).context["decades"]
        assert [(d.label, d.count) for d in decades] == [("2020s", 2), ("1990s", 1), ("1980s", 1)]
        assert decades[0].share == 100 and decades[1].share == 50

    def test_a_decade_holds_its_years_and_links_to_its_range(self, client, three_meetings):
        twenties = client.get(LIST).context["decades"][0]
        assert [(y.label, y.count) for y in twenties.years] == [("2021", 2)]
        assert twenties.years[0].url == "?year=2021"
        assert twenties.url == "?from=2020-01-01&to=2029-12-31"
        assert titles(client.get(LIST + twenties.url)) == [
            "Kyrgyz–Chinese talks",
            "Kyrgyz–Kazakh talks",
        ]

    def test_the_chosen_years_decade_shows_open(self, client, three_meetings):
        response = client.get(LIST, {"year": "1995"})
        [nineties] = response.context["decades"]
        assert nineties.selected
        assert re.search(
            r"<details open>\s*<summary>\s*<span class=\"decade-label\">1990s",
            response.content.decode(),
        )

    def test_the_sidebar_no_longer_lists_every_year_as_a_link(self, client, db):
        import_records(
            *(meeting_record(start_date=f"{year}-06-01") for year in range(1900, 2020, 3))
        )
        response = client.get(LIST)
        assert len(response.context["decades"]) == 12
        page = response.content.decode()
        # Each year is inside its closed decade, so none shows until the decade is opened.
        assert page.count("<details>") >= 12


class TestFacetsShowAll:
    def test_a_long_facet_keeps_the_rest_one_click_away(self, client, db):
        codes = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"]
        import_records(*(meeting_record(countries=["KG", code]) for code in codes))
        country = next(f for f in client.get(LIST).context["facets"] if f.name == "country")
        assert len(country.options) == 12
        assert country.total == len(codes) + 1
        page = client.get(LIST).content.decode()
        assert f"Show all {len(codes) + 1}" in page

    def test_a_chosen_option_is_never_hidden(self, client, db):
        codes = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU"]
        import_records(*(meeting_record(countries=["KG", code]) for code in codes))
        import_records(meeting_record(countries=["KG", "IE"], start_date="1999-01-01"))
        response = client.get(LIST, {"country": "KG", "year": "1999"})
        country = next(f for f in response.context["facets"] if f.name == "country")
        assert "Kyrgyzstan" in [o.label for o in country.options if o.selected]

    def test_former_states_sit_apart(self, client, three_meetings):
        response = client.get(LIST)
        country = next(f for f in response.context["facets"] if f.name == "country")
        assert [o.label for o in country.former] == ["Soviet Union"]
        assert "Soviet Union" not in [o.label for o in country.options + country.more]
        page = response.content.decode()
        current, former = page.split('<optgroup label="Former states">', 1)
        assert '<option value="SU">' in former.split("</optgroup>")[0]
        assert '<option value="SU">' not in current.split('<select name="country"')[1]


class TestDocumentOrder:
    def test_the_heading_and_results_come_before_the_filters(self, client, three_meetings):
        page = client.get(LIST).content.decode()
        heading = page.index('<h1 id="results-heading">')
        first_result = page.index('class="results"')
        filters = page.index('<form method="get" action="/meetings/" class="filter-form">')
        assert heading < first_result < filters

    def test_the_filters_sit_behind_a_control_that_needs_no_script(self, client, three_meetings):
        page = client.get(LIST).content.decode()
        assert re.search(r'<details class="filters" id="filters">\s*<summary>Filters', page)

    def test_the_country_select_posts_country_and_is_marked_for_the_picker(
        self, client, three_meetings
    ):
        page = client.get(LIST, {"country": "KG"}).content.decode()
        assert re.search(
            r'<select name="country" id="id_country" multiple [^>]*data-chip-picker', page
        )
        assert '<option value="KG" selected>Kyrgyzstan</option>' in page


class TestNumberedPages:
    def test_pages_are_numbered_with_first_last_and_gaps(self, client, db):
        import_records(
            *(
                meeting_record(start_date=f"2020-{1 + n % 12:02}-{1 + n % 28:02}")
                for n in range(300)
            )
        )
        page = client.get(LIST, {"page": "7"}).content.decode()
        numbers = re.findall(r'<span class="visually-hidden">Page </span>(\d+)', page)
        assert numbers == ["1", "5", "6", "7", "8", "9", "15"]
        assert page.count('<li class="gap" aria-hidden="true">…</li>') == 2
        assert '<span aria-current="page" class="current">' in page
        assert 'href="?page=15"' in page


class TestTakeAway:
    def test_the_csv_has_a_bom_labels_beside_codes_and_a_telling_name(self, client, db):
        import_records(
            meeting_record(
                title="Встреча в Бишкеке",
                start_date="2021-05-12",
                countries=["CN", "KG"],
                host_country="KG",
                level="heads_of_state",
                topics=["transit"],
            )
        )
        response = client.get(
            reverse("meetings:export_csv"), {"country": ["KG", "CN"], "year": "2021"}
        )
        assert response["Content-Disposition"] == 'attachment; filename="summitry-KG-CN-2021.csv"'
        raw = b"".join(response.streaming_content)
        assert raw.startswith(b"\xef\xbb\xbf")
        [row] = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
        assert row["title"] == "Встреча в Бишкеке"
        assert (row["level"], row["level_label"]) == ("heads_of_state", "Heads of state")
        assert (row["host_country"], row["host_country_name"]) == ("KG", "Kyrgyzstan")
        assert (row["countries"], row["country_names"]) == ("CN; KG", "China; Kyrgyzstan")
        assert (row["topics"], row["topic_names"]) == ("transit", "Transit")

    def test_an_unfiltered_file_is_named_for_the_register(self, client, three_meetings):
        response = client.get(reverse("meetings:export_jsonl"))
        assert response["Content-Disposition"] == 'attachment; filename="summitry-meetings.jsonl"'

    def test_words_in_the_name_are_made_safe(self, client, three_meetings):
        response = client.get(reverse("meetings:export_csv"), {"q": 'talks"; rm -rf'})
        assert response["Content-Disposition"] == 'attachment; filename="summitry-talks-rm-rf.csv"'


class TestFeedDates:
    def test_self_keeps_the_query_and_dates_are_the_meetings(self, client, three_meetings):
        response = client.get(reverse("meetings:feed"), {"country": "KG", "match": "all"})
        feed = ET.fromstring(response.content)
        self_link = next(
            link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"
        ).get("href")
        assert self_link.endswith("/meetings/feed.atom?country=KG&match=all")
        entry = feed.find(f"{ATOM}entry")
        assert entry.find(f"{ATOM}published").text.startswith("2021-04-01T00:00:00")
        meeting = Meeting.objects.get(title="Kyrgyz–Chinese talks")
        updated = entry.find(f"{ATOM}updated").text
        assert updated.startswith(meeting.updated_at.strftime("%Y-%m-%dT%H:%M:%S"))
