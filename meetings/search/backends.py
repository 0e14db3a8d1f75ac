"""The two engines behind one interface: restrict a queryset to the meetings matching a
query and annotate each with ``search_rank`` (higher is better).

Both only add an ``id IN (<full-text query>)`` filter and a rank computed in a correlated
subquery, all in SQL, so the result composes with any other filter and with
``values(...).annotate(Count(...))``; counts and facets never compute the rank.
"""

from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL

from meetings.search.dates import is_date_token
from meetings.search.query import Query, Term, fts_group, phrase, to_fts5, to_tsquery, ts_group

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


# How a meeting's rank is made, the same on both engines (only the last, small part differs):
#
# - For each word (group) of the query, each part of the record that holds it adds its weight;
#   the sum is divided by the number of words, so long and short queries rank alike. The
#   weights say how much a part tells about the match: the title and the names (a country
#   among the participants, a person who took part, the city, the date, a document adopted:
#   who, where, when, what) the most, what the record says (summary, the documents'
#   signatories, statements and who made them) a little less, a mention in a source's full
#   text least.
# - A record that holds documents and statements says more than a one-line visit record, so
#   a match in what the record says is worth SUBSTANCE more for each document and statement
#   it holds, up to indexer.MOST_SUBSTANCE of them. With it, the seed meeting (six countries,
#   four documents, statements) ranks above a visit whose title names Kyrgyzstan, for
#   "Kyrgyzstan" and "Киргизии" alike: both have the country among the participants, the
#   visit has it in its title, the seed in its statements and documents' signatories.
# - A query of several words gains PHRASE where they stand side by side in the order typed
#   ("state visit" before a record that has "state" and "visit" apart).
# - A date typed ranks by the meeting's date only (_scored).
# - The engine's own relevance (ts_rank, bm25), squashed below 1, orders what is still tied.
TITLE, NAMES, RECORD, SOURCES = 3.0, 3.0, 2.0, 1.0
PHRASE = 3.0
SUBSTANCE = 0.5
# The index columns, their tsvector weights (migration 0010) and what a match in them is worth.
COLUMNS = (
    ("title_terms", "A", TITLE),
    ("name_terms", "B", NAMES),
    ("record_terms", "C", RECORD),
    ("text_terms", "D", SOURCES),
)


def _scored(group: tuple[Term, ...]) -> tuple[Term, ...]:
    """The spellings of a query's word that earn rank: a year typed finds a text that has the
    number, but only the meeting's date ranks it (a 2022 record that mentions 2023 is found
    for "2023", below the meetings of 2023)."""
    dates = tuple(term for term in group if is_date_token(term.terms[0]))
    return dates or group


def _worth(column: str, substance: str = "substance") -> str:
    """SQL for what a match in the column is worth, its weight given as a parameter (already
    divided by the number of words); a match in the record gains with its substance."""
    if column != "record_terms":
        return "%s"
    return f"%s * (1 + {SUBSTANCE / RECORD} * {substance})"


class PostgresBackend:
    # ts_rank's weights are given for D, C, B, A.
    WEIGHTS = "{0.1, 0.2, 0.4, 0.4}"

    def search(self, queryset: QuerySet, query: Query) -> QuerySet:
        tsquery = to_tsquery(query)
        matching = RawSQL(
            f"SELECT meeting_id FROM {DOCUMENT_TABLE} WHERE vector @@ %s::tsquery", [tsquery]
        )
        parts, params = [], []
        for group in map(_scored, query.groups):
            for column, weight, worth in COLUMNS:
                parts.append(f"({_worth(column)}) * (vector @@ %s::tsquery)::int")
                params += [worth / len(query.groups), ts_group(group, weight)]
        together = phrase(query)
        if together:
            parts.append("%s * (vector @@ %s::tsquery)::int")
            params += [PHRASE, ts_group((together,))]
        relevance = "ts_rank(%s::float4[], vector, %s::tsquery)"
        parts.append(f"{relevance} / (1 + {relevance})")
        params += [self.WEIGHTS, tsquery, self.WEIGHTS, tsquery]
        rank = _Rank(
            f"(SELECT {' + '.join(parts)} FROM {DOCUMENT_TABLE} WHERE meeting_id = {{meeting}})",
            params,
        )
        return queryset.filter(pk__in=matching).annotate(search_rank=rank)


class SQLiteBackend:
    # bm25's weights for the FTS5 columns title_terms, name_terms, record_terms, text_terms.
    WEIGHTS = "4.0, 4.0, 2.0, 1.0"

    def search(self, queryset: QuerySet, query: Query) -> QuerySet:
        match = to_fts5(query)
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        parts, params = [], []
        within = f"(rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
        substance = f"(SELECT substance FROM {DOCUMENT_TABLE} WHERE meeting_id = {FTS_TABLE}.rowid)"
        for group in map(_scored, query.groups):
            for column, _, worth in COLUMNS:
                parts.append(f"({_worth(column, substance)}) * {within}")
                params += [worth / len(query.groups), fts_group(group, column)]
        together = phrase(query)
        if together:
            parts.append(f"%s * {within}")
            params += [PHRASE, fts_group((together,))]
        relevance = f"max(0, -bm25({FTS_TABLE}, {self.WEIGHTS}))"
        parts.append(f"{relevance} / (1 + {relevance})")
        # "LIMIT -1" keeps SQLite from flattening the ranked matches into the correlated
        # subquery: they are computed once per statement and found per row through an
        # automatic index, rather than the full-text query, bm25's statistics and the
        # columns' matches being run again for every row.
        rank = _Rank(
            f"(SELECT rank FROM (SELECT rowid AS meeting_id, {' + '.join(parts)} AS rank"
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT -1)"
            " WHERE meeting_id = {meeting})",
            [*params, match],
        )
        return queryset.filter(pk__in=matching).annotate(search_rank=rank)


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}


def backend_for(connection):
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"No search backend for {connection.vendor}") from None
