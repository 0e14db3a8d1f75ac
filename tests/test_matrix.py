"""Who meets whom: the country × country matrix, its links, its choices, its CSV and bad input."""

import csv
import html
import io

import pytest
from django.urls import reverse

from meetings.models import Format
from tests.factories import import_records, meeting_record

MATRIX = reverse("meetings:matrix")
MATRIX_CSV = reverse("meetings:matrix_csv")
CENTRAL_ASIA_AND_CHINA = ["KZ", "KG", "TJ", "TM", "UZ", "CN"]
THIRTY_ONE = (
    "KG CN KZ TJ TM UZ RU US IN PK IR BY MN AF AZ AM GE TR JP KR DE FR GB IT ES SA AE QA EG VN ID"
)
SECRET = "Zanzibarian"
SEED_LIKE = "Second meeting of foreign ministers, Central Asia–China"

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    """Published meetings of different country sets, years, topics and formats, and a draft."""
    import_records(
        meeting_record(
            title=SEED_LIKE,
            start_date="2021-05-12",
            format="Central Asia–China",
            countries=["CN", "KG", "KZ", "TJ", "TM", "UZ"],
            topics=["transit"],
        ),
        meeting_record(
            title="Kyrgyzstan–China railway talks",
            start_date="2019-03-01",
            countries=["KG", "CN"],
            topics=["railways"],
        ),
        meeting_record(
            title="Kazakhstan, China and Russia in Astana",
            start_date="2016-07-01",
            countries=["KZ", "CN", "RU"],
            topics=["sco"],
        ),
        meeting_record(
            title="Central Asian consultative meeting",
            start_date="2024-06-01",
            format="Central Asia Consultative Meeting",
            countries=["KG", "KZ", "UZ"],
        ),
        meeting_record(
            title="Kyrgyzstan–United States talks", start_date="2021-09-01", countries=["KG", "US"]
        ),
        meeting_record(
            title="Year-end Kyrgyzstan–China talks",
            start_date="2014-12-30",
            end_date="2015-01-02",
            countries=["KG", "CN"],
        ),
        meeting_record(
            title=f"{SECRET} draft talks",
            start_date="2022-02-02",
            format=f"{SECRET} format",
            countries=["KG", "CN", "FJ"],
            topics=[f"{SECRET.lower()}-affairs"],
            status="draft",
        ),
    )


def grid(response) -> dict[tuple[str, str], int]:
    """Every cell's count by (row code, column code)."""
    matrix = response.context["matrix"]
    return {
        (row.country.code, cell.other.code): cell.count for row in matrix.rows for cell in row.cells
    }


def cell(response, a: str, b: str):
    row = next(row for row in response.context["matrix"].rows if row.country.code == a)
    return next(cell for cell in row.cells if cell.other.code == b)


def listed(client, url: str) -> tuple[int, set[str]]:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count, {m.title for m in response.context["results"]}


def test_the_first_visit_shows_central_asia_and_china_over_all_years(client, register):
    response = client.get(MATRIX)
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [place.code for place in matrix.countries] == CENTRAL_ASIA_AND_CHINA
    assert matrix.label == "Central Asia + China"
    content = response.content.decode()
    assert '<option value="central-asia" selected>Central Asia</option>' in content
    assert 'name="country" id="id_country" value="CN"' in content
    assert "Central Asia + China, all years" in content


def test_each_cell_counts_the_meetings_both_countries_attended(client, register):
    counts = grid(client.get(MATRIX))
    assert counts[("KG", "CN")] == counts[("CN", "KG")] == 3
    assert counts[("KZ", "CN")] == 2
    assert counts[("KG", "KZ")] == counts[("KG", "UZ")] == counts[("KZ", "UZ")] == 2
    assert counts[("TJ", "TM")] == counts[("TM", "CN")] == 1
    assert counts[("KG", "KG")] == 5  # its own meetings, the one with the United States too
    assert counts[("CN", "CN")] == 4
    assert counts[("TJ", "TJ")] == 1


def test_a_cell_links_to_exactly_the_meetings_it_counts(client, register):
    response = client.get(MATRIX)
    kg_cn = cell(response, "KG", "CN")
    assert kg_cn.count == 3
    assert f'href="{kg_cn.url.replace("&", "&amp;")}"' in response.content.decode()
    count, titles = listed(client, kg_cn.url)
    assert count == 3
    assert titles == {
        SEED_LIKE,
        "Kyrgyzstan–China railway talks",
        "Year-end Kyrgyzstan–China talks",
    }


def test_the_pair_that_met_most_is_named_only_when_it_stands_alone(client, register):
    response = client.get(MATRIX)
    busiest = response.context["matrix"].busiest
    assert (busiest.a.code, busiest.b.code, busiest.count) == ("KG", "CN", 3)
    assert "The pair that met most" in response.content.decode()
    tied = client.get(MATRIX, {"format": "central-asia-china", "within": "1"})
    assert tied.context["matrix"].busiest is None
    assert "The pair that met most" not in tied.content.decode()


def test_the_seed_like_meeting_is_behind_the_kyrgyzstan_china_cell(client, register):
    url = cell(client.get(MATRIX), "KG", "CN").url
    assert SEED_LIKE in listed(client, url)[1]


def test_the_diagonal_links_to_a_countrys_own_meetings(client, register):
    own = cell(client.get(MATRIX), "KG", "KG")
    assert own.diagonal
    count, titles = listed(client, own.url)
    assert count == own.count == 5
    assert "Kyrgyzstan–United States talks" in titles


def test_an_empty_cell_shows_a_dot_and_no_link(client, register):
    response = client.get(MATRIX, {"country": "CN, FJ"})
    empty = cell(response, "CN", "FJ")
    assert (empty.count, empty.url) == (0, "")
    content = response.content.decode()
    assert '<td class="none"><span aria-hidden="true">·</span>' in content
    assert "/meetings/?country=CN&amp;country=FJ" not in content


def test_a_period_narrows_the_counts_and_their_links(client, register):
    response = client.get(
        MATRIX, {"group": "central-asia", "country": "CN", "from": "2015", "to": "2020"}
    )
    counts = grid(response)
    # The year-end talks began in 2014 and went on into 2015, as the list's "from" counts them.
    assert counts[("KG", "CN")] == 2
    assert counts[("KZ", "CN")] == 1
    assert counts[("KG", "KZ")] == 0
    kg_cn = cell(response, "KG", "CN")
    assert "from=2015-01-01" in kg_cn.url and "to=2020-12-31" in kg_cn.url
    assert listed(client, kg_cn.url) == (
        2,
        {"Kyrgyzstan–China railway talks", "Year-end Kyrgyzstan–China talks"},
    )
    later = grid(client.get(MATRIX, {"group": "central-asia", "country": "CN", "from": "2021"}))
    assert later[("KG", "CN")] == 1
    assert later[("KG", "KZ")] == 2


def test_a_topic_narrows_the_counts_with_its_sub_topics(client, register):
    response = client.get(MATRIX, {"group": "central-asia", "country": "CN", "topic": "transport"})
    kg_cn = cell(response, "KG", "CN")
    assert kg_cn.count == 2  # transit and railways are both under transport
    assert listed(client, kg_cn.url) == (2, {SEED_LIKE, "Kyrgyzstan–China railway talks"})
    railways = grid(
        client.get(MATRIX, {"group": "central-asia", "country": "CN", "topic": "railways"})
    )
    assert railways[("KG", "CN")] == 1
    assert railways[("KZ", "CN")] == 0


def test_a_format_picks_its_member_countries(client, register):
    response = client.get(MATRIX, {"format": "central-asia-china"})
    codes = [p.code for p in response.context["matrix"].countries]
    assert codes == ["CN", "KZ", "KG", "TJ", "TM", "UZ"]  # the members, by name
    assert grid(response)[("KG", "CN")] == 3  # every meeting of the pair, in any format
    sco = client.get(MATRIX, {"format": "sco-council-of-heads-of-state", "country": "us"})
    codes = [p.code for p in sco.context["matrix"].countries]
    assert set(codes) == {"BY", "CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ", "US"}
    assert codes[-1] == "US"  # the members first, then the extra country


def test_a_format_without_members_stands_for_the_countries_at_its_published_meetings(client):
    import_records(
        meeting_record(format="Tashkent Dialogue", countries=["KG", "UZ", "AF"]),
        meeting_record(format="Tashkent Dialogue", countries=["KG", "FJ"], status="draft"),
    )
    slug = Format.objects.get(name_en="Tashkent Dialogue").slug
    response = client.get(MATRIX, {"format": slug, "within": "1"})
    assert [p.code for p in response.context["matrix"].countries] == ["AF", "KG", "UZ"]
    assert grid(response)[("KG", "UZ")] == 1


def test_within_counts_only_the_formats_meetings(client, register):
    response = client.get(MATRIX, {"format": "central-asia-china", "within": "1"})
    kg_cn = cell(response, "KG", "CN")
    assert kg_cn.count == 1
    assert "format=central-asia-china" in kg_cn.url
    assert listed(client, kg_cn.url) == (1, {SEED_LIKE})
    assert grid(response)[("KG", "KZ")] == 1


def test_extra_countries_are_read_in_any_case_and_either_form(client, register):
    typed = client.get(MATRIX, {"country": "kg  cn,kz"})
    repeated = client.get(f"{MATRIX}?country=kg&country=CN&country=Kz")
    for response in (typed, repeated):
        assert [p.code for p in response.context["matrix"].countries] == ["CN", "KZ", "KG"]
        assert grid(response)[("KG", "CN")] == 3


def test_more_than_thirty_countries_show_a_message_instead_of_a_grid(client, register):
    assert len(THIRTY_ONE.split()) == 31
    response = client.get(MATRIX, {"country": THIRTY_ONE})
    assert response.status_code == 200
    content = response.content.decode()
    assert "31 countries are chosen" in content
    assert "up to 30" in content
    assert "<table" not in content
    thirty = client.get(MATRIX, {"country": THIRTY_ONE.rsplit(" ", 1)[0]})
    assert thirty.content.decode().count('<th scope="row">') == 30


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"group": "atlantis"}, "Unknown group “atlantis”."),
        ({"format": "atlantis"}, "Unknown format “atlantis”."),
        ({"format": "zanzibarian-format"}, "Unknown format “zanzibarian-format”."),
        ({"topic": "atlantis"}, "Unknown topic “atlantis”."),
        ({"topic": "zanzibarian-affairs"}, "Unknown topic “zanzibarian-affairs”."),
        ({"country": "KG, XX"}, "Unknown country code “XX”."),
        ({"country": "K1"}, "“K1” is not a country code"),
        ({"country": "KG" * 501}, "The list of countries is too long"),
        ({"country": ["KG"] * 21}, "“country” is given 21 times; at most 20 are allowed."),
        ({"format": "c5-plus-1", "within": "yes"}, "“within” is either 1 (count only"),
        ({"within": "1"}, "Counting only the meetings of a format needs a format"),
        ({"from": "15"}, "“from” must be a year of four digits, like 2015."),
        ({"from": "last year"}, "“from” must be a year of four digits, like 2015."),
        ({"to": "20255"}, "“to” must be a year of four digits, like 2025."),
        ({"from": "2020", "to": "2010"}, "“to” (2010) is before “from” (2020)."),
    ],
)
def test_a_bad_parameter_gets_a_400_page_saying_why(client, register, params, message):
    response = client.get(MATRIX, params)
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert message in content
    assert "This matrix cannot be drawn" in content
    assert "<table" not in content
    as_csv = client.get(MATRIX_CSV, params)
    assert as_csv.status_code == 400
    assert message in as_csv.content.decode()


def test_drafts_are_never_counted_or_named(client, register):
    response = client.get(MATRIX, {"group": "central-asia", "country": "CN FJ"})
    counts = grid(response)
    assert counts[("KG", "CN")] == 3
    assert counts[("KG", "FJ")] == counts[("CN", "FJ")] == counts[("FJ", "FJ")] == 0
    content = response.content.decode()
    assert SECRET not in content and SECRET.lower() not in content
    csv_text = client.get(
        MATRIX_CSV, {"group": "central-asia", "country": "CN FJ"}
    ).content.decode()
    assert "FJ" not in csv_text
    assert "KG,CN,Kyrgyzstan,China,3" in csv_text


def test_the_csv_has_one_row_per_pair_that_met(client, register):
    response = client.get(MATRIX_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="who-meets-whom.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["country_a", "country_b", "name_a", "name_b", "meetings"]
    pairs = {(a, b): int(n) for a, b, _name_a, _name_b, n in rows[1:]}
    assert len(pairs) == 15  # every pair of the six met at the seed-like meeting
    assert pairs[("KG", "CN")] == 3
    assert pairs[("KZ", "KG")] == 2
    assert pairs[("TJ", "TM")] == 1
    assert ["KZ", "CN", "Kazakhstan", "China", "2"] in rows


def test_the_page_links_to_its_csv_with_the_same_choices(client, register):
    params = {"format": "central-asia-china", "within": "1", "from": "2020", "topic": "transit"}
    content = client.get(MATRIX, params).content.decode()
    url = f"{MATRIX_CSV}?format=central-asia-china&amp;within=1&amp;topic=transit&amp;from=2020"
    assert f'href="{url}"' in content
    rows = client.get(url.replace("&amp;", "&")).content.decode().splitlines()
    assert "CN,KG,China,Kyrgyzstan,1" in rows


def test_more_than_thirty_countries_get_no_csv(client, register):
    response = client.get(MATRIX_CSV, {"country": THIRTY_ONE})
    assert response.status_code == 400
    assert "31 countries are chosen" in response.content.decode()


def test_a_period_alone_applies_to_central_asia_and_china(client, register):
    response = client.get(MATRIX, {"from": "2021", "to": "2021"})
    assert [p.code for p in response.context["matrix"].countries] == CENTRAL_ASIA_AND_CHINA
    assert grid(response)[("KG", "CN")] == 1
    assert "Central Asia + China, 2021" in response.content.decode()


def test_nothing_chosen_asks_for_a_choice(client, register):
    response = client.get(MATRIX, {"group": "", "country": ""})
    assert response.status_code == 200
    assert "No countries are chosen" in response.content.decode()


def test_the_form_offers_no_format_or_topic_known_only_from_drafts(client, register):
    content = client.get(MATRIX).content.decode()
    assert 'value="central-asia-consultative-meeting"' in content
    assert 'value="c5-plus-1"' in content  # reference data, even without meetings
    assert 'value="transport"' in content
    assert "zanzibarian" not in content.lower()


def test_the_page_runs_a_fixed_number_of_queries(client, register, django_assert_num_queries):
    # The register's version, the form's three option lists, the code check, and three for
    # the matrix (the chosen countries, the cells, the diagonal) until it is cached.
    params = {"format": "central-asia-china", "within": "1", "topic": "transport", "from": "2015"}
    with django_assert_num_queries(8):
        client.get(MATRIX)
    with django_assert_num_queries(8):
        client.get(MATRIX, {**params, "country": "RU US"})
    import_records(
        *(
            meeting_record(
                start_date=f"{2010 + n % 15}-03-0{1 + n % 9}",
                format="Central Asia–China" if n % 2 else None,
                countries=["CN", "KG", "KZ", "RU", "US", "UZ"][: 2 + n % 5],
                topics=["railways"] if n % 3 else [],
            )
            for n in range(40)
        )
    )
    with django_assert_num_queries(8):
        response = client.get(MATRIX)
    assert grid(response)[("KG", "CN")] == 3 + 40
    with django_assert_num_queries(8):
        client.get(MATRIX, {**params, "country": "RU US"})
    # The same matrix as a CSV is the page's answer again, until the next write.
    with django_assert_num_queries(5):
        client.get(MATRIX_CSV, {**params, "country": "RU US"})


def test_a_format_stands_for_its_members_of_today_not_its_former_ones(client, db):
    # Georgia left the CIS in 2009: the CIS matrix holds today's members only.
    response = client.get(MATRIX, {"format": "cis-council-of-heads-of-state", "group": ""})
    assert response.status_code == 200
    codes = [place.code for place in response.context["matrix"].countries]
    assert "GE" not in codes
    assert {"KG", "KZ", "RU", "TJ", "UZ"} <= set(codes)
