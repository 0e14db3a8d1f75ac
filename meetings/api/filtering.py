"""The list filters of the public site, applied to the API through django-filter's backend.

The FilterSets are the ones the HTML lists use (meetings.filters), so the API accepts the same
parameters, refuses the same values with the same messages, and orders as the lists do.
"""

from django_filters.rest_framework import DjangoFilterBackend

from meetings.api.errors import InvalidParameters


class PublicListFilterBackend(DjangoFilterBackend):
    """Binds the view's FilterSet to the query string; an invalid one is a 400 listing every
    reason. The view's ``ordered(filterset)`` gives the order, which always ends on the key."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidParameters(filterset.error_messages())
        return view.ordered(filterset)


def _describe_filters_for_the_schema() -> None:
    """Tell drf-spectacular the types of the filters whose values it cannot infer (codes and
    slugs resolved by a method, a year); the FilterSets themselves stay as the lists use them."""
    from drf_spectacular.drainage import set_override

    from meetings.filters import DocumentFilter, MeetingFilter

    year = {"type": "integer", "minimum": 1000, "maximum": 9999}
    for filterset, names in (
        (MeetingFilter, ("country", "topic", "person")),
        (DocumentFilter, ("topic",)),
    ):
        for name in names:
            set_override(filterset.base_filters[name], "field", {"type": "string"})
        set_override(filterset.base_filters["year"], "field", year)


_describe_filters_for_the_schema()
