"""Scores article extraction: on the test articles, or on real articles' records."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.intake import ArticleRejected, warm_up
from meetings.intake.scoring import (
    load_cases,
    load_records,
    propose,
    score_cases,
    score_records,
    side_by_side,
    write_records,
)

FIRST = 30  # the articles scored before the extractor was changed


class Command(BaseCommand):
    help = (
        "Prints per-field precision and recall of article extraction over DIR (default "
        "tests/articles): each NAME.txt scored against the record in NAME.json. With --records, "
        "scores the drafts kept in a real-article records file against what editors saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", metavar="DIR")
        parser.add_argument(
            "--verbose", action="store_true", help="list each article's misses and timing"
        )
        parser.add_argument(
            "--records",
            metavar="FILE",
            help="a JSON Lines file of real articles (evaluation/real-articles.jsonl)",
        )
        parser.add_argument(
            "--refresh",
            metavar="DIR",
            help="with --records: re-extract each article from DIR/<id>.txt and store the "
            "draft as `proposed`",
        )

    def handle(self, *args, directory, verbose, records, refresh, **options):
        if records:
            return self._records(Path(records), Path(refresh) if refresh else None, verbose)
        if refresh:
            raise CommandError("--refresh goes with --records")
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

    def _records(self, path: Path, texts: Path | None, verbose: bool) -> None:
        try:
            rows = load_records(path)
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except ValueError as error:
            raise CommandError(f"{path}: not JSON Lines ({error})") from None
        if texts:
            self._refresh(rows, texts)
            write_records(path, rows)
        groups = [
            (f"proposed_before, first {FIRST} articles", "proposed_before", rows[:FIRST]),
            ("proposed_before, all articles", "proposed_before", rows),
            ("proposed (current extractor), all articles", "proposed", rows),
            ("proposed, in a format of the register", "proposed", _where(rows, in_format=True)),
            ("proposed, outside those formats", "proposed", _where(rows, in_format=False)),
        ]
        for language in sorted({str(row.get("language")) for row in rows}):
            groups.append((f"proposed, language {language}", "proposed", _where(rows, language)))
        reports = []
        for heading, key, selected in groups:
            report = score_records(selected, key)
            if not report.cases:
                continue
            reports.append((heading, report))
            self.stdout.write(f"== {heading}")
            self.stdout.write(report.table() + "\n")
        if verbose:
            for case in score_records(rows, "proposed").cases:
                self.stdout.write(case.name)
                for miss in case.misses:
                    self.stdout.write(f"    {miss}")
        self.stdout.write("== precision / recall side by side")
        self.stdout.write(side_by_side(reports[:3]))

    def _refresh(self, rows: list[dict], texts: Path) -> None:
        warm_up()
        for row in rows:
            article = texts / f"{row.get('id')}.txt"
            if not article.exists():
                self.stderr.write(f"{row.get('id')}: no {article}, `proposed` left as it was")
                continue
            try:
                row["proposed"] = propose(article.read_text(encoding="utf-8"), row)
            except ArticleRejected as error:
                row["proposed"] = {"rejected": str(error)}


def _where(rows: list[dict], language: str | None = None, *, in_format: bool | None = None):
    if language is not None:
        return [row for row in rows if str(row.get("language")) == language]
    return [row for row in rows if bool(row.get("in_format")) == in_format]
