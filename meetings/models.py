"""The meeting register: who met whom, where and when, what they said and adopted."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    HEADS_OF_STATE = "heads_of_state", _("Heads of state")
    HEADS_OF_GOVERNMENT = "heads_of_government", _("Heads of government")
    FOREIGN_MINISTERS = "foreign_ministers", _("Foreign ministers")
    MINISTERS = "ministers", _("Ministers")
    SENIOR_OFFICIALS = "senior_officials", _("Senior officials")
    EXPERTS = "experts", _("Experts")
    PARLIAMENTARY = "parliamentary", _("Parliamentary")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    DECLARATION = "declaration", _("Declaration")
    AGREEMENT = "agreement", _("Agreement")
    TREATY = "treaty", _("Treaty")
    ROADMAP = "roadmap", _("Roadmap")
    COMMUNIQUE = "communique", _("Communiqué")
    ACTION_PLAN = "action_plan", _("Action plan")
    PROTOCOL = "protocol", _("Protocol")
    RESOLUTION = "resolution", _("Resolution")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Country(models.Model):
    """An ISO 3166-1 country, or an ISO 3166-3 former state such as the Soviet Union."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    is_former = models.BooleanField(_("former state"), default=False)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.code})"


class CountryAlias(models.Model):
    """Another name the news uses for a country: Киргизия, КР, Kyrgyz Republic."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("country")
    )
    name = models.CharField(max_length=150, verbose_name=_("name"))

    class Meta:
        verbose_name = _("country alias")
        verbose_name_plural = _("country aliases")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="country_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CountryGroup(models.Model):
    """A named set of countries, such as Central Asia (the seed's "ЦА")."""

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    aliases = models.TextField(
        blank=True, help_text=_("Other names, one a line."), verbose_name=_("aliases")
    )
    members = models.ManyToManyField(
        Country, through="CountryGroupMember", related_name="groups", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class CountryGroupMember(models.Model):
    group = models.ForeignKey(CountryGroup, on_delete=models.CASCADE, verbose_name=_("group"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))

    class Meta:
        verbose_name = _("country group member")
        verbose_name_plural = _("country group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "country"], name="country_group_member_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.country_id}"


class Topic(models.Model):
    """A node of the topic tree (Health > COVID-19)."""

    slug = models.SlugField(unique=True, max_length=80, verbose_name=_("slug"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class Format(models.Model):
    """A recurring series of meetings: Central Asia–China, C5+1, the SCO foreign ministers."""

    slug = models.SlugField(unique=True, max_length=80, verbose_name=_("slug"))
    name_en = models.CharField(_("name (English)"), max_length=150, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=150, blank=True)
    description = models.TextField(blank=True, verbose_name=_("description"))
    members = models.ManyToManyField(
        Country, through="FormatMember", related_name="formats", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class FormatMemberQuerySet(models.QuerySet):
    def current(self):
        """Today's memberships: former members (Georgia in the CIS) left out."""
        return self.on(timezone.localdate())

    def on(self, day):
        """The memberships in force on ``day``: joined by then (or since the start) and not
        yet left."""
        return self.filter(
            Q(joined__isnull=True) | Q(joined__lte=day), Q(left__isnull=True) | Q(left__gt=day)
        )


class FormatMember(models.Model):
    """A country's membership of a format; the dates are kept only where membership changed
    (India and Pakistan joining the SCO in 2017), so an empty ``joined`` means from the start."""

    format = models.ForeignKey(Format, on_delete=models.CASCADE, verbose_name=_("format"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    # Nullable columns: SQLite adds them in place, keeping the triggers on this table.
    joined = models.DateField(
        null=True,
        blank=True,
        help_text=_("Empty for a founding member, or when not known."),
        verbose_name=_("joined"),
    )
    left = models.DateField(
        null=True, blank=True, help_text=_("Empty while still a member."), verbose_name=_("left")
    )

    objects = FormatMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("format member")
        verbose_name_plural = _("format members")
        constraints = [
            models.UniqueConstraint(fields=["format", "country"], name="format_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.format_id}: {self.country_id}"

    def is_member_on(self, day) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or self.left > day
        )


class Person(models.Model):
    """Someone who takes part in meetings, filed by name in the nominative."""

    name = models.CharField(
        max_length=200,
        help_text=_("As filed, e.g. “Ruslan Kazakbaev”."),
        verbose_name=pgettext_lazy("person", "name"),
    )
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    slug = models.SlugField(
        unique=True,
        max_length=120,
        blank=True,
        help_text=_("The person's address on the public site; made from the name when left empty."),
        verbose_name=_("slug"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("country"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["name_ru"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Every way of adding a person (admin, intake) needs an address; bulk imports set
        # theirs in one pass with meetings.text.person_slug.
        if not self.slug:
            from meetings.text import person_slug

            base = person_slug(self.name, set())
            taken = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
            self.slug = person_slug(self.name, taken)
        super().save(*args, **kwargs)


def new_external_id() -> str:
    return f"summitry-{uuid.uuid4().hex}"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def search(self, q: str):
        """The meetings matching ``q`` (see meetings.search.query), annotated with
        ``search_rank`` (higher is more relevant); nothing when ``q`` asks for nothing."""
        from meetings.search import search

        return search(self, q)

    def for_listing(self):
        """What a result line shows: its place and its countries, in a fixed number of queries."""
        countries = Country.objects.only("code", "name_en", "name_ru")
        return self.select_related("host_country").prefetch_related(
            models.Prefetch("countries", queryset=countries)
        )

    def with_interchange_relations(self):
        """Everything the interchange format writes, fetched in a fixed number of queries."""
        return self.select_related("host_country", "format").prefetch_related(
            "countries",
            "topics",
            "participations__person",
            "documents__signatories",
            "statements__speaker",
            "statements__topics",
            "sources",
        )


class Meeting(models.Model):
    external_id = models.CharField(
        max_length=200,
        unique=True,
        default=new_external_id,
        help_text=_("The identifier used by imports; re-importing it updates this meeting."),
        verbose_name=_("external ID"),
    )
    slug = models.SlugField(
        unique=True, max_length=120, allow_unicode=False, verbose_name=_("slug")
    )
    title = models.CharField(
        max_length=500, help_text=_("In the language of the source."), verbose_name=_("title")
    )
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text=_("ISO 639-1 code of the title and summary."),
        verbose_name=_("language"),
    )
    start_date = models.DateField(db_index=True, verbose_name=_("start date"))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Empty for a one-day meeting."),
        verbose_name=_("end date"),
    )
    city = models.CharField(
        max_length=100, blank=True, help_text=_("Canonical English name."), verbose_name=_("city")
    )
    host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host country"),
    )
    format = models.ForeignKey(
        Format,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("format"),
    )
    edition = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("edition"))
    level = models.CharField(
        max_length=32, choices=Level.choices, blank=True, verbose_name=_("level")
    )
    # Null rather than empty when there is no event: SQLite then adds the column in place,
    # keeping the search and version triggers on this table (a NOT NULL column with a default
    # makes SQLite rebuild the table, and a rebuild drops them).
    event = models.SlugField(  # noqa: DJ001
        max_length=120,
        null=True,
        blank=True,
        db_index=False,  # indexed in Meta, so that SQLite can drop the column in place too
        help_text=_(
            "Meetings of one event (a summit and the leaders' visits to it) share this slug, "
            "e.g. “c5-plus-1-summit-2023-new-york”."
        ),
        verbose_name=_("event"),
    )
    countries = models.ManyToManyField(
        Country, through="MeetingCountry", related_name="meetings", verbose_name=_("countries")
    )
    topics = models.ManyToManyField(
        Topic,
        through="MeetingTopic",
        related_name="meetings",
        blank=True,
        verbose_name=_("topics"),
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        verbose_name=_("status"),
    )
    lock_token = models.UUIDField(
        default=uuid.uuid4,
        help_text=_("Renewed on every save; a form that still holds an older one is stale."),
        verbose_name=_("lock token"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        # In context: the interface also counts meetings, a plural entry of its own.
        verbose_name = pgettext_lazy("model", "meeting")
        verbose_name_plural = pgettext_lazy("model", "meetings")
        ordering = ["-start_date", "title"]
        permissions = [("publish_meeting", "Can publish meetings")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__gte=1),
                name="meeting_edition_positive",
            ),
            models.CheckConstraint(
                condition=Q(level__in=[*Level.values, ""]), name="meeting_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="meeting_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-start_date"], name="meeting_public_listing"),
            models.Index(fields=["event"], name="meeting_event"),
            # A period's filter asks "starts or ends within it": with both dates indexed the
            # two halves are read from indexes, not by walking every meeting.
            models.Index(
                fields=["end_date"], condition=Q(end_date__isnull=False), name="meeting_end_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class MeetingCountry(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="country_links",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))

    class Meta:
        verbose_name = _("meeting country")
        verbose_name_plural = _("meeting countries")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "country"], name="meeting_country_unique"),
        ]
        # A country's meetings read off one index, without visiting the links' rows.
        indexes = [models.Index(fields=["country", "meeting"], name="meeting_country_by_country")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.country_id}"


class MeetingTopic(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="topic_links",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, verbose_name=_("topic"))

    class Meta:
        verbose_name = _("meeting topic")
        verbose_name_plural = _("meeting topics")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="meeting_topic_unique"),
        ]
        # A topic's latest meetings, read off the index alone (the meeting page's related
        # meetings look at no more than those, whatever the size of the register).
        indexes = [models.Index(fields=["topic", "meeting"], name="meeting_topic_latest")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.topic_id}"


class Participation(models.Model):
    """A person at a meeting, with the position they held there and the side they represented."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("When they represent an organisation, not a country."),
        verbose_name=_("organisation"),
    )
    position = models.CharField(max_length=300, blank=True, verbose_name=_("position"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participation_unique"),
        ]

    def __str__(self) -> str:
        side = self.country_id or self.organisation
        return f"{self.person} ({side})" if side else str(self.person)


class Document(models.Model):
    """A document adopted or signed at a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    title = models.CharField(max_length=500, verbose_name=_("title"))
    kind = models.CharField(max_length=32, choices=DocumentKind.choices, verbose_name=_("kind"))
    signatories = models.ManyToManyField(
        Country,
        through="DocumentSignatory",
        related_name="signed_documents",
        blank=True,
        verbose_name=_("signatories"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentSignatory(models.Model):
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="signatory_links",
        verbose_name=_("document"),
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))

    class Meta:
        verbose_name = _("document signatory")
        verbose_name_plural = _("document signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "country"], name="document_signatory_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.country_id}"


class Statement(models.Model):
    """What one side said or proposed at a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("country"),
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("speaker"),
    )
    text = models.TextField(verbose_name=_("text"))
    topics = models.ManyToManyField(
        Topic,
        through="StatementTopic",
        related_name="statements",
        blank=True,
        verbose_name=_("topics"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class StatementTopic(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="topic_links", verbose_name=_("statement")
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, verbose_name=_("topic"))

    class Meta:
        verbose_name = _("statement topic")
        verbose_name_plural = _("statement topics")
        constraints = [
            models.UniqueConstraint(fields=["statement", "topic"], name="statement_topic_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.topic_id}"


class Source(models.Model):
    """An article or press release a meeting record comes from."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    publisher = models.CharField(max_length=200, blank=True, verbose_name=_("publisher"))
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published = models.DateField(
        null=True, blank=True, verbose_name=pgettext_lazy("source", "published")
    )
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    title = models.CharField(max_length=500, blank=True, verbose_name=_("title"))
    dateline = models.CharField(max_length=300, blank=True, verbose_name=_("dateline"))
    text = models.TextField(blank=True, verbose_name=_("text"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.publisher or self.url or f"Source {self.pk}"


class RegisterVersion(models.Model):
    """One row whose number goes up with every committed write to the register.

    Database triggers (migration 0005) raise it on any insert, update or delete that reaches a
    published meeting (the meeting itself, its parts, a meeting being published or withdrawn)
    or the shared names pages carry (countries, people, topics, formats, groups), whatever
    made the write: a save, a bulk import, a queryset update or plain SQL. Cached answers are
    filed under this number, so a change makes them unreachable in the same commit that makes
    the change visible. Work on drafts leaves it alone, and so the cache.
    """

    version = models.BigIntegerField(default=0, verbose_name=_("version"))

    class Meta:
        verbose_name = _("register version")
        verbose_name_plural = _("register versions")

    def __str__(self) -> str:
        return f"Register version {self.version}"


class PendingChange(models.Model):
    """An editor's change to a published meeting, held back until a publisher decides on it.

    ``record`` is the whole proposed meeting in the interchange format; ``base_lock_token`` is
    the meeting's lock token when the editor started, so a proposal overtaken by another save
    is never applied over it. Rejected proposals are kept, as history.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="pending_changes",
        verbose_name=pgettext_lazy("model", "meeting"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    record = models.JSONField(verbose_name=_("record"))
    base_lock_token = models.UUIDField(verbose_name=_("base lock token"))
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, verbose_name=_("state")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="pending_change_queue")]

    def __str__(self) -> str:
        return f"Change to {self.meeting} ({self.get_state_display().lower()})"


# The search index table lives with the search code; importing it here registers it.
from meetings.search.models import SearchDocument  # noqa: E402, F401
