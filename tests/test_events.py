"""Linked events: the meetings of one event (a summit and the leaders' visits to attend it)
share an event slug, which the interchange format carries as the optional key ``event``; the
State Department's rows of the C5+1 summit of September 2023 get theirs from a curated list."""

import json
from pathlib import Path

import pytest
from reversion.models import Revision

from meetings.interchange.curated import C5_PLUS_1_SUMMIT_2023, CURATED_EVENTS
from meetings.interchange.exporter import export_lines
from meetings.interchange.importer import ImportFailed, import_lines
from meetings.models import Meeting
from tests.factories import import_records, meeting_record

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SUMMIT_VISITS = [f"hsg-visits-{n}" for n in range(3219, 3224)]


def visit_lines(ids: list[str]) -> list[str]:
    """The lines of the shipped visits fixture with these ids, as the file has them."""
    wanted = set(ids)
    with open(FIXTURES / "hsg-visits.jsonl", encoding="utf-8") as lines:
        return [line for line in lines if json.loads(line)["external_id"] in wanted]


def events() -> dict[str, str | None]:
    return dict(Meeting.objects.values_list("external_id", "event"))


def test_an_event_survives_a_round_trip_through_export_and_import(db):
    import_records(meeting_record(external_id="summit", event=C5_PLUS_1_SUMMIT_2023))
    exported = list(export_lines(Meeting.objects.all()))
    Meeting.objects.all().delete()

    import_lines(exported, origin="exported.jsonl")

    assert json.loads(exported[0])["event"] == C5_PLUS_1_SUMMIT_2023
    assert events() == {"summit": C5_PLUS_1_SUMMIT_2023}
    assert list(export_lines(Meeting.objects.all())) == exported


def test_a_meeting_of_no_event_exports_its_event_as_null_and_stores_nothing(db):
    import_records(meeting_record(external_id="alone"))

    (line,) = export_lines(Meeting.objects.all())

    assert json.loads(line)["event"] is None
    assert events() == {"alone": None}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("C5+1 summit", "event: 'C5+1 summit' is not an event slug"),
        ("summit--2023", "event: 'summit--2023' is not an event slug"),
        (2023, "event: must be a string, not 2023"),
        ("x" * 121, "event: is 121 characters long; the limit is 120"),
    ],
)
def test_a_bad_event_names_its_line_and_saves_nothing(db, value, message):
    good = meeting_record()
    with pytest.raises(ImportFailed) as failure:
        import_lines(
            [json.dumps(good), json.dumps(meeting_record(event=value))], origin="bad.jsonl"
        )

    ((number, problem),) = failure.value.errors
    assert number == 2
    assert problem.startswith(message)
    assert not Meeting.objects.exists()


def test_reimporting_a_line_that_drops_its_event_clears_it(db):
    record = meeting_record(external_id="summit", event="some-summit-2024")
    import_records(record)

    import_records({**record, "event": None})

    assert events() == {"summit": None}


def test_the_five_leaders_visits_to_the_c5_plus_1_summit_are_linked_on_import(db):
    # Their neighbours by id, visits to other events, stay unlinked.
    lines = visit_lines([*SUMMIT_VISITS, "hsg-visits-3218", "hsg-visits-3224"])
    assert len(lines) == 7
    assert all('"event"' not in line for line in lines)

    import_lines(lines, origin="hsg-visits.jsonl")

    linked = {ext for ext, event in events().items() if event == C5_PLUS_1_SUMMIT_2023}
    assert linked == set(SUMMIT_VISITS)
    assert sum(1 for event in events().values() if event is None) == 2


def test_the_curated_links_are_checked_against_what_the_rows_say():
    records = [json.loads(line) for line in visit_lines(list(CURATED_EVENTS))]

    assert len(records) == len(CURATED_EVENTS) == 5
    for record in records:
        assert "C5+1 Presidential Summit" in record["summary"]
        assert record["start_date"] == "2023-09-21"
    assert {r["participants"][0]["country"] for r in records} == {"KZ", "KG", "TJ", "TM", "UZ"}


def test_a_line_naming_its_own_event_keeps_it_over_the_curated_one(db):
    (line,) = visit_lines(SUMMIT_VISITS[:1])

    import_lines([json.dumps({**json.loads(line), "event": "unga-78"})], origin="edited.jsonl")

    assert events() == {SUMMIT_VISITS[0]: "unga-78"}


def test_reimporting_the_visits_writes_nothing_once_they_are_linked(db):
    lines = visit_lines(SUMMIT_VISITS)
    import_lines(lines, origin="hsg-visits.jsonl")
    revisions = Revision.objects.count()

    report = import_lines(lines, origin="hsg-visits.jsonl")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert Revision.objects.count() == revisions


def test_the_summit_record_and_the_visits_make_one_event_on_the_meeting_page(client, db):
    import_lines(visit_lines(SUMMIT_VISITS), origin="hsg-visits.jsonl")
    import_records(
        meeting_record(
            title="C5+1 Presidential Summit", format="C5+1", event=C5_PLUS_1_SUMMIT_2023,
            city="New York", start_date="2023-09-19", host_country="US",
            countries=["KG", "KZ", "TJ", "TM", "US", "UZ"],
        )
    )  # fmt: skip
    summit = Meeting.objects.get(title="C5+1 Presidential Summit")

    html = client.get(f"/meetings/{summit.slug}/").content.decode()

    assert "Part of the same event" in html
    assert html.count('class="event-meeting"') == 5
    for name in ("Tokayev", "Japarov", "Rahmon", "Berdimuhamedov", "Mirziyoyev"):
        assert f"Visit of President {name}" in html or f" {name} (" in html
