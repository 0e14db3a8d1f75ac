"""The editors' admin: meetings with everything inline, reference data behind autocomplete."""

import uuid

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models as django_models
from django.db.models import Count
from reversion.admin import VersionAdmin
from reversion.models import Version

from meetings import (
    history,  # noqa: F401  (registers versioned models before VersionAdmin does)
    models,
)
from meetings.forms import DocumentAdminForm, MeetingAdminForm, StatementAdminForm
from meetings.intake.views import IntakeAdminMixin
from meetings.text import meeting_slug

PUBLISH_PERMISSION = "meetings.publish_meeting"


class CountryAliasInline(admin.TabularInline):
    model = models.CountryAlias
    extra = 1


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ru", "is_former"]
    list_filter = ["is_former"]
    search_fields = ["code", "name_en", "name_ru", "aliases__name"]
    inlines = [CountryAliasInline]

    def get_search_results(self, request, queryset, search_term):
        # Searching through aliases joins a one-to-many table; keep each country once.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


class CountryGroupMemberInline(admin.TabularInline):
    model = models.CountryGroupMember
    autocomplete_fields = ["country"]
    extra = 1


@admin.register(models.CountryGroup)
class CountryGroupAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ru", "slug"]
    search_fields = ["name_en", "name_ru", "slug"]
    inlines = [CountryGroupMemberInline]


@admin.register(models.Topic)
class TopicAdmin(VersionAdmin):
    list_display = ["name_en", "name_ru", "slug", "parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["slug", "name_en", "name_ru"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name_en"]}


class FormatMemberInline(admin.TabularInline):
    model = models.FormatMember
    autocomplete_fields = ["country"]
    extra = 1


@admin.register(models.Format)
class FormatAdmin(VersionAdmin):
    list_display = ["name_en", "name_ru", "slug", "meeting_count"]
    search_fields = ["slug", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [FormatMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings"))

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, fmt) -> int:
        return fmt.meeting_count


@admin.register(models.Person)
class PersonAdmin(VersionAdmin):
    list_display = ["name", "name_ru", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "name_ru"]
    autocomplete_fields = ["country"]


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    autocomplete_fields = ["person", "country"]
    fields = ["person", "country", "organisation", "position", "order"]
    extra = 0


class DocumentInline(admin.TabularInline):
    model = models.Document
    form = DocumentAdminForm
    extra = 0


class StatementInline(admin.StackedInline):
    model = models.Statement
    form = StatementAdminForm
    autocomplete_fields = ["country", "speaker"]
    extra = 0


class SourceInline(admin.StackedInline):
    model = models.Source
    extra = 0
    formfield_overrides = {django_models.URLField: {"assume_scheme": "https"}}
    fields = [("publisher", "published", "language"), "url", "title", "dateline", "text", "order"]


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(start_date__year=self.value())
        return queryset


@admin.register(models.Meeting)
class MeetingAdmin(IntakeAdminMixin, VersionAdmin):
    form = MeetingAdminForm
    inlines = [ParticipationInline, DocumentInline, StatementInline, SourceInline]
    list_display = ["title", "start_date", "city", "format", "edition", "level", "status"]
    list_select_related = ["format"]
    list_filter = [
        "status",
        "level",
        ("format", admin.RelatedOnlyFieldListFilter),
        YearFilter,
        ("countries", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "title_en", "external_id", "city", "slug"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host_country", "format"]
    actions = ["publish", "return_to_draft"]
    list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        # Declared here rather than as an attribute: the admin's static checks reject naming
        # many-to-many fields kept in through tables, which MeetingAdminForm handles itself.
        return [
            (None, {"fields": ["title", "title_en", "language", "status", "lock_token"]}),
            ("When and where", {"fields": [("start_date", "end_date"), "city", "host_country"]}),
            ("Format", {"fields": [("format", "edition"), "level"]}),
            ("Who and what", {"fields": ["countries", "topics", "summary"]}),
            ("Identifiers", {"fields": ["slug", "external_id"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm(PUBLISH_PERMISSION):
            return []
        return ["status"]

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            taken = set(
                models.Meeting.objects.filter(
                    slug__startswith=f"{obj.start_date:%Y-%m-%d}-"
                ).values_list("slug", flat=True)
            )
            obj.slug = meeting_slug(obj.title_en or obj.title, obj.start_date, taken)
        obj.lock_token = uuid.uuid4()
        super().save_model(request, obj, form, change)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = models.Meeting.objects.filter(pk=object_id).values_list("status", flat=True)
        self._refuse_status_change(request, version_id, allowed_status=current.first())
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._refuse_status_change(request, version_id, allowed_status=models.Status.DRAFT)
        return super().recover_view(request, version_id, extra_context)

    def _refuse_status_change(self, request, version_id, allowed_status) -> None:
        """Reverting or recovering restores a version's status, which only publishers may set."""
        if self.has_publish_permission(request):
            return
        version = Version.objects.filter(pk=version_id).first()
        if version and version.field_dict.get("status") != allowed_status:
            raise PermissionDenied("Only a publisher can restore a version of another status.")

    @admin.action(description="Publish selected meetings", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, models.Status.PUBLISHED)

    @admin.action(description="Return selected meetings to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, models.Status.DRAFT)

    def _set_status(self, request, queryset, status: str) -> None:
        changed = 0
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"Status set to {status}")
            for meeting in queryset.exclude(status=status):
                meeting.status = status
                meeting.lock_token = uuid.uuid4()
                meeting.save(update_fields=["status", "lock_token", "updated_at"])
                changed += 1
        label = models.Status(status).label.lower()
        self.message_user(request, f"{changed} meeting(s) set to {label}.", messages.SUCCESS)
