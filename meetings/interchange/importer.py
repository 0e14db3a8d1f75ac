"""Saves checked interchange records: a whole file or nothing of it.

Records are written in chunks with bulk queries, so a chunk costs a fixed number of queries
however many meetings, people and documents it holds; each meeting still gets a revision of
its own in the history, so it can be reverted alone.

An import never overwrites a meeting that someone changed after it was last imported (see
``edited_since_import``): such records are skipped and reported, unless forced.
"""

import dataclasses
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from reversion.models import Version

from meetings import models, search
from meetings.history import record_revisions
from meetings.interchange.curated import KNOWN_REPEATS, curated_event
from meetings.interchange.exporter import meeting_to_record, record_to_json
from meetings.interchange.records import InvalidRecord, MeetingRecord, parse_line
from meetings.text import meeting_slug, person_slug, unique_slug

OTHER_TOPIC_SLUG = "other"
CHUNK_SIZE = 500
IMPORT_COMMENT_PREFIX = "Imported from "
FORCED_COMMENT_SUFFIX = ", replacing changes made since the last import"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    replaced_edits: list[str] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    new_formats: list[str] = field(default_factory=list)
    # Lines left out as known repeats of another line (see meetings.interchange.curated): the
    # repeat's external_id, and the one it repeats.
    repeats: dict[str, str] = field(default_factory=dict)
    # Lines imported although they say exactly what an earlier line says under another
    # external_id: the same meeting filed twice, or two meetings recorded alike; a person
    # decides. The later line's external_id (or "line N"), and the earlier one's.
    alike: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.skipped) + len(self.repeats)


class ImportFailed(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


Progress = Callable[[int, int], None]
Numbered = tuple[int, MeetingRecord]


def read_records(
    lines: Iterable[str | bytes], known_countries: set[str], report: "ImportReport | None" = None
) -> list[Numbered]:
    """Checks every line, as text or as UTF-8 bytes; raises ImportFailed listing each bad
    line's number and reason.

    A line naming no event gets the one CURATED_EVENTS lists for its external_id. A known
    repeat of another line of the file is left out; any other line equal to an earlier one but
    for its external_id is kept. Both are noted in ``report``.
    """
    records, errors, first_line_of = [], [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_line(line, known_countries)
        except InvalidRecord as invalid:
            errors.extend((number, problem) for problem in invalid.problems)
            continue
        if record.external_id in first_line_of:
            first = first_line_of[record.external_id]
            errors.append((number, f"external_id: {record.external_id!r} is also on line {first}"))
            continue
        if record.external_id:
            first_line_of[record.external_id] = number
        record.event = record.event or curated_event(record.external_id)
        records.append((number, record))
    if errors:
        raise ImportFailed(errors)
    return _without_repeats(records, report or ImportReport())


def _without_repeats(records: list[Numbered], report: "ImportReport") -> list[Numbered]:
    content = {
        number: record_to_json(dataclasses.replace(record, external_id=None))
        for number, record in records
    }
    number_of = {record.external_id: number for number, record in records}
    kept, first_saying = [], {}
    for number, record in records:
        name = record.external_id or f"line {number}"
        original = KNOWN_REPEATS.get(record.external_id or "")
        if original in number_of and content[number_of[original]] == content[number]:
            report.repeats[name] = original
            continue
        if content[number] in first_saying:
            report.alike[name] = first_saying[content[number]]
        else:
            first_saying[content[number]] = name
        kept.append((number, record))
    return kept


def import_lines(
    lines: Iterable[str | bytes],
    *,
    origin: str,
    progress: Progress | None = None,
    force: bool = False,
) -> ImportReport:
    """Imports one file's lines atomically.

    A line whose external_id is already held replaces that meeting's record, unless the record
    is the same, in which case nothing is written and no revision is added, or unless someone
    changed the meeting after it was last imported: then the line is skipped and reported,
    and only ``force`` replaces the record (its revision says so).
    """
    known_countries = set(models.Country.objects.values_list("code", flat=True))
    report = ImportReport()
    records = read_records(lines, known_countries, report)
    with transaction.atomic():
        writer = _Writer(origin, force, report)
        for start in range(0, len(records), CHUNK_SIZE):
            writer.save_chunk(records[start : start + CHUNK_SIZE])
            if progress:
                progress(min(start + CHUNK_SIZE, len(records)), len(records))
    return writer.report


class _Writer:
    """Look-up tables kept for the whole file, so that names resolve without a query each."""

    def __init__(self, origin: str, force: bool, report: ImportReport | None = None):
        self.origin = origin
        self.force = force
        self.report = report or ImportReport()
        self.topics = {t.slug: t for t in models.Topic.objects.all()}
        self.formats = self._format_lookup()
        self.people = self._people_lookup()
        self.slugs = set(models.Meeting.objects.values_list("slug", flat=True))

    @staticmethod
    def _format_lookup() -> dict[str, models.Format]:
        lookup = {}
        for fmt in models.Format.objects.all():
            for name in (fmt.slug, fmt.name_en, fmt.name_ru):
                if name:
                    lookup[name.casefold()] = fmt
        return lookup

    @staticmethod
    def _people_lookup() -> dict[tuple[str, str | None], models.Person]:
        lookup = {}
        for person in models.Person.objects.order_by("-pk"):
            for name in (person.name_ru, person.name):
                if name:
                    lookup[(name, person.country_id)] = person
        return lookup

    def save_chunk(self, chunk: list[Numbered]) -> None:
        held = self._held_meetings(chunk)
        changed = [
            (number, record)
            for number, record in chunk
            if record.external_id not in held
            or meeting_to_record(held[record.external_id]) != record
        ]
        self.report.unchanged += len(chunk) - len(changed)
        edited = edited_since_import(
            [held[record.external_id] for _, record in changed if record.external_id in held]
        )
        in_file_order = [r.external_id for _, r in changed if r.external_id in edited]
        if self.force:
            self.report.replaced_edits += in_file_order
        else:
            self.report.skipped += in_file_order
            changed = [(number, r) for number, r in changed if r.external_id not in edited]
        self._create_missing_people(record for _, record in changed)
        meetings = self._save_meetings(changed, held)
        rows = _ChunkRows()
        for meeting, (_, record) in zip(meetings, changed, strict=True):
            self._collect_rows(meeting, record, rows)
        rows.save()
        search.reindex(meeting.pk for meeting in meetings)
        record_revisions(
            (self._comment(number, meeting.external_id in edited), [meeting, *rows.of(meeting)])
            for meeting, (number, _) in zip(meetings, changed, strict=True)
        )

    def _comment(self, number: int, replaces_edits: bool) -> str:
        comment = f"{IMPORT_COMMENT_PREFIX}{self.origin}, line {number}"
        return comment + FORCED_COMMENT_SUFFIX if replaces_edits else comment

    @staticmethod
    def _held_meetings(chunk: list[Numbered]) -> dict[str, models.Meeting]:
        """The meetings already held under this chunk's external_ids, with all they contain.

        Their rows stay locked until the import commits, so that no save slips in between
        deciding whether a meeting was edited since its import and replacing it.
        """
        ids = [record.external_id for _, record in chunk if record.external_id]
        held = (
            models.Meeting.objects.filter(external_id__in=ids)
            .select_for_update(of=("self",))
            .with_interchange_relations()
        )
        return {meeting.external_id: meeting for meeting in held}

    def _save_meetings(self, chunk: list[Numbered], held: dict) -> list[models.Meeting]:
        meetings, new, old = [], [], []
        for _, record in chunk:
            meeting = held.get(record.external_id)
            if meeting is None:
                meeting = models.Meeting(
                    slug=meeting_slug(
                        record.title_en or record.title, record.start_date, self.slugs
                    )
                )
                self.slugs.add(meeting.slug)
                new.append(meeting)
            else:
                old.append(meeting)
            self._fill(meeting, record)
            meetings.append(meeting)
        models.Meeting.objects.bulk_create(new)
        for meeting in old:  # bulk_update's CASE expressions cost more than a query each
            meeting.save(update_fields=MEETING_FIELDS)
        _delete_relations(old)
        self.report.created += len(new)
        self.report.updated += len(old)
        return meetings

    def _fill(self, meeting: models.Meeting, record: MeetingRecord) -> None:
        if record.external_id:
            meeting.external_id = record.external_id
        meeting.title = record.title
        meeting.title_en = record.title_en
        meeting.language = record.language
        meeting.start_date = record.start_date
        meeting.end_date = record.end_date
        meeting.city = record.city
        meeting.host_country_id = record.host_country
        meeting.format = self._format(record.format) if record.format else None
        meeting.edition = record.edition
        meeting.level = record.level
        meeting.event = record.event or None
        meeting.summary = record.summary
        meeting.status = record.status
        meeting.lock_token = uuid.uuid4()

    def _collect_rows(self, meeting, record: MeetingRecord, rows: "_ChunkRows") -> None:
        for code in record.countries:
            rows.add(meeting, models.MeetingCountry(meeting=meeting, country_id=code))
        for slug in record.topics:
            rows.add(meeting, models.MeetingTopic(meeting=meeting, topic=self._topic(slug)))
        named_here = {}
        for order, p in enumerate(record.participants):
            person = self.people[(p.name, p.country)]
            named_here[p.name] = named_here[p.name_ru or p.name] = person
            rows.add(meeting, models.Participation(
                meeting=meeting, person=person, country_id=p.country,
                organisation=p.organisation, position=p.position, order=order,
            ))  # fmt: skip
        for order, d in enumerate(record.documents):
            document = models.Document(meeting=meeting, title=d.title, kind=d.kind, order=order)
            rows.add(meeting, document)
            for code in d.signatories:
                rows.add(meeting, models.DocumentSignatory(document=document, country_id=code))
        for order, s in enumerate(record.statements):
            speaker = None
            if s.speaker:
                speaker = named_here.get(s.speaker) or self.people[(s.speaker, s.country)]
            statement = models.Statement(
                meeting=meeting, country_id=s.country, speaker=speaker, text=s.text, order=order
            )
            rows.add(meeting, statement)
            for slug in s.topics:
                rows.add(
                    meeting, models.StatementTopic(statement=statement, topic=self._topic(slug))
                )
        for order, source in enumerate(record.sources):
            rows.add(meeting, models.Source(meeting=meeting, order=order, **vars(source)))

    def _create_missing_people(self, records: Iterable[MeetingRecord]) -> None:
        """Creates, in one query, everyone named in these records whom the register lacks."""
        missing: dict[tuple[str, str | None], models.Person] = {}
        for record in records:
            named_here = set()
            for p in record.participants:
                named_here.update({p.name, p.name_ru})
                key = (p.name, p.country)
                person = self.people.get(key) or missing.get(key)
                if person is None:
                    missing[key] = models.Person(
                        name=p.name, name_ru=p.name_ru, country_id=p.country
                    )
                elif p.name_ru and not person.name_ru:
                    person.name_ru = p.name_ru
                    if person.pk:
                        person.save(update_fields=["name_ru"])
            for s in record.statements:
                key = (s.speaker, s.country)
                if s.speaker and s.speaker not in named_here and key not in self.people:
                    missing.setdefault(key, models.Person(name=s.speaker, country_id=s.country))
        taken = {person.slug for person in self.people.values()}
        for person in missing.values():
            person.slug = person_slug(person.name, taken)
            taken.add(person.slug)
        models.Person.objects.bulk_create(missing.values())
        self.people.update(missing)
        self.people.update({(p.name_ru, p.country_id): p for p in missing.values() if p.name_ru})

    def _topic(self, slug: str) -> models.Topic:
        topic = self.topics.get(slug)
        if topic is None:
            name = slug.replace("-", " ").capitalize()
            topic = models.Topic.objects.create(
                slug=slug, name_en=name, name_ru=name, parent=self.topics[OTHER_TOPIC_SLUG]
            )
            self.topics[slug] = topic
            self.report.new_topics.append(slug)
        return topic

    def _format(self, name: str) -> models.Format:
        fmt = self.formats.get(name.casefold())
        if fmt is None:
            slug = unique_slug(name, {f.slug for f in self.formats.values()}, limit=70)
            fmt = models.Format.objects.create(slug=slug, name_en=name)
            self.formats[name.casefold()] = self.formats[slug] = fmt
            self.report.new_formats.append(name)
        return fmt


def edited_since_import(meetings: list[models.Meeting]) -> set[str]:
    """The external_ids of those held meetings that changed after an import last wrote them.

    Decided from the history, without a field of its own: every import writes a revision per
    meeting (comment "Imported from ...", no user) holding the lock token the import gave it.
    A meeting counts as unchanged since its import only if
    - its latest revision is such an import revision: an admin save, a revert, a status
      action or an article attached through the intake each add a later, non-import one; and
    - its lock token is still the one that revision holds: every save renews the token (the
      edit lock relies on that), so this catches a change that wrote no revision.
    A meeting without any revision was never imported here, or its history was pruned; it
    counts as changed, since nothing proves otherwise. Two queries whatever the count.
    """
    by_pk = {str(meeting.pk): meeting for meeting in meetings}
    if not by_pk:
        return set()
    versions = Version.objects.get_for_model(models.Meeting).filter(object_id__in=by_pk)
    latest = dict(
        versions.values("object_id")
        .annotate(last=Max("revision_id"))
        .values_list("object_id", "last")
    )
    last_versions = {
        version.object_id: version
        for version in versions.filter(revision_id__in=set(latest.values())).select_related(
            "revision"
        )
        if latest[version.object_id] == version.revision_id
    }
    return {
        meeting.external_id
        for pk, meeting in by_pk.items()
        if not _written_by_import(last_versions.get(pk), meeting)
    }


def _written_by_import(version: Version | None, meeting: models.Meeting) -> bool:
    if version is None:
        return False
    revision = version.revision
    if revision.user_id is not None or not revision.comment.startswith(IMPORT_COMMENT_PREFIX):
        return False
    # Read the stored JSON itself: import versions are always JSON, and unlike
    # Version.field_dict this does not fail on a version older than the current schema.
    recorded = json.loads(version.serialized_data)[0]["fields"].get("lock_token")
    return recorded == str(meeting.lock_token)


MEETING_FIELDS = [
    "external_id", "title", "title_en", "language", "start_date", "end_date", "city",
    "host_country", "format", "edition", "level", "event", "summary", "status", "lock_token",
    "updated_at",
]  # fmt: skip

REPLACED_RELATIONS = [
    models.MeetingCountry, models.MeetingTopic, models.Participation, models.Document,
    models.Statement, models.Source,
]  # fmt: skip


def _delete_relations(meetings: list[models.Meeting]) -> None:
    """Clears what an updated meeting's line replaces: the line is the whole record."""
    if meetings:
        for model in REPLACED_RELATIONS:
            model.objects.filter(meeting__in=meetings).delete()


class _ChunkRows:
    """The rows a chunk of meetings adds, saved model by model, parents before children."""

    ORDER = [
        models.MeetingCountry, models.MeetingTopic, models.Participation, models.Document,
        models.DocumentSignatory, models.Statement, models.StatementTopic, models.Source,
    ]  # fmt: skip

    def __init__(self):
        self.by_model = {model: [] for model in self.ORDER}
        self.by_meeting: dict[int, list] = {}

    def add(self, meeting, *rows) -> None:
        for row in rows:
            self.by_model[type(row)].append(row)
        self.by_meeting.setdefault(meeting.pk, []).extend(rows)

    def save(self) -> None:
        # Children built around unsaved parents pick up the parents' new pks in bulk_create.
        for model in self.ORDER:
            model.objects.bulk_create(self.by_model[model])

    def of(self, meeting) -> list:
        return self.by_meeting.get(meeting.pk, [])
