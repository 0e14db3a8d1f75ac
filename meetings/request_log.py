"""One log record per request, with its method, path, status, time and SQL query count.

The records go to the ``summitry.requests`` logger; settings give it a JSON formatter, so each
is one line of JSON that a log shipper reads as it is. A streamed response (the exports) is
logged when its last chunk has been sent, so its time and queries cover the whole stream.
"""

import logging
import time
from collections.abc import Iterator

from django.db import connection
from django.http import HttpRequest, HttpResponse

from meetings.ratelimit import client_ip

logger = logging.getLogger("summitry.requests")


class QueryCounter:
    """A database execute wrapper that counts the statements it lets through."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        if response.streaming:
            response.streaming_content = self._logged_stream(
                response.streaming_content, request, response, counter, started
            )
        else:
            log_request(request, response, counter.count, started)
        return response

    def _logged_stream(self, chunks, request, response, counter, started) -> Iterator[bytes]:
        try:
            with connection.execute_wrapper(counter):
                yield from chunks
        finally:
            log_request(request, response, counter.count, started)


def log_request(request: HttpRequest, response: HttpResponse, queries: int, started: float):
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "sql_queries": queries,
            "client": client_ip(request),
        },
    )
