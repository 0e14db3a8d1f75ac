"""An import never overwrites editors' work, and no input makes it fail with a traceback:
every hostile line is named with its reason and nothing of its file is saved."""

import json
import uuid
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.core.management import CommandError, call_command
from django.db import transaction
from reversion.models import Revision, Version

from meetings.intake.duplicates import attach_source
from meetings.interchange.importer import ImportFailed, import_lines
from meetings.models import Meeting
from tests.admin_pages import change_url, submitted_values
from tests.factories import import_records, meeting_record, rich_record

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.jsonl"
SEED_ID = "kabar-2021-05-12-central-asia-china-foreign-ministers"
SKIPPED = "changed since it was last imported; --force replaces it"


def run_import(*files: Path, force: bool = False) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    options = {"force": True} if force else {}
    call_command("import_meetings", *map(str, files), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def attach_source_as_the_admin_does(meeting: Meeting, user) -> None:
    """What saving the change form with one more source row writes: the row, a renewed lock
    token and a revision in the editor's name."""
    with transaction.atomic(), reversion.create_revision():
        meeting.sources.create(
            url="https://example.org/editor-found-this", publisher="Editor's find", order=1
        )
        meeting.lock_token = uuid.uuid4()
        meeting.save()
        reversion.set_user(user)
        reversion.set_comment("Added source.")


def source_urls(external_id: str) -> list[str]:
    meeting = Meeting.objects.get(external_id=external_id)
    return list(meeting.sources.values_list("url", flat=True))


# Editors' work survives a re-import


def test_importing_the_seed_again_keeps_the_source_an_editor_attached_and_says_so(db, editor):
    run_import(SEED)
    attach_source_as_the_admin_does(Meeting.objects.get(external_id=SEED_ID), editor)

    out, err = run_import(SEED)

    assert len(source_urls(SEED_ID)) == 2
    assert f"seed.jsonl: skipped {SEED_ID!r}: {SKIPPED}" in err
    assert "0 created, 0 updated, 0 unchanged, 1 skipped" in out


def test_forcing_the_seed_import_replaces_the_editors_change_with_a_revision_saying_so(db, editor):
    run_import(SEED)
    meeting = Meeting.objects.get(external_id=SEED_ID)
    attach_source_as_the_admin_does(meeting, editor)

    out, _ = run_import(SEED, force=True)

    assert len(source_urls(SEED_ID)) == 1
    assert f"seed.jsonl: replaced {SEED_ID!r}, changed since it was last imported" in out
    latest = Version.objects.get_for_object(meeting).first().revision
    assert latest.comment == (
        "Imported from seed.jsonl, line 1, replacing changes made since the last import"
    )
    assert latest.user is None


def test_a_forced_import_counts_as_the_last_import_for_the_next_one(db, editor):
    record = rich_record()
    import_records(record)
    attach_source_as_the_admin_does(Meeting.objects.get(external_id=record["external_id"]), editor)
    import_lines([json.dumps(record)], origin="again.jsonl", force=True)

    report = import_records({**record, "title": "Retitled at the source"})

    assert (report.updated, report.skipped) == (1, [])
    assert Meeting.objects.get(external_id=record["external_id"]).title == "Retitled at the source"


def test_it_skips_a_meeting_saved_in_the_admin_since_its_import(client, publisher):
    record = rich_record()
    import_records(record)
    meeting = Meeting.objects.get(external_id=record["external_id"])
    client.force_login(publisher)
    data = submitted_values(client.get(change_url(meeting)))
    data["title"] = "Corrected by an editor"
    assert client.post(change_url(meeting), data).status_code == 302

    report = import_records({**record, "summary": "A newer summary from the source."})

    assert report.skipped == [record["external_id"]]
    meeting.refresh_from_db()
    assert (meeting.title, meeting.summary) == ("Corrected by an editor", record["summary"])


def test_it_skips_a_meeting_an_article_was_attached_to_through_the_intake(db, editor):
    record = rich_record()
    import_records(record)
    meeting = Meeting.objects.get(external_id=record["external_id"])
    attach_source(meeting.pk, {"url": "https://example.org/article", "text": "..."}, editor)

    report = import_records({**record, "city": "Osaka"})

    assert report.skipped == [record["external_id"]]
    assert source_urls(record["external_id"]) == [
        "https://example.org/news/1",
        "https://example.org/article",
    ]


def test_it_skips_a_meeting_changed_without_a_revision_since_its_lock_token_was_renewed(db):
    record = meeting_record()
    import_records(record)
    Meeting.objects.filter(external_id=record["external_id"]).update(
        summary="Typed in a shell", lock_token=uuid.uuid4()
    )

    report = import_records({**record, "title": "From the source"})

    assert report.skipped == [record["external_id"]]
    assert Meeting.objects.get(external_id=record["external_id"]).summary == "Typed in a shell"


def test_it_skips_a_held_meeting_without_any_history_since_nothing_shows_it_was_imported(db):
    record = meeting_record()
    import_records(record)
    Revision.objects.all().delete()

    report = import_records({**record, "title": "From the source"})

    assert report.skipped == [record["external_id"]]


def test_it_still_updates_the_other_records_of_a_file_with_a_skipped_one(db, editor):
    edited, untouched = meeting_record(), meeting_record()
    import_records(edited, untouched)
    attach_source_as_the_admin_does(Meeting.objects.get(external_id=edited["external_id"]), editor)

    report = import_records({**edited, "title": "New"}, {**untouched, "title": "New"})

    assert (report.updated, report.skipped) == (1, [edited["external_id"]])
    titles = dict(Meeting.objects.values_list("external_id", "title"))
    assert titles == {edited["external_id"]: edited["title"], untouched["external_id"]: "New"}


def test_it_writes_nothing_for_an_unchanged_record_of_an_edited_meeting(db, editor):
    run_import(SEED)
    attach_source_as_the_admin_does(Meeting.objects.get(external_id=SEED_ID), editor)
    run_import(SEED)
    revisions = Revision.objects.count()

    run_import(SEED)

    assert Revision.objects.count() == revisions
    assert len(source_urls(SEED_ID)) == 2


def test_it_updates_a_meeting_whose_only_changes_came_from_imports(db):
    record = meeting_record()
    import_records(record)
    import_records({**record, "title": "Second version"})

    report = import_records({**record, "title": "Third version"})

    assert (report.updated, report.skipped) == (1, [])


def test_make_run_does_not_force_its_import():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]

    assert "import_meetings $(DATA)" in run_target
    assert "--force" not in run_target


# Hostile input is named line by line, and nothing of its file is saved

GOOD = json.dumps(meeting_record(external_id="good")).encode()


def escaped(record: dict) -> bytes:
    return json.dumps(record).encode()  # ensure_ascii: "\u0000" and "\ud800" as JSON escapes


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            escaped(meeting_record(title="Talks\u0000")),
            "title: contains U+0000, a character XML 1.0 forbids",
        ),
        (
            escaped(meeting_record(summary="half of a pair: \ud800")),
            "summary: contains U+D800, a character XML 1.0 forbids",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON: nested too deeply"),
        (
            b'{"title": "\xd0\x9f\xd1", "start_date": "2021-05-12"}',
            "not UTF-8: byte 0xd1 at column 14",
        ),
        (b'{"edition": ' + b"9" * 5000 + b"}", "invalid JSON: a number too long to read"),
    ],
    ids=["nul", "lone-surrogate", "deep-nesting", "invalid-utf8", "huge-number"],
)
def test_the_command_names_the_line_and_reason_of_hostile_input_and_saves_nothing(
    db, tmp_path, line, expected
):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(GOOD + b"\n" + line + b"\n" + GOOD.replace(b"good", b"after") + b"\n")
    err = StringIO()

    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_meetings", str(path), verbosity=0, stderr=err)

    assert err.getvalue().splitlines()[0].startswith(f"{path}:2: {expected}")
    assert Meeting.objects.count() == 0


def test_it_reports_every_hostile_line_of_a_file_not_only_the_first(db):
    hostile = [
        GOOD,
        escaped(meeting_record(title="\u0000")),
        escaped(meeting_record(summary="\udfff")),
        b"[" * 100_000,
        b"\xff\xfe",
        GOOD.replace(b"good", b"last"),
    ]

    with pytest.raises(ImportFailed) as failure:
        import_lines(hostile, origin="hostile.jsonl")

    assert [number for number, _ in failure.value.errors] == [2, 3, 4, 5]
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"title": "Vertical\u000btab"}, "title: contains U+000B"),
        ({"summary": "Form\x0cfeed"}, "summary: contains U+000C"),
        ({"city": "Not a character: \ufffe"}, "city: contains U+FFFE"),
        ({"participants": [{"name": "Bell\x07"}]}, "participants[0].name: contains U+0007"),
        ({"statements": [{"text": "Escape\x1b[31m"}]}, "statements[0].text: contains U+001B"),
        ({"sources": [{"text": "End\uffff"}]}, "sources[0].text: contains U+FFFF"),
        ({"documents": [{"title": "\x01"}]}, "documents[0].title: contains U+0001"),
    ],
)
def test_it_refuses_a_string_with_a_character_xml_forbids_naming_its_field(db, overrides, expected):
    with pytest.raises(ImportFailed) as failure:
        import_records(meeting_record(), meeting_record(**overrides))

    assert failure.value.errors == [(2, f"{expected}, a character XML 1.0 forbids")]
    assert Meeting.objects.count() == 0


def test_it_keeps_tabs_newlines_and_characters_beyond_the_basic_plane(db):
    import_records(meeting_record(summary="Line one\n\tLine two\r\nEmoji: \U0001f91d"))

    assert Meeting.objects.get().summary == "Line one\n\tLine two\r\nEmoji: \U0001f91d"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"\ud800key": 1}, "\\ud800key: unknown field"),
        ({"start_date": "\ud800"}, '"\\ud800" is not a YYYY-MM-DD date'),
        ({"countries": ["\ud800"]}, "countries[0]: unknown country code '\\ud800'"),
        ({"title": ["\u0000"]}, "title: must be a string, not a list"),
    ],
)
def test_a_message_quoting_a_forbidden_character_shows_it_escaped(
    db, tmp_path, capsys, overrides, expected
):
    path = tmp_path / "quoted.jsonl"
    path.write_bytes(escaped(meeting_record(**overrides)) + b"\n")

    with pytest.raises(CommandError):
        call_command("import_meetings", str(path), verbosity=0)

    assert f"{path}:1: " in capsys.readouterr().err
    with pytest.raises(ImportFailed) as failure:
        import_lines([escaped(meeting_record(**overrides))], origin="quoted.jsonl")
    assert expected in failure.value.errors[0][1]


def test_a_message_quotes_only_the_start_of_a_long_value(db):
    with pytest.raises(ImportFailed) as failure:
        import_records(meeting_record(level="x" * 100_000))

    (_, message), *_ = failure.value.errors
    assert message.startswith("level: unknown value 'xxxx")
    assert "x…; expected one of heads_of_state" in message
    assert len(message) < 300
