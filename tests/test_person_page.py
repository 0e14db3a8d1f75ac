"""A person's page: the name in the script it was recorded in with the other one beside it,
the positions held over time, the meetings attended and the statements made; drafts never
shown or counted, every number a link to the meetings behind it, a fixed number of queries."""

import re

import pytest
from django.utils.html import escape

from meetings.analysis import people
from meetings.models import Person
from tests.factories import import_records, meeting_record, rich_record

SECRET = "Zanzibarite"
# The register's version; the person; the dates and positions of all their meetings; their
# latest meetings; their latest statements.
PAGE_QUERIES = 5


def attended(day: str, position: str, **overrides) -> dict:
    fields = dict(
        title=f"Consultations of {day}",
        start_date=day,
        countries=["KG", "UZ"],
        participants=[
            {
                "name": "Ruslan Kazakbaev",
                "name_ru": "Руслан Казакбаев",
                "country": "KG",
                "position": position,
            }
        ],
    )
    return meeting_record(**{**fields, **overrides})


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def kazakbaev_page(client):
    return client.get(f"/people/{Person.objects.get(name='Ruslan Kazakbaev').slug}/")


# Names


def test_it_shows_a_latin_name_first_and_the_russian_one_beside_it(client, db):
    import_records(rich_record())

    html = html_of(client.get("/people/aibek-osmonov/"))

    assert '<h1 lang="en">Aibek Osmonov</h1>' in html
    assert '<p class="secondary person-other-name" lang="ru">Айбек Осмонов</p>' in html
    assert 'Represents <a href="/countries/KG/">Kyrgyzstan</a>' in html


def test_it_shows_a_name_recorded_in_cyrillic_first_and_a_latin_one_second(client, db):
    import_records(
        meeting_record(
            participants=[{"name": "Садыр Жапаров", "name_ru": "Sadyr Japarov", "country": "KG"}]
        )
    )
    person = Person.objects.get(name="Садыр Жапаров")

    html = html_of(client.get(f"/people/{person.slug}/"))

    assert '<h1 lang="ru">Садыр Жапаров</h1>' in html
    assert '<p class="secondary person-other-name" lang="en">Sadyr Japarov</p>' in html


def test_it_shows_no_second_name_where_the_record_has_none(client, db):
    import_records(rich_record())

    html = html_of(client.get("/people/akira-sato/"))

    assert '<h1 lang="en">Akira Sato</h1>' in html
    assert "person-other-name" not in html


# Positions and meetings


def test_it_merges_consecutive_meetings_in_the_same_position_into_one_row(client, db):
    import_records(
        attended("2021-05-12", "Minister of Foreign Affairs"),
        attended("2022-01-20", "Minister of Foreign Affairs"),
        attended("2022-06-08", "Minister of Foreign Affairs"),
        attended("2023-09-12", "Adviser to the President"),
        attended("2024-02-02", "Adviser to the President"),
        attended("2025-03-03", "Minister of Foreign Affairs"),
    )

    response = kazakbaev_page(client)
    html = html_of(response)
    positions = response.context["page"].positions

    assert [
        (p.position, p.first.isoformat(), p.last.isoformat(), p.meetings) for p in positions
    ] == [
        ("Minister of Foreign Affairs", "2021-05-12", "2022-06-08", 3),
        ("Adviser to the President", "2023-09-12", "2024-02-02", 2),
        ("Minister of Foreign Affairs", "2025-03-03", "2025-03-03", 1),
    ]
    assert "May 2021</time> – <time" in html and "Jun 2022</time>" in html
    for held in positions:
        label = f"{held.meetings} meeting{'s' if held.meetings > 1 else ''}"
        assert (
            f'<a class="position-meetings" href="{escape(held.meetings_url)}">{label}</a>' in html
        )
        assert list_count(client, held.meetings_url) == held.meetings


def test_it_counts_the_meetings_attended_and_links_the_count_to_the_same_list(client, db):
    import_records(*[attended(f"202{n}-05-12", "Minister of Foreign Affairs") for n in range(4)])

    response = kazakbaev_page(client)
    html = html_of(response)
    page = response.context["page"]

    assert page.meetings == 4
    assert f'href="{escape(page.meetings_url)}">4 published meetings</a>' in html
    assert list_count(client, page.meetings_url) == 4


def test_it_lists_the_meetings_attended_newest_first_with_format_position_and_side(client, db):
    import_records(
        attended("2021-05-12", "Minister of Foreign Affairs", format="Central Asia–China"),
        attended("2023-09-12", "Adviser to the President", city="Tashkent"),
        rich_record(
            start_date="2022-06-08",
            end_date=None,
            statements=[],
            participants=[
                {
                    "name": "Ruslan Kazakbaev",
                    "country": "KG",
                    "position": "Minister of Foreign Affairs",
                }
            ],
        ),
    )

    response = kazakbaev_page(client)
    html = html_of(response)

    assert [m.start_date.isoformat() for m in response.context["page"].attended] == [
        "2023-09-12",
        "2022-06-08",
        "2021-05-12",
    ]
    assert re.search(
        r'<h3 class="result-title" lang="ru"><a href="/meetings/[^"]+/">Встреча министров', html
    )
    assert '<a href="/formats/central-asia-china/">Central Asia–China</a>' in html
    assert '<a href="/formats/central-asia-japan/">Central Asia–Japan</a>' in html
    assert " · Tashkent" in html
    assert 'As Adviser to the President, for <a href="/countries/KG/">Kyrgyzstan</a>' in html


def test_it_shows_the_statements_the_person_made_with_their_meeting(client, db):
    import_records(rich_record())

    html = html_of(client.get("/people/aibek-osmonov/"))

    assert "<blockquote>Asked for Japanese investment in logistics hubs.</blockquote>" in html
    assert "Offered training." not in html
    assert re.search(r'For <a href="/countries/KG/">Kyrgyzstan</a>, at\s*<a href="/meetings/', html)


def test_it_caps_the_meetings_shown_and_links_to_all_of_them(client, db, monkeypatch):
    monkeypatch.setattr(people, "MEETING_LIMIT", 3)
    import_records(
        *[attended(f"20{10 + n}-05-12", "Minister of Foreign Affairs") for n in range(5)]
    )

    response = kazakbaev_page(client)
    html = html_of(response)
    page = response.context["page"]

    assert len(page.attended) == 3 and page.meetings == 5
    assert page.attended[0].start_date.year == 2014
    assert f'<a href="{escape(page.meetings_url)}">see all 5 in the list</a>' in html


# Drafts and unknowns


def test_someone_named_only_in_drafts_is_a_404(client, db):
    import_records(
        meeting_record(status="draft", participants=[{"name": f"{SECRET} Envoy", "country": "KG"}])
    )

    assert client.get(f"/people/{SECRET.lower()}-envoy/").status_code == 404


def test_an_unknown_person_is_a_404(client, db):
    assert client.get("/people/no-such-person/").status_code == 404


def test_a_draft_meeting_of_a_published_person_is_neither_shown_nor_counted(client, db):
    import_records(
        attended("2021-05-12", "Minister of Foreign Affairs"),
        attended(
            "2024-01-01",
            f"{SECRET} Plenipotentiary",
            title=f"{SECRET} summit",
            status="draft",
            statements=[
                {"country": "KG", "speaker": "Ruslan Kazakbaev", "text": f"{SECRET} plan."}
            ],
        ),
    )

    response = kazakbaev_page(client)
    html = html_of(response)
    page = response.context["page"]

    assert SECRET not in html
    assert page.meetings == 1 and len(page.positions) == 1 and not page.statements
    assert "1 published meeting</a>" in html


# Bounded work


@pytest.mark.parametrize("meetings", [2, 15])
def test_it_runs_a_fixed_number_of_queries_however_many_meetings(
    client, db, django_assert_num_queries, meetings
):
    positions = ["Minister of Foreign Affairs", "Adviser to the President"]
    records = [
        attended(
            f"{2000 + n}-05-12",
            positions[n // 5 % 2],
            format="Central Asia–China",
            statements=[{"country": "KG", "speaker": "Ruslan Kazakbaev", "text": f"Point {n}."}],
        )
        for n in range(meetings)
    ]
    import_records(*records)
    slug = Person.objects.get(name="Ruslan Kazakbaev").slug

    with django_assert_num_queries(PAGE_QUERIES):
        html = html_of(client.get(f"/people/{slug}/"))

    assert html.count('class="result"') == meetings
    assert html.count('class="person-statement"') == meetings
    # Until the next write, only the register's version is read.
    with django_assert_num_queries(1):
        client.get(f"/people/{slug}/")
    assert html.count('class="position-held"') == (meetings + 4) // 5
