"""Format membership with dates where it changed: the reference data holds them, the format
page says since when a country is a member and until when a former one was, and counting a
format's members at one of its meetings counts those of that day."""

from datetime import date

import pytest
from django.apps import apps

from meetings.models import Format, FormatMember
from meetings.reference.formats import FORMATS_BY_SLUG, members_on, membership
from meetings.reference.loader import load_formats
from tests.factories import import_records, meeting_record

SCO = "sco-council-of-heads-of-state"
SCO_FOUNDERS = {"CN", "KZ", "KG", "RU", "TJ", "UZ"}
CONSULTATIVE = "central-asia-consultative-meeting"


def dates_of(slug: str) -> dict[str, tuple[date | None, date | None]]:
    rows = FormatMember.objects.filter(format__slug=slug)
    return {m.country_id: (m.joined, m.left) for m in rows}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug",
    [
        "sco-council-of-heads-of-state",
        "sco-council-of-foreign-ministers",
        "sco-council-of-heads-of-government",
    ],
)
def test_the_sco_records_when_india_pakistan_iran_and_belarus_joined(slug):
    dates = dates_of(slug)

    assert dates["IN"] == dates["PK"] == (date(2017, 6, 9), None)
    assert dates["IR"] == (date(2023, 7, 4), None)
    assert dates["BY"] == (date(2024, 7, 4), None)
    assert {code for code, (joined, _) in dates.items() if joined is None} == SCO_FOUNDERS


@pytest.mark.django_db
def test_azerbaijan_joined_the_consultative_meetings_in_tashkent_in_november_2025():
    dates = dates_of(CONSULTATIVE)

    assert dates["AZ"] == (date(2025, 11, 16), None)
    assert all(dates[code] == (None, None) for code in ("KZ", "KG", "TJ", "TM", "UZ"))


@pytest.mark.django_db
def test_other_dated_changes_are_held_and_a_former_member_keeps_its_leaving_day():
    assert dates_of("organization-of-turkic-states-summit")["UZ"] == (date(2019, 10, 15), None)
    eaeu = dates_of("supreme-eurasian-economic-council")
    assert (eaeu["AM"], eaeu["KG"]) == ((date(2015, 1, 2), None), (date(2015, 8, 12), None))
    assert dates_of("cis-council-of-heads-of-state")["GE"] == (None, date(2009, 8, 18))


@pytest.mark.django_db
def test_members_on_a_day_follow_the_dates():
    sco = FormatMember.objects.filter(format__slug=SCO)

    def codes(day):
        return set(sco.on(day).values_list("country_id", flat=True))

    assert codes(date(2017, 6, 8)) == SCO_FOUNDERS
    assert codes(date(2017, 6, 9)) == SCO_FOUNDERS | {"IN", "PK"}
    assert codes(date(2023, 7, 4)) == SCO_FOUNDERS | {"IN", "PK", "IR"}
    assert codes(date(2024, 7, 4)) == SCO_FOUNDERS | {"IN", "PK", "IR", "BY"}
    cis = FormatMember.objects.filter(format__slug="cis-council-of-heads-of-state")
    assert cis.filter(country="GE").on(date(2009, 8, 17)).exists()
    assert not cis.filter(country="GE").on(date(2009, 8, 18)).exists()


def test_the_intake_can_ask_the_reference_data_who_was_a_member_without_the_database():
    assert set(members_on(SCO, date(2019, 6, 14))) == SCO_FOUNDERS | {"IN", "PK"}
    assert "AZ" not in members_on(CONSULTATIVE, date(2024, 8, 9))
    assert "AZ" in members_on(CONSULTATIVE, date(2025, 11, 16))
    assert "GE" in membership(FORMATS_BY_SLUG["cis-council-of-heads-of-state"])
    assert "GE" not in FORMATS_BY_SLUG["cis-council-of-heads-of-state"]["members"]


@pytest.mark.django_db
def test_reloading_the_reference_data_restores_the_dates_and_keeps_one_row_a_member():
    FormatMember.objects.filter(format__slug=SCO, country="IR").update(joined=None)
    FormatMember.objects.filter(format__slug=SCO, country="CN").delete()
    FormatMember.objects.create(format=Format.objects.get(slug=SCO), country_id="FR")

    load_formats(apps)
    load_formats(apps)

    dates = dates_of(SCO)
    assert dates["IR"] == (date(2023, 7, 4), None)
    assert "CN" in dates and "FR" not in dates
    assert FormatMember.objects.filter(format__slug=SCO).count() == 10


@pytest.mark.django_db
def test_the_loader_adopts_a_format_an_import_created_under_the_same_name():
    Format.objects.filter(slug="china-kyrgyzstan-uzbekistan-railway").delete()
    made = Format.objects.create(
        slug="china-kyrgyzstan-uzbekistan-railway-2", name_en="China–Kyrgyzstan–Uzbekistan Railway"
    )

    load_formats(apps)

    made.refresh_from_db()
    assert made.slug == "china-kyrgyzstan-uzbekistan-railway"
    assert set(made.members.values_list("code", flat=True)) == {"CN", "KG", "UZ"}


# The format page


def html_of(client, slug: str) -> str:
    response = client.get(f"/formats/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_format_page_says_since_when_a_country_is_a_member(client):
    html = html_of(client, SCO)

    assert 'member since <time datetime="2017-06-09">9 June 2017</time>' in html
    assert 'member since <time datetime="2024-07-04">4 July 2024</time>' in html
    china = html[html.index('href="/countries/CN/"') :]
    assert "member since" not in china[: china.index("</li>")]


@pytest.mark.django_db
def test_the_format_page_lists_a_former_member_apart_with_its_leaving_day(client):
    html = html_of(client, "cis-council-of-heads-of-state")

    former = html[html.index("Former members") :]
    assert 'href="/countries/GE/"' in former
    assert 'until <time datetime="2009-08-18">18 August 2009</time>' in former
    assert 'href="/countries/GE/"' not in html[: html.index("Former members")]


@pytest.mark.django_db
def test_the_index_shows_only_current_members(client):
    html = client.get("/formats/").content.decode()

    cis = html[html.index("/formats/cis-council-of-heads-of-state/") :]
    assert 'href="/countries/GE/"' not in cis[: cis.index("</li>")]


@pytest.mark.django_db
def test_each_edition_counts_the_members_of_its_own_day(client):
    def summit(day: str, countries: list[str]) -> dict:
        return meeting_record(
            title=f"SCO summit {day}", format="SCO Council of Heads of State", start_date=day,
            countries=countries,
        )  # fmt: skip

    import_records(
        summit("2016-06-23", [*SCO_FOUNDERS, "IN", "PK"]),  # India and Pakistan as guests
        summit("2019-06-14", [*SCO_FOUNDERS, "IN", "PK"]),
        summit("2023-07-04", [*SCO_FOUNDERS, "IN", "PK", "IR"]),
        summit("2025-08-31", [*SCO_FOUNDERS, "IN", "PK", "IR", "BY"]),
    )

    page = client.get(f"/formats/{SCO}/").context["page"]

    by_title = {item.title: item.attendance_label for item in page.timeline}
    assert by_title == {
        "SCO summit 2016-06-23": "6 of 6 members took part",
        "SCO summit 2019-06-14": "8 of 8 members took part",
        "SCO summit 2023-07-04": "9 of 9 members took part",
        "SCO summit 2025-08-31": "10 of 10 members took part",
    }
    assert "8 of 8 members took part" in html_of(client, SCO)
