"""The State Department's travels of U.S. Presidents and Secretaries of State, shipped as
fixtures/hsg-travels.jsonl and loaded by `make run`: mapped like the visits, one meeting per
trip even where the data set lists a trip twice, several places or none in the city, and every
trip to Central Asia under its country whatever the country was called at the time."""

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from meetings.interchange.importer import import_lines
from meetings.models import Level, Meeting

ROOT = Path(__file__).resolve().parent.parent
TRAVELS = ROOT / "fixtures" / "hsg-travels.jsonl"
CENTRAL_ASIA = {"KZ", "KG", "TJ", "TM", "UZ"}


def travel_lines(*ids: str) -> list[str]:
    wanted = {f"hsg-travels-{n}" for n in ids}
    with open(TRAVELS, encoding="utf-8") as lines:
        return [line for line in lines if json.loads(line)["external_id"] in wanted]


def shared_travels() -> Path | None:
    """The data set as the shared folder beside the project holds it, where there is one."""
    folders = [os.environ.get("SUMMITRY_SHARED_DIR"), ROOT.parent / "shared"]
    for folder in filter(None, folders):
        path = Path(folder) / "data" / "hsg-travels.jsonl"
        if path.exists():
            return path
    return None


def test_the_fixture_is_the_shared_data_set_unchanged():
    shared = shared_travels()
    if shared is None:
        pytest.skip("no shared data folder beside the project")

    assert TRAVELS.read_bytes() == shared.read_bytes()


def test_make_run_loads_the_travels_after_the_visits():
    data = re.search(r"^DATA := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)

    files = data.group(1).split()
    assert files[0] == "fixtures/seed.jsonl"
    assert files.index("fixtures/hsg-visits.jsonl") < files.index("fixtures/hsg-travels.jsonl")


def test_a_trip_listed_twice_under_two_ids_is_one_meeting(db):
    lines = travel_lines(3992, 3993, 4019, 4020)

    report = import_lines(lines, origin="hsg-travels.jsonl")

    assert report.created == 2
    assert report.repeats == {
        "hsg-travels-4019": "hsg-travels-3992",
        "hsg-travels-4020": "hsg-travels-3993",
    }
    assert sorted(Meeting.objects.values_list("external_id", flat=True)) == [
        "hsg-travels-3992", "hsg-travels-3993",
    ]  # fmt: skip
    again = import_lines(lines, origin="hsg-travels.jsonl")
    assert (again.created, again.unchanged, len(again.repeats)) == (0, 2, 2)


def test_a_listed_repeat_that_no_longer_matches_its_original_is_imported(db):
    original, repeat = (json.loads(line) for line in travel_lines(3992, 4019))
    repeat["summary"] = "A second trip to Tokyo, recorded apart."

    report = import_lines([json.dumps(original), json.dumps(repeat)], origin="edited.jsonl")

    assert (report.created, report.repeats) == (2, {})


def test_two_lines_alike_but_for_their_ids_are_imported_and_reported(db):
    (line,) = travel_lines(3994)
    copy = {**json.loads(line), "external_id": "copy-of-3994"}

    report = import_lines([line, json.dumps(copy)], origin="copies.jsonl")

    assert report.created == 2
    assert report.alike == {"copy-of-3994": "hsg-travels-3994"}


def test_a_trip_to_several_places_keeps_them_all_and_a_trip_to_none_has_no_city(db):
    import_lines(travel_lines(218, 797), origin="hsg-travels.jsonl")

    astana = Meeting.objects.get(external_id="hsg-travels-218")
    vatican = Meeting.objects.get(external_id="hsg-travels-797")
    assert (astana.city, astana.host_country_id) == ("Astana, Almaty", "KZ")
    assert (vatican.city, vatican.host_country_id) == ("", "VA")


def test_a_trip_without_a_city_shows_its_host_country_on_its_page(client, db):
    import_lines(travel_lines(797), origin="hsg-travels.jsonl")
    meeting = Meeting.objects.get()

    html = client.get(f"/meetings/{meeting.slug}/").content.decode()

    assert "Holy See" in html or "Vatican" in html


@pytest.mark.parametrize(
    ("trip", "place", "code"),
    [
        (452, "Alma Ata", "KZ"),  # Baker, December 1991, under the city's Soviet-era name
        (466, "Ashkhabad", "TM"),
        (3937, "Nur-Sultan", "KZ"),  # Pompeo, 2020, under the capital's name of the time
        (451, "Bishkek", "KG"),
    ],
)
def test_a_trip_to_central_asia_lands_under_its_country_whatever_its_names(db, trip, place, code):
    import_lines(travel_lines(trip), origin="hsg-travels.jsonl")

    meeting = Meeting.objects.get()

    assert (meeting.city, meeting.host_country_id) == (place, code)
    assert sorted(meeting.countries.values_list("code", flat=True)) == sorted([code, "US"])


def test_the_whole_file_imports_as_one_meeting_a_trip(db):
    with open(TRAVELS, "rb") as lines:
        report = import_lines(lines, origin="hsg-travels.jsonl")

    assert (report.created, len(report.repeats), report.alike) == (4269, 2, {})
    published = Meeting.objects.published()
    assert published.count() == 4269
    levels = Counter(published.values_list("level", flat=True))
    assert levels == {Level.FOREIGN_MINISTERS: 3439 - 2, Level.HEADS_OF_STATE: 832}
    to_central_asia = published.filter(host_country__in=CENTRAL_ASIA)
    assert Counter(to_central_asia.values_list("host_country", flat=True)) == {
        "KZ": 10, "UZ": 8, "KG": 5, "TJ": 4, "TM": 2,
    }  # fmt: skip
    # Kerry's tour of all five in 2015, the year C5+1 began at Samarkand.
    kerry = to_central_asia.filter(start_date__range=("2015-10-31", "2015-11-03"))
    assert set(kerry.values_list("host_country", flat=True)) == CENTRAL_ASIA
    assert published.filter(city="").count() == 54
