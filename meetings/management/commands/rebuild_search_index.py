import time

from django.core.management.base import BaseCommand

from meetings.search import reindex_all


class Command(BaseCommand):
    help = "Indexes every meeting for full-text search again, dropping rows of deleted meetings."

    def handle(self, *args, verbosity: int, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if verbosity > 0:
                rate = done / max(time.perf_counter() - started, 1e-6)
                self.stderr.write(f"search index: {done}/{total} meetings ({rate:.0f}/s)")

        done = reindex_all(progress=progress)
        elapsed = time.perf_counter() - started
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(f"search index: {done} meetings indexed in {elapsed:.1f} s")
            )
