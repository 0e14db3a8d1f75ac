"""Per-client rate limits on the expensive public paths: the exports, the feeds, the API.

A fixed window per client address, counted in a cache (``settings.RATE_LIMIT_CACHE``). The
default cache is each process's own memory, so with several gunicorn workers a client gets
the limit once per worker; a shared cache (``RATE_LIMIT_CACHE_URL``) makes it one limit.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse

API_PATH = "/api/"


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer's, unless a trusted proxy says whom it forwards for.

    Only with ``BEHIND_PROXY`` is X-Forwarded-For read, and then only its last entry, the one
    our own proxy appended; anything before it came from the client and may be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class RateLimit:
    requests: int
    window_seconds: int

    @classmethod
    def parse(cls, text: str) -> "RateLimit | None":
        """``"30/60"`` is 30 requests in 60 seconds; ``"off"`` (or empty) is no limit."""
        if text.strip().lower() in ("", "off"):
            return None
        requests, _, seconds = text.partition("/")
        try:
            limit = cls(int(requests), int(seconds))
        except ValueError:
            limit = None
        if limit is None or limit.requests < 1 or limit.window_seconds < 1:
            raise ValueError(f"a rate limit is REQUESTS/SECONDS, such as 30/60, or off: {text!r}")
        return limit


def is_limited_path(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.RATE_LIMITED_PATHS)


def seconds_over_limit(client: str, limit: RateLimit, now: float) -> int:
    """0 while the client is within its limit; otherwise the seconds until its window ends."""
    window = int(now // limit.window_seconds)
    key = f"ratelimit:{client}:{window}"
    cache = caches[settings.RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr: a new window begins
        cache.add(key, 1, timeout=limit.window_seconds)
        count = 1
    if count <= limit.requests:
        return 0
    return max(1, math.ceil((window + 1) * limit.window_seconds - now))


def too_many_requests(retry_after: int, path: str = "") -> HttpResponse:
    message = (
        "Too many requests for exports, feeds and the API from your address. "
        f"Try again in {retry_after} seconds."
    )
    if path.startswith(API_PATH):
        # API clients read JSON, as from any other refusal of the API.
        response = JsonResponse(
            {"detail": message}, status=429, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(
            f"{message}\n", status=429, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Answers 429 with Retry-After once a client exceeds ``settings.RATE_LIMIT`` on the
    paths of ``settings.RATE_LIMITED_PATHS``; the views behind them need not know."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.RATE_LIMIT
        if limit is not None and is_limited_path(request.path_info):
            retry_after = seconds_over_limit(client_ip(request), limit, time.time())
            if retry_after:
                return too_many_requests(retry_after, request.path_info)
        return self.get_response(request)
