"""Writes meetings in the interchange format, in an order that does not depend on the database."""

import dataclasses
import datetime
import json
from collections.abc import Iterator

from meetings import models
from meetings.interchange.records import (
    DocumentRecord,
    MeetingRecord,
    ParticipantRecord,
    SourceRecord,
    StatementRecord,
)


def meeting_to_record(meeting: models.Meeting) -> MeetingRecord:
    """The record of a meeting fetched with ``with_interchange_relations()``."""
    return MeetingRecord(
        external_id=meeting.external_id,
        title=meeting.title,
        title_en=meeting.title_en,
        language=meeting.language,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        city=meeting.city,
        host_country=meeting.host_country_id,
        format=meeting.format.name_en if meeting.format else "",
        edition=meeting.edition,
        level=meeting.level,
        event=meeting.event or "",
        countries=sorted(c.code for c in meeting.countries.all()),
        participants=[
            ParticipantRecord(
                name=p.person.name,
                country=p.country_id,
                position=p.position,
                name_ru=p.person.name_ru,
                organisation=p.organisation,
            )
            for p in meeting.participations.all()
        ],
        topics=sorted(t.slug for t in meeting.topics.all()),
        documents=[
            DocumentRecord(
                title=d.title, kind=d.kind, signatories=sorted(c.code for c in d.signatories.all())
            )
            for d in meeting.documents.all()
        ],
        statements=[
            StatementRecord(
                country=s.country_id,
                speaker=s.speaker.name if s.speaker else "",
                text=s.text,
                topics=sorted(t.slug for t in s.topics.all()),
            )
            for s in meeting.statements.all()
        ],
        sources=[
            SourceRecord(**{f.name: getattr(s, f.name) for f in dataclasses.fields(SourceRecord)})
            for s in meeting.sources.all()
        ],
        summary=meeting.summary,
        status=meeting.status,
    )


def record_to_json(record: MeetingRecord) -> str:
    """One line of the format: every key present, empty values as null, UTF-8 left unescaped."""
    return json.dumps(_plain(record), ensure_ascii=False)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None if value == "" else value


def export_lines(meetings: models.MeetingQuerySet, chunk_size: int = 500) -> Iterator[str]:
    """One JSON line per meeting, oldest first; memory stays at one chunk whatever the count."""
    ordered = meetings.with_interchange_relations().order_by("start_date", "external_id")
    for meeting in ordered.iterator(chunk_size=chunk_size):
        yield record_to_json(meeting_to_record(meeting)) + "\n"
