"""Public reads from a PostgreSQL streaming replica; writes, the admin, the intake and every
signed-in editor on the primary.

Only when ``DATABASE_REPLICA_URL`` is set: settings then add the ``replica`` database, this
router and this middleware. Reads go to the primary unless a request is marked as public:
management commands, imports and tests read what they have just written. A public request
is a GET or HEAD outside the admin from a visitor without a session cookie, so an editor who
has signed in reads their own writes from the primary, never a replica that may lag.
"""

import contextvars

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD")
RETRY_AFTER_SECONDS = 30

_reads_from = contextvars.ContextVar("reads_from", default=PRIMARY)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return _reads_from.get()

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same database, one a copy of the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


def is_public_read(request: HttpRequest) -> bool:
    admin = request.path.startswith("/admin/")
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    return request.method in SAFE_METHODS and not admin and not signed_in


class ReplicaReadsMiddleware:
    """Sends a public request's reads to the replica, and answers a request that needs the
    primary while it is down with a plain 503 rather than a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_read(request):
            return self.get_response(request)
        token = _reads_from.set(REPLICA)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError):
            return None
        body = render_to_string("503.html", request=request)
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
