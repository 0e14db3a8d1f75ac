"""The list's parameters: a django-filter FilterSet that validates them and narrows published
meetings. Exports and the feed take the same parameters through the same FilterSet."""

import difflib

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import (
    Country,
    Document,
    DocumentKind,
    Format,
    Level,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Participation,
    Person,
    Status,
    Topic,
)
from meetings.reference.formats import FORMATS
from meetings.reference.topics import TOPICS
from meetings.text import without_xml_forbidden, xml_forbidden

MAX_REPEATS = 20
MAX_QUERY_LENGTH = 500
CODE_PARAMETERS = ("country", "host")
# Up to this many countries, the country filter asks once per country; beyond, it groups.
SEMI_JOINED_COUNTRIES = 3


class Sort:
    DATE = "date"
    NEWEST = "-date"
    RELEVANCE = "relevance"
    CHOICES = [
        (NEWEST, gettext_lazy("Newest first")),
        (DATE, gettext_lazy("Oldest first")),
        (RELEVANCE, gettext_lazy("Relevance")),
    ]


class Match:
    ALL = "all"
    ANY = "any"
    CHOICES = [
        (ALL, gettext_lazy("All of these took part")),
        (ANY, gettext_lazy("Any of these took part")),
    ]


class MeetingSearchForm(forms.Form):
    """The list's own fields, and the checks shared by every list of the public site."""

    def __init__(self, data=None, *args, **kwargs):
        # The form renders again on the error page, and without the characters that make it
        # an error: they are refused, never echoed.
        self.forbidden = first_xml_forbidden(data) if data is not None else None
        if self.forbidden:
            data = without_xml_forbidden_data(data)
        super().__init__(data, *args, **kwargs)

    sort = forms.ChoiceField(
        choices=Sort.CHOICES,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Unknown sort “%(value)s”: use date, -date or relevance."
            )
        },
    )
    match = forms.ChoiceField(
        choices=Match.CHOICES,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Unknown match “%(value)s”: use all or any.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        refuse_xml_forbidden(self.forbidden)
        refuse_many_repeats(self.data)
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error(
                "to",
                _("“to” ({end}) is before “from” ({start}).").format(
                    end=f"{end:%Y-%m-%d}", start=f"{start:%Y-%m-%d}"
                ),
            )
        return cleaned


def refuse_many_repeats(data) -> None:
    """A parameter given over MAX_REPEATS times is a ValidationError: no analyst means it, and
    each repeat costs a join."""
    for name in data:
        count = len(data.getlist(name))
        if count > MAX_REPEATS:
            raise forms.ValidationError(
                _("“{name}” is given {count} times; at most {limit} are allowed.").format(
                    name=name, count=count, limit=MAX_REPEATS
                )
            )


def first_xml_forbidden(data) -> tuple[str, str] | None:
    """The first parameter whose name or a value holds a character XML 1.0 forbids, with
    that character; None when there is none."""
    for name in data:
        for text in (name, *data.getlist(name)):
            found = xml_forbidden(text)
            if found:
                return name, found
    return None


def without_xml_forbidden_data(data):
    clean = data.copy()
    clean.clear()
    for name in data:
        values = [without_xml_forbidden(value) for value in data.getlist(name)]
        clean.setlist(without_xml_forbidden(name), values)
    return clean


def refuse_xml_forbidden(forbidden: tuple[str, str] | None) -> None:
    """A control character, a lone surrogate or U+FFFE in the query string is a
    ValidationError: no meeting's text holds one, and no feed could carry it."""
    if forbidden:
        name, char = forbidden
        raise forms.ValidationError(
            _(
                "“{name}” holds the character {char}, which cannot be searched for: remove it."
            ).format(name=without_xml_forbidden(name), char=f"U+{ord(char):04X}")
        )


REFERENCE_FORMATS = tuple(fmt["slug"] for fmt in FORMATS)
REFERENCE_TOPICS = tuple(slug for slug, *_ in TOPICS)


def public_formats() -> QuerySet:
    """The formats the public may know of: those of the reference data and those of a
    published meeting. One named only by drafts stays unknown, as a draft does."""
    published = Meeting.objects.published().filter(format=OuterRef("pk"))
    return Format.objects.filter(Q(slug__in=REFERENCE_FORMATS) | Exists(published))


def unpublished_topics(slugs: dict[int, str]) -> set[int]:
    """Of these topics (id: slug), those the public may not know of: outside the reference
    tree and on no published meeting. The few outside the tree are looked up by their ids,
    in one query and none when there are none: asked per topic, PostgreSQL expects
    thousands of links for each and scans them all."""
    outside = {pk for pk, slug in slugs.items() if slug not in REFERENCE_TOPICS}
    if not outside:
        return set()
    published = MeetingTopic.objects.filter(
        topic_id__in=outside, meeting__status=Status.PUBLISHED
    ).values_list("topic_id", flat=True)
    return outside - set(published.distinct())


class PublicTopicField(django_filters.fields.ModelChoiceField):
    """A topic the public may know of: one only drafts use is as unknown as a made-up one."""

    def to_python(self, value):
        topic = super().to_python(value)
        if topic is not None and unpublished_topics({topic.pk: topic.slug}):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return topic


class PublicTopicFilter(django_filters.ModelChoiceFilter):
    field_class = PublicTopicField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


# Whole sentences, so that each language can decline the noun as it must.
UNKNOWN = {
    "country code": gettext_lazy("Unknown country code “{value}”."),
    "host country code": gettext_lazy("Unknown host country code “{value}”."),
    "topic": gettext_lazy("Unknown topic “{value}”."),
    "format": gettext_lazy("Unknown format “{value}”."),
    "person": gettext_lazy("Unknown person “{value}”."),
    "level": gettext_lazy("Unknown level “{value}”."),
    "document kind": gettext_lazy("Unknown document kind “{value}”."),
}


def _unknown(what: str) -> dict:
    return {
        "invalid_choice": format_lazy(UNKNOWN[what], value="%(value)s"),
        "invalid_pk_value": format_lazy(UNKNOWN[what], value="%(pk)s"),
    }


def _date_error(name: str) -> dict:
    message = gettext_lazy("“{name}” must be a real date written as YYYY-MM-DD, like 2021-05-12.")
    return {"invalid": format_lazy(message, name=name)}


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=gettext_lazy("Words"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("The search text is too long: at most {limit} characters."),
                limit=MAX_QUERY_LENGTH,
            )
        },
    )
    country = django_filters.ModelMultipleChoiceFilter(
        method="filter_countries",
        to_field_name="code",
        queryset=Country.objects.all(),
        label=gettext_lazy("Countries (all of them took part)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages=_unknown("country code"),
    )
    host = django_filters.ModelChoiceFilter(
        field_name="host_country",
        to_field_name="code",
        queryset=Country.objects.all(),
        label=gettext_lazy("Host country"),
        error_messages=_unknown("host country code"),
    )
    topic = PublicTopicFilter(
        method="filter_topic",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label=gettext_lazy("Topic"),
        error_messages=_unknown("topic"),
    )
    format = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=public_formats(),
        label=gettext_lazy("Format"),
        error_messages=_unknown("format"),
    )
    person = django_filters.ModelChoiceFilter(
        method="filter_person",
        to_field_name="slug",
        # Someone named only in drafts is unknown to the public, not a person with no meetings.
        queryset=Person.objects.filter(participations__meeting__status=Status.PUBLISHED).distinct(),
        label=gettext_lazy("Person"),
        error_messages=_unknown("person"),
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices,
        label=gettext_lazy("Level"),
        empty_label=gettext_lazy("Any"),
        error_messages=_unknown("level"),
    )
    kind = django_filters.ChoiceFilter(
        method="filter_document_kind",
        choices=DocumentKind.choices,
        label=gettext_lazy("Adopted a document of kind"),
        empty_label=gettext_lazy("Any"),
        error_messages=_unknown("document kind"),
    )
    year = YearFilter(
        field_name="start_date",
        lookup_expr="year",
        label=gettext_lazy("Year"),
        min_value=1000,
        max_value=9999,
        error_messages={
            "invalid": gettext_lazy("The year must be a number like 2021."),
            "min_value": gettext_lazy("The year must have four digits."),
            "max_value": gettext_lazy("The year must have four digits."),
        },
    )
    date_from = django_filters.DateFilter(
        method="filter_from",
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_date_error("from"),
    )
    date_to = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="lte",
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_date_error("to"),
    )

    class Meta:
        form = MeetingSearchForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in CODE_PARAMETERS:
                data.setlist(name, [code.strip().upper() for code in data.getlist(name)])
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The form's own fields (sort) order the list; only declared filters narrow it.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_countries(self, queryset: QuerySet, name: str, countries) -> QuerySet:
        """The meetings every given country took part in, or with ``match=any`` at least one
        of them. A join per country costs PostgreSQL's planner seconds at 20 countries, so
        beyond a few the links are grouped: two subqueries whatever the number."""
        codes = sorted({country.code for country in countries})
        if self.form.cleaned_data.get("match") == Match.ANY:
            any_of = MeetingCountry.objects.filter(country_id__in=codes).values("meeting_id")
            return queryset.filter(pk__in=any_of)
        if len(codes) <= SEMI_JOINED_COUNTRIES:
            # A few countries read fastest as one semi-join each.
            for code in codes:
                one = MeetingCountry.objects.filter(country_id=code).values("meeting_id")
                queryset = queryset.filter(pk__in=one)
            return queryset
        # Only the meetings of one of the countries are grouped, and a meeting lists a country
        # once, so counting its links counts its countries.
        one_of_them = MeetingCountry.objects.filter(country_id=codes[0]).values("meeting_id")
        links = (
            MeetingCountry.objects.filter(country_id__in=codes, meeting_id__in=one_of_them)
            .values("meeting_id")
            .annotate(countries=Count("country_id"))
            .filter(countries=len(codes))
        )
        return queryset.filter(pk__in=links.values("meeting_id"))

    def filter_topic(self, queryset: QuerySet, name: str, topic: Topic) -> QuerySet:
        topic_ids = topic_with_descendants(topic.pk)
        linked = MeetingTopic.objects.filter(topic_id__in=topic_ids).values("meeting_id")
        return queryset.filter(pk__in=linked)

    def filter_person(self, queryset: QuerySet, name: str, person: Person) -> QuerySet:
        attended = Participation.objects.filter(person=person).values("meeting_id")
        return queryset.filter(pk__in=attended)

    def filter_document_kind(self, queryset: QuerySet, name: str, kind: str) -> QuerySet:
        return queryset.filter(pk__in=Document.objects.filter(kind=kind).values("meeting_id"))

    def filter_from(self, queryset: QuerySet, name: str, start) -> QuerySet:
        # A meeting that began before `from` but was still going on that day belongs in.
        return queryset.filter(Q(start_date__gte=start) | Q(end_date__gte=start))

    @property
    def text(self) -> str:
        return self.form.cleaned_data.get("q", "") if self.is_valid() else ""

    @property
    def sort(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.is_valid() else ""
        if chosen == Sort.RELEVANCE and not self.text:
            return Sort.NEWEST
        return chosen or (Sort.RELEVANCE if self.text else Sort.NEWEST)

    def ordered(self) -> QuerySet:
        """The filtered meetings in the order the list shows them."""
        sort = self.sort
        if sort == Sort.RELEVANCE:
            return self.qs.order_by("-search_rank", "-start_date", "-pk")
        if sort == Sort.DATE:
            return self.qs.order_by("start_date", "pk")
        return self.qs.order_by("-start_date", "-pk")

    def error_messages(self) -> list[str]:
        return [message for errors in self.form.errors.values() for message in errors]


# "from" and "to" are the parameters' public names; "from" cannot be a class attribute.
for _public, _declared in (("from", "date_from"), ("to", "date_to")):
    MeetingFilter.base_filters[_public] = MeetingFilter.base_filters.pop(_declared)
    MeetingFilter.declared_filters[_public] = MeetingFilter.declared_filters.pop(_declared)


# Parameters that campaign links and mail clients append; they say nothing about the search.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl", "ref"}
)
# Read by the list page itself rather than by the FilterSet.
PAGE_PARAMETERS = ("page",)


def list_parameters() -> list[str]:
    """Every parameter the list understands, in the order the form shows them."""
    return [*MeetingFilter.base_filters, *MeetingSearchForm.base_fields, *PAGE_PARAMETERS]


def unknown_parameters(params) -> list[tuple[str, str | None]]:
    """The parameters of a list request that nothing reads, each with the known one it most
    resembles (or None), tracking parameters aside. They are shown, not refused: a link
    that worked once should still open, with a word on what it no longer does."""
    known = list_parameters()
    unknown = []
    for name in params:
        if name in known or name in TRACKING_PARAMETERS or name.startswith("utm_"):
            continue
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        unknown.append((name, close[0] if close else None))
    return unknown


def topic_with_descendants(topic_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for child_id, parent_id in Topic.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(child_id)
    found, pending = set(), [topic_id]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return found


class DocumentSearchForm(MeetingSearchForm):
    # The documents list has one order (newest meeting first) and no dates: it keeps only the
    # parent's check on repeated parameters.
    sort = None


MAX_TITLE_WORDS_LENGTH = 200


class DocumentFilter(django_filters.FilterSet):
    """The documents list's parameters, over documents of published meetings."""

    q = django_filters.CharFilter(
        method="filter_title",
        label=gettext_lazy("Words in the title"),
        max_length=MAX_TITLE_WORDS_LENGTH,
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("The title words are too long: at most {limit} characters."),
                limit=MAX_TITLE_WORDS_LENGTH,
            )
        },
    )
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices,
        label=gettext_lazy("Kind"),
        empty_label=gettext_lazy("Any"),
        error_messages=_unknown("document kind"),
    )
    signatory = django_filters.ModelMultipleChoiceFilter(
        field_name="signatories",
        to_field_name="code",
        queryset=Country.objects.all(),
        conjoined=True,
        # One join per country, and a document lists a signatory once: no duplicate rows.
        distinct=False,
        label=gettext_lazy("Signed by (all of them)"),
        error_messages=_unknown("country code"),
    )
    topic = PublicTopicFilter(
        method="filter_topic",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label=gettext_lazy("Topic of the meeting"),
        error_messages=_unknown("topic"),
    )
    year = YearFilter(
        field_name="meeting__start_date",
        lookup_expr="year",
        label=gettext_lazy("Year of the meeting"),
        min_value=1000,
        max_value=9999,
        error_messages=MeetingFilter.base_filters["year"].extra["error_messages"],
    )

    class Meta:
        form = DocumentSearchForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            data.setlist("signatory", [code.strip().upper() for code in data.getlist("signatory")])
        super().__init__(data, *args, **kwargs)
        self._topic_ids: dict[int, set[int]] = {}

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self._narrowed(queryset)

    def without(self, leaving_out: str) -> QuerySet:
        """The documents narrowed by every chosen filter but one: the counts by kind are taken
        over the others, so that each kind's link switches to that kind."""
        return self._narrowed(self.queryset.all(), leaving_out)

    def _narrowed(self, queryset: QuerySet, leaving_out: str = "") -> QuerySet:
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name != leaving_out:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_title(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Case-insensitive on both databases, Cyrillic included: PostgreSQL with a UTF-8
        # ctype, SQLite through meetings.sqlite's Unicode-aware LIKE.
        for word in value.split():
            queryset = queryset.filter(title__icontains=word)
        return queryset

    def filter_topic(self, queryset: QuerySet, name: str, topic: Topic) -> QuerySet:
        # The list and its counts by kind both filter by topic: the tree is read once.
        if topic.pk not in self._topic_ids:
            self._topic_ids[topic.pk] = topic_with_descendants(topic.pk)
        linked = MeetingTopic.objects.filter(topic_id__in=self._topic_ids[topic.pk])
        return queryset.filter(meeting_id__in=linked.values("meeting_id"))

    def error_messages(self) -> list[str]:
        return [message for errors in self.form.errors.values() for message in errors]
