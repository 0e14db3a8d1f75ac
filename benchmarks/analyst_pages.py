"""Times the analyst pages over the real data set, or over generated demo data at scale.

    DATABASE_URL=... .venv/bin/python benchmarks/analyst_pages.py [--repeat 20] [--cold]
    DATABASE_URL=... .venv/bin/python benchmarks/analyst_pages.py --demo 100000 [--seed 1]

It migrates the database it is given and collects static files as production does. Without
--demo it imports the seed and the HSG file (an unchanged re-import writes nothing); with
--demo N it runs generate_demo for N meetings of the seed unless the database already holds
exactly those, so a second run reuses them. Then it refreshes PostgreSQL's statistics and
requests each page through Django's test client, printing its status, the first request's
time (nothing cached yet), the median and slowest time, and the SQL queries of the first and
of the last request. --cold empties the cache before every request, so that every request
computes its page. A page that is not built yet shows its status (404) rather than stopping
the run. Use a scratch database: the default is an SQLite file under /tmp.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = [ROOT / "fixtures/seed.jsonl", ROOT / "fixtures/hsg-visits.jsonl"]
PAGES = [
    "/",
    "/countries/",
    "/countries/KG/",
    "/countries/US/",
    "/countries/CN/",
    "/formats/",
    "/formats/central-asia-china/",
    "/formats/sco-council-of-heads-of-state/",
    "/topics/",
    "/topics/transport/",
    "/topics/covid-19/",
    "/documents/",
    "/documents/?kind=joint_statement",
    "/documents/?signatory=UZ",
    "/who-meets-whom/",
    "/who-meets-whom/?group=central-asia&country=CN&from=2015&to=2025",
    "/meetings/",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--demo", type=int, metavar="N", help="generated meetings instead")
    parser.add_argument("--seed", type=int, default=1, help="of the generated meetings")
    parser.add_argument("--cold", action="store_true", help="empty the cache before each request")
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

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    if args.demo:
        prepare_demo(args.demo, args.seed)
    else:
        call_command("import_meetings", *map(str, DATA), verbosity=0)
    if connection.vendor == "postgresql":
        # The planner's statistics as autovacuum leaves them a little after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}; data ready in {time.perf_counter() - started:.1f} s")
    print_data_size()
    print(f"repeat: {args.repeat}; cache emptied before each request: {args.cold}")
    time_pages([*PAGES, *sample_pages()], args.repeat, args.cold)


def prepare_demo(count: int, seed: int) -> None:
    from django.core.management import call_command

    from meetings import demo

    held = demo.held_demo_meetings(seed)
    if held == count:
        print(f"reusing the {count} demo meetings of seed {seed} already held")
        return
    call_command("generate_demo", meetings=count, seed=seed, clear=True)


def print_data_size() -> None:
    from meetings import models

    meetings = models.Meeting.objects
    sizes = {
        "meetings": meetings.count(),
        "published": meetings.published().count(),
        "country links": models.MeetingCountry.objects.count(),
        "topic links": models.MeetingTopic.objects.count(),
        "participations": models.Participation.objects.count(),
        "people": models.Person.objects.count(),
        "documents": models.Document.objects.count(),
        "signatories": models.DocumentSignatory.objects.count(),
        "statements": models.Statement.objects.count(),
        "sources": models.Source.objects.count(),
    }
    print("data: " + ", ".join(f"{name} {n:,}" for name, n in sizes.items()))


def sample_pages() -> list[str]:
    """The page of the person with most published participations, and a meeting's page
    (the latest Central Asia–China edition, or the latest meeting)."""
    from django.db.models import Count
    from django.urls import reverse

    from meetings import models

    pages = []
    busiest = (
        models.Participation.objects.filter(meeting__status=models.Status.PUBLISHED)
        .values("person__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "person__slug")
        .first()
    )
    if busiest:
        pages.append(reverse("meetings:person", args=[busiest["person__slug"]]))
    published = models.Meeting.objects.published().order_by("-start_date", "pk")
    meeting = published.filter(format__slug="central-asia-china").first() or published.first()
    if meeting:
        pages.append(reverse("meetings:detail", args=[meeting.slug]))
    return pages


def time_pages(urls: list[str], repeat: int, cold: bool) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    width = max(len(url) for url in urls)
    print(
        f"{'page':{width}} {'status':>6} {'first ms':>8} {'median ms':>9} {'max ms':>7} "
        f"{'queries':>7} {'cached q':>8}"
    )
    for url in urls:
        times, query_counts = [], []
        cache.clear()
        for _ in range(repeat):
            if cold:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            query_counts.append(len(queries))
        print(
            f"{url:{width}} {response.status_code:>6} {times[0]:>8.1f} "
            f"{statistics.median(times):>9.1f} {max(times):>7.1f} "
            f"{query_counts[0]:>7} {query_counts[-1]:>8}"
        )


if __name__ == "__main__":
    main()
