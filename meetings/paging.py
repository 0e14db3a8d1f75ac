"""Pages of a long list, with a plain message for a page number that names no page."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


class BadPage(ValueError):
    pass


def page_of(paginator: Paginator, number: str | None, what: str) -> Page:
    """Page ``number`` (the first when none is given); BadPage says why when there is none.
    ``what`` names the items in the message: "results", "documents"."""
    try:
        page = paginator.page(number or 1)
    except PageNotAnInteger:
        raise BadPage(f"“{number}” is not a page number.") from None
    except EmptyPage:
        pages = paginator.num_pages
        raise BadPage(
            f"There is no page {number}: these {what} fill {pages} page{'s' if pages > 1 else ''}."
        ) from None
    # The numbered links: the first and last pages, and two either side of this one, with
    # an ellipsis for each gap (1 … 4 5 6 7 8 … 164).
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    page.ellipsis = Paginator.ELLIPSIS
    return page
