"""The language switch: a plain link on every page. It remembers the choice in Django's
language cookie and sends the reader back to the page they were on, with its query."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_safe


# A link rather than a form: choosing a language changes nothing but how pages are shown, and
# a link needs neither a script nor a CSRF token, which a cached public page could not hold.
@require_safe
def switch_language(request: HttpRequest) -> HttpResponse:
    """``language`` is the choice; ``next`` the page's path and ``query`` its query, sent
    apart so that a page never repeats its own address whole. Only a path on this site is
    followed; anything else leads home."""
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not next_url.startswith("/"):
        next_url = "/"
    query = request.GET.get("query", "").lstrip("?")
    response = HttpResponseRedirect(f"{next_url}?{query}" if query else next_url)
    language = request.GET.get("language", "")
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
