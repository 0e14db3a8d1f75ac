"""Pages of a long list, with a plain message for a page number that names no page."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class BadPage(ValueError):
    pass


def page_of(paginator: Paginator, number: str | None, what: str) -> Page:
    """Page ``number`` (the first when none is given); BadPage says why when there is none.
    ``what`` names the items in the message: "results", "documents"."""
    try:
        page = paginator.page(number or 1)
    except PageNotAnInteger:
        raise BadPage(_("“{number}” is not a page number.").format(number=number)) from None
    except EmptyPage:
        pages = paginator.num_pages
        raise BadPage(_no_such_page(what, pages).format(number=number, pages=pages)) from None
    # The numbered links: the first and last pages, and two either side of this one, with
    # an ellipsis for each gap (1 … 4 5 6 7 8 … 164).
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    page.ellipsis = Paginator.ELLIPSIS
    return page


def _no_such_page(what: str, pages: int) -> str:
    # Whole sentences per kind of item, so that each language can decline the noun.
    if what == "results":
        return ngettext(
            "There is no page {number}: these results fill {pages} page.",
            "There is no page {number}: these results fill {pages} pages.",
            pages,
        )
    if what == "documents":
        return ngettext(
            "There is no page {number}: these documents fill {pages} page.",
            "There is no page {number}: these documents fill {pages} pages.",
            pages,
        )
    return ngettext(
        "There is no page {number}: these {what} fill {pages} page.",
        "There is no page {number}: these {what} fill {pages} pages.",
        pages,
    ).replace("{what}", what)
