"""Pieces every analyst page shares: the published set, per-year series, and links to the
meeting list filtered to exactly the meetings behind a number."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse

from meetings.listing import StartYear
from meetings.models import Meeting

__all__ = ["StartYear", "list_url", "published_ids", "year_series"]


def published_ids() -> QuerySet:
    """The ids of published meetings, as a subquery: drafts never count anywhere public."""
    return Meeting.objects.published().values("pk")


def list_url(**params) -> str:
    """The meeting list filtered by these parameters; a list value repeats the parameter
    (``country=["KG", "CN"]``: both took part). Empty values are left out."""
    query = QueryDict(mutable=True)
    for name, value in params.items():
        name = name.rstrip("_")  # from_ stands for the reserved word "from"
        values = value if isinstance(value, list | tuple) else [value]
        kept = [str(v) for v in values if v not in (None, "")]
        if kept:
            query.setlist(name, kept)
    encoded = query.urlencode()
    return reverse("meetings:list") + (f"?{encoded}" if encoded else "")


def year_series(counts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, n) for every year from the first to the last with meetings, gaps as zeros, so a
    chart shows a quiet year as a quiet year rather than skipping it."""
    by_year = {year: n for year, n in counts if year is not None}
    if not by_year:
        return []
    return [(year, by_year.get(year, 0)) for year in range(min(by_year), max(by_year) + 1)]
