"""The interchange format: one JSON object a line, read into checked records.

Reading never touches the database except through the set of known country codes it is
given, so a whole file can be checked before anything of it is saved.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from meetings import models
from meetings.text import XML_FORBIDDEN, xml_forbidden

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
# How much of an offending value a message quotes: enough to find it, never a whole article.
SHOWN_LENGTH = 60


class InvalidRecord(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


# Field order is the order export writes keys in.


@dataclass(kw_only=True)
class ParticipantRecord:
    name: str
    country: str | None = None
    position: str = ""
    name_ru: str = ""
    organisation: str = ""


@dataclass(kw_only=True)
class DocumentRecord:
    title: str
    kind: str = models.DocumentKind.OTHER
    signatories: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class StatementRecord:
    country: str | None = None
    speaker: str = ""
    text: str
    topics: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class SourceRecord:
    url: str = ""
    publisher: str = ""
    published: datetime.date | None = None
    language: str = ""
    title: str = ""
    dateline: str = ""
    text: str = ""


@dataclass(kw_only=True)
class MeetingRecord:
    external_id: str | None = None
    title: str
    title_en: str = ""
    language: str = ""
    start_date: datetime.date
    end_date: datetime.date | None = None
    city: str = ""
    host_country: str | None = None
    format: str = ""
    edition: int | None = None
    level: str = ""
    event: str = ""
    countries: list[str]
    participants: list[ParticipantRecord] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    summary: str = ""
    status: str = models.Status.DRAFT


def max_length(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _clipped(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else f"{text[:SHOWN_LENGTH]}…"


def _shown(value) -> str:
    """A value as a message quotes it, in JSON; a list or object only by its kind, since it
    may be nested hundreds deep."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return _clipped(json.dumps(value, ensure_ascii=False))


def _quoted(value) -> str:
    return _clipped(repr(value)) if isinstance(value, str) else _shown(value)


def _printable(problem: str) -> str:
    """A message that any terminal or log can print: forbidden characters (a lone surrogate
    cannot even be encoded) are written as escapes."""
    return XML_FORBIDDEN.sub(lambda found: f"\\u{ord(found.group()):04x}", problem)


class _Reader:
    """Pulls typed values out of one JSON object, collecting every problem instead of stopping."""

    def __init__(self, data: dict, where: str, known_countries: set[str], problems: list[str]):
        self.data = data
        self.where = where
        self.known_countries = known_countries
        self.problems = problems

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.where}{key}: {message}")

    def reject_unknown_keys(self, allowed: set[str]) -> None:
        for key in sorted(set(self.data) - allowed):
            self.problems.append(f"{self.where}{_clipped(key)}: unknown field")

    def text(self, key: str, *, required=False, limit: int | None = None) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.problem(key, "missing required field")
            return ""
        if not isinstance(value, str):
            self.problem(key, f"must be a string, not {_shown(value)}")
            return ""
        if forbidden := xml_forbidden(value):
            self.problem(key, f"contains U+{ord(forbidden):04X}, a character XML 1.0 forbids")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(key, "missing required field")
        if limit and len(value) > limit:
            self.problem(key, f"is {len(value)} characters long; the limit is {limit}")
        return value

    def date(self, key: str, *, required=False) -> datetime.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.problem(key, "missing required field")
            return None
        if not isinstance(value, str) or not DATE_PATTERN.match(value):
            self.problem(key, f"{_shown(value)} is not a YYYY-MM-DD date")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"{value} is not a real date")
            return None

    def choice(self, key: str, choices: list[str], default: str = "") -> str:
        value = self.text(key)
        if value and value not in choices:
            self.problem(
                key, f"unknown value {_quoted(value)}; expected one of {', '.join(choices)}"
            )
            return default
        return value or default

    def country(self, key: str) -> str | None:
        value = self.text(key)
        return self._known_country(key, value) if value else None

    def countries(self, key: str, *, required=False) -> list[str]:
        codes = []
        for index, value in enumerate(self.items(key, required=required)):
            if not isinstance(value, str):
                self.problem(f"{key}[{index}]", "must be an ISO country code string")
            elif code := self._known_country(f"{key}[{index}]", value):
                codes.append(code)
        return sorted(set(codes))

    def _known_country(self, key: str, value: str) -> str | None:
        code = value.strip().upper()
        if code not in self.known_countries:
            self.problem(key, f"unknown country code {_quoted(value)}")
            return None
        return code

    def slugs(self, key: str) -> list[str]:
        slugs = []
        for index, value in enumerate(self.items(key)):
            if not isinstance(value, str) or not SLUG_PATTERN.match(value):
                self.problem(f"{key}[{index}]", f"{_quoted(value)} is not a topic slug")
            elif len(value) > max_length(models.Topic, "slug"):
                self.problem(f"{key}[{index}]", "topic slug is too long")
            else:
                slugs.append(value)
        return sorted(set(slugs))

    def items(self, key: str, *, required=False) -> list:
        value = self.data.get(key)
        if value is None or value == []:
            if required:
                self.problem(key, "missing required field")
            return []
        if not isinstance(value, list):
            self.problem(key, "must be a list")
            return []
        return value

    def objects(self, key: str):
        """Yields a reader for each object in the list at ``key``."""
        for index, value in enumerate(self.items(key)):
            where = f"{self.where}{key}[{index}]."
            if not isinstance(value, dict):
                self.problems.append(f"{where[:-1]}: must be an object")
                continue
            yield _Reader(value, where, self.known_countries, self.problems)

    def positive_int(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 32767:
            self.problem(key, f"{_shown(value)} is not a positive whole number")
            return None
        return value


PARTICIPANT_KEYS = {"name", "name_ru", "country", "organisation", "position"}
DOCUMENT_KEYS = {"title", "kind", "signatories"}
STATEMENT_KEYS = {"text", "country", "speaker", "topics"}
SOURCE_KEYS = {"url", "publisher", "published", "language", "title", "dateline", "text"}
MEETING_KEYS = {
    "external_id", "title", "title_en", "language", "start_date", "end_date", "city",
    "host_country", "format", "edition", "level", "event", "countries", "participants", "topics",
    "documents", "statements", "sources", "summary", "status",
}  # fmt: skip


def parse_line(line: str | bytes, known_countries: set[str]) -> MeetingRecord:
    """Reads one line of the interchange format, as text or as UTF-8 bytes; raises
    InvalidRecord naming every problem."""
    data = _json_object(_decoded(line))
    problems: list[str] = []
    record = _read_meeting(_Reader(data, "", known_countries, problems))
    if problems:
        raise InvalidRecord([_printable(problem) for problem in problems])
    return record


def _decoded(line: str | bytes) -> str:
    if isinstance(line, str):
        return line
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = line[error.start : error.start + 1].hex()
        raise InvalidRecord(
            [f"not UTF-8: byte 0x{byte} at column {error.start + 1} ({error.reason})"]
        ) from None


def _json_object(line: str) -> dict:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InvalidRecord([f"invalid JSON: {error.msg} at column {error.colno}"]) from None
    except RecursionError:
        raise InvalidRecord(["invalid JSON: nested too deeply"]) from None
    except ValueError:  # Python refuses to read a whole number of over 4,300 digits
        raise InvalidRecord(["invalid JSON: a number too long to read"]) from None
    if not isinstance(data, dict):
        raise InvalidRecord(["expected a JSON object"])
    return data


def _read_meeting(r: _Reader) -> MeetingRecord:
    r.reject_unknown_keys(MEETING_KEYS)
    M = models.Meeting
    record = MeetingRecord(
        external_id=r.text("external_id", limit=max_length(M, "external_id")) or None,
        title=r.text("title", required=True, limit=max_length(M, "title")),
        title_en=r.text("title_en", limit=max_length(M, "title_en")),
        language=_language(r, "language"),
        start_date=r.date("start_date", required=True),
        end_date=r.date("end_date"),
        city=r.text("city", limit=max_length(M, "city")),
        host_country=r.country("host_country"),
        format=r.text("format", limit=max_length(models.Format, "name_en")),
        edition=r.positive_int("edition"),
        level=r.choice("level", models.Level.values),
        event=_event(r, "event"),
        countries=r.countries("countries", required=True),
        participants=[_read_participant(p) for p in r.objects("participants")],
        topics=r.slugs("topics"),
        documents=[_read_document(d) for d in r.objects("documents")],
        statements=[_read_statement(s) for s in r.objects("statements")],
        sources=[_read_source(s) for s in r.objects("sources")],
        summary=r.text("summary"),
        status=r.choice("status", models.Status.values, default=models.Status.DRAFT),
    )
    if record.start_date and record.end_date and record.end_date < record.start_date:
        r.problem("end_date", f"{record.end_date} is before start_date {record.start_date}")
    names = [p.name for p in record.participants]
    for name in sorted({n for n in names if names.count(n) > 1}):
        r.problem("participants", f"{name!r} is listed more than once")
    return record


def _read_participant(r: _Reader) -> ParticipantRecord:
    r.reject_unknown_keys(PARTICIPANT_KEYS)
    P = models.Person
    return ParticipantRecord(
        name=r.text("name", required=True, limit=max_length(P, "name")),
        name_ru=r.text("name_ru", limit=max_length(P, "name_ru")),
        country=r.country("country"),
        organisation=r.text("organisation", limit=max_length(models.Participation, "organisation")),
        position=r.text("position", limit=max_length(models.Participation, "position")),
    )


def _read_document(r: _Reader) -> DocumentRecord:
    r.reject_unknown_keys(DOCUMENT_KEYS)
    return DocumentRecord(
        title=r.text("title", required=True, limit=max_length(models.Document, "title")),
        kind=r.choice("kind", models.DocumentKind.values, default=models.DocumentKind.OTHER),
        signatories=r.countries("signatories"),
    )


def _read_statement(r: _Reader) -> StatementRecord:
    r.reject_unknown_keys(STATEMENT_KEYS)
    return StatementRecord(
        text=r.text("text", required=True),
        country=r.country("country"),
        speaker=r.text("speaker", limit=max_length(models.Person, "name")),
        topics=r.slugs("topics"),
    )


def _read_source(r: _Reader) -> SourceRecord:
    r.reject_unknown_keys(SOURCE_KEYS)
    S = models.Source
    url = r.text("url", limit=max_length(S, "url"))
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            r.problem("url", f"{_quoted(url)} is not a valid URL")
    return SourceRecord(
        url=url,
        publisher=r.text("publisher", limit=max_length(S, "publisher")),
        published=r.date("published"),
        language=_language(r, "language"),
        title=r.text("title", limit=max_length(S, "title")),
        dateline=r.text("dateline", limit=max_length(S, "dateline")),
        text=r.text("text"),
    )


def _event(r: _Reader, key: str) -> str:
    value = r.text(key, limit=max_length(models.Meeting, "event"))
    if value and not SLUG_PATTERN.match(value):
        r.problem(
            key,
            f"{_quoted(value)} is not an event slug: lower-case letters, digits and single "
            "hyphens, such as 'c5-plus-1-summit-2023-new-york'",
        )
        return ""
    return value


def _language(r: _Reader, key: str) -> str:
    value = r.text(key)
    if value and not LANGUAGE_PATTERN.match(value):
        r.problem(key, f"{_quoted(value)} is not an ISO 639 language code such as 'ru' or 'en'")
        return ""
    return value
