import datetime

from django.core.management.base import BaseCommand, CommandError

from meetings import models
from meetings.interchange.exporter import export_lines


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a YYYY-MM-DD date") from None


class Command(BaseCommand):
    help = "Writes meetings as JSON Lines in the interchange format, oldest first."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", metavar="FILE", help="Write here, not to stdout.")
        parser.add_argument("--status", choices=models.Status.values, help="Only this status.")
        parser.add_argument(
            "--country", action="append", default=[], metavar="CODE",
            help="Only meetings this country attended; repeat to require several.",
        )  # fmt: skip
        parser.add_argument("--format", metavar="SLUG", help="Only meetings of this format.")
        parser.add_argument("--since", type=iso_date, metavar="DATE", help="Starting on or after.")
        parser.add_argument("--until", type=iso_date, metavar="DATE", help="Starting on or before.")

    def handle(self, *args, output, status, country, format, since, until, **options):
        meetings = models.Meeting.objects.all()
        if status:
            meetings = meetings.filter(status=status)
        for code in country:
            if not models.Country.objects.filter(code=code.upper()).exists():
                raise CommandError(f"unknown country code {code!r}")
            meetings = meetings.filter(countries=code.upper())
        if format:
            if not models.Format.objects.filter(slug=format).exists():
                raise CommandError(f"unknown format {format!r}")
            meetings = meetings.filter(format__slug=format)
        if since:
            meetings = meetings.filter(start_date__gte=since)
        if until:
            meetings = meetings.filter(start_date__lte=until)

        lines = export_lines(meetings)
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")
