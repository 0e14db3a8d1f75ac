"""Scores article extraction against the editor-made records in a directory of test articles."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.intake import warm_up
from meetings.intake.scoring import load_cases, score_cases


class Command(BaseCommand):
    help = (
        "Prints per-field precision and recall of article extraction over DIR (default "
        "tests/articles): each NAME.txt scored against the record in NAME.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", metavar="DIR")
        parser.add_argument(
            "--verbose", action="store_true", help="list each article's misses and timing"
        )

    def handle(self, *args, directory: str | None, verbose: bool, **options):
        path = Path(directory) if directory else Path(settings.BASE_DIR) / "tests" / "articles"
        cases = load_cases(path)
        if not cases:
            raise CommandError(f"{path}: no NAME.txt with a NAME.json beside it")
        warm_up()  # the dictionary and matchers, once, before timing anything
        report = score_cases(cases)
        if verbose:
            for case in report.cases:
                self.stdout.write(f"{case.name} ({case.seconds * 1000:.0f} ms)")
                for miss in case.misses:
                    self.stdout.write(f"    {miss}")
            self.stdout.write("")
        self.stdout.write(report.table())
