"""The article form, and the draft an extraction pre-fills the admin's meeting form with.

A ``Draft`` holds form initial data rather than the extracted record: the add form needs
primary keys for people, formats and topics, and the editor sees those choices resolved.
"""

import datetime
import secrets
from dataclasses import asdict, dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings import models
from meetings.intake import MAX_ARTICLE_BYTES, ArticleRejected, Evidence, Extraction
from meetings.intake import extract_article as run_extraction
from meetings.intake.duplicates import SOURCE_FIELDS, Traits
from meetings.interchange.records import MeetingRecord
from meetings.templatetags.names import grouped_number


class ArticleForm(forms.Form):
    text = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "class": "vLargeTextField"}),
        error_messages={"required": _("Paste the text of the article.")},
        help_text=_("The whole article as published, including its dateline."),
    )
    url = forms.URLField(label=_("URL"), max_length=1000, required=False, assume_scheme="https")
    publisher = forms.CharField(
        label=_("Publisher"), max_length=200, required=False, help_text=_("Kabar, Xinhua…")
    )
    published = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Lets the intake date articles that only say “today” or “on Tuesday”."),
    )

    def clean_text(self) -> str:
        # Browsers submit textarea line breaks as CRLF; evidence offsets count characters of
        # the text the engine saw, so it sees the text as it will be stored.
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        size = len(text.encode("utf-8"))
        if size > MAX_ARTICLE_BYTES:
            raise forms.ValidationError(
                gettext(
                    "The article is {size} bytes long; the limit is {limit} bytes. Paste only "
                    "the article, not the whole page."
                ).format(size=grouped_number(size), limit=grouped_number(MAX_ARTICLE_BYTES)),
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


class DuplicateChoiceForm(forms.Form):
    """What the editor says of the meetings the article may already describe."""

    NEW = "new"
    prefix = "intake"
    choice = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a meeting to attach the article to, or a new one.")},
    )

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["choice"].choices = [
            *((self.attach_value(c.meeting.pk), c.meeting.title) for c in candidates),
            (self.NEW, gettext("None of these: save the article as a new meeting")),
        ]

    @staticmethod
    def attach_value(meeting_id: int) -> str:
        return f"attach-{meeting_id}"

    @property
    def chosen(self) -> str:
        return self["choice"].value() or ""

    @property
    def meeting_id(self) -> int | None:
        value = self.cleaned_data["choice"]
        return None if value == self.NEW else int(value.removeprefix("attach-"))


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
    # Interchange names of the fields the article did not give ("start_date").
    missing: list[str] = field(default_factory=list)
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
        start = self.traits.start_date
        data["traits"]["start_date"] = start and start.isoformat()
        # The source is usually the article itself; a megabyte is worth keeping once.
        if self.source.get("text") == self.article:
            data["source"] = {**self.source, "text": None}
        return data

    @classmethod
    def from_session(cls, data: dict) -> "Draft":
        traits = dict(data["traits"])
        start = traits["start_date"]
        traits["start_date"] = start and datetime.date.fromisoformat(start)
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
            missing=data.get("missing", []),
            key=data["key"],
        )


def prepare_draft(extraction: Extraction, article: str) -> Draft:
    """Resolves the extracted names to the register's rows; writes nothing.

    People the register does not hold yet stay names in the draft: their participant and
    speaker rows carry the name in a "new person" field, and saving the meeting files them
    (``file_person``) in the same transaction and revision as the meeting itself.
    """
    record = extraction.record
    refs = _References(record)
    people = _find_people(record, refs)
    warnings = [*extraction.warnings, *refs.warnings]
    warnings += [
        gettext(
            "{name} is not in the register yet; saving the meeting adds them to the people."
        ).format(name=name)
        for name in people.new_names()
    ]
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
        missing=list(extraction.missing),
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
            self.warnings.append(
                gettext("Unknown country code {code} was left out.").format(code=repr(code))
            )
        self.format_id = self._format_id(record.format)
        slugs = {*record.topics, *(slug for s in record.statements for slug in s.topics)}
        self.topics = dict(models.Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        for slug in sorted(slugs - set(self.topics)):
            self.warnings.append(
                gettext("Topic {slug} is not in the topic tree; choose one by hand.").format(
                    slug=repr(slug)
                )
            )

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
            self.warnings.append(
                gettext("The format “{name}” is not in the register; choose or add it.").format(
                    name=name
                )
            )
        return found

    def country(self, code: str | None) -> str | None:
        return code if code in self.known_countries else None

    def countries(self, codes) -> list[str]:
        return [code for code in codes if code in self.known_countries]

    def topic_ids(self, slugs) -> list[int]:
        return [self.topics[slug] for slug in slugs if slug in self.topics]


@dataclass(frozen=True)
class NewPerson:
    """Someone the draft names whom the register does not hold yet."""

    name: str
    name_ru: str = ""


@dataclass
class _People:
    by_key: dict[tuple[str, str | None], int | NewPerson] = field(default_factory=dict)

    def add(self, name: str, country: str | None, person: int | NewPerson) -> None:
        self.by_key.setdefault((name, country), person)
        self.by_key.setdefault((name, None), person)

    def get(self, name: str, country: str | None) -> int | NewPerson | None:
        # A speaker's country is sometimes left out where the participant's is given.
        return self.by_key.get((name, country)) or self.by_key.get((name, None))

    def new_names(self) -> list[str]:
        named = (p.name for p in self.by_key.values() if isinstance(p, NewPerson))
        return list(dict.fromkeys(named))


def _find_people(record: MeetingRecord, refs: _References) -> _People:
    """Finds everyone the record names, by name or Russian name and country, in one query."""
    wanted: dict[tuple[str, str | None], tuple[str, str]] = {}
    for p in record.participants:
        if p.name:
            wanted.setdefault((p.name, refs.country(p.country)), (p.name, p.name_ru or ""))
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
    for (name, country), (_given, name_ru) in wanted.items():
        pk = held.get((name, country)) or (name_ru and held.get((name_ru, country)))
        people.add(name, country, pk or NewPerson(name[:200], name_ru[:200]))
    for p in record.participants:
        if p.name and p.name_ru:
            country = refs.country(p.country)
            people.add(p.name_ru, country, people.get(p.name, country))
    return people


def _person_fields(person: int | NewPerson | None, field_name: str) -> dict:
    """A row's person: the primary key of one held, or the name of one to file on saving."""
    if isinstance(person, NewPerson):
        return {
            field_name: None,
            f"new_{field_name}": person.name,
            f"new_{field_name}_ru": person.name_ru,
        }
    return {field_name: person}


def held_person(name: str, name_ru: str, country_id: str | None) -> models.Person | None:
    """One the register holds by that name (of that country, when one is given)."""
    names = [n for n in (name, name_ru) if n]
    found = models.Person.objects.filter(Q(name__in=names) | Q(name_ru__in=names))
    if country_id:
        found = found.filter(country_id=country_id)
    return found.order_by("pk").first()


def file_person(name: str, name_ru: str, country_id: str | None) -> models.Person:
    """The person a saved row names: one held by that name, else a new one.

    Runs inside the admin's save, so the new person joins the meeting's transaction and
    revision. Another row of the same save may have filed them a moment ago: a speaker is
    usually a participant too.
    """
    held = held_person(name, name_ru, country_id)
    if held is not None:
        return held
    return models.Person.objects.create(
        name=name[:200], name_ru=name_ru[:200], country_id=country_id
    )


def _meeting_initial(record: MeetingRecord, refs: _References) -> dict:
    initial = {
        "title": record.title,
        "title_en": record.title_en,
        "language": record.language,
        "start_date": record.start_date and record.start_date.isoformat(),
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
            **_person_fields(p.name and people.get(p.name, refs.country(p.country)), "person"),
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
            **_person_fields(
                s.speaker and people.get(s.speaker, refs.country(s.country)), "speaker"
            ),
            "text": s.text,
            "topics": refs.topic_ids(s.topics),
            "order": order,
        }
        for order, s in enumerate(record.statements)
    ]


# The inlines whose rows name a person, by the name of that field.
PERSON_FIELDS = {models.Participation: "person", models.Statement: "speaker"}
NEW_PERSON_LABELS = {"person": _("or a new person"), "speaker": _("or a new speaker")}


def with_new_person(form_class: type[forms.ModelForm], person_field: str) -> type:
    """The inline's form, plus a field naming a person the register does not hold yet.

    A row may choose a held person or name a new one; the new one is filed when the row is
    saved, so reading an article never writes a person who may never be saved.
    """
    new_name, new_name_ru = f"new_{person_field}", f"new_{person_field}_ru"

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        # The model's rule stays, checked in clean(): a person chosen or a new one named.
        self.person_required = self.fields[person_field].required
        self.fields[person_field].required = False

    def clean(self):
        cleaned_data = form_class.clean(self)
        if cleaned_data.get(person_field):
            cleaned_data[new_name] = ""  # a chosen person wins over a typed name
        elif (
            self.person_required
            and not cleaned_data.get(new_name)
            and person_field not in self.errors
        ):
            self.add_error(
                person_field,
                gettext("Choose a person, or name one the register does not hold yet."),
            )
        return cleaned_data

    def save(self, commit=True):
        name = self.cleaned_data.get(new_name)
        if name and getattr(self.instance, f"{person_field}_id") is None:
            country = self.cleaned_data.get("country")
            person = file_person(
                name, self.cleaned_data.get(new_name_ru) or "", country and country.pk
            )
            setattr(self.instance, person_field, person)
        return form_class.save(self, commit)

    attrs = {
        "__init__": __init__,
        "clean": clean,
        "save": save,
        new_name: forms.CharField(
            label=NEW_PERSON_LABELS.get(person_field, person_field),
            max_length=200,
            required=False,
            help_text=_("Not in the register yet: saving adds them to the people."),
        ),
        new_name_ru: forms.CharField(max_length=200, required=False, widget=forms.HiddenInput),
    }
    return type(f"NewPerson{form_class.__name__}", (form_class,), attrs)


def with_distinct_people(formset_class: type, person_field: str) -> type:
    """The inline's formset, refusing two rows for one person before the database would.

    The formset's own check sees chosen people only; a typed name may be someone another
    row chose, or the same name typed twice.
    """

    def clean(self):
        formset_class.clean(self)
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or self._should_delete_form(form):
                continue
            person, name = data.get(person_field), data.get(f"new_{person_field}")
            country = data.get("country")
            if person is None and name:
                country_id = country and country.pk
                held = held_person(name, data.get(f"new_{person_field}_ru") or "", country_id)
                person = held or (" ".join(name.casefold().split()), country_id)
            if person is None:
                continue
            if person in seen:
                raise forms.ValidationError(
                    gettext("One person is named in two rows; remove one of them."),
                    code="duplicate",
                )
            seen.add(person)

    return type(formset_class.__name__, (formset_class,), {"clean": clean})


def new_person_fields(fields: list, person_field: str) -> list:
    """An inline's field list with the new-person fields right after the person field."""
    out = []
    for item in fields:
        out.append(item)
        if item == person_field:
            out += [f"new_{person_field}", f"new_{person_field}_ru"]
    return out
