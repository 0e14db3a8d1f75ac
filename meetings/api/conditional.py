"""Conditional requests: every answer carries an ETag made of the register's version, the
language and the request's path and query, so a client that sends it back in If-None-Match
gets a 304 until the register changes.

Why a 304 is never stale: the version is raised by database triggers in the same commit as any
write that reaches a published meeting or a name the API shows (meetings.models
RegisterVersion). It is read before the answer is computed, so an answer is always at least as
new as the tag it carries; after a publish every tag handed out before it stops matching.
"""

import hashlib

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

# Raised when the shape of the answers changes, so that no client keeps an old shape's tag.
API_REVISION = "1"


def etag_for(request: HttpRequest, language: str, version: int | None) -> str | None:
    """The tag of this request's answer at the register's ``version``, read before the answer
    is computed; None before the register has one (a fresh database), when nothing would make
    a 304 safe."""
    if version is None:
        return None
    key = "\n".join((API_REVISION, str(version), language, request.get_full_path()))
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def client_has(request: HttpRequest, etag: str) -> bool:
    """Whether If-None-Match names this tag (weakly compared, as RFC 9110 asks for GET)."""
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    known = parse_etags(header[:2000])
    return "*" in known or _opaque(etag) in {_opaque(tag) for tag in known}


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    del response["Content-Type"]
    mark(response, etag)
    return response


def mark(response: HttpResponse, etag: str | None) -> None:
    """The tag, and a cache policy that asks every cache to revalidate with it."""
    if etag:
        response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
