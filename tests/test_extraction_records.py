"""score_extraction --records: the real-article score, recomputed from records kept without text."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.intake.scoring import score_records

ARTICLES = Path(__file__).resolve().parent / "articles"
FIELDS = ("start_date", "end_date", "city", "host_country", "countries", "format", "edition")
FIELDS += ("level", "participants", "documents", "statements", "topics")


def record_line(name: str, *, in_format: bool, before: dict | None = None) -> dict:
    expected = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    source = expected["sources"][0]
    row = {
        "id": name,
        "url": source.get("url"),
        "publisher": source.get("publisher"),
        "published": source.get("published"),
        "language": expected["language"],
        "style": "agency-dateline",
        "in_format": in_format,
        "meeting": expected["external_id"],
        "saved": {field: expected.get(field) for field in FIELDS},
    }
    if before is not None:
        row["proposed_before"] = before
    return row


@pytest.fixture
def records(tmp_path) -> Path:
    names = [
        "tass-caps-2022-10-14-cis-summit-astana",
        "khovar-bilateral-2024-04-25-tajikistan-azerbaijan-baku",
    ]
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in names:
        shutil.copy(ARTICLES / f"{name}.txt", texts / f"{name}.txt")
    rows = [
        record_line(names[0], in_format=True, before={"city": "Moscow"}),
        record_line(names[1], in_format=False, before={"rejected": "No date was found"}),
    ]
    path = tmp_path / "real-articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def run(*arguments) -> str:
    out = io.StringIO()
    call_command("score_extraction", *arguments, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_refreshes_the_drafts_and_keeps_no_article_text(records):
    run("--records", str(records), "--refresh", str(records.parent / "texts"))
    rows = [json.loads(line) for line in records.read_text("utf-8").splitlines()]
    assert all("proposed" in row for row in rows)
    assert rows[0]["proposed"]["city"] == "Astana"
    assert "sources" not in rows[0]["proposed"]
    assert all("text" not in s for row in rows for s in row["proposed"]["statements"])
    text = (records.parent / "texts" / f"{rows[0]['id']}.txt").read_text("utf-8")
    assert text[40:100] not in records.read_text("utf-8")


def test_it_prints_before_and_after_and_the_splits(records):
    run("--records", str(records), "--refresh", str(records.parent / "texts"))
    printed = run("--records", str(records))
    for heading in (
        "proposed_before, first 30 articles",
        "proposed_before, all articles",
        "proposed (current extractor), all articles",
        "proposed, in a format of the register",
        "proposed, outside those formats",
        "proposed, language ru",
        "side by side",
    ):
        assert heading in printed


def test_a_draft_the_old_extractor_refused_counts_as_empty():
    row = record_line("tass-caps-2022-10-14-cis-summit-astana", in_format=True)
    row["proposed_before"] = {"rejected": "No date was found"}
    report = score_records([row], "proposed_before")
    assert report.totals["city"].fn == 1
    assert report.totals["city"].fp == 0


def test_a_surname_spelled_another_way_is_the_same_participant():
    row = {
        "saved": {"participants": [{"name": "Jeenbek Kulubaev", "country": "KG"}]},
        "proposed": {
            "participants": [{"name": "Kulubaev Zheenbek Moldokanovich", "country": "KG"}]
        },
    }
    assert score_records([row], "proposed").totals["participants"].tp == 1


def test_a_missing_records_file_is_named():
    with pytest.raises(CommandError, match="no such file"):
        run("--records", "/nonexistent/real-articles.jsonl")


def test_the_command_names_the_fields_to_fill_in(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Министры обсудили сотрудничество в сфере транспорта.", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_article", str(path), stdout=out, stderr=err)
    assert json.loads(out.getvalue())["start_date"] is None
    assert "missing: start_date" in err.getvalue()
