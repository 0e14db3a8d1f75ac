"""Keeps the index in step with every save and delete, once per transaction.

Handlers only note which meetings changed; the meetings are indexed after the transaction
commits (``on_commit``), so an admin save with twenty inline rows indexes its meeting once,
and a rolled-back save indexes nothing. Edits to names that many meetings carry (a country's
alias, a person, a topic, a format) index every meeting that carries them.

Bulk writes send no signals: the importer calls ``reindex`` itself, inside its transaction,
and ``reindex`` strikes the meetings it has just indexed off the list still waiting.
"""

import threading
from collections import defaultdict

from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from meetings import models

_state = threading.local()

# Saving only these changes nothing the index holds (publishing, the edit lock).
UNINDEXED_FIELDS = frozenset({"status", "lock_token", "updated_at"})
MEETING_PARTS = [
    models.MeetingCountry, models.MeetingTopic, models.Participation, models.Document,
    models.Statement, models.Source,
]  # fmt: skip
SHARED_NAMES = {
    models.Country: "country",
    models.Person: "person",
    models.Topic: "topic",
    models.Format: "format",
}


class _Pending:
    """The meetings one transaction has changed, indexed once it commits."""

    def __init__(self, using: str):
        self.using = using
        self.meeting_ids: set[int] = set()
        self.shared: dict[str, set] = defaultdict(set)

    def flush(self) -> None:
        from meetings.search.indexer import reindex

        if _pending().get(self.using) is self:
            del _pending()[self.using]
        reindex(self.meeting_ids | self._carrying_shared_names(), using=self.using)

    def _carrying_shared_names(self) -> set[int]:
        found: set[int] = set()
        links = {
            "country": [
                models.MeetingCountry.objects.filter(country_id__in=self.shared["country"]),
                models.Meeting.objects.filter(host_country_id__in=self.shared["country"]),
            ],
            "person": [models.Participation.objects.filter(person_id__in=self.shared["person"])],
            "topic": [models.MeetingTopic.objects.filter(topic_id__in=self.shared["topic"])],
            "format": [models.Meeting.objects.filter(format_id__in=self.shared["format"])],
        }
        for kind, querysets in links.items():
            if self.shared.get(kind):
                for queryset in querysets:
                    field = "pk" if queryset.model is models.Meeting else "meeting_id"
                    found.update(queryset.using(self.using).values_list(field, flat=True))
        return found


def _pending() -> dict[str, _Pending]:
    if not hasattr(_state, "pending"):
        _state.pending = {}
    return _state.pending


def _awaits_commit(pending: _Pending) -> bool:
    # A rollback removes the callback from Django's list of (savepoints, callback, robust);
    # its meetings must then wait for a callback of their own.
    connection = connections[pending.using]
    return connection.in_atomic_block and any(
        entry[1] == pending.flush for entry in connection.run_on_commit
    )


def schedule(using: str, meeting_ids=(), shared: tuple[str, object] | None = None) -> None:
    """Indexes these meetings (and those carrying a changed shared name) after the commit."""
    pending = _pending().get(using)
    fresh = pending is None or not _awaits_commit(pending)
    if fresh:
        pending = _pending()[using] = _Pending(using)
    pending.meeting_ids.update(i for i in meeting_ids if i is not None)
    if shared:
        pending.shared[shared[0]].add(shared[1])
    if fresh:
        # Outside a transaction this runs at once.
        transaction.on_commit(pending.flush, using=using, robust=True)


def forget(meeting_ids, using: str = "default") -> None:
    """These meetings were just indexed inside the transaction; no need to do it again."""
    pending = _pending().get(using)
    if pending is not None:
        pending.meeting_ids.difference_update(meeting_ids)


def meeting_saved(sender, instance, using, update_fields=None, **kwargs) -> None:
    if update_fields is None or not UNINDEXED_FIELDS.issuperset(update_fields):
        schedule(using, [instance.pk])


def part_changed(sender, instance, using, **kwargs) -> None:
    schedule(using, [instance.meeting_id])


def links_changed(sender, instance, action, reverse, pk_set, using, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        schedule(using, [instance.pk])
    elif pk_set:
        schedule(using, pk_set)


def shared_name_saved(sender, instance, created, using, **kwargs) -> None:
    # A new country, person, topic or format is on no meeting yet; linking it is a part_changed.
    if not created:
        schedule(using, shared=(SHARED_NAMES[sender], instance.pk))


def alias_changed(sender, instance, using, **kwargs) -> None:
    schedule(using, shared=("country", instance.country_id))


def connect() -> None:
    post_save.connect(meeting_saved, sender=models.Meeting, dispatch_uid="search.meeting")
    for model in MEETING_PARTS:
        uid = f"search.part.{model.__name__}"
        post_save.connect(part_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(part_changed, sender=model, dispatch_uid=uid)
    for through in (models.MeetingCountry, models.MeetingTopic):
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"search.links.{through}")
    for model in SHARED_NAMES:
        uid = f"search.shared.{model.__name__}"
        post_save.connect(shared_name_saved, sender=model, dispatch_uid=uid)
    post_save.connect(alias_changed, sender=models.CountryAlias, dispatch_uid="search.alias")
    post_delete.connect(alias_changed, sender=models.CountryAlias, dispatch_uid="search.alias")
