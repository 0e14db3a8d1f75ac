"""Which models keep versions, and what a meeting's version includes.

A meeting's version carries its inline rows and its country and topic links, so that reverting
it in the admin restores the whole record and removes rows added since.
"""

from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.utils import timezone
from reversion.models import Revision, Version

from meetings import models

reversion.register(
    models.Meeting,
    follow=["participations", "documents", "statements", "sources", "country_links", "topic_links"],
)
reversion.register(models.MeetingCountry)
reversion.register(models.MeetingTopic)
reversion.register(models.Participation)
reversion.register(models.Document, follow=["signatory_links"])
reversion.register(models.DocumentSignatory)
reversion.register(models.Statement, follow=["topic_links"])
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
