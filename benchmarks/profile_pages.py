"""Where a page's time goes: requests each URL through Django's test client in this process
and times every SQL query on the way, so the gap between a page and its own SQL shows.

    DATABASE_URL=... .venv/bin/python benchmarks/profile_pages.py [--repeat 10] URL...

Prints one line of JSON, a list with one object per URL: its status, the first request's time
and query count (nothing cached yet), and the median over the repeats of the page's time, of
the time spent in SQL (executing and fetching, as the driver reports it) and of the queries.
Every request builds its page: the whole-page cache is bypassed, the caches of parts (facet
counts, the analyst pages' answers) are warm after the first request as in production.
"""

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SqlClock:
    """A database execute wrapper that adds up the time and number of queries."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.queries += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from meetings.intake import warm_up

    warm_up()  # as gunicorn.conf.py does in each worker before its first request
    gc.collect()
    gc.freeze()
    client = Client()
    found = []
    for url in args.urls:
        cache.clear()
        times, sql, queries, status = [], [], [], 0
        for _ in range(args.repeat + 1):
            clock = SqlClock()
            with connection.execute_wrapper(clock):
                began = time.perf_counter()
                # A header that no public page reads but that keeps the whole-page cache
                # (meetings.http_cache) out of the way: this measures building the page.
                response = client.get(url, headers={"authorization": "benchmark"})
                # A streamed answer (the CSV) does its queries while it is read.
                b"".join(response) if response.streaming else response.content
                times.append(time.perf_counter() - began)
            sql.append(clock.seconds)
            queries.append(clock.queries)
            status = response.status_code
        warm = times[1:] or times
        found.append(
            {
                "url": url,
                "status": status,
                "first_ms": times[0] * 1000,
                "first_queries": queries[0],
                "median_ms": statistics.median(warm) * 1000,
                "sql_ms": statistics.median(sql[1:] or sql) * 1000,
                "queries": round(statistics.median(queries[1:] or queries)),
                "sql_share": statistics.median(s / t for s, t in zip(sql[1:], warm, strict=False))
                if len(times) > 1
                else sql[0] / times[0],
            }
        )
    print(json.dumps(found))


if __name__ == "__main__":
    main()
