"""The formats index and a format's page: members, activity, and the editions as a timeline
with what each adopted; gaps in the numbering shown as gaps, drafts never shown or counted,
every number a link to the meetings behind it, and a fixed number of queries."""

import json
import re
from datetime import date

import pytest
from django.utils.html import escape

from meetings.analysis.formats import Edition, Gap, timeline
from meetings.interchange.exporter import export_lines
from meetings.models import Meeting
from tests.factories import import_records, meeting_record, rich_record

CAC = "Central Asia–China"
CAC_MEMBERS = ["CN", "KG", "KZ", "TJ", "TM", "UZ"]
SECRET = "Zanzibarite"

# The meetings grouped by format, the formats shown, their members.
INDEX_QUERIES = 3
# The format, its members, its meetings with their hosts, their documents, the meetings per
# year, the documents by kind, the meetings' countries.
DETAIL_QUERIES = 7


def edition(number: int | None, day: str, **overrides) -> dict:
    title = f"Edition {number} of the ministers" if number else f"Unnumbered meeting of {day}"
    fields = dict(title=title, format=CAC, edition=number, start_date=day, countries=CAC_MEMBERS)
    return meeting_record(**{**fields, **overrides})


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def link(url: str, text) -> str:
    return f'<a href="{escape(url)}">{text}</a>'


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def timeline_of(client, slug: str = "central-asia-china") -> list:
    response = client.get(f"/formats/{slug}/")
    assert response.status_code == 200
    return response.context["page"].timeline


def labels(items) -> list[str]:
    return [item.label if item.is_gap else item.title for item in items]


# The index


def test_the_index_lists_a_reference_format_that_has_no_meeting_yet(client, db):
    html = html_of(client.get("/formats/"))

    assert 'href="/formats/c5-plus-1/"' in html
    assert (
        '<p class="secondary format-card-name-ru" lang="ru">Центральная Азия – США (C5+1)</p>'
        in html
    )
    assert "None published yet" in html


def test_the_index_leaves_out_a_format_only_a_draft_created(client, db):
    import_records(
        meeting_record(format=f"{SECRET} Dialogue", status="draft", title=f"{SECRET} talks")
    )

    html = html_of(client.get("/formats/"))

    assert SECRET not in html
    assert SECRET.lower() not in html


def test_the_index_shows_members_count_and_years_of_a_format_and_links_them(client, db):
    import_records(edition(1, "2020-07-16"), edition(2, "2021-05-12"), edition(3, "2022-06-08"))
    import_records(edition(4, "2023-04-27", status="draft"))

    response = client.get("/formats/")
    html = html_of(response)
    (summary,) = [s for s in response.context["formats"] if s.slug == "central-asia-china"]

    assert summary.meetings == 3
    assert (summary.first_year, summary.last_year) == (2020, 2022)
    assert link("/meetings/?format=central-asia-china", 3) in html
    assert "2020–2022" in html
    for code in CAC_MEMBERS:
        assert f'href="/countries/{code}/"' in html
    assert list_count(client, summary.meetings_url) == 3


def test_the_index_puts_the_most_recently_active_format_first_then_the_rest_by_name(client, db):
    import_records(
        meeting_record(format="C5+1", start_date="2019-01-01"),
        meeting_record(format=CAC, start_date="2023-01-01"),
    )

    slugs = [s.slug for s in client.get("/formats/").context["formats"]]

    assert slugs[:2] == ["central-asia-china", "c5-plus-1"]
    rest = client.get("/formats/").context["formats"][2:]
    assert [s.name_en.casefold() for s in rest] == sorted(s.name_en.casefold() for s in rest)


# A format's page


def test_the_page_shows_the_format_in_both_languages_with_its_members(client, db):
    import_records(edition(2, "2021-05-12"))

    html = html_of(client.get("/formats/central-asia-china/"))

    assert "<h1>Central Asia–China</h1>" in html
    assert 'lang="ru">Центральная Азия – Китай</p>' in html
    assert "meeting at foreign-minister level since 2020" in html
    assert link("/countries/KG/", "Kyrgyzstan") in html
    assert link("/countries/CN/", "China") in html


def test_the_timeline_follows_the_edition_numbers_and_fits_unnumbered_meetings_in_by_date(
    client, db
):
    import_records(
        edition(2, "2021-05-12"),
        edition(None, "2023-05-18"),
        edition(1, "2020-07-16"),
        edition(None, "2020-12-01"),
        edition(3, "2022-06-08"),
    )

    items = timeline_of(client)

    assert labels(items) == [
        "Edition 1 of the ministers",
        "Unnumbered meeting of 2020-12-01",
        "Edition 2 of the ministers",
        "Edition 3 of the ministers",
        "Unnumbered meeting of 2023-05-18",
    ]


def test_the_timeline_shows_a_missing_edition_as_a_gap_and_invents_no_meeting(client, db):
    import_records(edition(1, "2020-07-16"), edition(2, "2021-05-12"), edition(4, "2023-04-27"))

    response = client.get("/formats/central-asia-china/")
    html = html_of(response)
    items = response.context["page"].timeline

    assert labels(items) == [
        "Edition 1 of the ministers",
        "Edition 2 of the ministers",
        "No record of the 3rd meeting is held.",
        "Edition 4 of the ministers",
    ]
    assert html.count('class="timeline-item"') == 3
    assert html.count('class="timeline-gap"') == 1
    assert "3rd meeting</span>" not in html
    assert "4th meeting</span>" in html


def test_edition_numbers_are_what_the_records_say_and_nothing_renumbers_them(client, db):
    import_records(
        edition(2, "2021-05-12", external_id="second"),
        edition(None, "2022-01-10", external_id="unnumbered"),
        edition(5, "2024-04-26", external_id="fifth"),
    )

    items = timeline_of(client)

    assert [(item.edition, item.edition_label) for item in items if not item.is_gap] == [
        (2, "2nd meeting"), (None, ""), (5, "5th meeting"),
    ]  # fmt: skip
    assert [item.label for item in items if item.is_gap] == [
        "No record of the 1st meeting is held.",
        "No record of the 3rd and 4th meetings is held.",
    ]
    fifth = Meeting.objects.get(external_id="fifth")
    page = client.get(f"/meetings/{fifth.slug}/").context["page"]
    assert page.edition_label == "5th meeting"
    assert page.previous.label == "Meeting of 10 January 2022"
    # A record of the 3rd arriving later fills its gap and moves no other number.
    import_records(edition(3, "2022-06-08", external_id="third"))
    items = timeline_of(client)
    assert [item.edition for item in items if not item.is_gap] == [2, None, 3, 5]
    assert dict(Meeting.objects.values_list("external_id", "edition")) == {
        "second": 2, "unnumbered": None, "fifth": 5, "third": 3,
    }  # fmt: skip
    exported = [json.loads(line) for line in export_lines(Meeting.objects.all())]
    assert [(r["external_id"], r["edition"]) for r in exported] == [
        ("second", 2), ("unnumbered", None), ("third", 3), ("fifth", 5),
    ]  # fmt: skip


def test_the_timeline_names_a_run_of_missing_editions_and_those_before_the_first():
    def made(number, day):
        return Edition(number, "s", f"E{number}", "", "en", day, None, "", None, "", number, "", [])

    items = timeline([made(3, date(2021, 1, 1)), made(7, date(2022, 1, 1))])

    assert labels(items) == [
        "No record of the 1st and 2nd meetings is held.",
        "E3",
        "No record of the 4th to 6th meetings is held.",
        "E7",
    ]
    assert labels(timeline([made(3, date(2021, 1, 1))], complete=False)) == ["E3"]
    assert isinstance(items[0], Gap)


def test_each_level_numbers_its_own_meetings_and_the_timeline_interleaves_them_by_date(client, db):
    # Sources number the foreign ministers' meetings and the summits apart.
    import_records(
        edition(1, "2020-07-16", level="foreign_ministers"),
        edition(2, "2021-05-12", level="foreign_ministers"),
        edition(4, "2023-04-27", level="foreign_ministers"),
        edition(1, "2023-05-18", level="heads_of_state", title="First summit"),
        edition(2, "2025-06-17", level="heads_of_state", title="Second summit"),
    )

    response = client.get("/formats/central-asia-china/")
    items = response.context["page"].timeline

    assert labels(items) == [
        "Edition 1 of the ministers",
        "Edition 2 of the ministers",
        "No record of the 3rd meeting is held.",
        "Edition 4 of the ministers",
        "First summit",
        "Second summit",
    ]
    [gap] = [item for item in items if item.is_gap]
    assert gap.level_label == "Foreign ministers"
    gap_line = 'is held. <span class="timeline-level">(Foreign ministers)</span>'
    assert gap_line in html_of(response)


def test_the_timeline_shows_what_each_edition_adopted_with_its_kind(client, db):
    import_records(
        edition(
            1,
            "2020-07-16",
            language="ru",
            documents=[
                {"title": "Совместное заявление", "kind": "joint_statement", "signatories": []}
            ],
        ),
        edition(
            2,
            "2021-05-12",
            documents=[
                {"title": "Xi'an Memorandum", "kind": "memorandum", "signatories": []},
                {"title": "Roadmap to 2030", "kind": "roadmap", "signatories": []},
            ],
        ),
    )

    response = client.get("/formats/central-asia-china/")
    html = html_of(response)
    first, second = response.context["page"].timeline

    assert [d.title for d in first.documents] == ["Совместное заявление"]
    assert [d.title for d in second.documents] == ["Xi'an Memorandum", "Roadmap to 2030"]
    assert '<span class="document-title" lang="ru">Совместное заявление</span>' in html
    assert '<span class="document-title">Roadmap to 2030</span>' in html
    assert '<a class="document-kind" href="/documents/?kind=memorandum">Memorandum</a>' in html
    assert (
        '<a class="document-kind" href="/documents/?kind=joint_statement">Joint statement</a>'
        in html
    )
    # Each edition's documents sit under that edition.
    first_item, second_item = re.findall(r'<li class="timeline-item">.*?\n</li>', html, re.S)
    assert "Совместное заявление" in first_item and "Roadmap" not in first_item
    assert "Roadmap to 2030" in second_item and "Совместное" not in second_item


def test_the_timeline_gives_each_edition_its_date_place_level_and_titled_link(client, db):
    import_records(
        rich_record(format=CAC, edition=3, start_date="2022-06-08", end_date="2022-06-09")
    )

    html = html_of(client.get("/formats/central-asia-china/"))

    assert '<span class="timeline-edition">3rd meeting</span>' in html
    dates = '<time datetime="2022-06-08">8 Jun 2022</time> – <time datetime="2022-06-09">'
    assert dates in html
    assert 'Tokyo, <a href="/countries/JP/">Japan</a>' in html
    assert '<span class="timeline-level">Foreign ministers</span>' in html
    assert re.search(
        r'<h3 class="timeline-title" lang="ru"><a href="/meetings/[^"]+/">Встреча министров', html
    )


def test_every_number_on_the_page_links_to_a_list_of_as_many_meetings(client, db):
    declaration = {"title": "Declaration", "kind": "declaration", "signatories": []}
    statement = {"title": "Statement", "kind": "joint_statement", "signatories": []}
    import_records(
        edition(1, "2020-07-16", documents=[declaration, statement]),
        edition(2, "2021-05-12", documents=[statement, statement]),
        edition(3, "2021-11-12", documents=[]),
        meeting_record(format="C5+1", start_date="2021-06-01", documents=[declaration]),
    )

    response = client.get("/formats/central-asia-china/")
    html = html_of(response)
    page = response.context["page"]

    assert page.meetings == 3 and page.documents == 4
    assert link(page.meetings_url, 3) in html
    assert list_count(client, page.meetings_url) == 3
    by_kind = {kind.kind: kind for kind in page.kinds}
    assert (by_kind["joint_statement"].documents, by_kind["joint_statement"].meetings) == (3, 2)
    assert (by_kind["declaration"].documents, by_kind["declaration"].meetings) == (1, 1)
    for kind in page.kinds:
        assert link(kind.meetings_url, kind.meetings) in html
        assert list_count(client, kind.meetings_url) == kind.meetings
    bars = {bar.label: bar for bar in page.chart.bars}
    assert (bars["2020"].value, bars["2021"].value) == (1, 2)
    for bar in page.chart.bars:
        assert list_count(client, bar.url) == bar.value
        assert f'<a href="{escape(bar.url)}">' in html


def test_the_chart_numbers_download_as_csv(client, db):
    import_records(edition(1, "2020-07-16"), edition(2, "2021-05-12"), edition(4, "2023-04-27"))

    response = client.get("/formats/central-asia-china/activity.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Year,Meetings", "2020,1", "2021,1", "2022,0", "2023,1",
    ]  # fmt: skip
    assert 'href="/formats/central-asia-china/activity.csv"' in html_of(
        client.get("/formats/central-asia-china/")
    )
    assert client.get("/formats/c5-plus-1/activity.csv").status_code == 404


def test_the_chart_appears_only_when_meetings_span_more_than_one_year(client, db):
    import_records(edition(1, "2021-01-16"), edition(2, "2021-05-12"))

    response = client.get("/formats/central-asia-china/")

    assert response.context["page"].chart is None
    assert "chart-per-year" not in html_of(response)


def test_a_draft_edition_neither_shows_nor_fills_the_gap_nor_counts(client, db):
    secret_document = {"title": f"{SECRET} accord", "kind": "treaty", "signatories": ["KG"]}
    import_records(edition(1, "2020-07-16"), edition(2, "2021-05-12"), edition(4, "2023-04-27"))
    import_records(
        edition(3, "2022-06-08", status="draft", city=SECRET, documents=[secret_document])
    )

    response = client.get("/formats/central-asia-china/")
    html = html_of(response)
    page = response.context["page"]

    assert SECRET not in html
    assert "No record of the 3rd meeting is held." in html
    assert page.meetings == 3 and page.documents == 0
    assert "treaty" not in html.lower()
    summary = [s for s in client.get("/formats/").context["formats"] if s.slug == page.slug]
    assert summary[0].meetings == 3


def test_an_unknown_format_is_a_404(client, db):
    assert client.get("/formats/no-such-format/").status_code == 404


def test_a_format_known_only_from_drafts_is_a_404(client, db):
    import_records(meeting_record(format=f"{SECRET} Dialogue", status="draft"))

    assert client.get(f"/formats/{SECRET.lower()}-dialogue/").status_code == 404


def test_a_reference_format_without_meetings_shows_its_members_and_says_so(
    client, db, django_assert_num_queries
):
    # The format, its meetings (none), its members.
    with django_assert_num_queries(3):
        html = html_of(client.get("/formats/c5-plus-1/"))

    assert "<h1>C5+1</h1>" in html
    assert link("/countries/US/", "United States") in html
    assert "No meeting of this format is published yet." in html


def test_the_page_escapes_what_editors_wrote(client, db):
    import_records(
        edition(
            1,
            "2020-07-16",
            title="<script>alert(1)</script>",
            documents=[{"title": "<b>bold</b>", "kind": "other", "signatories": []}],
        )
    )

    html = html_of(client.get("/formats/central-asia-china/"))

    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html
    assert "&lt;b&gt;bold&lt;/b&gt;</span>" in html


def test_the_pages_answer_only_reading_methods(client, db):
    assert client.post("/formats/").status_code == 405
    assert client.post("/formats/central-asia-china/").status_code == 405


# Bounded work


def many_editions(n: int) -> None:
    documents = [
        {"title": f"Document {k}", "kind": kind, "signatories": CAC_MEMBERS}
        for k, kind in enumerate(["memorandum", "joint_statement", "declaration"])
    ]
    import_records(
        *[
            rich_record(
                format=CAC, edition=k + 1, start_date=f"{2000 + k}-05-12", documents=documents
            )
            for k in range(n)
        ],
        *[meeting_record(format="C5+1", start_date=f"{2000 + k}-03-01") for k in range(n)],
    )


@pytest.mark.parametrize("editions", [2, 12])
def test_the_index_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, editions):
    many_editions(editions)

    with django_assert_num_queries(INDEX_QUERIES):
        html = html_of(client.get("/formats/"))

    assert link("/meetings/?format=central-asia-china", editions) in html


@pytest.mark.parametrize("editions", [2, 12])
def test_the_format_page_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, editions
):
    many_editions(editions)

    with django_assert_num_queries(DETAIL_QUERIES):
        html = html_of(client.get("/formats/central-asia-china/"))

    assert html.count('class="timeline-item"') == editions
    assert html.count('class="timeline-document"') == 3 * editions
