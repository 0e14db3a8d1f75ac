import time

from django.core.management.base import BaseCommand, CommandError

from meetings import demo


class Command(BaseCommand):
    help = (
        "Adds made-up meetings for demonstrations and benchmarks, the same ones for the same "
        "--meetings and --seed (external ids demo-<seed>-<n>), indexed for search."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--clear",
            action="store_true",
            help="First delete every earlier demo meeting (external id starting with demo-).",
        )

    def handle(self, *args, meetings: int, seed: int, clear: bool, verbosity: int, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1")
        started = time.perf_counter()
        if clear:
            deleted = demo.clear()
            self.log(verbosity, f"deleted {deleted} earlier demo meetings", started)
        elif demo.held_demo_meetings(seed):
            raise CommandError(
                f"demo meetings of seed {seed} are already held; add --clear to replace them"
            )

        tenths_shown = set()

        def progress(done: int, total: int) -> None:
            tenth = done * 10 // total
            if tenth not in tenths_shown:
                tenths_shown.add(tenth)
                self.log(verbosity, f"{done}/{total} meetings written and indexed", started)

        written = demo.generate(meetings, seed, progress=progress)
        if verbosity > 0:
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"{written} demo meetings (seed {seed}) in {elapsed:.1f} s "
                    f"({written / max(elapsed, 1e-6):.0f} meetings/s)"
                )
            )

    def log(self, verbosity: int, message: str, started: float) -> None:
        if verbosity > 0:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {message}")
