"""HTTP caching of the public pages, safe across publishes.

A visitor's page (a GET without a session or messages cookie, an Origin or an Authorization
header, outside the admin and the intake) is named by the register's version, today's date,
this release of the code, the language the page is in (as LocaleMiddleware picks it: the
language cookie, else Accept-Language) and the URL it was asked by. That name is

- its ETag: a browser or a CDN that sends it back in ``If-None-Match`` gets a 304 for the
  price of reading the version, and ``Cache-Control: public, no-cache`` makes them ask each
  time, so a publish is seen on the next request;
- the key the rendered page is kept under in the cache (compressed): the next visitor gets
  it without the page being built again.

Why no stale page and no draft can be served: the version is read before the page is built,
and database triggers raise it in the same transaction as every write that reaches a published
meeting or a shared name (meetings.analysis.cache says more). A page built after the read is
at least as new as the version it is filed under, and every request after a publish reads
the new version, under which nothing is kept yet. Pages are built for visitors, who see
published meetings only; a signed-in editor's requests neither read nor fill the cache.

PAGE_CACHE=off (in the environment, or the setting of that name) turns it off, as the tests
do. Only plain, complete pages are kept: status 200, no cookie set, varying on no request header
but the language (a page that depends on another says so in ``Vary``), no caching headers
of the view's own (the API sets its own ETags), not streamed (the exports) and under
MAX_BODY bytes.
"""

import datetime
import hashlib
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

from meetings.analysis.cache import TIMEOUT, register_version

PRIVATE_PREFIXES = ("/admin/", "/intake/", "/healthz", "/static/")
CACHE_CONTROL = "public, no-cache"
MAX_BODY = 1024 * 1024
HIT_HEADER = "X-Page-Cache"
# Request headers a kept page may vary on: the name holds the language they choose.
NAMED_VARY = {"accept-language"}


def _release() -> str:
    """This release of the code and templates: a deploy changes pages without a write to
    the register, and must not be answered with pages or ETags of the release before."""
    root = Path(settings.BASE_DIR)
    stamp = hashlib.sha256()
    for folder in ("meetings", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt", ".xml", ".json"):
                info = path.stat()
                stamp.update(f"{path}:{info.st_mtime_ns}:{info.st_size};".encode())
    manifest = root / "staticfiles" / "staticfiles.json"
    if manifest.exists():
        stamp.update(manifest.read_bytes())
    return stamp.hexdigest()[:12]


RELEASE = _release()


def is_on() -> bool:
    return settings.PAGE_CACHE


def is_cacheable_request(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.path.startswith(PRIVATE_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_ORIGIN" not in request.META
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h}
        <= NAMED_VARY
        and not response.has_header("ETag")
        and not response.has_header("Cache-Control")
        and len(response.content) <= MAX_BODY
    )


def page_name(request: HttpRequest, version: int, today: datetime.date) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    language = translation.get_language_from_request(request)
    named = f"{version}:{today.isoformat()}:{RELEASE}:{language}:{url}"
    return hashlib.sha256(named.encode()).hexdigest()[:32]


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    sent = request.META.get("HTTP_IF_NONE_MATCH", "")
    return any(tag.strip() in (etag, etag.removeprefix("W/")) for tag in sent.split(","))


class PublicPageCacheMiddleware:
    """Answers a visitor's repeated request from the page kept for the register's version,
    or with a 304 when the client already holds it; keeps the pages it builds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (is_on() and is_cacheable_request(request)):
            return self.get_response(request)
        version = register_version()
        if version is None:
            return self.get_response(request)
        name = page_name(request, version, timezone.localdate())
        etag = f'W/"{name}"'
        if _etag_matches(request, etag):
            response = HttpResponseNotModified()
            self._label(response, etag, "revalidated")
            return response
        key = f"summitry:page:{name}"
        kept = cache.get(key)
        if kept is not None:
            status, headers, body = kept
            response = HttpResponse(zlib.decompress(body), status=status)
            for header, value in headers:
                response[header] = value
            self._label(response, etag, "hit")
            return response
        response = self.get_response(request)
        if not is_cacheable_response(response):
            return response
        headers = [(h, v) for h, v in response.items() if h.lower() not in ("date", "set-cookie")]
        cache.set(key, (response.status_code, headers, zlib.compress(response.content, 1)), TIMEOUT)
        self._label(response, etag, "miss")
        return response

    @staticmethod
    def _label(response: HttpResponse, etag: str, outcome: str) -> None:
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        response[HIT_HEADER] = outcome
