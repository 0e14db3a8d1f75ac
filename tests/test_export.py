"""Export: the interchange format, stable enough that a round trip is byte-identical."""

import itertools
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.interchange.exporter import export_lines
from meetings.models import Meeting, Person
from tests.factories import import_records, meeting_record, rich_record

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def export(*args) -> str:
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    return out.getvalue()


def import_file(path: Path) -> None:
    call_command("import_meetings", str(path), verbosity=0, stdout=StringIO())


def test_export_then_import_into_an_empty_register_then_export_is_byte_identical(db, tmp_path):
    hsg_sample = tmp_path / "hsg.jsonl"
    with (FIXTURES / "hsg-visits.jsonl").open(encoding="utf-8") as hsg:
        hsg_sample.write_text("".join(itertools.islice(hsg, 300)), encoding="utf-8")
    import_file(FIXTURES / "seed.jsonl")
    import_file(hsg_sample)
    import_records(rich_record(status="draft"), meeting_record(start_date="2021-05-12"))
    first = tmp_path / "first.jsonl"
    call_command("export_meetings", "-o", str(first))

    Meeting.objects.all().delete()
    Person.objects.all().delete()
    import_file(first)
    second = export()

    assert len(first.read_text(encoding="utf-8").splitlines()) == 303
    assert second == first.read_text(encoding="utf-8")


def test_the_seed_fixture_is_exactly_what_exporting_the_seed_meeting_writes(db):
    import_file(FIXTURES / "seed.jsonl")

    assert export() == (FIXTURES / "seed.jsonl").read_text(encoding="utf-8")


def test_it_writes_every_field_even_when_empty(db):
    import_records(meeting_record(title="Bare"))

    record = json.loads(export())

    assert list(record) == [
        "external_id", "title", "title_en", "language", "start_date", "end_date", "city",
        "host_country", "format", "edition", "level", "event", "countries", "participants",
        "topics",
        "documents", "statements", "sources", "summary", "status",
    ]  # fmt: skip
    assert record["end_date"] is None and record["participants"] == []


def test_it_orders_meetings_by_date_then_external_id(db):
    import_records(
        meeting_record(external_id="b", start_date="2020-01-01"),
        meeting_record(external_id="c", start_date="2019-01-01"),
        meeting_record(external_id="a", start_date="2020-01-01"),
    )

    ids = [json.loads(line)["external_id"] for line in export().splitlines()]

    assert ids == ["c", "a", "b"]


def test_it_filters_by_status_country_format_and_dates(db):
    import_records(
        meeting_record(external_id="kg-2021", countries=["KG", "CN"], start_date="2021-05-12"),
        meeting_record(external_id="kg-2019", countries=["KG"], start_date="2019-01-01"),
        meeting_record(external_id="draft", countries=["KG", "CN"], status="draft"),
        meeting_record(external_id="ca-china", countries=["CN"], format="Central Asia–China"),
    )

    def ids(*args):
        return sorted(json.loads(line)["external_id"] for line in export(*args).splitlines())

    assert ids("--status", "draft") == ["draft"]
    assert ids("--country", "kg", "--country", "CN") == ["draft", "kg-2021"]
    assert ids("--format", "central-asia-china") == ["ca-china"]
    assert ids("--country", "KG", "--since", "2020-01-01", "--status", "published") == ["kg-2021"]
    assert ids("--until", "2019-12-31") == ["kg-2019"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "XX"], "unknown country code 'XX'"),
        (["--format", "nope"], "unknown format 'nope'"),
    ],
)
def test_it_refuses_filters_that_name_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


def test_it_streams_in_a_fixed_number_of_queries_whatever_the_count(db, django_assert_num_queries):
    import_records(*(rich_record() for _ in range(5)))

    # One query for the meetings and one per prefetched relation, for a single chunk.
    with django_assert_num_queries(11):
        lines = list(export_lines(Meeting.objects.all(), chunk_size=10))
    assert len(lines) == 5

    import_records(*(rich_record() for _ in range(15)))
    with django_assert_num_queries(11):
        assert len(list(export_lines(Meeting.objects.all(), chunk_size=100))) == 20
