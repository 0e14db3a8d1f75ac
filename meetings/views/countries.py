"""The countries: an index with a filter box, and a page for each country."""

import re

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from meetings.analysis import countries
from meetings.analysis.cache import cached
from meetings.charts import chart_csv
from meetings.text import xml_forbidden

MAX_FILTER_LENGTH = 100
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


class CountryFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=MAX_FILTER_LENGTH,
        label=gettext_lazy("Name, alias or code, in English or Russian"),
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("The filter text is too long: at most {limit} characters."),
                limit=MAX_FILTER_LENGTH,
            )
        },
    )
    sort = forms.ChoiceField(
        required=False,
        choices=countries.SortBy.CHOICES,
        label=gettext_lazy("Order"),
        error_messages={
            "invalid_choice": gettext_lazy("Unknown order “%(value)s”: use name or count.")
        },
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if bad := xml_forbidden(text):
            raise forms.ValidationError(
                _(
                    "The filter text holds the character {char}, which no name has: remove it."
                ).format(char=f"U+{ord(bad):04X}")
            )
        return text


@require_safe
def country_index(request: HttpRequest) -> HttpResponse:
    form = CountryFilterForm(request.GET)
    if not form.is_valid():
        errors = [message for messages in form.errors.values() for message in messages]
        context = {"form": form, "errors": errors}
        return render(request, "meetings/countries/index.html", context, status=400)
    query = form.cleaned_data["q"]
    sort = form.cleaned_data["sort"] or countries.SortBy.NAME
    index = cached("countries:directory", countries.country_directory).index(query, sort)
    return render(
        request,
        "meetings/countries/index.html",
        {"form": form, "index": index, "query": query, "sort": sort},
    )


def _canonical(code: str) -> str:
    if not COUNTRY_CODE.fullmatch(code):
        raise Http404("No such country code.")
    return code.upper()


def _country_page(code: str) -> countries.CountryPage:
    page = cached(f"country:{code}", lambda: countries.country_page(code))
    if page is None:
        raise Http404("No published meetings of this country.")
    return page


@require_safe
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    canonical = _canonical(code)
    page = _country_page(canonical)  # an unknown code is a 404 in any case
    if canonical != code:
        return redirect("meetings:country", canonical, permanent=True)
    context = {
        "country": page,
        "latest": countries.latest_meetings(code),
    }
    return render(request, "meetings/countries/detail.html", context)


@require_safe
def activity_csv(request: HttpRequest, code: str) -> HttpResponse:
    canonical = _canonical(code)
    page = _country_page(canonical)
    if canonical != code:
        return redirect("meetings:country_activity_csv", canonical, permanent=True)
    return chart_csv(page.activity, f"{code}-meetings-per-year.csv")
