"""What the CSV exports share when they read plain values rather than model instances: rows
grouped by the id they start with, and a meeting's address without a reverse() per row."""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.urls import reverse


def grouped(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    """Rows that start with an id (a meeting's, a document's), by that id, in their order."""
    found = defaultdict(list)
    for key, *values in rows:
        found[key].append(tuple(values))
    return found


def meeting_address(absolute_url: Callable[[str], str]) -> Callable[[str], str]:
    """A function from a meeting's slug to its absolute address; ``absolute_url`` turns a path
    into a URL (request.build_absolute_uri)."""
    # A slug is only [-a-zA-Z0-9_], which reverse() never quotes: every meeting's address is
    # the same two parts around its slug, worked out once rather than reversed per row.
    marker = "slug"
    before, _, after = absolute_url(reverse("meetings:detail", args=[marker])).rpartition(marker)
    return lambda slug: f"{before}{slug}{after}"
