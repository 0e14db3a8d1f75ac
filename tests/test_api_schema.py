"""Every endpoint of the API, called by schemathesis with requests generated from its own
OpenAPI schema: no answer is a server error, and every answer (its status, headers and body)
is one the schema describes. Run on SQLite and on PostgreSQL like the rest of the suite."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import import_records, meeting_record, rich_record

pytestmark = pytest.mark.django_db

# Generated values are mostly unknown codes and slugs, which the API rightly refuses with a
# 400 or a 404; the checks are that nothing breaks and that every answer is in the schema.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ENDPOINTS = [
    "/api/meetings/",
    "/api/meetings/{slug}/",
    "/api/countries/",
    "/api/countries/{code}/",
    "/api/formats/",
    "/api/formats/{slug}/",
    "/api/topics/",
    "/api/people/",
    "/api/documents/",
]
# Enough to reach every parameter of every endpoint, few enough for both databases in CI.
EXAMPLES = 20


@pytest.fixture
def api_schema(settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    import_records(
        rich_record(external_id="rich"),
        meeting_record(external_id="plain", title="Bishkek consultations"),
        meeting_record(external_id="draft", title="A draft", countries=["NR"], status="draft"),
    )
    # As Django's test client does: the test's transaction holds the connection, which the
    # end of each request would otherwise close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_schema_lists_every_endpoint_and_only_get(api_schema):
    assert sorted(api_schema.raw_schema["paths"]) == sorted(ENDPOINTS)
    for operations in api_schema.raw_schema["paths"].values():
        assert set(operations) == {"get"}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_endpoint_answers_as_its_schema_says(api_schema, path):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_described(case):
        case.call_and_validate(checks=CHECKS)

    answers_as_described()
