"""Which models keep versions, and what a meeting's version includes.

A meeting's version carries its inline rows and its country and topic links, so that reverting
it in the admin restores the whole record and removes rows added since.
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model
from django.utils import timezone
from django.utils.encoding import is_protected_type
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
    """Writes one revision per (comment, objects) entry: the revisions in one query, their
    versions in one more (a COPY on PostgreSQL).

    The rows are what ``reversion.create_revision()`` would write for the same objects, so the
    admin's history and revert treat them alike; bulk imports use this to avoid reversion's
    per-object queries while still giving every meeting a revision of its own.
    """
    entries = list(revisions)
    now = timezone.now()
    saved = Revision.objects.bulk_create(
        Revision(date_created=now, comment=comment) for comment, _ in entries
    )
    rows = [
        (
            revision.pk,
            str(obj.pk),
            ContentType.objects.get_for_model(obj).pk,
            obj._state.db or DEFAULT_DB_ALIAS,
            "json",
            serialized(obj),
            str(obj),
        )
        for revision, (_, objects) in zip(saved, entries, strict=True)
        for obj in objects
    ]
    _write_versions(rows)


VERSION_COLUMNS = (
    "revision_id", "object_id", "content_type_id", "db", "format", "serialized_data",
    "object_repr",
)  # fmt: skip


def _write_versions(rows: list[tuple]) -> None:
    if connection.vendor != "postgresql":
        Version.objects.bulk_create(
            Version(**dict(zip(VERSION_COLUMNS, row, strict=True))) for row in rows
        )
        return
    # Bound as parameters, a chunk's serialized records would be quoted by the driver in Python.
    copying = f"COPY {Version._meta.db_table} ({', '.join(VERSION_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copying) as copy:
        for row in rows:
            copy.write_row(row)


def serialized(obj: Model) -> str:
    """``serializers.serialize("json", [obj])``, without building a serializer for each object:
    a test holds the two equal for every model a meeting's version carries."""
    fields = _serialized_fields(type(obj))
    if fields is None:
        return serializers.serialize("json", [obj])
    record = {
        "model": str(obj._meta),
        "pk": _serialized_value(obj, obj._meta.pk),
        "fields": {field.name: _serialized_value(obj, field) for field in fields},
    }
    return "[" + json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False) + "]"


def _serialized_value(obj: Model, field):
    value = field.value_from_object(obj)
    return value if is_protected_type(value) else field.value_to_string(obj)


@cache
def _serialized_fields(model) -> tuple | None:
    """The fields Django's serializer writes for this model, in its order; None for a model
    with many-to-many links of Django's own making, which the serializer lists by querying."""
    options = model._meta.concrete_model._meta
    if any(
        f.serialize and f.remote_field.through._meta.auto_created
        for f in options.local_many_to_many
    ):
        return None
    return tuple(f for f in options.local_fields if f.serialize)


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
