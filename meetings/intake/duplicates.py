"""Meetings an article may already describe, and attaching the article to one of them.

An article about a meeting the register already holds should become another source of that
meeting, not a second copy of it.
"""

import datetime
import uuid
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from meetings import models
from meetings.text import transliterate

WINDOW_DAYS = 3
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Traits:
    """What an extracted meeting is compared by."""

    start_date: datetime.date | None
    countries: tuple[str, ...] = ()
    host_country: str | None = None
    format_id: int | None = None
    city: str = ""

    @property
    def guests(self) -> set[str]:
        # Two unrelated meetings in one capital share the host; only the guests tell them apart.
        return set(self.countries) - {self.host_country}


@dataclass
class Candidate:
    meeting: models.Meeting
    days_apart: int
    shared_countries: list[str]
    same_format: bool
    same_city: bool


def find_candidates(traits: Traits, limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """Meetings starting within WINDOW_DAYS that share a guest country, the format or the city.

    Closest first: fewest days apart, then most shared countries, same format, same city. Two
    queries whatever the register holds.
    """
    resemblance = _resemblance(traits)
    if resemblance is None or traits.start_date is None:
        return []
    window = datetime.timedelta(days=WINDOW_DAYS)
    meetings = (
        models.Meeting.objects.filter(
            start_date__range=(traits.start_date - window, traits.start_date + window)
        )
        .annotate(
            shared=_shared_count(traits.guests),
            days_apart=_days_apart(traits.start_date),
            same_format=_flag(Q(format_id=traits.format_id) if traits.format_id else None),
            same_city=_flag(Q(city__iexact=traits.city) if traits.city else None),
        )
        .filter(resemblance)
        .order_by("days_apart", "-shared", "-same_format", "-same_city", "-start_date", "pk")
        .select_related("host_country", "format")
        .prefetch_related("countries")[:limit]
    )
    return [
        Candidate(
            meeting=meeting,
            days_apart=meeting.days_apart,
            shared_countries=sorted(
                c.code for c in meeting.countries.all() if c.code in traits.guests
            ),
            same_format=bool(meeting.same_format),
            same_city=bool(meeting.same_city),
        )
        for meeting in meetings
    ]


def _resemblance(traits: Traits) -> Q | None:
    conditions = []
    if traits.guests:
        conditions.append(Q(shared__gt=0))
    if traits.format_id:
        conditions.append(Q(format_id=traits.format_id))
    if traits.city:
        conditions.append(Q(city__iexact=traits.city))
    if not conditions:
        return None
    resemblance = conditions[0]
    for condition in conditions[1:]:
        resemblance |= condition
    return resemblance


def _shared_count(codes: set[str]):
    if not codes:
        return Value(0)
    links = (
        models.MeetingCountry.objects.filter(meeting=OuterRef("pk"), country_id__in=codes)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), 0)


def _days_apart(day: datetime.date):
    # The window is a week, so spelling out each day stays portable across databases, where
    # date arithmetic is not.
    return Case(
        *(
            When(start_date=day + datetime.timedelta(days=offset), then=Value(abs(offset)))
            for offset in range(-WINDOW_DAYS, WINDOW_DAYS + 1)
        ),
        default=Value(WINDOW_DAYS + 1),
        output_field=IntegerField(),
    )


def _flag(condition: Q | None):
    if condition is None:
        return Value(0)
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


class AlreadyAttached(Exception):
    pass


SOURCE_FIELDS = ["publisher", "url", "published", "language", "title", "dateline", "text"]


def attach_source(meeting_id: int, source: dict, user) -> models.Source:
    """Appends the article to a meeting's sources and records a revision; nothing else changes.

    The meeting's lock token is renewed, as any save renews it, so a change form opened before
    the article was attached is refused instead of dropping the new source.
    """
    fields = as_source(source)
    with transaction.atomic(), reversion.create_revision():
        meeting = models.Meeting.objects.select_for_update().get(pk=meeting_id)
        if _holds_source(meeting, fields):
            raise AlreadyAttached
        last = meeting.sources.aggregate(last=Max("order"))["last"]
        attached = models.Source.objects.create(
            meeting=meeting, order=0 if last is None else last + 1, **fields
        )
        meeting.lock_token = uuid.uuid4()
        meeting.save(update_fields=["lock_token", "updated_at"])
        reversion.set_user(user)
        reversion.set_comment(f"Article attached as a source: {_describe(fields)}")
    return attached


def as_source(source: dict) -> dict:
    """An article's source fields as a Source row holds them: blank rather than missing."""
    return {name: source.get(name) or _blank(name) for name in SOURCE_FIELDS}


def is_held(meeting: models.Meeting, source: dict) -> bool:
    """Whether the meeting already has this article among its sources."""
    return _holds_source(meeting, as_source(source))


def _blank(name: str):
    return None if name == "published" else ""


def _holds_source(meeting: models.Meeting, fields: dict) -> bool:
    return any(same_source(held, fields) for held in meeting.sources.all())


def same_source(held: models.Source, new: dict) -> bool:
    """Whether a held source is the article about to be attached.

    Two addresses decide alone, and so do two texts. Without both, the same dateline, or the
    same publisher on the same publication day, is taken to be the same article: the seed's
    Kabar source holds neither address nor text, and the intake reads its publisher as
    "Кабар" from the dateline.
    """
    if held.url and new["url"]:
        return _url_key(held.url) == _url_key(new["url"])
    if held.text and new["text"]:
        return _same_text(_folded(held.text), _folded(new["text"]))
    if held.dateline and _folded(held.dateline) == _folded(new["dateline"]):
        return True
    publisher = _latin(held.publisher)
    return bool(publisher and held.published) and (
        (publisher, held.published) == (_latin(new["publisher"]), new["published"])
    )


def _folded(text: str | None) -> str:
    # Pasted copies differ in line endings and runs of spaces, not in words.
    return " ".join((text or "").split()).casefold()


def _latin(name: str | None) -> str:
    """A publisher's name as compared: "Кабар" and "Kabar" are one agency."""
    return transliterate(_folded(name))


def _same_text(one: str, other: str) -> bool:
    # One paste may carry a page's trailing links ("Comments") that the other left out.
    shorter, longer = sorted((one, other), key=len)
    return shorter in longer and len(shorter) >= 0.8 * len(longer)


def _url_key(url: str) -> str:
    scheme_less = url.strip().split("://", 1)[-1]
    return scheme_less.removeprefix("www.").rstrip("/").casefold()


def _describe(fields: dict) -> str:
    parts = [fields["publisher"], fields["url"], fields["published"] and str(fields["published"])]
    return ", ".join(part for part in parts if part) or "pasted text"
