from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings.meeting_page import meeting_page
from meetings.models import Meeting


@require_safe
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One published meeting. Drafts are seen in the admin, never here, whoever asks."""
    try:
        page = meeting_page(slug)
    except Meeting.DoesNotExist:
        raise Http404("No published meeting has this address.") from None
    canonical_url = request.build_absolute_uri(reverse("meetings:detail", args=[page.meeting.slug]))
    return render(
        request,
        "meetings/meeting_detail.html",
        {"page": page, "meeting": page.meeting, "canonical_url": canonical_url},
    )
