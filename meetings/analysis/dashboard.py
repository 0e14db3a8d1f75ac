"""The home page's answers: totals, the busiest formats and countries of the latest twelve
months on record, and meetings per year."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max
from django.http import QueryDict
from django.urls import reverse

from meetings.analysis.common import StartYear, list_url, published_ids, year_series
from meetings.filters import MeetingFilter
from meetings.models import Country, Document, Format, Meeting, MeetingCountry
from meetings.templatetags.names import name_of

ACTIVITY_YEARS = 30
BUSIEST = 8


@dataclass(frozen=True)
class Totals:
    meetings: int
    countries: int
    formats: int
    documents: int


@dataclass(frozen=True)
class Ranked:
    name: str
    page_url: str
    count: int
    list_url: str


@dataclass(frozen=True)
class Dashboard:
    totals: Totals
    period_start: datetime.date | None
    period_end: datetime.date | None
    busiest_formats: list[Ranked]
    busiest_countries: list[Ranked]
    activity: list[tuple[int, int]]


def dashboard(today: datetime.date) -> Dashboard:
    published = Meeting.objects.published()
    totals = Totals(
        meetings=published.count(),
        countries=MeetingCountry.objects.filter(meeting_id__in=published_ids())
        .values("country_id")
        .distinct()
        .count(),
        formats=published.filter(format__isnull=False).values("format_id").distinct().count(),
        documents=Document.objects.filter(meeting_id__in=published_ids()).count(),
    )
    latest = published.filter(start_date__lte=today).aggregate(day=Max("start_date"))["day"]
    start = latest and _twelve_months_before(latest)
    return Dashboard(
        totals=totals,
        period_start=start,
        period_end=latest,
        busiest_formats=_busiest_formats(start, latest) if latest else [],
        busiest_countries=_busiest_countries(start, latest) if latest else [],
        activity=_activity(),
    )


def _twelve_months_before(day: datetime.date) -> datetime.date:
    # The day after the same date a year earlier: 12 May 2020 to 12 May 2021 is a year and a
    # day. The 29th of February has no twin, so it steps to the 1st of March.
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:
        earlier = day.replace(year=day.year - 1, day=28)
    return earlier + datetime.timedelta(days=1)


def _period(start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {"from": start.isoformat(), "to": end.isoformat()}


def _in_period(start: datetime.date, end: datetime.date):
    """The meetings the list shows for this period: the same FilterSet, so the same rule for
    meetings that began before the period and were still going on."""
    params = QueryDict(mutable=True)
    params.update(_period(start, end))
    return MeetingFilter(params, queryset=Meeting.objects.published()).qs


def _busiest_formats(start: datetime.date, end: datetime.date) -> list[Ranked]:
    counts = (
        _in_period(start, end)
        .filter(format__isnull=False)
        .values_list("format_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "format_id")[:BUSIEST]
    )
    counts = list(counts)
    names = Format.objects.in_bulk([pk for pk, _ in counts])
    return [
        Ranked(
            name=name_of(names[pk]),
            page_url=reverse("meetings:format", args=[names[pk].slug]),
            count=n,
            list_url=list_url(format=names[pk].slug, from_=start, to=end),
        )
        for pk, n in counts
    ]


def _busiest_countries(start: datetime.date, end: datetime.date) -> list[Ranked]:
    counts = list(
        MeetingCountry.objects.filter(meeting_id__in=_in_period(start, end).values("pk"))
        .values_list("country_id")
        .annotate(n=Count("meeting_id"))
        .order_by("-n", "country_id")[:BUSIEST]
    )
    names = Country.objects.in_bulk([code for code, _ in counts])
    return [
        Ranked(
            name=name_of(names[code]),
            page_url=reverse("meetings:country", args=[code]),
            count=n,
            list_url=list_url(country=code, from_=start, to=end),
        )
        for code, n in counts
    ]


def _activity() -> list[tuple[int, int]]:
    """Meetings per year over the latest ACTIVITY_YEARS years that have any."""
    counts = (
        Meeting.objects.published()
        .annotate(year=StartYear("start_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    series = year_series(counts)
    return series[-ACTIVITY_YEARS:]
