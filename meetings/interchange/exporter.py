"""Writes meetings in the interchange format, in an order that does not depend on the database."""

import json
from collections.abc import Iterator

from meetings import models


def _or_none(value):
    return value if value not in ("", None) else None


def _date(value):
    return value.isoformat() if value else None


def meeting_to_record(meeting: models.Meeting) -> dict:
    """The interchange object for a meeting fetched with ``with_interchange_relations()``."""
    return {
        "external_id": meeting.external_id,
        "title": meeting.title,
        "title_en": _or_none(meeting.title_en),
        "language": _or_none(meeting.language),
        "start_date": _date(meeting.start_date),
        "end_date": _date(meeting.end_date),
        "city": _or_none(meeting.city),
        "host_country": meeting.host_country_id,
        "format": meeting.format.name_en if meeting.format else None,
        "edition": meeting.edition,
        "level": _or_none(meeting.level),
        "countries": sorted(c.code for c in meeting.countries.all()),
        "participants": [_participant(p) for p in meeting.participations.all()],
        "topics": sorted(t.slug for t in meeting.topics.all()),
        "documents": [_document(d) for d in meeting.documents.all()],
        "statements": [_statement(s) for s in meeting.statements.all()],
        "sources": [_source(s) for s in meeting.sources.all()],
        "summary": _or_none(meeting.summary),
        "status": meeting.status,
    }


def _participant(participation: models.Participation) -> dict:
    record = {
        "name": participation.person.name,
        "country": participation.country_id,
        "position": _or_none(participation.position),
    }
    if participation.person.name_ru:
        record["name_ru"] = participation.person.name_ru
    if participation.organisation:
        record["organisation"] = participation.organisation
    return record


def _document(document: models.Document) -> dict:
    return {
        "title": document.title,
        "kind": document.kind,
        "signatories": sorted(c.code for c in document.signatories.all()),
    }


def _statement(statement: models.Statement) -> dict:
    return {
        "country": statement.country_id,
        "speaker": statement.speaker.name if statement.speaker else None,
        "text": statement.text,
        "topics": sorted(t.slug for t in statement.topics.all()),
    }


def _source(source: models.Source) -> dict:
    return {
        "url": _or_none(source.url),
        "publisher": _or_none(source.publisher),
        "published": _date(source.published),
        "language": _or_none(source.language),
        "title": _or_none(source.title),
        "dateline": _or_none(source.dateline),
        "text": _or_none(source.text),
    }


def export_lines(meetings: models.MeetingQuerySet, chunk_size: int = 500) -> Iterator[str]:
    """One JSON line per meeting, oldest first; memory stays at one chunk whatever the count."""
    ordered = meetings.with_interchange_relations().order_by("start_date", "external_id")
    for meeting in ordered.iterator(chunk_size=chunk_size):
        yield json.dumps(meeting_to_record(meeting), ensure_ascii=False) + "\n"
