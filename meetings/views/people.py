"""A person's page: names, positions over time, meetings attended and statements made."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.analysis.cache import cached
from meetings.analysis.people import person_page


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = cached(f"person:{slug}", lambda: person_page(slug))
    if page is None:
        raise Http404("No one named in a published meeting has this address.")
    return render(request, "meetings/people/detail.html", {"page": page})
