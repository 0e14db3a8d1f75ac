"""Full-text search over meetings, on PostgreSQL (tsvector) or SQLite (FTS5) alike.

- ``search(queryset, q)`` (also ``Meeting.objects.search(q)``): the matching meetings,
  annotated with ``search_rank``; the caller orders by it.
- ``snippets(meetings, q)``: a highlighted extract per meeting of a page.
- ``reindex(ids)``, ``reindex_all()``: bring the index up to date; signals (``signals.py``)
  and the importer call ``reindex``, ``manage.py rebuild_search_index`` calls ``reindex_all``.

Both databases index and query the same terms (``text.py``), so a query finds the same
meetings on either; only the order within the results may differ, and only among meetings
that are otherwise tied (``backends.py`` explains the rank). Places' names in any spelling
(``names.py``, with cities from ``meetings.reference.cities``), dates (``dates.py``) and
people's names in either alphabet (``transliteration.py``) are terms of their own.
"""

from django.db import connections
from django.db.models import FloatField, QuerySet, Value

from meetings.search.backends import backend_for
from meetings.search.indexer import reindex, reindex_all
from meetings.search.query import parse
from meetings.search.snippets import snippets

__all__ = ["reindex", "reindex_all", "search", "snippets"]


def search(queryset: QuerySet, q: str) -> QuerySet:
    """The meetings of ``queryset`` that match ``q``, annotated with ``search_rank``."""
    query = parse(q)
    if query is None:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    return backend_for(connections[queryset.db]).search(queryset, query)
