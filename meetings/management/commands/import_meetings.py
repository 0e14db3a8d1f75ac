import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from meetings.interchange.importer import ImportFailed, ImportReport, import_lines


class Command(BaseCommand):
    help = (
        "Imports meetings from JSON Lines files in the interchange format. Each file is saved "
        "whole or not at all; a line whose external_id is already held updates that meeting, "
        "unless someone changed the meeting after it was last imported: such lines are skipped "
        "and listed, and only --force replaces them."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also replace meetings changed since they were last imported.",
        )

    def handle(self, *args, files: list[Path], verbosity: int, force: bool, **options):
        failed = []
        for path in files:
            try:
                self.import_file(path, force=force, show_progress=verbosity > 0)
            except ImportFailed as failure:
                failed.append(path)
                for number, problem in failure.errors:
                    self.stderr.write(f"{path}:{number}: {problem}")
                self.stderr.write(self.style.ERROR(f"{path}: nothing imported"))
        if len(failed) < len(files):
            refresh_statistics()
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} file(s) not imported")

    def import_file(self, path: Path, force: bool, show_progress: bool) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if show_progress:
                rate = done / max(time.perf_counter() - started, 1e-6)
                self.stderr.write(f"{path.name}: {done}/{total} meetings ({rate:.0f}/s)")

        try:
            # Bytes, decoded line by line, so that invalid UTF-8 is reported with its line.
            with path.open("rb") as lines:
                report = import_lines(lines, origin=path.name, progress=progress, force=force)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        self.report(path, report, elapsed=time.perf_counter() - started)

    def report(self, path: Path, report: ImportReport, elapsed: float) -> None:
        for slug in report.new_topics:
            self.stdout.write(f"{path.name}: new topic {slug!r} filed under Other")
        for name in report.new_formats:
            self.stdout.write(f"{path.name}: new format {name!r}")
        for external_id in report.skipped:
            self.stderr.write(
                self.style.WARNING(
                    f"{path.name}: skipped {external_id!r}: changed since it was last "
                    "imported; --force replaces it"
                )
            )
        for external_id in report.replaced_edits:
            self.stdout.write(
                f"{path.name}: replaced {external_id!r}, changed since it was last imported"
            )
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged{skipped} "
                f"in {elapsed:.1f} s ({report.total / max(elapsed, 1e-6):.0f} meetings/s)"
            )
        )


def refresh_statistics() -> None:
    """Fresh planner statistics for the tables an import wrote to. Without them PostgreSQL
    plans the public pages for the register as it was (empty, or a tenth of its size) and
    they run two to three times slower until autovacuum, which may be off, gets round to it.
    SQLite keeps no statistics unless asked, and without them plans by guesswork: at 100,000
    meetings it walked every published meeting for each statement of a topic, and the topic
    page did not answer in seven minutes (1.7 s with them)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
