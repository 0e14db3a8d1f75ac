"""Which models keep versions, and what a meeting's version includes.

A meeting's version carries its inline rows and its country and topic links, so that reverting
it in the admin restores the whole record and removes rows added since.
"""

from collections import defaultdict
from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.utils import timezone
from reversion.models import Revision, Version

from meetings import models

# The rows each model's version carries with it: one-to-many relations, named by accessor.
FOLLOWS = {
    models.Meeting: [
        "participations", "documents", "statements", "sources", "country_links", "topic_links",
    ],
    models.Document: ["signatory_links"],
    models.Statement: ["topic_links"],
}  # fmt: skip

for followed_model, accessors in FOLLOWS.items():
    reversion.register(followed_model, follow=accessors)
reversion.register(models.MeetingCountry)
reversion.register(models.MeetingTopic)
reversion.register(models.Participation)
reversion.register(models.DocumentSignatory)
reversion.register(models.StatementTopic)
reversion.register(models.Source)
reversion.register(models.Person)
reversion.register(models.Format, follow=["formatmember_set"])
reversion.register(models.FormatMember)
reversion.register(models.Topic)


def record_revisions(revisions: Iterable[tuple[str, list[Model]]]) -> None:
    """Writes, in two queries, one revision per (comment, objects) entry.

    The rows are what ``reversion.create_revision()`` would write for the same objects, so the
    admin's history and revert treat them alike; bulk imports use this to avoid reversion's
    per-object queries while still giving every meeting a revision of its own.
    """
    entries = list(revisions)
    now = timezone.now()
    saved = Revision.objects.bulk_create(
        Revision(date_created=now, comment=comment) for comment, _ in entries
    )
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            db=obj._state.db or DEFAULT_DB_ALIAS,
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj),
        )
        for revision, (_, objects) in zip(saved, entries, strict=True)
        for obj in objects
    )


def revert_meeting(revision: Revision, meeting_id, *, delete: bool = False) -> None:
    """Restores one meeting, with its rows, as ``revision`` saved it; nothing else it holds.

    A revision may hold other meetings (bulk actions once wrote one revision for all they
    changed), and reversion's own revert restores every object in it. With ``delete``, rows the
    meeting has gained since are removed, as reversion's revert does for the whole revision.
    """
    versions = _versions_of_meeting(revision, str(meeting_id))
    if delete:
        kept = {(version._model, version.object_id) for version in versions}
        for row in _current_rows(meeting_id):
            if (type(row), str(row.pk)) not in kept:
                type(row)._default_manager.filter(pk=row.pk).delete()
    # Parents come before their rows, so a recovered meeting exists before its participants.
    for version in versions:
        version.revert()


def _versions_of_meeting(revision: Revision, meeting_id: str) -> list[Version]:
    by_model = defaultdict(list)
    for version in revision.version_set.select_related("content_type"):
        by_model[version._model].append(version)

    def take(model, owned) -> list[Version]:
        chosen = []
        for version in filter(owned, by_model[model]):
            chosen.append(version)
            for accessor in FOLLOWS.get(model, []):
                chosen += take(*_rows_owned_by(model, accessor, version.object_id))
        return chosen

    return take(models.Meeting, lambda version: version.object_id == meeting_id)


def _rows_owned_by(model, accessor: str, owner_id: str):
    relation = model._meta.get_field(accessor)
    owner_field = relation.field.attname
    return relation.related_model, lambda version: str(version.field_dict[owner_field]) == owner_id


def _current_rows(meeting_id) -> list[Model]:
    """The rows a version of the meeting would carry if it were saved now, the meeting first."""

    def rows_of(obj) -> list[Model]:
        rows = [obj]
        for accessor in FOLLOWS.get(type(obj), []):
            for row in getattr(obj, accessor).all():
                rows += rows_of(row)
        return rows

    meeting = models.Meeting.objects.filter(pk=meeting_id).first()
    return rows_of(meeting) if meeting else []
