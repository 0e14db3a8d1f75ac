"""Who meets whom: the country × country matrix page and its CSV."""

import csv
import io
import re

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from meetings.analysis.cache import cached, digest
from meetings.analysis.matrix import (
    DEFAULT_EXTRAS,
    DEFAULT_GROUP,
    MAX_COUNTRIES,
    Matrix,
    Options,
    Row,
    Selection,
    who_meets_whom,
)
from meetings.filters import refuse_many_repeats
from meetings.models import Country

MAX_CODES_LENGTH = 1000
CODE = re.compile(r"[A-Za-z]{2}")
COUNTRY_PARAMETERS = ("group", "format", "country")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CodeListInput(forms.TextInput):
    """One text box for the extra countries; a repeated ``country`` parameter (the form of
    the list's links) is read as the same list."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return ", ".join(value for value in values if value.strip())


class CountryCodesField(forms.Field):
    widget = CodeListInput

    def to_python(self, value) -> tuple[str, ...]:
        if len(value or "") > MAX_CODES_LENGTH:
            raise forms.ValidationError(
                _("The list of countries is too long: at most {limit} characters.").format(
                    limit=MAX_CODES_LENGTH
                )
            )
        tokens = [token for token in re.split(r"[\s,;]+", value or "") if token]
        for token in tokens:
            if not CODE.fullmatch(token):
                raise forms.ValidationError(
                    _(
                        "“{token}” is not a country code: give two-letter ISO codes such as CN "
                        "or KG, separated by commas or spaces."
                    ).format(token=token)
                )
        return tuple(dict.fromkeys(token.upper() for token in tokens))


def _year_field(name: str, example: int) -> forms.IntegerField:
    message = _("“{name}” must be a year of four digits, like {example}.").format(
        name=name, example=example
    )
    return forms.IntegerField(
        required=False,
        min_value=1000,
        max_value=9999,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class MatrixForm(forms.Form):
    group = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Unknown group “%(value)s”.")},
    )
    format = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Unknown format “%(value)s”.")},
    )
    country = CountryCodesField(required=False)
    within = forms.ChoiceField(
        required=False,
        choices=[("1", gettext_lazy("Only meetings of this format"))],
        error_messages={
            "invalid_choice": gettext_lazy(
                "“within” is either 1 (count only the meetings of the chosen format) or left out."
            )
        },
    )
    topic = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Unknown topic “%(value)s”.")},
    )

    def __init__(self, data: QueryDict, options: Options):
        super().__init__(data)
        self.options = options
        none, any_topic = _("None"), _("Any")
        self.fields["group"].choices = [("", none), *((g.slug, g.name) for g in options.groups)]
        self.fields["format"].choices = [("", none), *((f.slug, f.name) for f in options.formats)]
        self.fields["topic"].choices = [
            ("", any_topic),
            *((o.topic.slug, "") for o in options.topics),
        ]
        # "from" is a reserved word, so these two cannot be class attributes.
        self.fields["from"] = _year_field("from", 2015)
        self.fields["to"] = _year_field("to", 2025)

    def clean_country(self) -> tuple[str, ...]:
        codes = self.cleaned_data["country"]
        if codes:
            known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
            unknown = [code for code in codes if code not in known]
            if unknown:
                listed = ", ".join(f"“{code}”" for code in unknown)
                message = (
                    _("Unknown country codes {codes}.")
                    if len(unknown) > 1
                    else _("Unknown country code {codes}.")
                )
                raise forms.ValidationError(message.format(codes=listed))
        return codes

    def clean(self):
        cleaned = super().clean()
        refuse_many_repeats(self.data)
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            self.add_error(
                "to", _("“to” ({last}) is before “from” ({first}).").format(last=last, first=first)
            )
        if cleaned.get("within") and not cleaned.get("format") and "format" not in self.errors:
            self.add_error(
                "within",
                _(
                    "Counting only the meetings of a format needs a format: choose one, or "
                    "untick the box."
                ),
            )
        return cleaned

    def selection(self) -> Selection:
        data = self.cleaned_data
        topic = self.options.topic(data["topic"]) if data["topic"] else None
        return Selection(
            group=self.options.group(data["group"]) if data["group"] else None,
            format=self.options.format(data["format"]) if data["format"] else None,
            extras=data["country"],
            within=bool(data["within"]),
            topic=topic,
            topic_ids=self.options.topic_ids(topic) if topic else frozenset(),
            first_year=data["from"],
            last_year=data["to"],
        )

    def error_messages(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]


def _cached_matrix(selection: Selection) -> Matrix:
    return cached(f"matrix:{digest(selection)}", lambda: who_meets_whom(selection))


def _params(request: HttpRequest) -> QueryDict:
    """The request's parameters. Without any choice of countries (a first visit, or a link
    giving only a period or a topic) the matrix is Central Asia + China; a form sent with
    those fields left empty chooses nothing."""
    if any(name in request.GET for name in COUNTRY_PARAMETERS):
        return request.GET
    params = request.GET.copy()
    params["group"] = DEFAULT_GROUP
    params.setlist("country", list(DEFAULT_EXTRAS))
    return params


def _bound_form(request: HttpRequest) -> MatrixForm:
    return MatrixForm(_params(request), Options.load())


def _query_string(selection: Selection) -> str:
    query = QueryDict(mutable=True)
    for name, value in selection.query().items():
        values = value if isinstance(value, list) else [value]
        kept = [str(v) for v in values if v not in (None, "")]
        if kept:
            query.setlist(name, kept)
    return query.urlencode()


def _select_options(form: MatrixForm) -> dict[str, SafeString]:
    """The <option>s of the form's selects, the chosen one selected; built here rather than
    in a template loop, which costs more than the grid for the topics' hundred-odd lines."""
    options = form.options

    def rendered(name: str, rows) -> SafeString:
        chosen = form[name].value() or ""
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == chosen else "", label) for value, label in rows),
        )

    return {
        "group": rendered("group", ((g.slug, g.name) for g in options.groups)),
        "format": rendered("format", ((f.slug, f.name) for f in options.formats)),
        "topic": rendered(
            "topic", ((o.topic.slug, o.indent + o.topic.name) for o in options.topics)
        ),
    }


def _grid_cells(matrix: Matrix) -> list[tuple[Row, SafeString]]:
    """Each row with its cells as HTML. Thirty rows of thirty cells cost a template loop
    tens of milliseconds; formatted here they cost a few."""
    none = mark_safe('<span aria-hidden="true">·</span><span class="visually-hidden">none</span>')
    rendered = []
    for row in matrix.rows:
        cells = format_html_join(
            "",
            '<td class="{}">{}</td>',
            (
                (
                    cell.css_class,
                    format_html('<a href="{}" title="{}">{}</a>', cell.url, cell.title, cell.count)
                    if cell.url
                    else none,
                )
                for cell in row.cells
            ),
        )
        rendered.append((row, cells))
    return rendered


def _too_many_message(matrix: Matrix) -> str:
    return _(
        "{count} countries are chosen; the matrix stays readable up to {limit}. Choose a smaller "
        "group or format, or fewer extra countries."
    ).format(count=len(matrix.countries), limit=MAX_COUNTRIES)


@require_safe
def matrix(request: HttpRequest) -> HttpResponse:
    form = _bound_form(request)
    context = {
        "form": form,
        "select_options": _select_options(form),
        "max_countries": MAX_COUNTRIES,
    }
    if not form.is_valid():
        context["errors"] = form.error_messages()
        return render(request, "meetings/matrix.html", context, status=400)
    result = _cached_matrix(form.selection())
    context.update(
        matrix=result,
        grid=_grid_cells(result),
        too_many_message=_too_many_message(result) if result.too_many else "",
        csv_url=f"{reverse('meetings:matrix_csv')}?{_query_string(result.selection)}",
    )
    return render(request, "meetings/matrix.html", context)


@require_safe
def matrix_csv(request: HttpRequest) -> HttpResponse:
    form = _bound_form(request)
    if not form.is_valid():
        return _plain_text("\n".join(form.error_messages()), status=400)
    result = _cached_matrix(form.selection())
    if result.too_many:
        return _plain_text(_too_many_message(result), status=400)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["country_a", "country_b", "name_a", "name_b", "meetings"])
    for pair in result.pairs:
        writer.writerow(
            [pair.a.code, pair.b.code, _inert(pair.a.name), _inert(pair.b.name), pair.count]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="who-meets-whom.csv"'
    return response


def _plain_text(text: str, status: int) -> HttpResponse:
    return HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)


def _inert(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
