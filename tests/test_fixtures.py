"""The data `make run` loads: every shipped file imports cleanly, and the Central Asian register
holds what its analysts study, edition by edition."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from meetings.interchange.importer import import_lines
from meetings.models import Meeting, Status

ROOT = Path(__file__).resolve().parents[1]
CENTRAL_ASIA = ROOT / "fixtures" / "central-asia.jsonl"
MAKEFILE_DATA = re.search(r"^DATA := (.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)

pytestmark = pytest.mark.django_db


def records() -> list[dict]:
    return [json.loads(line) for line in CENTRAL_ASIA.read_text(encoding="utf-8").splitlines()]


def test_make_run_loads_the_central_asian_register():
    assert "fixtures/central-asia.jsonl" in MAKEFILE_DATA.split()


def test_it_imports_cleanly_and_every_meeting_is_published():
    with open(CENTRAL_ASIA, encoding="utf-8") as lines:
        report = import_lines(lines, origin=str(CENTRAL_ASIA))
    assert report.created == len(records()) >= 200
    assert not Meeting.objects.exclude(status=Status.PUBLISHED).exists()


def test_every_meeting_is_fully_recorded_from_a_named_source():
    for record in records():
        name = record["external_id"]
        assert "2015-01-01" <= record["start_date"] <= "2026-12-31", name
        assert record["countries"] and record["level"] and record["summary"], name
        assert record["sources"] and all(s["publisher"] for s in record["sources"]), name
        assert any(s["url"] for s in record["sources"]), name
        # Facts only: no article text and no dateline travel with the register.
        assert all(not s.get("text") and not s.get("dateline") for s in record["sources"]), name


def test_the_formats_analysts_study_are_covered_edition_by_edition():
    per_format = Counter(record["format"] for record in records())
    for name, least in {
        "Central Asia–China": 8,
        "C5+1": 8,
        "EU–Central Asia": 10,
        "Central Asia–Russia": 5,
        "Consultative Meeting of the Heads of State of Central Asia": 7,
        "Central Asia–Japan": 5,
        "Central Asia–Korea": 5,
        "Central Asia–India Dialogue": 4,
        "Central Asia–GCC": 3,
        "Central Asia–Germany": 2,
        "SCO Council of Heads of State": 11,
        "SCO Council of Heads of Government": 10,
        "SCO Council of Foreign Ministers": 10,
        "CIS Council of Heads of State": 10,
        "Organization of Turkic States Summit": 8,
        "China–Kyrgyzstan–Uzbekistan Railway": 3,
    }.items():
        assert per_format[name] >= least, f"{name}: {per_format[name]} meetings"
    assert per_format[None] >= 20, "bilateral and other meetings are in the register too"


def test_the_consultative_meetings_are_numbered_one_to_seven():
    editions = sorted(
        r["edition"]
        for r in records()
        if r["format"] == "Consultative Meeting of the Heads of State of Central Asia"
    )
    assert editions == [1, 2, 3, 4, 5, 6, 7]
