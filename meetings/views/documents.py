"""The documents adopted at published meetings: a filtered list and its CSV export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.analysis import documents as analysis
from meetings.filters import DocumentFilter
from meetings.paging import BadPage
from meetings.views.exports import csv_download

TEMPLATE = "meetings/documents/document_list.html"


def _form_context(request: HttpRequest, filterset: DocumentFilter) -> dict:
    return {
        "filterset": filterset,
        "form": filterset.form,
        "options": analysis.select_options(request.GET),
        "query_string": request.GET.urlencode(),
    }


def _invalid(request: HttpRequest, filterset: DocumentFilter, errors: list[str]) -> HttpResponse:
    context = _form_context(request, filterset)
    context["errors"] = errors
    return render(request, TEMPLATE, context, status=400)


@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    filterset = analysis.document_filter(request.GET)
    if not filterset.is_valid():
        return _invalid(request, filterset, filterset.error_messages())
    try:
        found = analysis.document_list(filterset, request.GET)
    except BadPage as bad:
        return _invalid(request, filterset, [str(bad)])
    context = _form_context(request, filterset)
    context["found"] = found
    return render(request, TEMPLATE, context)


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    filterset = analysis.document_filter(request.GET)
    if not filterset.is_valid():
        return _invalid(request, filterset, filterset.error_messages())
    rows = analysis.csv_rows(filterset, request.build_absolute_uri)
    return csv_download(rows, "summitry-documents.csv")
