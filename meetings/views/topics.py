"""The topic tree with its meeting counts, and one topic's page with its activity CSV.

Their answers are plain data computed from published meetings only, cached under the register's
version (meetings.analysis.cache): any write makes them unreachable."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.analysis import topics as analysis
from meetings.analysis.cache import cached
from meetings.charts import chart_csv

NO_TOPIC = "No topic has this address."


@require_safe
def topic_index(request: HttpRequest) -> HttpResponse:
    roots = cached("topics:tree", analysis.topic_tree)
    return render(request, "meetings/topics/topic_index.html", {"roots": roots})


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = cached(f"topics:page:{slug}", lambda: analysis.topic_page(slug))
    except analysis.UnknownTopic:
        raise Http404(NO_TOPIC) from None
    return render(request, "meetings/topics/topic_detail.html", {"page": page})


@require_safe
def activity_csv(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        chart = cached(f"topics:activity:{slug}", lambda: analysis.topic_activity(slug))
    except analysis.UnknownTopic:
        raise Http404(NO_TOPIC) from None
    return chart_csv(chart, f"summitry-topic-{slug}-per-year.csv")
