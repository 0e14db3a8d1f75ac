"""Prints the draft record extracted from one article, as one line of the interchange format."""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from meetings.intake import ArticleRejected, extract_article
from meetings.interchange.exporter import record_to_json


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a YYYY-MM-DD date, not {value!r}") from None


class Command(BaseCommand):
    help = "Extract a draft meeting record from a news article (FILE, or - for standard input)."

    def add_arguments(self, parser):
        parser.add_argument("file", help='the article as UTF-8 text; "-" reads standard input')
        parser.add_argument("--published", type=str, help="publication date, YYYY-MM-DD")
        parser.add_argument("--url", default="", help="the article's address")
        parser.add_argument("--publisher", default="", help="the agency or site, e.g. Kabar")
        parser.add_argument(
            "--evidence", action="store_true", help="also list where each value was found"
        )

    def handle(self, *args, **options):
        published = iso_date(options["published"]) if options["published"] else None
        text = self._read(options["file"])
        try:
            extraction = extract_article(
                text, published=published, url=options["url"], publisher=options["publisher"]
            )
        except ArticleRejected as error:
            raise CommandError(str(error)) from None
        self.stdout.write(record_to_json(extraction.record))
        for warning in extraction.warnings:
            self.stderr.write(f"warning: {warning}")
        if extraction.missing:
            self.stderr.write(f"missing: {', '.join(extraction.missing)}")
        if options["evidence"]:
            for item in extraction.evidence:
                quoted = text[item.start : item.end]
                self.stderr.write(
                    f"{item.field}: {item.value} ← {quoted!r} [{item.start}:{item.end}]"
                )

    def _read(self, path: str) -> str:
        try:
            if path == "-":
                return sys.stdin.buffer.read().decode("utf-8")
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
