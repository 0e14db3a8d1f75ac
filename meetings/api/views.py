"""The API's endpoints: thin views over the list FilterSets, the analysis modules and
meetings.api.queries. Every answer is in the language asked for and carries an ETag."""

import re

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from meetings.analysis import formats as format_analysis
from meetings.analysis.cache import cached, register_version
from meetings.analysis.documents import newest_first, published_documents, with_row_fields
from meetings.api import conditional, queries
from meetings.api import serializers as s
from meetings.api.errors import InvalidParameters
from meetings.api.filtering import PublicListFilterBackend
from meetings.api.language import LANGUAGES, UnknownLanguage, chosen_language
from meetings.api.pagination import NumberedPages
from meetings.filters import DocumentFilter, Match, MeetingFilter, Sort
from meetings.models import Level, Meeting

COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(LANGUAGES),
    description="The language of the answer's names; without it, Accept-Language decides.",
)
ERRORS = OpenApiResponse(s.Errors, description="The parameters cannot be answered, and why.")
NOT_FOUND = OpenApiResponse(s.Detail, description="Nothing published has this address.")
COUNTRY_CODES = OpenApiParameter(
    "country",
    {"type": "array", "items": {"type": "string"}},
    explode=True,
    description="ISO codes of countries that took part; repeat it for several.",
)
TOPIC_SLUG = OpenApiParameter(
    "topic", OpenApiTypes.STR, description="A topic's slug; topics below it count too."
)
PERSON_SLUG = OpenApiParameter("person", OpenApiTypes.STR, description="A person's slug.")
TOO_MANY = OpenApiResponse(s.Detail, description="Over the per-client rate limit; see Retry-After.")
NOT_MODIFIED = OpenApiResponse(description="Unchanged since the ETag in If-None-Match.")


def answers(ok, *, one: bool = False) -> dict:
    """The answers an endpoint documents: ``ok``, 304, 400, 429, and 404 for ``one`` item."""
    documented = {200: ok, 304: NOT_MODIFIED, 400: ERRORS, 429: TOO_MANY}
    return {**documented, 404: NOT_FOUND} if one else documented


class ApiView(GenericAPIView):
    """Answers in the language asked for, and answers 304 to a client that holds the current
    answer: the tag is checked before any other query."""

    def dispatch(self, request, *args, **kwargs):
        try:
            language = chosen_language(request.GET, request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        except UnknownLanguage as unknown:
            language, refusal = "en", InvalidParameters([str(unknown)])
        else:
            refusal = None
        # Read once, before anything is computed: the ETag and the kept counts are filed under it.
        self.register_version = None if refusal else register_version()
        with translation.override(language):
            etag = conditional.etag_for(request, language, self.register_version)
            if etag and conditional.client_has(request, etag):
                response = conditional.not_modified(etag)
            else:
                self.refusal = refusal
                response = super().dispatch(request, *args, **kwargs)
                if response.status_code == 200:
                    conditional.mark(response, etag)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.refusal is not None:
            raise self.refusal


def no_endpoint(request: HttpRequest) -> HttpResponse:
    """A JSON 404 for an address the API does not have, or the address with its missing
    slash (the catch-all would otherwise hide Django's APPEND_SLASH redirect)."""
    if not request.path_info.endswith("/"):
        try:
            found = resolve(f"{request.path_info}/")
        except Resolver404:
            found = None
        if found is not None and found.func is not no_endpoint:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                f"{request.path}/" + (f"?{query}" if query else "")
            )
    return JsonResponse({"detail": "The API has no such address; see /api/docs/."}, status=404)


class ListView(ApiView):
    pagination_class = NumberedPages

    def paginated(self, items) -> Response:
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# Meetings


@extend_schema(
    summary="Published meetings",
    description=(
        "The meetings the list shows, with the same filters and search, refused with the same "
        "messages. Newest first, or by relevance when searching."
    ),
    parameters=[
        LANG_PARAMETER,
        COUNTRY_CODES,
        TOPIC_SLUG,
        PERSON_SLUG,
        OpenApiParameter("sort", OpenApiTypes.STR, enum=[c for c, _ in Sort.CHOICES]),
        OpenApiParameter(
            "match",
            OpenApiTypes.STR,
            enum=[c for c, _ in Match.CHOICES],
            description="With several countries: all of them took part (the default) or any.",
        ),
    ],
    responses=answers(s.MeetingSummary(many=True)),
)
class MeetingList(ListView):
    serializer_class = s.MeetingSummary
    filter_backends = [PublicListFilterBackend]
    filterset_class = MeetingFilter

    def get_queryset(self):
        return Meeting.objects.published()

    def ordered(self, filterset: MeetingFilter):
        return filterset.ordered().select_related("format").for_listing()

    def get(self, request, *args, **kwargs):
        return self.paginated(self.filter_queryset(self.get_queryset()))


@extend_schema(
    summary="A published meeting",
    description=(
        "With its participants, topics, adopted documents, statements and sources (without "
        "the articles' text)."
    ),
    parameters=[LANG_PARAMETER],
    responses=answers(s.MeetingDetail, one=True),
)
class MeetingDetail(ApiView):
    serializer_class = s.MeetingDetail

    def get(self, request, slug: str):
        meeting = queries.meeting_detail(slug)
        if meeting is None:
            raise Http404("No published meeting has this address.")
        return Response(self.get_serializer(meeting).data)


# Countries


@extend_schema(
    summary="Countries with published meetings",
    description="By code, with their published meetings; a country's own answer has its partners.",
    parameters=[LANG_PARAMETER],
    responses=answers(s.CountryListItem(many=True)),
)
class CountryList(ListView):
    serializer_class = s.CountryListItem
    items_name = "countries"

    def get(self, request):
        return self.paginated(queries.country_rows())


@extend_schema(
    summary="A country's activity",
    description="Its published meetings per year, and every partner with the meetings shared.",
    parameters=[LANG_PARAMETER],
    responses=answers(s.CountryDetail, one=True),
)
class CountryDetail(ApiView):
    serializer_class = s.CountryDetail

    def get(self, request, code: str):
        if not COUNTRY_CODE.fullmatch(code):
            raise Http404("No country with published meetings has this code.")
        code = code.upper()
        facts = cached(f"api:country:{code}", lambda: queries.country_facts(code))
        if facts is None:
            raise Http404("No country with published meetings has this code.")
        return Response(self.get_serializer(facts).data)


# Formats


@extend_schema(
    summary="Formats",
    description=(
        "Every format of the reference data and every one with a published meeting, the most "
        "recently active first."
    ),
    parameters=[LANG_PARAMETER],
    responses=answers(s.FormatListItem(many=True)),
)
class FormatList(ListView):
    serializer_class = s.FormatListItem
    items_name = "formats"

    def get(self, request):
        return self.paginated(cached("api:formats", format_analysis.formats_overview))


LEVEL_CODES = {str(label): code for code, label in Level.choices}


def _edition(edition: format_analysis.Edition) -> dict:
    return {
        **vars(edition),
        "host": edition.host and vars(edition.host),
        "level": LEVEL_CODES.get(str(edition.level_label), ""),
        "documents": [vars(document) for document in edition.documents],
    }


def _member(member) -> dict:
    return {"country": vars(member.country), "joined": member.joined, "left": member.left}


@extend_schema(
    summary="A format and its editions",
    description=(
        "Its members past and present, and its published meetings in order with what each "
        "adopted; runs of edition numbers with no record are listed, never invented."
    ),
    parameters=[LANG_PARAMETER],
    responses=answers(s.FormatDetail, one=True),
)
class FormatDetail(ApiView):
    serializer_class = s.FormatDetail

    def get(self, request, slug: str):
        page = cached(f"api:format:{slug}", lambda: format_analysis.format_page(slug))
        if page is None:
            raise Http404("No format with published meetings has this address.")
        answer = {
            **{name: getattr(page, name) for name in ("slug", "name_en", "name_ru")},
            "description": page.description,
            "members": [_member(member) for member in page.members],
            "former_members": [_member(member) for member in page.former_members],
            "meetings": page.meetings,
            "documents": page.documents,
            "editions": [_edition(item) for item in page.timeline if not item.is_gap],
            "missing_editions": [item for item in page.timeline if item.is_gap],
            "left_out": page.left_out,
        }
        return Response(self.get_serializer(answer).data)


# Topics, people, documents


@extend_schema(
    summary="Topics",
    description="The topic tree flattened, by slug; each names its parent.",
    parameters=[LANG_PARAMETER],
    responses=answers(s.TopicListItem(many=True)),
)
class TopicList(ListView):
    serializer_class = s.TopicListItem
    items_name = "topics"

    def get(self, request):
        return self.paginated(queries.topic_rows())


@extend_schema(
    summary="People",
    description="Everyone named in a published meeting, by name.",
    parameters=[LANG_PARAMETER],
    responses=answers(s.PersonListItem(many=True)),
)
class PersonList(ListView):
    serializer_class = s.PersonListItem
    items_name = "people"

    def get(self, request):
        page = queries.with_meetings_attended(self.paginate_queryset(queries.public_people()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    summary="Adopted documents",
    description=(
        "Documents of published meetings, newest meeting first, with the documents list's filters."
    ),
    parameters=[LANG_PARAMETER],
    responses=answers(s.DocumentListItem(many=True)),
)
class DocumentList(ListView):
    serializer_class = s.DocumentListItem
    filter_backends = [PublicListFilterBackend]
    filterset_class = DocumentFilter
    items_name = "documents"

    def get_queryset(self):
        return published_documents()

    def ordered(self, filterset: DocumentFilter):
        return with_row_fields(newest_first(filterset.qs))

    def get(self, request):
        return self.paginated(self.filter_queryset(self.get_queryset()))
