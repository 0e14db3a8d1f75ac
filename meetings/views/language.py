"""The language switch: a plain POST form on every page, answered by Django's set_language,
which remembers the choice in a cookie and sends the reader back to the page they were on."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


# Without a CSRF token: the switch is on every cached public page, which can hold no visitor's
# token, and a forged switch changes nothing but the language the pages are shown in.
@csrf_exempt
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The form sends the page's path and its query apart (``next`` and ``query``), so that a
    page never repeats its own address whole; they are joined again here. set_language only
    follows a ``next`` on this site."""
    data = request.POST.copy()
    query = data.get("query", "").lstrip("?")
    if query:
        data["next"] = f"{data.get('next', '/')}?{query}"
    request.POST = data
    return set_language(request)
