"""Moderation of published meetings: an editor's change waits for a publisher.

An editor who saves a published meeting goes through the admin's own save, validation and edit
lock included, inside a transaction that is then rolled back: the public tables, the search
index and the register's version never see it. What the save would have written is kept as a
``PendingChange`` in the interchange format, which a publisher approves (applied through the
importer, as one meeting's update) or rejects (kept, as history).
"""

import json
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from reversion.models import Version

from meetings import models
from meetings.interchange.exporter import meeting_to_record, record_to_json
from meetings.interchange.importer import _Writer
from meetings.interchange.records import InvalidRecord, parse_line
from meetings.roles import PUBLISH_PERMISSION

QUEUE_TEMPLATE = "admin/meetings/meeting/pending_queue.html"
REVIEW_TEMPLATE = "admin/meetings/meeting/pending_review.html"
DECIDED_SHOWN = 20
_PROPOSAL = "_summitry_proposal"


class Refused(Exception):
    """A decision that cannot be carried out; its message says why."""


# Proposing: the editor's save, undone and kept.


@dataclass
class _Proposal:
    record: dict | None = None


def needs_review(request, object_id, may_publish: bool) -> bool:
    """Whether this request saves a published meeting for someone who may not publish."""
    if request.method != "POST" or may_publish or getattr(request, _PROPOSAL, None):
        return False
    if not (object_id and str(object_id).isdigit()):
        return False
    return models.Meeting.objects.filter(pk=object_id, status=models.Status.PUBLISHED).exists()


def propose(request, object_id, save_view):
    """Runs ``save_view`` (the admin's save) and rolls it back, keeping what it would write."""
    proposal = _Proposal()
    setattr(request, _PROPOSAL, proposal)
    with transaction.atomic():
        base_lock_token = (
            models.Meeting.objects.select_for_update()
            .values_list("lock_token", flat=True)
            .get(pk=object_id)
        )
        response = save_view()
        # Everything the save did goes, on_commit hooks (the search index) included.
        transaction.set_rollback(True)
    if proposal.record is not None:
        _keep(request, object_id, base_lock_token, proposal.record)
    return response


def is_proposing(request) -> bool:
    return getattr(request, _PROPOSAL, None) is not None


def hold(request, meeting: models.Meeting) -> HttpResponseRedirect:
    """Called where the admin would answer a successful save: notes the saved record."""
    saved = models.Meeting.objects.with_interchange_relations().get(pk=meeting.pk)
    getattr(request, _PROPOSAL).record = _plain_record(saved)
    return HttpResponseRedirect(reverse("admin:meetings_meeting_changelist"))


def _plain_record(meeting: models.Meeting) -> dict:
    return json.loads(record_to_json(meeting_to_record(meeting)))


def _keep(request, meeting_id, base_lock_token, record: dict) -> None:
    meeting = models.Meeting.objects.with_interchange_relations().get(pk=meeting_id)
    if record == _plain_record(meeting):
        messages.info(
            request,
            gettext("“%(title)s” is unchanged: there was nothing to send for review.")
            % {"title": meeting.title},
        )
        return
    models.PendingChange.objects.create(
        meeting=meeting, author=request.user, record=record, base_lock_token=base_lock_token
    )
    messages.warning(
        request,
        gettext(
            "Your change to “%(title)s” awaits a publisher’s review. "
            "The public page shows the published version until then."
        )
        % {"title": meeting.title},
    )


def propose_source(request, meeting_id: int, source: dict) -> models.PendingChange:
    """An article an editor attaches to a published meeting: kept as a pending change that
    adds it to the sources, like any other change to a published meeting."""
    with transaction.atomic():
        # Locked alone: PostgreSQL refuses FOR UPDATE across the record's outer joins.
        base_lock_token = (
            models.Meeting.objects.select_for_update()
            .values_list("lock_token", flat=True)
            .get(pk=meeting_id)
        )
        meeting = models.Meeting.objects.with_interchange_relations().get(pk=meeting_id)
        record = _plain_record(meeting)
        record["sources"] = [*record.get("sources", []), source]
        return models.PendingChange.objects.create(
            meeting=meeting, author=request.user, record=record, base_lock_token=base_lock_token
        )


# Deciding.


class _ApprovalWriter(_Writer):
    """The importer's writer, updating one given meeting, with a comment naming who decided."""

    def __init__(self, meeting: models.Meeting, comment: str):
        super().__init__(origin="moderation", force=True)
        self.meeting = meeting
        self.comment = comment

    def _held_meetings(self, chunk):
        held = models.Meeting.objects.select_for_update(of=("self",)).with_interchange_relations()
        return {record.external_id: held.get(pk=self.meeting.pk) for _, record in chunk}

    def _comment(self, number: int, replaces_edits: bool) -> str:
        return self.comment


def approve(change_id: int, approver) -> models.PendingChange:
    with transaction.atomic():
        change = _pending_for_decision(change_id)
        meeting = models.Meeting.objects.select_for_update().get(pk=change.meeting_id)
        if meeting.lock_token != change.base_lock_token:
            raise Refused(
                gettext(
                    "The meeting has been saved since this change was proposed, so approving it "
                    "would undo that save. Reject it, and ask for the change to be made again."
                )
            )
        record = _checked_record(change)
        author = change.author.get_username() if change.author else "a former user"
        comment = f"Change by {author}, approved by {approver.get_username()}"
        _ApprovalWriter(meeting, comment).save_chunk([(1, record)])
        latest = Version.objects.get_for_object(meeting).select_related("revision").first()
        if latest is not None and latest.revision.comment == comment:
            latest.revision.user = approver
            latest.revision.save(update_fields=["user"])
        return _decide(change, models.PendingChange.State.APPROVED, approver)


def reject(change_id: int, publisher) -> models.PendingChange:
    with transaction.atomic():
        change = _pending_for_decision(change_id)
        return _decide(change, models.PendingChange.State.REJECTED, publisher)


def _pending_for_decision(change_id: int) -> models.PendingChange:
    change = get_object_or_404(
        models.PendingChange.objects.select_for_update(of=("self",)).select_related("author"),
        pk=change_id,
    )
    if change.state != models.PendingChange.State.PENDING:
        if change.state == models.PendingChange.State.APPROVED:
            raise Refused(gettext("This change was already approved."))
        raise Refused(gettext("This change was already rejected."))
    return change


def _checked_record(change: models.PendingChange):
    known_countries = set(models.Country.objects.values_list("code", flat=True))
    try:
        return parse_line(json.dumps(change.record), known_countries)
    except InvalidRecord as invalid:
        raise Refused(
            gettext("The proposed record is no longer valid: %(reason)s") % {"reason": invalid}
        ) from None


def _decide(change: models.PendingChange, state: str, user) -> models.PendingChange:
    change.state = state
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save(update_fields=["state", "decided_by", "decided_at"])
    return change


# Showing: the queue and one change with its differences.


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


def differences(change: models.PendingChange) -> list[FieldChange]:
    """Field by field, what the proposal changes in the meeting as it is now."""
    meeting = models.Meeting.objects.with_interchange_relations().get(pk=change.meeting_id)
    current = _plain_record(meeting)
    fields = list(current) + [name for name in change.record if name not in current]
    return [
        FieldChange(name, _shown(current.get(name)), _shown(change.record.get(name)))
        for name in fields
        if current.get(name) != change.record.get(name)
    ]


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def pending_queue():
    return (
        models.PendingChange.objects.filter(state=models.PendingChange.State.PENDING)
        .select_related("meeting", "author")
        .order_by("created_at", "pk")
    )


def urls(model_admin) -> list:
    def view(function):
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(PUBLISH_PERMISSION):
                raise PermissionDenied(gettext("Only publishers review pending changes."))
            return function(request, model_admin, *args, **kwargs)

        return model_admin.admin_site.admin_view(wrapper)

    name = "meetings_meeting_pending"
    return [
        path("pending/", view(queue_view), name=name),
        path("pending/<int:change_id>/", view(review_view), name=f"{name}_review"),
        path("pending/<int:change_id>/approve/", view(approve_view), name=f"{name}_approve"),
        path("pending/<int:change_id>/reject/", view(reject_view), name=f"{name}_reject"),
    ]


def _context(request, model_admin, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
    }


def queue_view(request, model_admin):
    decided = models.PendingChange.objects.exclude(state=models.PendingChange.State.PENDING)
    context = {
        **_context(request, model_admin, gettext("Changes awaiting review")),
        "pending": pending_queue(),
        "decided": decided.select_related("meeting", "author", "decided_by").order_by(
            "-decided_at", "-pk"
        )[:DECIDED_SHOWN],
    }
    return TemplateResponse(request, QUEUE_TEMPLATE, context)


def review_view(request, model_admin, change_id: int):
    change = get_object_or_404(
        models.PendingChange.objects.select_related("meeting", "author", "decided_by"),
        pk=change_id,
    )
    context = {
        **_context(
            request, model_admin, gettext("Change to %(meeting)s") % {"meeting": change.meeting}
        ),
        "change": change,
        "is_pending": change.state == models.PendingChange.State.PENDING,
        "is_stale": change.meeting.lock_token != change.base_lock_token,
        "differences": differences(change),
    }
    return TemplateResponse(request, REVIEW_TEMPLATE, context)


@require_POST
def approve_view(request, model_admin, change_id: int):
    done = gettext("Approved: the public page shows the change.")
    return _decision(request, change_id, approve, done)


@require_POST
def reject_view(request, model_admin, change_id: int):
    return _decision(request, change_id, reject, gettext("Rejected: the meeting is unchanged."))


def _decision(request, change_id: int, decide, done: str) -> HttpResponseRedirect:
    try:
        decide(change_id, request.user)
    except Refused as refused:
        messages.error(request, str(refused))
        return HttpResponseRedirect(
            reverse("admin:meetings_meeting_pending_review", args=[change_id])
        )
    messages.success(request, done)
    return HttpResponseRedirect(reverse("admin:meetings_meeting_pending"))
