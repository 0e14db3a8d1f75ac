"""Numbered pages, as the list has them: ``?page=N`` and ``?page_size=`` up to MAX_PAGE_SIZE.

Every list is ordered with the primary key (or code) last, so a page holds the same items
however often it is asked for while the register stands still.
"""

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

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
        paginator = Paginator(queryset, size)
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
