"""The public list: filters, facets, pills, search results, pagination and bad input."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from meetings.filters import MeetingFilter
from meetings.models import Country, Meeting, MeetingCountry
from tests.factories import import_records, meeting_record

LIST = reverse("meetings:list")

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [meeting.title for meeting in response.context["results"]]


def facet(response, name: str) -> dict[str, int]:
    found = next(f for f in response.context["facets"] if f.name == name)
    return {option.label: option.count for option in found.options}


@pytest.fixture
def register():
    """Five published meetings and one draft, different in every filterable way."""
    import_records(
        meeting_record(
            title="Central Asia–China foreign ministers in Xi'an",
            start_date="2021-05-12",
            city="Xi'an",
            host_country="CN",
            format="Central Asia–China",
            edition=2,
            level="foreign_ministers",
            countries=["CN", "KG", "KZ", "TJ", "TM", "UZ"],
            topics=["covid-19", "transit"],
            documents=[{"title": "Memorandum on the format", "kind": "memorandum"}],
            summary="The ministers discussed railways and the pandemic.",
        ),
        meeting_record(
            title="Kyrgyz–Kazakh border talks",
            start_date="2021-03-02",
            end_date="2021-03-04",
            host_country="KZ",
            level="senior_officials",
            countries=["KG", "KZ"],
            topics=["border-delimitation"],
            documents=[{"title": "Protocol of the talks", "kind": "protocol"}],
        ),
        meeting_record(
            title="C5+1 ministerial in New York",
            start_date="2022-09-22",
            host_country="US",
            format="C5+1",
            level="foreign_ministers",
            countries=["KG", "KZ", "TJ", "TM", "US", "UZ"],
            topics=["regional-security"],
        ),
        meeting_record(
            title="Visit of the Japanese foreign minister to Dushanbe",
            start_date="2020-01-15",
            host_country="TJ",
            level="foreign_ministers",
            countries=["JP", "TJ"],
            topics=["vaccines"],
        ),
        meeting_record(
            title="Uzbek–Turkmen summit on water",
            start_date="2022-10-01",
            host_country="TM",
            level="heads_of_state",
            countries=["TM", "UZ"],
            documents=[
                {"title": "Joint statement on water", "kind": "joint_statement"},
                {"title": "Joint statement on energy", "kind": "joint_statement"},
            ],
        ),
        meeting_record(
            title="Unpublished Kyrgyz–Chinese railway talks",
            start_date="2022-11-01",
            host_country="KG",
            countries=["CN", "KG"],
            topics=["railways"],
            documents=[{"title": "Draft roadmap", "kind": "roadmap"}],
            status="draft",
        ),
    )


class TestList:
    def test_it_lists_published_meetings_newest_first(self, client, register):
        response = client.get(LIST)
        assert titles(response) == [
            "Uzbek–Turkmen summit on water",
            "C5+1 ministerial in New York",
            "Central Asia–China foreign ministers in Xi'an",
            "Kyrgyz–Kazakh border talks",
            "Visit of the Japanese foreign minister to Dushanbe",
        ]
        assert "5 meetings" in response.content.decode()

    def test_it_sorts_oldest_first_on_request(self, client, register):
        response = client.get(LIST, {"sort": "date"})
        assert titles(response)[0] == "Visit of the Japanese foreign minister to Dushanbe"

    def test_each_result_shows_its_dates_place_and_countries(self, client, register):
        page = client.get(LIST, {"country": "KG", "host": "KZ"}).content.decode()
        assert "Kyrgyz–Kazakh border talks" in page
        assert '<time datetime="2021-03-02">2 Mar 2021</time>' in page
        assert '<time datetime="2021-03-04">4 Mar 2021</time>' in page
        assert "Kazakhstan" in page
        assert re.search(r'<a class="chip" href="/countries/KG/"[^>]*>Kyrgyzstan</a>', page)


class TestFilters:
    def test_several_countries_mean_all_of_them_took_part(self, client, register):
        response = client.get(LIST, {"country": ["KG", "CN"]})
        assert titles(response) == ["Central Asia–China foreign ministers in Xi'an"]

    def test_every_given_country_took_part_however_many_are_given(self, client, register):
        central_asia = ["KG", "KZ", "TJ", "TM", "UZ"]
        assert titles(client.get(LIST, {"country": central_asia})) == [
            "C5+1 ministerial in New York",
            "Central Asia–China foreign ministers in Xi'an",
        ]
        assert titles(client.get(LIST, {"country": [*central_asia, "US"]})) == [
            "C5+1 ministerial in New York"
        ]
        assert titles(client.get(LIST, {"country": [*central_asia, "US", "CN"]})) == []

    def test_a_country_given_twice_counts_once(self, client, register):
        response = client.get(LIST, {"country": ["JP", "jp", "TJ"]})
        assert titles(response) == ["Visit of the Japanese foreign minister to Dushanbe"]

    def test_country_codes_are_accepted_in_lower_case(self, client, register):
        response = client.get(LIST, {"country": "jp"})
        assert titles(response) == ["Visit of the Japanese foreign minister to Dushanbe"]

    def test_host_filters_on_the_host_country(self, client, register):
        assert titles(client.get(LIST, {"host": "US"})) == ["C5+1 ministerial in New York"]

    def test_a_topic_includes_its_sub_topics(self, client, register):
        health = titles(client.get(LIST, {"topic": "health"}))
        assert health == [
            "Central Asia–China foreign ministers in Xi'an",
            "Visit of the Japanese foreign minister to Dushanbe",
        ]
        assert titles(client.get(LIST, {"topic": "vaccines"})) == [
            "Visit of the Japanese foreign minister to Dushanbe"
        ]

    def test_format_level_and_document_kind(self, client, register):
        assert titles(client.get(LIST, {"format": "c5-plus-1"})) == ["C5+1 ministerial in New York"]
        assert titles(client.get(LIST, {"level": "heads_of_state"})) == [
            "Uzbek–Turkmen summit on water"
        ]
        # Two joint statements still make one meeting.
        assert titles(client.get(LIST, {"kind": "joint_statement"})) == [
            "Uzbek–Turkmen summit on water"
        ]

    def test_year_and_date_range(self, client, register):
        assert len(titles(client.get(LIST, {"year": "2022"}))) == 2
        # The border talks began on 2 March and were still going on 3 March.
        ranged = titles(client.get(LIST, {"from": "2021-03-03", "to": "2021-05-12"}))
        assert ranged == [
            "Central Asia–China foreign ministers in Xi'an",
            "Kyrgyz–Kazakh border talks",
        ]


class TestFacets:
    def test_facets_count_the_filtered_set(self, client, register):
        response = client.get(LIST, {"country": "KG"})
        assert facet(response, "country") == {
            "Kyrgyzstan": 3,
            "Kazakhstan": 3,
            "Tajikistan": 2,
            "Turkmenistan": 2,
            "Uzbekistan": 2,
            "China": 1,
            "United States": 1,
        }
        [decade] = response.context["decades"]
        assert (decade.label, decade.count) == ("2020s", 3)
        assert {year.label: year.count for year in decade.years} == {"2022": 1, "2021": 2}
        assert facet(response, "level") == {"Foreign ministers": 2, "Senior officials": 1}
        assert facet(response, "kind") == {"Memorandum": 1, "Protocol": 1}
        assert facet(response, "format") == {"C5+1": 1, "Central Asia–China": 1}
        assert facet(response, "topic")["Transit"] == 1

    def test_a_facet_link_adds_its_filter_and_a_chosen_one_removes_it(self, client, register):
        response = client.get(LIST, {"country": "KG", "page": "1"})
        country = next(f for f in response.context["facets"] if f.name == "country")
        by_label = {option.label: option for option in country.options}
        assert by_label["China"].url == "?country=KG&country=CN"
        assert by_label["Kyrgyzstan"].selected
        assert by_label["Kyrgyzstan"].url == "?"

    def test_chosen_filters_show_as_removable_pills(self, client, register):
        response = client.get(LIST, {"country": ["KG", "KZ"], "year": "2021", "q": "talks"})
        pills = {pill.label: pill.remove_url for pill in response.context["pills"]}
        assert pills == {
            "Words: talks": "?country=KG&country=KZ&year=2021",
            "Country: Kyrgyzstan": "?country=KZ&year=2021&q=talks",
            "Country: Kazakhstan": "?country=KG&year=2021&q=talks",
            "Year: 2021": "?country=KG&country=KZ&q=talks",
        }
        page = response.content.decode()
        assert 'aria-label="Remove Country: Kyrgyzstan"' in page


class TestSearch:
    def test_words_find_meetings_with_relevance_first(self, client, register):
        response = client.get(LIST, {"q": "Kyrgyzstan railways"})
        assert titles(response) == ["Central Asia–China foreign ministers in Xi'an"]
        assert response.context["sort"] == "relevance"

    def test_results_carry_a_highlighted_snippet(self, client, register):
        page = client.get(LIST, {"q": "pandemic"}).content.decode()
        assert re.search(r'<p class="snippet">.*<mark>pandemic</mark>', page)

    def test_a_snippet_escapes_the_register_text(self, client, db):
        import_records(
            meeting_record(title="Consultations", summary="<script>alert(1)</script> on transit")
        )
        page = client.get(LIST, {"q": "transit"}).content.decode()
        assert "alert(1)</script>" not in page
        assert "alert(1)&lt;/script&gt; on <mark>transit</mark>" in page

    @pytest.mark.parametrize("text", ['"', "*", "(", ")", "NEAR", "AND", "-", 'talks" OR (*', "^"])
    def test_search_syntax_characters_never_break_the_page(self, client, register, text):
        response = client.get(LIST, {"q": text})
        assert response.status_code == 200
        assert "meeting" in response.content.decode()


class TestPagination:
    def test_pages_hold_twenty_and_link_onwards(self, client, db):
        import_records(
            *(
                meeting_record(title=f"Round {n:02}", start_date=f"2020-01-{n:02}")
                for n in range(1, 26)
            )
        )
        first = client.get(LIST)
        assert len(titles(first)) == 20
        assert titles(first)[0] == "Round 25"
        assert 'rel="next" href="?page=2"' in first.content.decode()
        second = client.get(LIST, {"page": "2"})
        assert titles(second) == [f"Round {n:02}" for n in range(5, 0, -1)]


class TestBadInput:
    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"country": "XX"}, "Unknown country code “XX”."),
            ({"host": "ZZ"}, "Unknown host country code “ZZ”."),
            ({"topic": "astrology"}, "Unknown topic “astrology”."),
            ({"format": "g-77"}, "Unknown format “g-77”."),
            ({"level": "emperors"}, "Unknown level “emperors”."),
            ({"kind": "napkin"}, "Unknown document kind “napkin”."),
            ({"year": "twenty"}, "The year must be a number like 2021."),
            ({"from": "2021-02-30"}, "“from” must be a real date"),
            ({"to": "yesterday"}, "“to” must be a real date"),
            ({"from": "2022-01-01", "to": "2021-01-01"}, "“to” (2021-01-01) is before “from”"),
            ({"sort": "random"}, "Unknown sort “random”"),
            ({"page": "99"}, "There is no page 99: these results fill 1 page."),
            ({"page": "first"}, "“first” is not a page number."),
            ({"country": ["KG"] * 21}, "“country” is given 21 times; at most 20 are allowed."),
            ({"q": "x" * 501}, "The search text is too long: at most 500 characters."),
        ],
    )
    def test_it_answers_400_with_a_clear_message(self, client, register, params, message):
        response = client.get(LIST, params)
        assert response.status_code == 400
        page = response.content.decode()
        assert 'role="alert"' in page
        assert message.replace("“", "&ldquo;") in page or message in page
        assert "results" not in response.context or not response.context["results"]

    def test_twenty_repeats_are_still_fine(self, client, register):
        assert client.get(LIST, {"country": ["KG"] * 20}).status_code == 200

    def test_user_text_in_a_message_is_escaped(self, client, register):
        page = client.get(LIST, {"topic": "<b>x</b>"}).content.decode()
        assert "<b>x</b>" not in page
        assert "&lt;b&gt;x&lt;/b&gt;" in page


class TestBoundedWork:
    def test_a_country_filter_reads_the_country_links_as_often_for_twenty_as_for_two(
        self, register
    ):
        def reads_of_country_links(count: int) -> int:
            codes = Country.objects.order_by("code").values_list("code", flat=True)[:count]
            params = QueryDict(mutable=True)
            params.setlist("country", list(codes))
            filterset = MeetingFilter(params, queryset=Meeting.objects.published())
            assert filterset.is_valid()
            return str(filterset.qs.query).count(MeetingCountry._meta.db_table)

        assert reads_of_country_links(20) == reads_of_country_links(2) <= 2

    @staticmethod
    def many(count: int):
        import_records(
            *(
                meeting_record(
                    title=f"Meeting on transit {n}",
                    countries=["KG", "KZ", "UZ"],
                    topics=["transit", "railways"],
                    documents=[{"title": f"Statement {n}", "kind": "joint_statement"}],
                    summary="Transit and railways were discussed.",
                )
                for n in range(count)
            )
        )

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_list_runs_a_fixed_number_of_queries(
        self, client, django_assert_num_queries, count
    ):
        self.many(count)
        # The register's version (which the names, facets and option lists are kept under),
        # the facets (which give the count), the ids of the first pages, the page's meetings
        # and their countries, the topic and country checks, the topic tree, the snippet
        # texts and the form's three long option lists.
        with django_assert_num_queries(12):
            client.get(LIST, {"q": "transit", "country": "KG", "topic": "transport"})

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_plain_list_runs_a_fixed_number_of_queries(
        self, client, django_assert_num_queries, count
    ):
        self.many(count)
        # The register's version, the facets (which give the count), the ids of the first
        # pages, the page's meetings and their countries, and the form's three long option
        # lists (countries, topics, formats).
        with django_assert_num_queries(8):
            client.get(LIST)


class TestHome:
    def test_home_shows_the_search_box_totals_and_latest_meetings(self, client, register):
        response = client.get(reverse("meetings:home"))
        page = response.content.decode()
        assert '<label for="home-q">' in page
        totals = response.context["totals"]
        assert (totals.meetings, totals.countries, totals.formats, totals.documents) == (5, 8, 2, 4)
        latest = [meeting.title for meeting in response.context["latest"]]
        assert latest[0] == "Uzbek–Turkmen summit on water"
        assert "Unpublished" not in page
