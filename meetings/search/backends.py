"""The two engines behind one interface: restrict a queryset to the meetings matching a
query and annotate each with ``search_rank`` (higher is better).

Both only add an ``id IN (<full-text query>)`` filter and a rank computed in a correlated
subquery, all in SQL, so the result composes with any other filter and with
``values(...).annotate(Count(...))``; counts and facets never compute the rank.
"""

from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL

from meetings.search.query import Query, to_fts5, to_tsquery

DOCUMENT_TABLE = "meetings_searchdocument"
FTS_TABLE = "meetings_search_fts"


class _Rank(Func):
    """``(SELECT <rank> ... WHERE <row id> = {meeting})``, with the outer pk compiled in place."""

    output_field = FloatField()

    def __init__(self, sql: str, params: list, **extra):
        super().__init__(F("pk"), **extra)
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        return self.sql.format(meeting=pk_sql), [*self.params, *pk_params]


class PostgresBackend:
    # ts_rank's weights are given for D, C, B, A.
    WEIGHTS = "{0, 0.2, 0.4, 1.0}"

    def search(self, queryset: QuerySet, query: Query) -> QuerySet:
        tsquery = to_tsquery(query)
        matching = RawSQL(
            f"SELECT meeting_id FROM {DOCUMENT_TABLE} WHERE vector @@ %s::tsquery", [tsquery]
        )
        rank = _Rank(
            f"(SELECT ts_rank(%s::float4[], vector, %s::tsquery) FROM {DOCUMENT_TABLE}"
            " WHERE meeting_id = {meeting})",
            [self.WEIGHTS, tsquery],
        )
        return queryset.filter(pk__in=matching).annotate(search_rank=rank)


class SQLiteBackend:
    # bm25's weights for the FTS5 columns title_terms, name_terms, text_terms (A, B, C).
    WEIGHTS = "10.0, 4.0, 1.0"

    def search(self, queryset: QuerySet, query: Query) -> QuerySet:
        match = to_fts5(query)
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        # bm25 is lower for better matches; negated, it ranks like ts_rank. "LIMIT -1" keeps
        # SQLite from flattening the ranked matches into the correlated subquery: they are
        # computed once per statement and found per row through an automatic index, rather
        # than the full-text query and bm25's statistics being run again for every row.
        rank = _Rank(
            f"(SELECT rank FROM (SELECT rowid AS meeting_id, -bm25({FTS_TABLE}, {self.WEIGHTS})"
            f" AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT -1)"
            " WHERE meeting_id = {meeting})",
            [match],
        )
        return queryset.filter(pk__in=matching).annotate(search_rank=rank)


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}


def backend_for(connection):
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"No search backend for {connection.vendor}") from None
