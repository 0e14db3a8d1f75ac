import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.interchange.importer import ImportFailed, import_lines


class Command(BaseCommand):
    help = (
        "Imports meetings from JSON Lines files in the interchange format. Each file is saved "
        "whole or not at all; a line whose external_id is already held updates that meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args, files: list[Path], verbosity: int, **options):
        failed = []
        for path in files:
            try:
                self.import_file(path, show_progress=verbosity > 0)
            except ImportFailed as failure:
                failed.append(path)
                for number, problem in failure.errors:
                    self.stderr.write(f"{path}:{number}: {problem}")
                self.stderr.write(self.style.ERROR(f"{path}: nothing imported"))
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} file(s) not imported")

    def import_file(self, path: Path, show_progress: bool) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if show_progress:
                rate = done / max(time.perf_counter() - started, 1e-6)
                self.stderr.write(f"{path.name}: {done}/{total} meetings ({rate:.0f}/s)")

        try:
            with path.open(encoding="utf-8") as lines:
                report = import_lines(lines, origin=path.name, progress=progress)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 ({error.reason})") from None
        elapsed = time.perf_counter() - started
        for slug in report.new_topics:
            self.stdout.write(f"{path.name}: new topic {slug!r} filed under Other")
        for name in report.new_formats:
            self.stdout.write(f"{path.name}: new format {name!r}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged "
                f"in {elapsed:.1f} s ({report.total / max(elapsed, 1e-6):.0f} meetings/s)"
            )
        )
