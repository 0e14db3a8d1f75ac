"""The editors' admin: meetings with everything inline, reference data behind autocomplete."""

import uuid
from functools import partial

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models as django_models
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from meetings import (
    history,  # also registers versioned models before VersionAdmin does
    models,
    moderation,
)
from meetings.forms import (
    DocumentAdminForm,
    MeetingAdminForm,
    StatementAdminForm,
    XmlSafeModelForm,
)
from meetings.intake.views import IntakeAdminMixin
from meetings.roles import PUBLISH_PERMISSION
from meetings.text import meeting_slug


class CountryAliasInline(admin.TabularInline):
    model = models.CountryAlias
    form = XmlSafeModelForm
    extra = 1


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    form = XmlSafeModelForm
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
    form = XmlSafeModelForm
    list_display = ["name_en", "name_ru", "slug"]
    search_fields = ["name_en", "name_ru", "slug"]
    inlines = [CountryGroupMemberInline]


@admin.register(models.Topic)
class TopicAdmin(VersionAdmin):
    form = XmlSafeModelForm
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
    form = XmlSafeModelForm
    list_display = ["name_en", "name_ru", "slug", "meeting_count"]
    search_fields = ["slug", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [FormatMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings"))

    @admin.display(description=_("meetings"), ordering="meeting_count")
    def meeting_count(self, fmt) -> int:
        return fmt.meeting_count


@admin.register(models.Person)
class PersonAdmin(VersionAdmin):
    form = XmlSafeModelForm
    list_display = ["name", "name_ru", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "name_ru"]
    autocomplete_fields = ["country"]


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    form = XmlSafeModelForm
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
    form = XmlSafeModelForm
    extra = 0
    formfield_overrides = {django_models.URLField: {"assume_scheme": "https"}}
    fields = [("publisher", "published", "language"), "url", "title", "dateline", "text", "order"]


class DecadeFilter(admin.SimpleListFilter):
    """The register spans 150 years: a link per decade, then per year, then per month."""

    title = _("decade")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start_date", "year", order="DESC")
        decades = dict.fromkeys(day.year // 10 * 10 for day in years)
        return [(str(decade), gettext("%(decade)ss") % {"decade": decade}) for decade in decades]

    def queryset(self, request, queryset):
        decade = _number(self.value())
        if decade is None:
            return queryset
        return queryset.filter(start_date__year__gte=decade, start_date__year__lt=decade + 10)


class YearFilter(admin.SimpleListFilter):
    """Offered once a decade is chosen: its years."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # A filter offering nothing is not applied either, so a year given alone offers its own
        # decade's years.
        decade = _number(request.GET.get(DecadeFilter.parameter_name))
        year = _number(self.value())
        if decade is None and year is None:
            return []
        decade = decade if decade is not None else year // 10 * 10
        years = model_admin.get_queryset(request).filter(
            start_date__year__gte=decade, start_date__year__lt=decade + 10
        )
        return [(str(d.year), str(d.year)) for d in years.dates("start_date", "year", "DESC")]

    def queryset(self, request, queryset):
        year = _number(self.value())
        return queryset if year is None else queryset.filter(start_date__year=year)


class MonthFilter(admin.SimpleListFilter):
    """Offered once a year is chosen: its months."""

    title = _("month")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        year = _number(request.GET.get(YearFilter.parameter_name))
        if year is None:
            return []
        months = model_admin.get_queryset(request).filter(start_date__year=year)
        return [(str(d.month), date_format(d, "F")) for d in months.dates("start_date", "month")]

    def queryset(self, request, queryset):
        month = _number(self.value())
        return queryset if month is None else queryset.filter(start_date__month=month)


def _number(value: str | None) -> int | None:
    """The filter's value as a number; anything else filters nothing rather than failing."""
    return int(value) if value and value.isdigit() and len(value) <= 4 else None


@admin.register(models.Meeting)
class MeetingAdmin(IntakeAdminMixin, VersionAdmin):
    form = MeetingAdminForm
    inlines = [ParticipationInline, DocumentInline, StatementInline, SourceInline]
    list_display = [
        "title", "start_date", "city", "country_codes", "format", "edition", "level", "status",
    ]  # fmt: skip
    list_select_related = ["format"]
    list_filter = [
        "status",
        "level",
        ("format", admin.RelatedOnlyFieldListFilter),
        DecadeFilter,
        YearFilter,
        MonthFilter,
        ("countries", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "title_en", "external_id", "city", "slug"]
    autocomplete_fields = ["host_country", "format"]
    actions = ["publish", "return_to_draft"]
    list_per_page = 50

    object_history_template = "admin/meetings/meeting/object_history.html"

    def get_urls(self):
        return [*moderation.urls(self), *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        # Declared here rather than as an attribute: the admin's static checks reject naming
        # many-to-many fields kept in through tables, which MeetingAdminForm handles itself.
        return [
            (None, {"fields": ["title", "title_en", "language", "status", "lock_token"]}),
            (_("When and where"), {"fields": [("start_date", "end_date"), "city", "host_country"]}),
            (_("Format"), {"fields": [("format", "edition"), "level", "event"]}),
            (_("Who and what"), {"fields": ["countries", "topics", "summary"]}),
            (_("Identifiers"), {"fields": ["slug", "external_id"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm(PUBLISH_PERMISSION):
            return []
        return ["status"]

    def get_queryset(self, request):
        codes = models.Country.objects.order_by("code").only("code")
        return super().get_queryset(request).prefetch_related(Prefetch("countries", codes))

    @admin.display(description=_("countries"))
    def country_codes(self, meeting) -> str:
        return ", ".join(country.code for country in meeting.countries.all())

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["show_save_and_publish"] = self._may_publish_from(request, form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_form(self, request, form, change):
        meeting = super().save_form(request, form, change)
        publishing = "_publish" in request.POST and self._may_publish_from(request, form)
        if publishing and meeting.status != models.Status.PUBLISHED:
            meeting.status = models.Status.PUBLISHED
            form.changed_data.append("status")  # so that the history says so
        return meeting

    def _may_publish_from(self, request, form) -> bool:
        # Only where the form itself lets the user set the status: never for an editor (who
        # may craft "_publish" as they may craft a status) nor for a meeting from an article.
        status = form.fields.get("status")
        return self.has_publish_permission(request) and status is not None and not status.disabled

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # VersionAdmin opens its revision here, so the proposal's rollback must wrap this.
        view = partial(super().change_view, request, object_id, form_url, extra_context)
        return self._moderated(request, object_id, view)

    def _moderated(self, request, object_id, save_view):
        # An editor's save of a published meeting is held for a publisher's review.
        if moderation.needs_review(request, object_id, self.has_publish_permission(request)):
            return moderation.propose(request, object_id, save_view)
        return save_view()

    def response_change(self, request, obj):
        if moderation.is_proposing(request):
            return moderation.hold(request, obj)
        return super().response_change(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        proposals = models.PendingChange.objects.select_related("author", "decided_by")
        context = {
            "proposals": proposals.filter(meeting_id=object_id) if object_id.isdigit() else [],
            "may_review": self.has_publish_permission(request),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

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

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the change list in one revision, which would merge every meeting
        # an action changes into it; the actions write a revision per meeting themselves.
        context = {"has_change_permission": self.has_change_permission(request)}
        context.update(extra_context or {})
        return admin.ModelAdmin.changelist_view(self, request, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._meeting_version(version_id)
        current = models.Meeting.objects.filter(pk=object_id).values_list("status", flat=True)
        self._refuse_status_change(request, version, allowed_status=current.first())
        view = partial(super().revision_view, request, object_id, version_id, extra_context)
        return self._moderated(request, object_id, view)

    def recover_view(self, request, version_id, extra_context=None):
        version = self._meeting_version(version_id)
        self._refuse_status_change(request, version, allowed_status=models.Status.DRAFT)
        return super().recover_view(request, version_id, extra_context)

    def _meeting_version(self, version_id) -> Version:
        return get_object_or_404(Version.objects.get_for_model(models.Meeting), pk=version_id)

    def _refuse_status_change(self, request, version, allowed_status) -> None:
        """Reverting or recovering restores a version's status, which only publishers may set."""
        if self.has_publish_permission(request):
            return
        if version.field_dict.get("status") != allowed_status:
            raise PermissionDenied(
                gettext("Only a publisher can restore a version of another status.")
            )

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # Both revert and recover come through here. reversion restores the version's whole
        # revision, which may hold other meetings; restore only the meeting asked for.
        revision = version.revision
        revision.revert = partial(history.revert_meeting, revision, version.object_id)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    @admin.action(description=_("Publish selected meetings"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, models.Status.PUBLISHED)

    @admin.action(description=_("Return selected meetings to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, models.Status.DRAFT)

    @transaction.atomic
    def _set_status(self, request, queryset, status: str) -> None:
        meetings = list(queryset.exclude(status=status))
        for meeting in meetings:
            # A revision of its own, so that reverting one meeting never touches another.
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"Status set to {status}")
                meeting.status = status
                meeting.lock_token = uuid.uuid4()
                meeting.save(update_fields=["status", "lock_token", "updated_at"])
        # The revision's comment above stays in English: it is the record's, not the interface's.
        message = gettext("%(count)s meeting(s) set to %(status)s.") % {
            "count": len(meetings),
            "status": STATUS_WORDS[status],
        }
        self.message_user(request, message, messages.SUCCESS)


QUEUE_LENGTH = 10
# The models' status and state labels, which the admin's templates translate with these
# contexts ({% translate change.get_state_display context "change state" %}).
LABELS_FOR_TEMPLATES = (
    pgettext_lazy("status", "Draft"),
    pgettext_lazy("status", "Published"),
    pgettext_lazy("change state", "Pending"),
    pgettext_lazy("change state", "Approved"),
    pgettext_lazy("change state", "Rejected"),
)
# A status as a message names it ("set to published"); the model's labels are capitalised.
STATUS_WORDS = {
    models.Status.PUBLISHED: _("published"),
    models.Status.DRAFT: _("draft"),
}


def _queues(request) -> dict:
    """What waits for the editors, for the admin's front page."""
    if not request.user.has_perm("meetings.view_meeting"):
        return {}
    drafts = models.Meeting.objects.filter(status=models.Status.DRAFT)
    latest = drafts.order_by("-updated_at").only("title", "start_date", "updated_at")
    pending = moderation.pending_queue()
    return {
        "draft_count": drafts.count(),
        "latest_drafts": latest[:QUEUE_LENGTH],
        "pending_count": pending.count(),
        "oldest_pending": pending[:QUEUE_LENGTH],
        "may_review": request.user.has_perm(PUBLISH_PERMISSION),
    }


# The default site serves the admin (urls.py); its front page gets the queues as extra context.
_plain_index = admin.site.index


def _index_with_queues(request, extra_context=None):
    return _plain_index(request, {**_queues(request), **(extra_context or {})})


admin.site.index = _index_with_queues
admin.site.index_template = "admin/summitry_index.html"
admin.site.site_header = "Summitry"
admin.site.site_title = "Summitry"
admin.site.index_title = _("The register")
