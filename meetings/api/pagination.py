"""Numbered pages, as the list has them: ``?page=N`` and ``?page_size=`` up to MAX_PAGE_SIZE.

Every list is ordered with the primary key (or code) last, so a page holds the same items
however often it is asked for while the register stands still.
"""

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from meetings.analysis.cache import TIMEOUT, digest
from meetings.api.errors import InvalidParameters
from meetings.paging import BadPage, page_of

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class NumberedPages(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "A page number, from 1."
    page_size_query_description = f"Items a page, from 1 to {MAX_PAGE_SIZE}; {PAGE_SIZE} if none."

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise InvalidParameters(
                [f"“page_size” must be a whole number from 1 to {self.max_page_size}."]
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        size = self.get_page_size(request)
        paginator = KeptCountPaginator(queryset, size, getattr(view, "register_version", None))
        what = getattr(view, "items_name", "results")
        try:
            self.page = page_of(paginator, request.query_params.get(self.page_query_param), what)
        except BadPage as bad:
            raise InvalidParameters([str(bad)]) from None
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {
                "type": "integer",
                "minimum": 1,
                **({"maximum": self.max_page_size} if parameter["name"] == "page_size" else {}),
            }
        return parameters


class KeptCountPaginator(Paginator):
    """Counts a queryset once per register version. A page of a filtered set reads its
    twenty rows along an index, but its count reads every meeting the filters might match:
    at 100,000 meetings, twenty times the SQL of the rest of the answer."""

    def __init__(self, object_list, per_page, version: int | None):
        super().__init__(object_list, per_page)
        self.version = version

    @cached_property
    def count(self) -> int:
        if self.version is None or not isinstance(self.object_list, QuerySet):
            return super().count
        return kept_count(self.object_list, self.version)


def kept_count(queryset: QuerySet, version: int) -> int:
    """The queryset's count, kept under the register's ``version`` (read before anything was
    counted; meetings.analysis.cache explains why such an answer is never stale and never
    counts a draft) and the SQL of the set, whatever its order: two requests that filter
    alike share it, whichever page or order they ask for."""
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that nothing can match: Django runs no query either
        return 0
    key = f"summitry:api:{version}:count:{digest((sql, params))}"
    found = cache.get(key)
    if found is None:
        found = queryset.count()
        cache.set(key, found, TIMEOUT)
    return found
