"""The home page as a dashboard: totals, the busiest formats and countries of the latest
twelve months on record, and meetings per year, each number a link to its meetings."""

import csv
import io
import re

import pytest
from django.urls import reverse

from tests.factories import import_records, meeting_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    import_records(
        meeting_record(title="Old visit", start_date="2019-03-01", countries=["US", "FR"]),
        meeting_record(
            title="CA–China ministers",
            start_date="2023-05-10",
            countries=["CN", "KG", "KZ"],
            format="Central Asia–China",
        ),
        meeting_record(
            title="CA–China summit",
            start_date="2023-11-20",
            countries=["CN", "KG", "UZ"],
            format="Central Asia–China",
        ),
        meeting_record(title="Bishkek talks", start_date="2024-02-01", countries=["KG", "TJ"]),
        meeting_record(
            title="Long congress",
            start_date="2023-01-30",
            end_date="2023-02-05",
            countries=["KG", "RU"],
        ),
        meeting_record(
            title="Secret draft",
            start_date="2024-01-15",
            countries=["KG", "NR"],
            format="C5+1",
            status="draft",
        ),
    )


def _home(client):
    response = client.get(reverse("meetings:home"))
    assert response.status_code == 200
    return response


def _count_listed(client, url: str) -> int:
    return client.get(url).context["page"].paginator.count


def test_the_latest_twelve_months_run_to_the_latest_published_meeting(client, register):
    board = _home(client).context["board"]
    assert (str(board.period_start), str(board.period_end)) == ("2023-02-02", "2024-02-01")


def test_busiest_countries_count_the_meetings_their_links_list(client, register):
    board = _home(client).context["board"]
    counts = {row.name: row.count for row in board.busiest_countries}
    # The congress began before the period and was still going on: the list counts it too.
    assert counts == {"Kyrgyzstan": 4, "China": 2, "Kazakhstan": 1, "Russia": 1,
                      "Tajikistan": 1, "Uzbekistan": 1}  # fmt: skip
    for row in board.busiest_countries:
        assert _count_listed(client, row.list_url) == row.count, row.name
    assert board.busiest_countries[0].page_url == "/countries/KG/"


def test_busiest_formats_link_to_their_pages_and_meetings(client, register):
    (row,) = _home(client).context["board"].busiest_formats
    assert (row.name, row.count, row.page_url) == (
        "Central Asia–China",
        2,
        "/formats/central-asia-china/",
    )
    assert _count_listed(client, row.list_url) == 2


def test_totals_and_the_chart_leave_out_drafts(client, register):
    response = _home(client)
    totals = response.context["totals"]
    assert (totals.meetings, totals.countries, totals.formats) == (5, 8, 1)
    page = response.content.decode()
    assert "Secret draft" not in page and "Nauru" not in page and "C5+1" not in page
    bars = {bar.label: bar.value for bar in response.context["chart"].bars}
    assert bars == {"2019": 1, "2020": 0, "2021": 0, "2022": 0, "2023": 3, "2024": 1}


def test_each_bar_links_to_the_meetings_of_its_year(client, register):
    chart = _home(client).context["chart"]
    for bar in chart.bars:
        assert _count_listed(client, bar.url) == bar.value, bar.label


def test_the_chart_is_an_accessible_svg_with_its_numbers_in_a_table(client, register):
    page = _home(client).content.decode()
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>.*?</svg>", page, re.S).group(0)
    assert '<title id="chart-activity-svg-title">Meetings per year</title>' in svg
    assert "the busiest year was 2023 with 3." in svg
    assert svg.count("<rect") == 6
    table = re.search(r"<details class=\"chart-numbers\">.*?</details>", page, re.S).group(0)
    row = r"<th scope=\"row\">2023</th><td class=\"num\"><a href=\"[^\"]+\">3</a>"
    assert re.search(row, table)


def test_the_chart_numbers_download_as_csv(client, register):
    response = client.get(reverse("meetings:activity_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Year", "Meetings"]
    assert rows[1:] == [["2019", "1"], ["2020", "0"], ["2021", "0"], ["2022", "0"],
                        ["2023", "3"], ["2024", "1"]]  # fmt: skip


def test_an_empty_register_has_a_calm_home_page(client):
    page = _home(client).content.decode()
    assert "No meetings have been published yet." in page
    assert "No published meetings to chart." in page


def test_a_write_shows_on_the_home_page_at_once(client, register):
    assert _home(client).context["totals"].meetings == 5
    import_records(meeting_record(title="Fresh", start_date="2024-03-01", countries=["KG", "CN"]))
    response = _home(client)
    assert response.context["totals"].meetings == 6
    assert str(response.context["board"].period_end) == "2024-03-01"


def test_the_home_page_takes_a_fixed_number_of_queries(client, register, django_assert_num_queries):
    # The version, four totals, the latest date, two rankings with their names, the chart's
    # years, then the latest meetings with their countries.
    with django_assert_num_queries(13):
        _home(client)
    import_records(*(meeting_record(countries=["KG", "CN", "UZ"], format="C5+1") for _ in range(9)))
    with django_assert_num_queries(13):
        _home(client)
    # Cached until the next write: only the version and the latest meetings are read.
    with django_assert_num_queries(3):
        _home(client)
