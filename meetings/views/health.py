"""``/healthz`` for load balancers and monitors: can this process read the database and
query the search index? Two indexed one-row queries, never cached."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from meetings.models import Meeting
from meetings.search import search

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def search_index_answers() -> bool:
    # Runs the engine's full-text query (GIN index or FTS5 table); the word need not match.
    search(Meeting.objects.all(), "summitry").exists()
    return True


def run_check(name: str, check) -> bool:
    try:
        return check()
    except DatabaseError:
        logger.exception("Health check %s failed", name)
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = run_check("database", database_answers)
    index = database and run_check("search", search_index_answers)
    healthy = database and index
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": "ok" if database else "error",
            "search": "ok" if index else "error",
        },
        status=200 if healthy else 503,
    )
