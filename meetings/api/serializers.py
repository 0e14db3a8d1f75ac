"""What each endpoint answers, field by field. Reference data is named in the answer's language
(meetings.api.language); a meeting's own text is given as it was written.

The serializers read model instances and the analysis modules' dataclasses alike: every field
names an attribute, never a query, so the number of queries is the views' business.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.api.language import kind_name, level_name, localized


def _read(obj, name: str, default=""):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@extend_schema_field(OpenApiTypes.STR)
class LocalizedNameField(serializers.Field):
    """``name_ru`` when the answer is in Russian and the record has one, else ``name_en``."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return localized(_read(value, "name_en"), _read(value, "name_ru"))


class AbsoluteUrlField(serializers.Field):
    """The absolute URL of a named route, with the object's ``attribute`` as its argument."""

    def __init__(self, route: str, attribute: str, **kwargs):
        self.route, self.attribute = route, attribute
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        path = reverse(self.route, args=[_read(value, self.attribute)])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


extend_schema_field({"type": "string", "format": "uri"})(AbsoluteUrlField)


class CountryRef(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 (ISO 3166-3 for a former state).")
    name = LocalizedNameField()


class FormatRef(serializers.Serializer):
    slug = serializers.SlugField()
    name = LocalizedNameField()


class TopicRef(serializers.Serializer):
    slug = serializers.SlugField()
    name = LocalizedNameField()


class PersonRef(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text="As filed, in the nominative.")
    name_ru = serializers.CharField(help_text="In Cyrillic, where the record has it.")


class Choice(serializers.Serializer):
    """A value of a fixed vocabulary (a level, a document kind) and its name."""

    code = serializers.CharField()
    name = serializers.CharField()


def level_choice(level: str) -> dict | None:
    return {"code": level, "name": level_name(level)} if level else None


def kind_choice(kind: str) -> dict:
    return {"code": kind, "name": kind_name(kind)}


@extend_schema_field(Choice(allow_null=True))
class LevelField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return level_choice(value)


@extend_schema_field(Choice())
class KindField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return kind_choice(value)


# Meetings


class MeetingSummary(serializers.Serializer):
    slug = serializers.SlugField()
    url = AbsoluteUrlField("api:meeting", "slug", help_text="This meeting in the API.")
    page_url = AbsoluteUrlField("meetings:detail", "slug", help_text="Its page on the site.")
    title = serializers.CharField(help_text="In the language of the source.")
    title_en = serializers.CharField()
    language = serializers.CharField(help_text="ISO 639-1 code of the title and summary.")
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    city = serializers.CharField()
    host_country = CountryRef(allow_null=True)
    format = FormatRef(allow_null=True)
    edition = serializers.IntegerField(allow_null=True)
    level = LevelField()
    countries = CountryRef(many=True, source="countries.all")


class Participant(serializers.Serializer):
    person = PersonRef()
    country = CountryRef(allow_null=True)
    organisation = serializers.CharField()
    position = serializers.CharField()


class AdoptedDocument(serializers.Serializer):
    title = serializers.CharField()
    kind = KindField()
    signatories = CountryRef(many=True, source="signatories.all")


class StatementSerializer(serializers.Serializer):
    country = CountryRef(allow_null=True)
    speaker = PersonRef(allow_null=True)
    text = serializers.CharField()
    topics = TopicRef(many=True, source="topics.all")


class SourceSerializer(serializers.Serializer):
    """Where the record comes from. The article's own text is never given out."""

    publisher = serializers.CharField()
    url = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    language = serializers.CharField()
    title = serializers.CharField()


class MeetingDetail(MeetingSummary):
    event = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    topics = TopicRef(many=True, source="topics.all")
    participants = Participant(many=True, source="participations.all")
    documents = AdoptedDocument(many=True, source="documents.all")
    statements = StatementSerializer(many=True, source="statements.all")
    sources = SourceSerializer(many=True, source="sources.all")


# Countries


class CountryListItem(serializers.Serializer):
    code = serializers.CharField()
    url = AbsoluteUrlField("api:country", "code")
    name = LocalizedNameField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    meetings = serializers.IntegerField(help_text="Published meetings it took part in.")


class YearCount(serializers.Serializer):
    year = serializers.IntegerField()
    meetings = serializers.IntegerField()


class PartnerCount(serializers.Serializer):
    code = serializers.CharField()
    name = LocalizedNameField()
    meetings = serializers.IntegerField(help_text="Published meetings both took part in.")


class CountryDetail(serializers.Serializer):
    code = serializers.CharField()
    page_url = AbsoluteUrlField("meetings:country", "code")
    name = LocalizedNameField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    is_former = serializers.BooleanField()
    meetings = serializers.IntegerField()
    hosted = serializers.IntegerField()
    first = serializers.DateField(help_text="Start of its first published meeting.")
    last = serializers.DateField(help_text="Start of its latest published meeting.")
    per_year = YearCount(
        many=True, help_text="Every year from the first to the last, quiet years as 0."
    )
    partners = PartnerCount(many=True, help_text="Every partner, most meetings first.")


# Formats


class FormatListItem(serializers.Serializer):
    slug = serializers.SlugField()
    url = AbsoluteUrlField("api:format", "slug")
    name = LocalizedNameField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    members = CountryRef(many=True, help_text="Its members today.")
    meetings = serializers.IntegerField()
    first_year = serializers.IntegerField(allow_null=True)
    last_year = serializers.IntegerField(allow_null=True)


class Membership(serializers.Serializer):
    country = CountryRef()
    joined = serializers.DateField(allow_null=True, help_text="Null for a founding member.")
    left = serializers.DateField(allow_null=True, help_text="Null while still a member.")


class EditionDocument(serializers.Serializer):
    title = serializers.CharField()
    kind = KindField()


class EditionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = AbsoluteUrlField("api:meeting", "slug")
    title = serializers.CharField()
    title_en = serializers.CharField()
    language = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    city = serializers.CharField()
    host_country = CountryRef(allow_null=True, source="host")
    level = LevelField()
    edition = serializers.IntegerField(allow_null=True, help_text="As the records number it.")
    documents = EditionDocument(many=True)
    members_then = serializers.IntegerField(help_text="The format's members on that day.")
    members_present = serializers.IntegerField(help_text="How many of them took part.")


class EditionGap(serializers.Serializer):
    first = serializers.IntegerField()
    last = serializers.IntegerField()


class FormatDetail(serializers.Serializer):
    slug = serializers.SlugField()
    page_url = AbsoluteUrlField("meetings:format", "slug")
    name = LocalizedNameField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    description = serializers.CharField()
    members = Membership(many=True)
    former_members = Membership(many=True)
    meetings = serializers.IntegerField()
    documents = serializers.IntegerField()
    editions = EditionSerializer(
        many=True, help_text="In order of their numbers; unnumbered meetings by date."
    )
    missing_editions = EditionGap(
        many=True, help_text="Runs of edition numbers of which no record is held."
    )
    left_out = serializers.IntegerField(help_text="Earlier meetings beyond the latest 100.")


# Topics, people, documents


class TopicListItem(serializers.Serializer):
    slug = serializers.SlugField()
    name = LocalizedNameField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    parent = serializers.SlugField(allow_null=True)
    meetings = serializers.IntegerField(help_text="Published meetings on it or a topic below.")


class PersonListItem(serializers.Serializer):
    slug = serializers.SlugField()
    page_url = AbsoluteUrlField("meetings:person", "slug")
    name = serializers.CharField()
    name_ru = serializers.CharField()
    country = CountryRef(allow_null=True)
    meetings = serializers.IntegerField(help_text="Published meetings attended.")


class DocumentMeeting(serializers.Serializer):
    slug = serializers.SlugField()
    url = AbsoluteUrlField("api:meeting", "slug")
    title = serializers.CharField()
    start_date = serializers.DateField()
    format = FormatRef(allow_null=True)


class DocumentListItem(serializers.Serializer):
    title = serializers.CharField()
    kind = KindField()
    signatories = CountryRef(many=True, source="signatories.all")
    meeting = DocumentMeeting()


class Errors(serializers.Serializer):
    errors = serializers.ListField(
        child=serializers.CharField(), help_text="Why the request cannot be answered."
    )


class Detail(serializers.Serializer):
    detail = serializers.CharField()
