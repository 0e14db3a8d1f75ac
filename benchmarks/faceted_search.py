"""Times the public list over the real data set: faceted searches with and without words.

    DATABASE_URL=... .venv/bin/python benchmarks/faceted_search.py [--repeat 20]

It migrates the database it is given, collects static files as production does, imports
the seed and the HSG file (an unchanged re-import writes nothing), then requests each URL
through Django's test client and prints the median and slowest time and the number of SQL
queries. Use a scratch database: the default is an SQLite file under /tmp.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = [ROOT / "fixtures/seed.jsonl", ROOT / "fixtures/hsg-visits.jsonl"]
SEARCHES = [
    {},
    {"q": "Киргизии"},
    {"q": "Kyrgyzstan"},
    {"q": "president visit", "country": "US"},
    {"q": "коронавирусной"},
    {"country": ["KG", "CN"]},
    {"q": "meeting", "year": "2021"},
    {"topic": "transport", "sort": "date"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/summitry-bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # gives responses their context, for the match count

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("import_meetings", *map(str, DATA), verbosity=0)
    if connection.vendor == "postgresql":
        # The planner's statistics as autovacuum leaves them a little after a bulk import.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}; data ready in {time.perf_counter() - started:.1f} s")

    client = Client()
    print(f"{'search':45} {'matches':>7} {'median ms':>9} {'max ms':>7} {'queries':>7}")
    for params in SEARCHES:
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get("/meetings/", params)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (params, response.status_code)
        matches = response.context["page"].paginator.count
        label = "&".join(f"{k}={v}" for k, v in params.items()) or "(everything)"
        print(
            f"{label:45} {matches:>7} {statistics.median(times):>9.1f} "
            f"{max(times):>7.1f} {len(queries):>7}"
        )


if __name__ == "__main__":
    main()
