"""Import: a whole file or nothing, every bad line named, re-imports update in place."""

import json

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Revision

from meetings.interchange.importer import ImportFailed, import_lines
from meetings.models import Meeting, Participation, Person, Topic
from tests.factories import import_records, meeting_record, rich_record


def lines(*records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


def import_failure(*records) -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as failure:
        import_lines(lines(*records), origin="bad.jsonl")
    return failure.value.errors


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ('{"title": "x", ', "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (meeting_record(countries=["KG", "XX"]), "countries[1]: unknown country code 'XX'"),
        (meeting_record(host_country="QQ"), "host_country: unknown country code 'QQ'"),
        (meeting_record(start_date="12.05.2021"), 'start_date: "12.05.2021" is not a YYYY-MM-DD'),
        (meeting_record(start_date="2021-02-30"), "start_date: 2021-02-30 is not a real date"),
        (
            meeting_record(start_date="2021-05-12", end_date="2021-05-10"),
            "end_date: 2021-05-10 is before start_date 2021-05-12",
        ),
        (meeting_record(level="emperors"), "level: unknown value 'emperors'"),
        (
            meeting_record(documents=[{"title": "Pact", "kind": "napkin"}]),
            "documents[0].kind: unknown value 'napkin'",
        ),
        ({"start_date": "2021-05-12", "countries": ["KG"]}, "title: missing required field"),
        ({"title": "x", "countries": ["KG"]}, "start_date: missing required field"),
        ({"title": "x", "start_date": "2021-05-12"}, "countries: missing required field"),
        (meeting_record(edition=0), "edition: 0 is not a positive whole number"),
        (meeting_record(colour="red"), "colour: unknown field"),
        (meeting_record(participants=[{"country": "KG"}]), "participants[0].name: missing"),
        (meeting_record(sources=[{"url": "not a url"}]), "sources[0].url: 'not a url' is not"),
    ],
)
def test_it_names_the_line_and_reason_of_a_bad_record_and_saves_nothing(db, bad, expected):
    errors = import_failure(meeting_record(), bad, meeting_record())

    assert [number for number, _ in errors] == [2]
    assert expected in errors[0][1]
    assert Meeting.objects.count() == 0


def test_it_reports_every_bad_line_not_only_the_first(db):
    errors = import_failure(
        meeting_record(countries=["ZZ"]),
        meeting_record(),
        "not json",
        meeting_record(start_date="2021-13-01", level="nope"),
    )

    assert sorted({number for number, _ in errors}) == [1, 3, 4]
    assert len([n for n, _ in errors if n == 4]) == 2


def test_it_refuses_one_external_id_twice_in_a_file(db):
    errors = import_failure(meeting_record(external_id="a"), meeting_record(external_id="a"))

    assert errors == [(2, "external_id: 'a' is also on line 1")]


def test_it_saves_nothing_of_a_file_when_writing_fails_midway(db, monkeypatch):
    from meetings.interchange import importer

    monkeypatch.setattr(importer, "CHUNK_SIZE", 1)
    original = importer._Writer.save_chunk
    calls = []

    def fail_on_second_chunk(self, chunk):
        calls.append(chunk)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, chunk)

    monkeypatch.setattr(importer._Writer, "save_chunk", fail_on_second_chunk)
    with pytest.raises(RuntimeError):
        import_records(meeting_record(), meeting_record(), meeting_record())

    assert Meeting.objects.count() == 0


def test_it_updates_a_meeting_reimported_with_the_same_external_id(db):
    import_records(rich_record(external_id="tokyo-8"))
    first = Meeting.objects.get()

    report = import_records(
        rich_record(
            external_id="tokyo-8",
            title="Renamed",
            countries=["JP", "KG"],
            participants=[{"name": "Akira Sato", "country": "JP", "position": "Minister"}],
            documents=[],
        )
    )

    meeting = Meeting.objects.get()
    assert (report.created, report.updated) == (0, 1)
    assert meeting.pk == first.pk and meeting.slug == first.slug
    assert meeting.title == "Renamed"
    assert sorted(meeting.countries.values_list("code", flat=True)) == ["JP", "KG"]
    assert list(meeting.participations.values_list("position", flat=True)) == ["Minister"]
    assert meeting.documents.count() == 0
    assert meeting.lock_token != first.lock_token


def register_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Meeting, Person, Participation, Revision))


def test_it_writes_nothing_when_the_same_file_is_imported_twice(db):
    records = [rich_record(), meeting_record(), meeting_record()]
    import_records(*records)
    before = register_counts()

    report = import_records(*records)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert register_counts() == before


def test_it_updates_only_the_records_that_changed(db):
    records = [rich_record(), meeting_record(), meeting_record()]
    import_records(*records)
    revisions = Revision.objects.count()

    records[0]["statements"][1]["text"] = "Offered scholarships."
    report = import_records(*records)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Revision.objects.count() == revisions + 1
    statement = Meeting.objects.get(external_id=records[0]["external_id"]).statements.last()
    assert statement.text == "Offered scholarships."


def test_it_files_an_unknown_topic_under_other_and_reports_it(db):
    report = import_records(meeting_record(topics=["space-debris", "transit"]))

    assert report.new_topics == ["space-debris"]
    topic = Topic.objects.get(slug="space-debris")
    assert topic.parent.slug == "other"
    assert topic in Meeting.objects.get().topics.all()


def test_it_resolves_a_format_by_its_russian_name(db):
    import_records(meeting_record(format="Центральная Азия – Китай"))

    assert Meeting.objects.get().format.slug == "central-asia-china"


def test_it_links_a_statement_speaker_to_the_participant_of_that_name(db):
    import_records(rich_record())

    statement = Meeting.objects.get().statements.get(country="KG")
    participant = Meeting.objects.get().participations.get(country="KG").person
    assert statement.speaker == participant
    assert participant.name_ru == "Айбек Осмонов"


def test_it_gives_each_imported_meeting_its_own_history_revision(db):
    from reversion.models import Version

    import_records(meeting_record(), meeting_record(), origin="batch.jsonl")

    for number, meeting in enumerate(Meeting.objects.order_by("pk"), start=1):
        versions = Version.objects.get_for_object(meeting)
        assert versions.count() == 1
        assert versions[0].revision.comment == f"Imported from batch.jsonl, line {number}"
        assert versions[0].field_dict["title"] == meeting.title


def test_the_command_prints_every_bad_line_and_fails(db, tmp_path, capsys):
    path = tmp_path / "meetings.jsonl"
    path.write_text("\n".join(lines(meeting_record(), meeting_record(countries=["XX"]))) + "\n")

    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_meetings", str(path))

    err = capsys.readouterr().err
    assert f"{path}:2: countries[0]: unknown country code 'XX'" in err
    assert "nothing imported" in err
    assert Meeting.objects.count() == 0


def test_the_command_imports_files_each_atomically_and_shows_progress(db, tmp_path, capsys):
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text("\n".join(lines(*(meeting_record() for _ in range(3)))))
    bad.write_text("\n".join(lines(meeting_record(), "{")))

    with pytest.raises(CommandError):
        call_command("import_meetings", str(good), str(bad))

    out, err = capsys.readouterr()
    assert "good.jsonl: 3 created, 0 updated" in out
    assert "good.jsonl: 3/3 meetings" in err
    assert f"{bad}:2: invalid JSON" in err
    assert Meeting.objects.count() == 3


def test_the_command_says_when_a_file_cannot_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_meetings", str(tmp_path / "missing.jsonl"))
