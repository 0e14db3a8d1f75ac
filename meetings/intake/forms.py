"""The article form, and the draft an extraction pre-fills the admin's meeting form with.

A ``Draft`` holds form initial data rather than the extracted record: the add form needs
primary keys for people, formats and topics, and the editor sees those choices resolved.
"""

import datetime
import secrets
from dataclasses import asdict, dataclass, field

import reversion
from django import forms
from django.db import transaction
from django.db.models import Q

from meetings import models
from meetings.intake import MAX_ARTICLE_BYTES, ArticleRejected, Evidence, Extraction
from meetings.intake import extract_article as run_extraction
from meetings.intake.duplicates import SOURCE_FIELDS, Traits
from meetings.interchange.records import MeetingRecord


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "class": "vLargeTextField"}),
        error_messages={"required": "Paste the text of the article."},
        help_text="The whole article as published, including its dateline.",
    )
    url = forms.URLField(label="URL", max_length=1000, required=False, assume_scheme="https")
    publisher = forms.CharField(max_length=200, required=False, help_text="Kabar, Xinhua…")
    published = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Lets the intake date articles that only say “today” or “on Tuesday”.",
    )

    def clean_text(self) -> str:
        # Browsers submit textarea line breaks as CRLF; evidence offsets count characters of
        # the text the engine saw, so it sees the text as it will be stored.
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        size = len(text.encode("utf-8"))
        if size > MAX_ARTICLE_BYTES:
            raise forms.ValidationError(
                f"The article is {size:,} bytes long; the limit is {MAX_ARTICLE_BYTES:,} "
                "bytes. Paste only the article, not the whole page.",
                code="too_long",
            )
        return text

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        try:
            self.extraction = run_extraction(
                cleaned_data["text"],
                published=cleaned_data.get("published"),
                url=cleaned_data.get("url") or "",
                publisher=cleaned_data.get("publisher") or "",
            )
        except ArticleRejected as rejected:
            self.add_error("text", str(rejected))
        return cleaned_data


@dataclass
class Draft:
    """An extraction made ready for the admin's add form, kept in the editor's session."""

    article: str
    evidence: list[Evidence]
    warnings: list[str]
    meeting: dict
    rows: dict[str, list[dict]]  # inline rows by model name: participation, document, statement
    source: dict
    traits: Traits
    key: str = field(default_factory=lambda: secrets.token_urlsafe(9))

    def inline_rows(self, model) -> list[dict]:
        if model is models.Source:
            return [{**self.source, "order": 0}]
        return self.rows.get(model._meta.model_name, [])

    def source_fields(self) -> dict:
        published = self.source.get("published")
        return {**self.source, "published": published and datetime.date.fromisoformat(published)}

    def to_session(self) -> dict:
        data = asdict(self)
        data["traits"]["start_date"] = self.traits.start_date.isoformat()
        # The source is usually the article itself; a megabyte is worth keeping once.
        if self.source.get("text") == self.article:
            data["source"] = {**self.source, "text": None}
        return data

    @classmethod
    def from_session(cls, data: dict) -> "Draft":
        traits = dict(data["traits"])
        traits["start_date"] = datetime.date.fromisoformat(traits["start_date"])
        traits["countries"] = tuple(traits["countries"])
        source = dict(data["source"])
        if source.get("text") is None:
            source["text"] = data["article"]
        return cls(
            article=data["article"],
            evidence=[Evidence(**e) for e in data["evidence"]],
            warnings=data["warnings"],
            meeting=data["meeting"],
            rows=data["rows"],
            source=source,
            traits=Traits(**traits),
            key=data["key"],
        )


def prepare_draft(extraction: Extraction, article: str, user) -> Draft:
    """Resolves the extracted names to the register's rows, filing people it does not hold yet.

    People are filed now rather than when the meeting is saved: the participants and speakers
    inlines choose a person by primary key, and filing them here keeps those inlines the same
    as in any meeting, with every row editable and the autocomplete working.
    """
    record = extraction.record
    refs = _References(record)
    warnings = [*extraction.warnings, *refs.warnings]
    people = _file_people(record, refs, user)
    warnings += [f"{name} was added to the people of the register." for name in people.new_names]
    return Draft(
        article=article,
        evidence=list(extraction.evidence),
        warnings=warnings,
        meeting=_meeting_initial(record, refs),
        rows={
            "participation": _participation_rows(record, refs, people),
            "document": _document_rows(record, refs),
            "statement": _statement_rows(record, refs, people),
        },
        source=_source_row(record, article),
        traits=Traits(
            start_date=record.start_date,
            countries=tuple(sorted(refs.countries(record.countries))),
            host_country=refs.country(record.host_country),
            format_id=refs.format_id,
            city=record.city,
        ),
    )


def _source_row(record: MeetingRecord, article: str) -> dict:
    source = asdict(record.sources[0]) if record.sources else {}
    row = {name: source.get(name) or "" for name in SOURCE_FIELDS}
    row["published"] = row["published"].isoformat() if row["published"] else None
    row["text"] = row["text"] or article
    return row


class _References:
    """The countries, format and topics a record names, looked up in three queries."""

    def __init__(self, record: MeetingRecord):
        self.warnings: list[str] = []
        named = {*record.countries, record.host_country}
        for part in (*record.participants, *record.statements):
            named.add(part.country)
        for document in record.documents:
            named.update(document.signatories)
        named.discard(None)
        self.known_countries = set(
            models.Country.objects.filter(code__in=named).values_list("code", flat=True)
        )
        for code in sorted(named - self.known_countries):
            self.warnings.append(f"Unknown country code {code!r} was left out.")
        self.format_id = self._format_id(record.format)
        slugs = {*record.topics, *(slug for s in record.statements for slug in s.topics)}
        self.topics = dict(models.Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        for slug in sorted(slugs - set(self.topics)):
            self.warnings.append(f"Topic {slug!r} is not in the topic tree; choose one by hand.")

    def _format_id(self, name: str) -> int | None:
        if not name:
            return None
        found = (
            models.Format.objects.filter(
                Q(name_en__iexact=name) | Q(name_ru__iexact=name) | Q(slug=name)
            )
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            self.warnings.append(f"The format “{name}” is not in the register; choose or add it.")
        return found

    def country(self, code: str | None) -> str | None:
        return code if code in self.known_countries else None

    def countries(self, codes) -> list[str]:
        return [code for code in codes if code in self.known_countries]

    def topic_ids(self, slugs) -> list[int]:
        return [self.topics[slug] for slug in slugs if slug in self.topics]


@dataclass
class _People:
    by_key: dict[tuple[str, str | None], int] = field(default_factory=dict)
    new_names: list[str] = field(default_factory=list)

    def add(self, name: str, country: str | None, pk: int) -> None:
        self.by_key.setdefault((name, country), pk)
        self.by_key.setdefault((name, None), pk)

    def pk(self, name: str, country: str | None) -> int | None:
        # A speaker's country is sometimes left out where the participant's is given.
        return self.by_key.get((name, country)) or self.by_key.get((name, None))


def _file_people(record: MeetingRecord, refs: _References, user) -> _People:
    """Finds everyone the record names, by name or Russian name and country; files the rest."""
    wanted: dict[tuple[str, str | None], tuple[str, str]] = {}
    for p in record.participants:
        if p.name:
            wanted.setdefault((p.name, refs.country(p.country)), (p.name, p.name_ru))
    for s in record.statements:
        if s.speaker and not any(s.speaker in (p.name, p.name_ru) for p in record.participants):
            wanted.setdefault((s.speaker, refs.country(s.country)), (s.speaker, ""))
    names = {name for pair in wanted.values() for name in pair if name}
    held = {}
    for person in models.Person.objects.filter(Q(name__in=names) | Q(name_ru__in=names)):
        for name in (person.name, person.name_ru):
            if name:
                held.setdefault((name, person.country_id), person.pk)
    people = _People()
    missing = []
    for (name, country), (_, name_ru) in wanted.items():
        pk = held.get((name, country)) or (name_ru and held.get((name_ru, country)))
        if pk:
            people.add(name, country, pk)
        else:
            missing.append((name, country, name_ru))
    if missing:
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("Added from an article")
            for name, country, name_ru in missing:
                person = models.Person.objects.create(
                    name=name[:200], name_ru=name_ru[:200], country_id=country
                )
                people.add(name, country, person.pk)
                people.new_names.append(name)
    for p in record.participants:
        if p.name and p.name_ru:
            country = refs.country(p.country)
            people.add(p.name_ru, country, people.pk(p.name, country))
    return people


def _meeting_initial(record: MeetingRecord, refs: _References) -> dict:
    initial = {
        "title": record.title,
        "title_en": record.title_en,
        "language": record.language,
        "start_date": record.start_date.isoformat(),
        "end_date": record.end_date.isoformat() if record.end_date else "",
        "city": record.city,
        "host_country": refs.country(record.host_country),
        "format": refs.format_id,
        "edition": record.edition,
        "level": record.level if record.level in models.Level.values else "",
        "countries": refs.countries(record.countries),
        "topics": refs.topic_ids(record.topics),
        "summary": record.summary,
        "status": models.Status.DRAFT,
    }
    return {name: value for name, value in initial.items() if value not in (None, "", [])}


def _participation_rows(record: MeetingRecord, refs: _References, people: _People) -> list[dict]:
    return [
        {
            "person": people.pk(p.name, refs.country(p.country)),
            "country": refs.country(p.country),
            "organisation": p.organisation,
            "position": p.position,
            "order": order,
        }
        for order, p in enumerate(record.participants)
    ]


def _document_rows(record: MeetingRecord, refs: _References) -> list[dict]:
    return [
        {
            "title": d.title,
            "kind": d.kind if d.kind in models.DocumentKind.values else models.DocumentKind.OTHER,
            "signatories": refs.countries(d.signatories),
            "order": order,
        }
        for order, d in enumerate(record.documents)
    ]


def _statement_rows(record: MeetingRecord, refs: _References, people: _People) -> list[dict]:
    return [
        {
            "country": refs.country(s.country),
            "speaker": s.speaker and people.pk(s.speaker, refs.country(s.country)),
            "text": s.text,
            "topics": refs.topic_ids(s.topics),
            "order": order,
        }
        for order, s in enumerate(record.statements)
    ]
