"""The topic tree with its meeting counts, and one topic's page with its activity CSV."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.analysis import topics as analysis
from meetings.charts import chart_csv

NO_TOPIC = "No topic has this address."


@require_safe
def topic_index(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/topics/topic_index.html", {"roots": analysis.topic_tree()})


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = analysis.topic_page(slug)
    except analysis.UnknownTopic:
        raise Http404(NO_TOPIC) from None
    return render(request, "meetings/topics/topic_detail.html", {"page": page})


@require_safe
def activity_csv(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        chart = analysis.topic_activity(slug)
    except analysis.UnknownTopic:
        raise Http404(NO_TOPIC) from None
    return chart_csv(chart, f"summitry-topic-{slug}-per-year.csv")
