"""The countries: an index with counts, groups and a filter box, and a page per country with
its activity, partners, formats, topics, documents, representatives and latest meetings. Every
number leads to the list of exactly the meetings behind it; drafts count nowhere."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import import_records, meeting_record, rich_record

INDEX = reverse("meetings:countries")
KG_PAGE = reverse("meetings:country", args=["KG"])

pytestmark = pytest.mark.django_db


def central_asia_china(**overrides) -> dict:
    fields = dict(
        title="Вторая встреча министров иностранных дел «Центральная Азия – Китай»",
        title_en="Central Asia–China foreign ministers in Xi'an",
        language="ru",
        start_date="2021-05-12",
        city="Xi'an",
        host_country="CN",
        format="Central Asia–China",
        edition=2,
        level="foreign_ministers",
        countries=["CN", "KG", "KZ", "TJ", "TM", "UZ"],
        participants=[
            {
                "name": "Ruslan Kazakbaev",
                "name_ru": "Руслан Казакбаев",
                "country": "KG",
                "position": "Minister of Foreign Affairs",
            },
            {"name": "Wang Yi", "country": "CN", "position": "Foreign Minister"},
        ],
        topics=["covid-19", "transit"],
        documents=[
            {
                "title": "Memorandum on the format",
                "kind": "memorandum",
                "signatories": ["CN", "KG", "KZ", "TJ", "TM", "UZ"],
            },
            {
                "title": "Joint statement on COVID-19",
                "kind": "joint_statement",
                "signatories": ["CN", "KG", "KZ", "TJ", "TM", "UZ"],
            },
            {
                "title": "Joint statement on Afghanistan",
                "kind": "joint_statement",
                "signatories": ["CN", "KG", "KZ", "TJ", "TM", "UZ"],
            },
        ],
    )
    return meeting_record(**{**fields, **overrides})


def published_register() -> None:
    """Six published meetings, five of them with Kyrgyzstan."""
    import_records(
        central_asia_china(),
        rich_record(start_date="2022-03-01", end_date=None),
        meeting_record(
            title="Kyrgyz–Kazakh border talks",
            start_date="2020-02-03",
            host_country="KG",
            countries=["KG", "KZ"],
            topics=["border-delimitation", "railways"],
            participants=[
                {"name": "Aibek Osmonov", "country": "KG", "position": "Deputy Minister"},
            ],
            documents=[
                {"title": "Protocol of the talks", "kind": "protocol", "signatories": ["KG", "KZ"]}
            ],
        ),
        meeting_record(
            title="Kyrgyz president in Washington",
            start_date="2019-09-20",
            host_country="US",
            countries=["KG", "US"],
            participants=[
                {"name": "Sooronbay Jeenbekov", "country": "KG", "position": "President"}
            ],
        ),
        meeting_record(
            title="Kyrgyz–Chinese railway council",
            start_date="2023-06-01",
            host_country="KG",
            countries=["CN", "KG"],
            topics=["railways", "transit"],
            participants=[
                {"name": "Ruslan Kazakbaev", "country": "KG", "position": "Special Envoy"},
            ],
        ),
        meeting_record(
            title="Azerbaijani–Uzbek talks in Baku",
            start_date="2022-11-11",
            host_country="AZ",
            countries=["AZ", "UZ"],
        ),
    )


def secret_draft(**overrides) -> dict:
    """A draft shared by Kyrgyzstan and Nauru, a country no published meeting has."""
    fields = dict(
        title="Unpublished Kyrgyz–Nauru treaty talks",
        start_date="2024-07-07",
        host_country="NR",
        format="Secret Nauru format",
        countries=["CN", "KG", "NR"],
        topics=["hydropower"],
        participants=[{"name": "Secret Envoy", "country": "KG", "position": "Secret envoy"}],
        documents=[{"title": "Secret treaty", "kind": "treaty", "signatories": ["KG", "NR"]}],
        status="draft",
    )
    return meeting_record(**{**fields, **overrides})


@pytest.fixture
def register():
    published_register()


def listed_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def listed_titles(client, url: str) -> set[str]:
    return {meeting.title for meeting in client.get(url).context["results"]}


class TestIndex:
    def test_it_lists_every_country_with_published_meetings_and_their_counts(
        self, client, register
    ):
        response = client.get(INDEX)
        index = response.context["index"]
        counts = {entry.code: entry.meetings for entry in index.countries}
        assert counts == {
            "AZ": 1, "CN": 2, "JP": 1, "KG": 5, "KZ": 3, "TJ": 2, "TM": 2, "US": 1, "UZ": 3
        }  # fmt: skip
        assert [entry.name_en for entry in index.countries][:3] == [
            "Azerbaijan", "China", "Japan"
        ]  # fmt: skip
        page = response.content.decode()
        assert f'href="{KG_PAGE}">Kyrgyzstan</a>' in page
        assert 'href="/meetings/?country=KG">5<' in page

    def test_each_count_leads_to_a_list_of_that_many_meetings(self, client, register):
        index = client.get(INDEX).context["index"]
        for entry in index.countries:
            assert listed_count(client, entry.meetings_url) == entry.meetings

    def test_groups_come_first_with_members_that_have_no_meetings_unlinked(self, client, register):
        response = client.get(INDEX)
        groups = {group.name_en: group for group in response.context["index"].groups}
        central_asia = groups["Central Asia"]
        assert [(m.code, m.meetings) for m in central_asia.members] == [
            ("KZ", 3), ("KG", 5), ("TJ", 2), ("TM", 2), ("UZ", 3)
        ]  # fmt: skip
        caucasus = groups["South Caucasus"]
        assert [(m.code, m.meetings) for m in caucasus.members] == [
            ("AM", 0), ("AZ", 1), ("GE", 0)
        ]  # fmt: skip
        page = response.content.decode()
        assert page.index('id="groups-heading"') < page.index('id="all-heading"')
        assert "<span>Armenia</span>" in page
        assert reverse("meetings:country", args=["AM"]) not in page
        assert "?country=AM" not in page

    def test_a_group_without_any_published_meeting_is_left_out(self, client, register):
        groups = {group.name_en for group in client.get(INDEX).context["index"].groups}
        assert "Gulf Cooperation Council" not in groups
        assert "Central Asia" in groups

    @pytest.mark.parametrize("query", ["кирг", "Kyrg", "kg", "KGZ", "КЫРГЫЗСТАН", "Киргизии"])
    def test_the_filter_box_finds_kyrgyzstan_by_name_alias_or_code_in_either_script(
        self, client, register, query
    ):
        response = client.get(INDEX, {"q": query})
        assert response.status_code == 200
        assert [entry.code for entry in response.context["index"].countries] == ["KG"]
        page = response.content.decode()
        assert f'value="{query}"' in page
        assert f"Countries matching “{query}”" in page

    def test_the_filter_box_reads_yo_as_ye(self, client, register):
        response = client.get(INDEX, {"q": "соединенные штаты"})
        assert [entry.code for entry in response.context["index"].countries] == ["US"]

    def test_the_filter_box_shows_a_group_when_its_name_matches(self, client, register):
        index = client.get(INDEX, {"q": "Средней Азии"}).context["index"]
        assert [group.name_en for group in index.groups] == ["Central Asia"]
        assert index.countries == []
        assert not client.get(INDEX, {"q": "kyrg"}).context["index"].groups

    def test_a_filter_matching_nothing_says_so(self, client, register):
        response = client.get(INDEX, {"q": "Atlantis"})
        assert response.status_code == 200
        assert "No country with published meetings matches “Atlantis”" in (
            response.content.decode()
        )

    def test_it_sorts_by_number_of_meetings_on_request(self, client, register):
        index = client.get(INDEX, {"sort": "count"}).context["index"]
        assert [entry.code for entry in index.countries][:3] == ["KG", "KZ", "UZ"]

    def test_an_unknown_sort_is_a_400_with_a_message(self, client, register):
        response = client.get(INDEX, {"sort": "size"})
        assert response.status_code == 400
        assert "Unknown order “size”: use name or count." in response.content.decode()

    def test_a_filter_text_over_100_characters_is_a_400(self, client, register):
        response = client.get(INDEX, {"q": "x" * 101})
        assert response.status_code == 400
        assert "at most 100 characters" in response.content.decode()

    def test_user_text_is_escaped(self, client, register):
        page = client.get(INDEX, {"q": "<b>kg</b>"}).content.decode()
        assert "<b>kg</b>" not in page
        assert "&lt;b&gt;kg&lt;/b&gt;" in page


class TestCountryPage:
    def test_the_header_shows_names_code_totals_dates_and_hosted_meetings(self, client, register):
        response = client.get(KG_PAGE)
        country = response.context["country"]
        assert (country.name_en, country.name_ru, country.code) == (
            "Kyrgyzstan",
            "Кыргызстан",
            "KG",
        )
        assert country.meetings == 5
        assert (str(country.first), str(country.last)) == ("2019-09-20", "2023-06-01")
        assert country.hosted == 2
        page = response.content.decode()
        assert '<span class="secondary" lang="ru">Кыргызстан</span>' in page
        assert '<a href="/meetings/?country=KG">5</a>' in page
        assert '<a href="/meetings/?host=KG">2</a>' in page
        assert listed_count(client, country.meetings_url) == 5
        assert listed_count(client, country.hosted_url) == 2

    def test_the_activity_chart_has_a_bar_per_year_linked_to_that_years_meetings(
        self, client, register
    ):
        chart = client.get(KG_PAGE).context["country"].activity
        assert [(bar.label, bar.value) for bar in chart.bars] == [
            ("2019", 1), ("2020", 1), ("2021", 1), ("2022", 1), ("2023", 1)
        ]  # fmt: skip
        assert chart.description == (
            "Published meetings Kyrgyzstan attended each year from 2019 to 2023; "
            "the busiest year was 2023 with 1."
        )
        assert chart.bars[1].url == "/meetings/?country=KG&year=2020"
        assert listed_titles(client, chart.bars[1].url) == {"Kyrgyz–Kazakh border talks"}
        assert chart.csv_url == "/countries/KG/activity.csv"

    def test_the_activity_csv_holds_the_charts_numbers(self, client, register):
        response = client.get("/countries/KG/activity.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="KG-meetings-per-year.csv"' in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows == [
            ["Year", "Meetings"],
            ["2019", "1"], ["2020", "1"], ["2021", "1"], ["2022", "1"], ["2023", "1"],
        ]  # fmt: skip

    def test_partners_are_ranked_and_each_count_lists_exactly_those_meetings(
        self, client, register
    ):
        partners = client.get(KG_PAGE).context["country"].partners
        assert [(p.name, p.count) for p in partners] == [
            ("Kazakhstan", 3), ("China", 2), ("Tajikistan", 2), ("Turkmenistan", 2),
            ("Uzbekistan", 2), ("Japan", 1), ("United States", 1),
        ]  # fmt: skip
        kazakhstan = partners[0]
        assert kazakhstan.count_url == "/meetings/?country=KG&country=KZ"
        assert kazakhstan.page_url == "/countries/KZ/"
        for partner in partners:
            assert listed_count(client, partner.count_url) == partner.count
        assert listed_titles(client, partners[1].count_url) == {
            "Вторая встреча министров иностранных дел «Центральная Азия – Китай»",
            "Kyrgyz–Chinese railway council",
        }

    def test_partners_year_by_year_link_each_count_to_that_years_shared_meetings(
        self, client, register
    ):
        response = client.get(KG_PAGE)
        years = response.context["country"].partners_by_year
        assert [row.year for row in years] == [2023, 2022, 2021, 2020, 2019]
        assert [(p.name, p.count) for p in years[1].partners] == [
            ("Japan", 1), ("Kazakhstan", 1), ("Tajikistan", 1), ("Turkmenistan", 1),
            ("Uzbekistan", 1),
        ]  # fmt: skip
        china_2021 = years[2].partners[0]
        assert china_2021.count_url == "/meetings/?country=KG&country=CN&year=2021"
        for row in years:
            assert listed_count(client, row.meetings_url) == row.meetings
            for partner in row.partners:
                assert listed_count(client, partner.count_url) == partner.count
        page = response.content.decode()
        assert '<div class="table-scroll">\n  <table class="data-table partners-by-year">' in page

    def test_formats_link_to_their_page_and_to_the_meetings_counted(self, client, register):
        formats = client.get(KG_PAGE).context["country"].formats
        assert [(f.name, f.count) for f in formats] == [
            ("Central Asia–China", 1), ("Central Asia–Japan", 1)
        ]  # fmt: skip
        assert formats[0].page_url == "/formats/central-asia-china/"
        assert formats[0].count_url == "/meetings/?country=KG&format=central-asia-china"
        for row in formats:
            assert listed_count(client, row.count_url) == row.count

    def test_topic_counts_include_sub_topics_as_the_lists_topic_filter_does(self, client, register):
        topics = {t.name: t for t in client.get(KG_PAGE).context["country"].topics}
        # Transit at three meetings, railways at two, both at one: four on transport.
        assert topics["Transport"].count == 4
        assert topics["Transit"].count == 3
        assert topics["Railways"].count == 2
        assert topics["Transport"].page_url == "/topics/transport/"
        assert topics["Transport"].count_url == "/meetings/?country=KG&topic=transport"
        for topic in topics.values():
            assert listed_count(client, topic.count_url) == topic.count

    def test_documents_by_kind_count_signatures_and_meetings_that_adopted_one(
        self, client, register
    ):
        response = client.get(KG_PAGE)
        rows = {row.kind: row for row in response.context["country"].documents}
        assert [(r.label, r.signed, r.meetings) for r in rows.values()] == [
            ("Memorandum", 1, 1),
            ("Joint statement", 2, 1),
            ("Declaration", 1, 1),
            ("Action plan", 0, 1),
            ("Protocol", 1, 1),
        ]
        joint = rows["joint_statement"]
        assert joint.signed_url == "/documents/?signatory=KG&kind=joint_statement"
        assert joint.kind_url == "/documents/?kind=joint_statement"
        for row in rows.values():
            assert listed_count(client, row.meetings_url) == row.meetings
        page = response.content.decode()
        assert 'href="/documents/?signatory=KG&amp;kind=joint_statement">2</a>' in page

    def test_representatives_show_positions_dates_and_their_meetings(self, client, register):
        people = client.get(KG_PAGE).context["country"].people
        assert [p.name for p in people] == [
            "Ruslan Kazakbaev", "Aibek Osmonov", "Sooronbay Jeenbekov"
        ]  # fmt: skip
        kazakbaev = people[0]
        assert kazakbaev.name_ru == "Руслан Казакбаев"
        assert [(p.title, str(p.first), str(p.last)) for p in kazakbaev.positions] == [
            ("Minister of Foreign Affairs", "2021-05-12", "2021-05-12"),
            ("Special Envoy", "2023-06-01", "2023-06-01"),
        ]
        assert (str(kazakbaev.first), str(kazakbaev.last)) == ("2021-05-12", "2023-06-01")
        assert kazakbaev.meetings == 2
        assert kazakbaev.page_url == "/people/ruslan-kazakbaev/"
        for person in people:
            assert listed_count(client, person.meetings_url) == person.meetings

    def test_the_rich_meetings_kyrgyz_minister_is_listed_too(self, client, register):
        osmonov = next(
            p for p in client.get(KG_PAGE).context["country"].people if p.name == "Aibek Osmonov"
        )
        # He attended two meetings: the border talks and the rich record's Tokyo meeting.
        assert osmonov.meetings == 2
        assert [p.title for p in osmonov.positions] == [
            "Deputy Minister", "Minister of Foreign Affairs"
        ]  # fmt: skip

    def test_the_latest_meetings_come_newest_first_with_a_link_to_all_of_them(
        self, client, register
    ):
        response = client.get(KG_PAGE)
        latest = [meeting.title for meeting in response.context["latest"]]
        assert latest == [
            "Kyrgyz–Chinese railway council",
            "Встреча министров иностранных дел Центральной Азии и Японии",
            "Вторая встреча министров иностранных дел «Центральная Азия – Китай»",
            "Kyrgyz–Kazakh border talks",
            "Kyrgyz president in Washington",
        ]
        page = response.content.decode()
        assert '<a href="/meetings/?country=KG">All 5 meetings of Kyrgyzstan</a>' in page

    def test_every_country_format_topic_person_and_kind_shown_links_to_its_page(
        self, client, register
    ):
        page = client.get(KG_PAGE).content.decode()
        for href in (
            "/countries/KZ/",
            "/formats/central-asia-china/",
            "/topics/transport/",
            "/people/ruslan-kazakbaev/",
            "/documents/?kind=memorandum",
            "/meetings/?country=KG&amp;country=KZ",
            "/meetings/?person=ruslan-kazakbaev",
        ):
            assert f'href="{href}"' in page, href
        assert '<span class="secondary" lang="ru">Казахстан</span>' in page


class TestAddresses:
    def test_a_lower_case_code_redirects_permanently_to_the_upper_case_page(self, client, register):
        response = client.get("/countries/kg/")
        assert response.status_code == 301
        assert response["Location"] == KG_PAGE
        assert client.get("/countries/Kg/activity.csv")["Location"] == (
            "/countries/KG/activity.csv"
        )

    @pytest.mark.parametrize("code", ["ZZ", "zz", "KGZ", "1", "k-"])
    def test_an_unknown_code_is_a_404(self, client, register, code):
        assert client.get(f"/countries/{code}/").status_code == 404
        assert client.get(f"/countries/{code}/activity.csv").status_code == 404

    def test_a_country_without_published_meetings_has_no_page(self, client, register):
        assert client.get("/countries/AM/").status_code == 404
        assert client.get("/countries/AM/activity.csv").status_code == 404


class TestDrafts:
    def test_a_country_only_a_draft_has_is_absent_from_the_index_and_has_no_page(
        self, client, register
    ):
        import_records(secret_draft())
        index = client.get(INDEX).context["index"]
        assert "NR" not in {entry.code for entry in index.countries}
        assert not client.get(INDEX, {"q": "Nauru"}).context["index"].countries
        assert "Nauru" not in client.get(INDEX).content.decode()
        assert client.get("/countries/NR/").status_code == 404
        assert client.get("/countries/NR/activity.csv").status_code == 404

    def test_a_draft_with_kyrgyzstan_changes_nothing_on_its_page(self, client, register):
        before = client.get(KG_PAGE)
        import_records(secret_draft())
        after = client.get(KG_PAGE)
        old, new = before.context["country"], after.context["country"]
        for name in ("meetings", "first", "last", "hosted", "partners", "partners_by_year",
                     "formats", "topics", "documents", "people"):  # fmt: skip
            assert getattr(new, name) == getattr(old, name), name
        assert [bar.value for bar in new.activity.bars] == [bar.value for bar in old.activity.bars]
        assert [m.title for m in after.context["latest"]] == [
            m.title for m in before.context["latest"]
        ]
        page = after.content.decode()
        for secret in ("Nauru", "Secret", "Unpublished", "Treaty", "Hydropower", "2024"):
            assert secret not in page, secret
        index = client.get(INDEX).context["index"]
        assert {e.code: e.meetings for e in index.countries}["KG"] == 5
        csv_text = client.get("/countries/KG/activity.csv").content.decode()
        assert "2024" not in csv_text


class TestBoundedWork:
    @staticmethod
    def register_of(size: int) -> None:
        published_register()
        import_records(secret_draft())
        partners = ["CN", "KZ", "UZ", "TJ", "TM", "RU", "TR", "JP", "IN", "DE", "US", "AZ", "KR"]
        import_records(
            *(
                rich_record(
                    start_date=f"{2005 + n % 20}-03-0{1 + n % 9}",
                    end_date=None,
                    countries=["KG", partners[n % 13], partners[(n * 7 + 3) % 13]],
                    host_country=partners[n % 13],
                    format=["Central Asia–China", "C5+1", "Central Asia–Japan"][n % 3],
                    topics=[["transit", "railways"], ["covid-19"], ["water"]][n % 3],
                    participants=[
                        {"name": f"Envoy {n}", "country": "KG", "position": f"Envoy {n % 4}"},
                        {"name": f"Host {n}", "country": partners[n % 13], "position": "Minister"},
                    ],
                    statements=[],
                )
                for n in range(size)
            )
        )

    # The register's version; then, cached under it, each country's published meetings,
    # the countries' names and codes, their aliases and the groups.
    INDEX_QUERIES = 5
    # The version only: filtering and sorting work on the cached directory.
    CACHED_INDEX_QUERIES = 1
    # The version; country names; meetings per year; hosted; partners; partners per year;
    # formats; the topic tree; topic counts; documents signed; meetings adopting documents;
    # representatives; their names and positions (all of it cached under the version); then
    # the latest meetings and their countries.
    PAGE_QUERIES = 15
    CACHED_PAGE_QUERIES = 3

    @pytest.mark.parametrize("size", [3, 40])
    def test_the_index_runs_a_fixed_number_of_queries(
        self, client, django_assert_num_queries, size
    ):
        self.register_of(size)
        with django_assert_num_queries(self.INDEX_QUERIES):
            response = client.get(INDEX, {"sort": "count"})
        assert response.context["index"].countries[0].code == "KG"
        with django_assert_num_queries(self.CACHED_INDEX_QUERIES):
            response = client.get(INDEX, {"q": "кирг"})
        assert [entry.code for entry in response.context["index"].countries] == ["KG"]

    @pytest.mark.parametrize("size", [3, 40])
    def test_the_country_page_runs_a_fixed_number_of_queries(
        self, client, django_assert_num_queries, size
    ):
        self.register_of(size)
        with django_assert_num_queries(self.PAGE_QUERIES):
            response = client.get(KG_PAGE)
        country = response.context["country"]
        assert country.meetings == 5 + size
        assert len(country.people) == min(15, 3 + size)
        assert country.more_people is (3 + size > 15)
        assert len(response.context["latest"]) == 8
        with django_assert_num_queries(self.CACHED_PAGE_QUERIES):
            client.get(KG_PAGE)
        with django_assert_num_queries(1):
            client.get("/countries/KG/activity.csv")


class TestFreshness:
    def test_a_new_meeting_shows_on_both_pages_at_once(self, client, register):
        assert client.get(KG_PAGE).context["country"].meetings == 5
        counts = {e.code: e.meetings for e in client.get(INDEX).context["index"].countries}
        assert counts["KG"] == 5
        import_records(meeting_record(title="Fresh talks", countries=["KG", "AM"]))
        country = client.get(KG_PAGE).context["country"]
        assert country.meetings == 6
        assert ("Armenia", 1) in [(p.name, p.count) for p in country.partners]
        counts = {e.code: e.meetings for e in client.get(INDEX).context["index"].countries}
        assert (counts["KG"], counts["AM"]) == (6, 1)
        assert client.get("/countries/AM/").status_code == 200


def test_a_filter_text_with_a_character_xml_forbids_is_refused(client, db):
    response = client.get("/countries/", {"q": "Kyr\x01gyz"})
    assert response.status_code == 400
    assert "U+0001" in response.content.decode()
