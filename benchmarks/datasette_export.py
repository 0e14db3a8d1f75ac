"""Exports the published meetings of the database in DATABASE_URL to an SQLite file shaped for
Datasette, the peer the benchmark measures us against:

    DATABASE_URL=... .venv/bin/python benchmarks/datasette_export.py /tmp/peer.db

One table, ``meetings``: the columns a reader filters and facets on (``year``, ``level``, the
format's name, the host), the countries as a JSON array (Datasette facets it with
``_facet_array``), and an FTS5 index on title and summary, built by sqlite-utils. It also
prints the id of one meeting for the record-page request.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
django.setup()

import sqlite_utils  # noqa: E402  (after Django's setup, like every import of the app)

from meetings.models import Meeting, MeetingCountry  # noqa: E402

BATCH = 5000


def rows():
    countries: dict[int, list[str]] = {}
    published = Meeting.objects.published()
    links = MeetingCountry.objects.filter(meeting__in=published).order_by("meeting_id", "country")
    for meeting_id, code in links.values_list("meeting_id", "country_id").iterator(BATCH):
        countries.setdefault(meeting_id, []).append(code)
    fields = ("pk", "slug", "title", "title_en", "summary", "start_date", "end_date", "city")
    for values in (
        published.order_by("pk")
        .values_list(*fields, "level", "format__name_en", "host_country_id")
        .iterator(BATCH)
    ):
        record = dict(zip(fields, values, strict=False))
        level, format_name, host = values[len(fields) :]
        record["id"] = record.pop("pk")
        record["year"] = record["start_date"].year
        record["start_date"] = record["start_date"].isoformat()
        record["end_date"] = record["end_date"].isoformat() if record["end_date"] else None
        record.update(level=level, format=format_name, host_country=host)
        record["countries"] = json.dumps(countries.get(record["id"], []))
        yield record


def export(target: Path) -> int:
    target.unlink(missing_ok=True)
    db = sqlite_utils.Database(target)
    table = db["meetings"]
    table.insert_all(rows(), pk="id", batch_size=BATCH)
    table.enable_fts(["title", "summary"], fts_version="FTS5", create_triggers=False)
    for column in ("year", "level", "start_date"):
        table.create_index([column])
    db.analyze()
    db.vacuum()
    return table.count


if __name__ == "__main__":
    started = time.perf_counter()
    path = Path(sys.argv[1])
    count = export(path)
    print(f"{count} meetings to {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
