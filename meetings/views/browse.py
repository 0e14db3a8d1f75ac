"""The home page and the meeting list: search, filters, facets and pagination."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meetings import listing, search
from meetings.analysis.cache import cached
from meetings.analysis.common import list_url
from meetings.analysis.dashboard import Dashboard, dashboard
from meetings.charts import Bar, Chart, chart_csv
from meetings.filters import MAX_QUERY_LENGTH, Match, MeetingFilter, Sort, unknown_parameters
from meetings.models import Meeting
from meetings.paging import BadPage, page_of
from meetings.text import without_xml_forbidden

PAGE_SIZE = 20
LATEST_ON_HOME = 8


def published_filter(request: HttpRequest) -> MeetingFilter:
    """The list's FilterSet bound to the request, over published meetings only."""
    return MeetingFilter(request.GET, queryset=Meeting.objects.published())


def _dashboard() -> Dashboard:
    today = timezone.localdate()
    return cached(f"dashboard:{today.isoformat()}", lambda: dashboard(today))


def _activity_chart(board: Dashboard) -> Chart:
    series = board.activity
    busiest = max(series, key=lambda pair: pair[1], default=None)
    description = (
        _(
            "Published meetings per year from {first} to {last}; the busiest year was {busiest} "
            "with {most}."
        ).format(first=series[0][0], last=series[-1][0], busiest=busiest[0], most=busiest[1])
        if series
        else _("No published meetings yet.")
    )
    return Chart(
        slug="activity",
        title=_("Meetings per year"),
        description=description,
        bars=[Bar(str(year), n, list_url(year=year)) for year, n in series],
        csv_url=reverse("meetings:activity_csv"),
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    board = _dashboard()
    published = Meeting.objects.published()
    latest = published.order_by("-start_date", "-pk").for_listing()[:LATEST_ON_HOME]
    return render(
        request,
        "meetings/home.html",
        {"board": board, "totals": board.totals, "latest": latest, "chart": _activity_chart(board)},
    )


@require_safe
def activity_csv(request: HttpRequest) -> HttpResponse:
    return chart_csv(_activity_chart(_dashboard()), "summitry-meetings-per-year.csv")


def _form_context(
    request: HttpRequest, filterset: MeetingFilter, vocabulary: listing.Vocabulary
) -> dict:
    return {
        "filterset": filterset,
        "options": listing.select_options(request.GET, vocabulary),
        "sort_choices": Sort.CHOICES,
        "sort": request.GET.get("sort", ""),
        "match_choices": Match.CHOICES,
        "match": request.GET.get("match") or Match.ALL,
        "notices": _unknown_parameter_notices(request),
        "header_q": without_xml_forbidden(request.GET.get("q", ""))[:MAX_QUERY_LENGTH],
        "query_string": request.GET.urlencode(),
    }


def _unknown_parameter_notices(request: HttpRequest) -> list[dict]:
    """A visible word on each parameter the list does not read (``countries=KG`` would
    otherwise quietly show every meeting), with a link that renames it when one is close."""
    notices = []
    for name, suggestion in unknown_parameters(request.GET):
        fixed = request.GET.copy()
        values = fixed.pop(name)
        fix_url = ""
        if suggestion:
            fixed.setlist(suggestion, [*fixed.getlist(suggestion), *values])
            fix_url = f"{reverse('meetings:list')}?{fixed.urlencode()}"
        notices.append(
            {
                "text": _("“{name}” is not a filter of this list, so it was ignored.").format(
                    name=without_xml_forbidden(name)[:60]
                ),
                "suggestion": suggestion,
                "fix_url": fix_url,
            }
        )
    return notices


def invalid_search(
    request: HttpRequest, filterset: MeetingFilter, errors: list[str] | None = None
) -> HttpResponse:
    """The list page with the reasons the request cannot be answered, and no results."""
    context = _form_context(request, filterset, listing.Vocabulary.load())
    context["errors"] = errors or filterset.error_messages()
    return render(request, "meetings/meeting_list.html", context, status=400)


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset = published_filter(request)
    if not filterset.is_valid():
        return invalid_search(request, filterset)
    vocabulary = listing.Vocabulary.load()
    counts = listing.facet_counts(filterset.qs, vocabulary.version)
    results = listing.Results(filterset.ordered(), counts.total, vocabulary.version)
    try:
        page = page_of(Paginator(results, PAGE_SIZE), request.GET.get("page"), "results")
    except BadPage as bad:
        return invalid_search(request, filterset, [str(bad)])
    context = _form_context(request, filterset, vocabulary)
    shown = list(page.object_list)
    if filterset.text and shown:
        snippets = search.snippets(shown, filterset.text)
        for meeting in shown:
            meeting.snippet = snippets.get(meeting.pk, "")
    refinements = listing.refinements(counts, request.GET, vocabulary)
    context.update(
        page=page,
        results=shown,
        facets=refinements.facets,
        decades=refinements.decades,
        refinements=refinements.html,
        pills=listing.pills(filterset, request.GET),
        sort=filterset.sort,
    )
    return render(request, "meetings/meeting_list.html", context)
