"""Which database a request reads when a replica is configured (meetings.replica): public
reads from the replica, everything an editor does from the primary."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from meetings.models import Meeting
from meetings.replica import PRIMARY, REPLICA, PrimaryReplicaRouter, ReplicaReadsMiddleware

router = PrimaryReplicaRouter()
factory = RequestFactory()


def reads_during(request) -> str:
    seen = {}

    def view(request):
        seen["db"] = router.db_for_read(Meeting)
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen["db"]


def test_outside_a_request_reads_go_to_the_primary():
    # Imports and management commands read what they have just written.
    assert router.db_for_read(Meeting) == PRIMARY


def test_a_visitors_page_reads_the_replica():
    assert reads_during(factory.get("/meetings/", {"q": "Kyrgyzstan"})) == REPLICA
    assert router.db_for_read(Meeting) == PRIMARY, "the choice ends with the request"


@pytest.mark.parametrize(
    "request_",
    [
        factory.get("/admin/meetings/meeting/"),
        factory.post("/meetings/"),
        factory.get("/meetings/", HTTP_COOKIE="sessionid=abc"),
    ],
    ids=["the admin", "a write", "a signed-in editor"],
)
def test_editors_and_writes_read_the_primary(request_):
    assert reads_during(request_) == PRIMARY


def test_every_write_goes_to_the_primary_and_only_it_is_migrated():
    assert router.db_for_write(Meeting) == PRIMARY
    assert router.allow_migrate(PRIMARY, "meetings") is True
    assert router.allow_migrate(REPLICA, "meetings") is False


def test_an_unreachable_database_is_a_plain_503():
    middleware = ReplicaReadsMiddleware(lambda request: HttpResponse())
    request = factory.get("/admin/")
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Editing is unavailable for a moment" in response.content
    assert middleware.process_exception(request, ValueError("other")) is None
