"""The formats index and one format's page: its members and its editions as a timeline."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.analysis.formats import format_page, formats_overview
from meetings.charts import chart_csv


@require_safe
def format_index(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/formats/index.html", {"formats": formats_overview()})


@require_safe
def format_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = format_page(slug)
    if page is None:
        raise Http404("No format with published meetings has this address.")
    return render(request, "meetings/formats/detail.html", {"page": page})


@require_safe
def activity_csv(request: HttpRequest, slug: str) -> HttpResponse:
    page = format_page(slug)
    if page is None or page.chart is None:
        raise Http404("No format with published meetings in more than one year has this address.")
    return chart_csv(page.chart, f"summitry-{slug}-per-year.csv")
