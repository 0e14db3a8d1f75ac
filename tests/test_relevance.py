"""The relevance set (tests/relevance/queries.toml) over the shipped fixtures: the figures may
rise, never fall. Run with ``-s`` to see them and the queries that miss."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from meetings.models import Meeting
from tests.relevance import Figures, measure

# The set is measured once, by the module fixture; the marker has the test database made.
pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FILES = ["seed.jsonl", "hsg-visits.jsonl", "hsg-travels.jsonl", "central-asia.jsonl"]

# Measured on this data; raise them when search improves. Before issue 10 the same set gave
# P@5 0.660, MRR 0.672 and 75 wrong hits on SQLite; 0.671, 0.723 and 75 on PostgreSQL.
# PostgreSQL's 0.994: its ranking puts the Central Asia + Italy ministerial fifth for "EU
# Central Asia ministerial", where SQLite ranks a fifth EU ministerial.
RECORDED = {
    "sqlite": {"precision_at_5": 0.996, "mrr": 1.0, "wrong_hits": 0},
    "postgresql": {"precision_at_5": 0.994, "mrr": 1.0, "wrong_hits": 0},
}


def ranked(q: str) -> list[str]:
    results = Meeting.objects.search(q).order_by("-search_rank", "-start_date", "-pk")
    return list(results.values_list("external_id", flat=True))


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker) -> Figures:
    """The fixtures are imported once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        files = [str(FIXTURES / name) for name in FILES]
        call_command("import_meetings", *files, verbosity=0, stdout=StringIO())
        result = measure(ranked)
        print(f"\n[{connection.vendor}] {result.report()}")
        transaction.set_rollback(True)
    return result


def test_it_keeps_precision_at_five(figures):
    assert figures.precision_at_5 >= RECORDED[connection.vendor]["precision_at_5"] - 1e-9


def test_it_keeps_mean_reciprocal_rank(figures):
    assert figures.mrr >= RECORDED[connection.vendor]["mrr"] - 1e-9


def test_it_finds_no_more_meetings_it_must_not(figures):
    assert figures.wrong_hits <= RECORDED[connection.vendor]["wrong_hits"]


def test_the_set_has_forty_queries_or_more(figures):
    assert len(figures.outcomes) >= 40
