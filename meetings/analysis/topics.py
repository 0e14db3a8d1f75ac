"""The topic tree with its meeting counts, and one topic's page: its activity by year, the
countries most engaged, the documents adopted and what each side said on it.

A topic's meetings are those tagged with it or with any topic below it, each counted once:
exactly the meetings the list shows for ``?topic=<slug>``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.analysis.common import StartYear, list_url, published_ids, year_series
from meetings.analysis.documents import (
    DocumentRow,
    document_rows,
    newest_first,
    published_documents,
    with_row_fields,
)
from meetings.charts import Bar, Chart
from meetings.models import (
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Statement,
    StatementTopic,
    Status,
    Topic,
)
from meetings.templatetags.names import collation_key, localized, sorted_by_name

TOP_COUNTRIES = 12
DOCUMENTS_SHOWN = 20
STATEMENT_COUNTRIES = 12
STATEMENTS_PER_COUNTRY = 5


@dataclass
class TopicNode:
    id: int
    slug: str
    name_en: str
    name_ru: str
    parent_id: int | None
    children: list["TopicNode"] = field(default_factory=list)
    meetings: int = 0

    @property
    def meetings_url(self) -> str:
        return list_url(topic=self.slug)


class TopicTree:
    """Every topic, loaded in one query, with its place in the tree."""

    def __init__(self):
        rows = Topic.objects.order_by().values_list("id", "slug", "name_en", "name_ru", "parent_id")
        # Siblings in the interface language's order of their names.
        self.by_id = {node.id: node for node in sorted_by_name(TopicNode(*row) for row in rows)}
        self.roots = []
        for node in self.by_id.values():
            parent = self.by_id.get(node.parent_id)
            (parent.children if parent else self.roots).append(node)

    def get(self, slug: str) -> TopicNode | None:
        return next((node for node in self.by_id.values() if node.slug == slug), None)

    def subtree(self, node: TopicNode) -> list[TopicNode]:
        """The node and every topic below it."""
        found, pending = [], [node]
        while pending:
            current = pending.pop()
            found.append(current)
            pending.extend(current.children)
        return found

    def ancestors(self, node: TopicNode) -> list[TopicNode]:
        """From the root down to the node's parent."""
        found, seen = [], {node.id}
        parent = self.by_id.get(node.parent_id)
        while parent and parent.id not in seen:  # a cycle entered by hand must not hang
            found.append(parent)
            seen.add(parent.id)
            parent = self.by_id.get(parent.parent_id)
        return found[::-1]

    def levels(self) -> list[list[TopicNode]]:
        """The nodes by depth: the roots, their children, and so on."""
        levels, current = [], self.roots
        while current:
            levels.append(current)
            current = [child for node in current for child in node.children]
        return levels


def topic_tree() -> list[TopicNode]:
    """The roots of the tree, each node counting the published meetings tagged with it or a
    topic below it. Two queries: the tree, and the counts (see ``_count_meetings``)."""
    tree = TopicTree()
    _count_meetings(tree)
    return tree.roots


def _count_meetings(tree: TopicTree) -> None:
    """A leaf's count is its number of links to published meetings (a meeting links a topic
    once). A topic with children needs the meetings linked to any topic of its subtree counted
    once each: per depth, a CASE maps every link to its ancestor at that depth, and the
    meetings are counted distinct per ancestor. All of it is one UNION ALL query, whose size
    follows the tree, not the register."""
    published_links = MeetingTopic.objects.filter(meeting_id__in=published_ids()).order_by()
    leaves = [node.id for node in tree.by_id.values() if not node.children]
    parts = [
        published_links.filter(topic_id__in=leaves)
        .values_list("topic_id")
        .annotate(n=Count("meeting_id"))
    ]
    for level in tree.levels():
        parents = [node for node in level if node.children]
        if not parents:
            continue
        subtrees = {node.id: [t.id for t in tree.subtree(node)] for node in parents}
        ancestor = Case(
            *(When(topic_id__in=ids, then=Value(pk)) for pk, ids in subtrees.items()),
            output_field=IntegerField(),
        )
        parts.append(
            published_links.filter(topic_id__in=[i for ids in subtrees.values() for i in ids])
            .annotate(ancestor=ancestor)
            .values_list("ancestor")
            .annotate(n=Count("meeting_id", distinct=True))
        )
    counts = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for topic_id, n in counts:
        tree.by_id[topic_id].meetings = n


@dataclass(frozen=True)
class EngagedCountry:
    code: str
    name_en: str
    name_ru: str
    meetings: int
    meetings_url: str
    share: int  # of the busiest country's count, in per cent, for the meter


@dataclass(frozen=True)
class StatementItem:
    text: str
    speaker_name: str
    speaker_slug: str
    meeting_slug: str
    meeting_title: str
    meeting_language: str
    meeting_date: date


@dataclass
class StatementGroup:
    """What one side said on the topic, newest first; ``country_code`` is empty for
    statements attributed to no country."""

    country_code: str
    country_name: str
    total: int
    statements: list[StatementItem] = field(default_factory=list)
    more_url: str = ""


@dataclass
class TopicPage:
    topic: TopicNode
    ancestors: list[TopicNode]
    children: list[TopicNode]
    meetings: int
    meetings_url: str
    activity: Chart
    countries: list[EngagedCountry]
    documents: list[DocumentRow]
    documents_total: int
    documents_url: str
    statement_groups: list[StatementGroup]
    statement_countries_left_out: int


class UnknownTopic(LookupError):
    pass


def topic_page(slug: str) -> TopicPage:
    """Everything the topic's page shows, in eight queries whatever the data; raises
    UnknownTopic for a slug no topic has."""
    tree = TopicTree()
    topic = tree.get(slug)
    if topic is None:
        raise UnknownTopic(slug)
    on_topic = _published_meetings_on(tree, topic)
    activity = _activity_chart(topic, on_topic)
    documents = published_documents().filter(meeting_id__in=on_topic)
    groups, left_out = _statement_groups(tree, topic)
    return TopicPage(
        topic=topic,
        ancestors=tree.ancestors(topic),
        children=topic.children,
        meetings=activity.total,
        meetings_url=topic.meetings_url,
        activity=activity,
        countries=_engaged_countries(topic, on_topic),
        documents=document_rows(with_row_fields(newest_first(documents))[:DOCUMENTS_SHOWN]),
        documents_total=documents.count(),
        documents_url=f"{reverse('meetings:documents')}?topic={topic.slug}",
        statement_groups=groups,
        statement_countries_left_out=left_out,
    )


def topic_activity(slug: str) -> Chart:
    """The topic's meetings per year alone, for its CSV: two queries."""
    tree = TopicTree()
    topic = tree.get(slug)
    if topic is None:
        raise UnknownTopic(slug)
    return _activity_chart(topic, _published_meetings_on(tree, topic))


def _published_meetings_on(tree: TopicTree, topic: TopicNode) -> QuerySet:
    """The ids of published meetings tagged with the topic or one below it, as a subquery."""
    linked = MeetingTopic.objects.filter(topic_id__in=[t.id for t in tree.subtree(topic)])
    return published_ids().filter(pk__in=linked.values("meeting_id"))


def _activity_chart(topic: TopicNode, on_topic: QuerySet) -> Chart:
    counts = (
        Meeting.objects.filter(pk__in=on_topic)
        .annotate(year=StartYear("start_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series = year_series(counts)
    bars = [Bar(str(year), n, list_url(topic=topic.slug, year=year)) for year, n in series]
    return Chart(
        slug="activity",
        title=_("Meetings on {topic} per year").format(topic=_name(topic)),
        description=_activity_description(topic, series),
        bars=bars,
        csv_url=reverse("meetings:topic_activity_csv", args=[topic.slug]),
    )


def _activity_description(topic: TopicNode, series: list[tuple[int, int]]) -> str:
    if not series:
        return _("No published meeting is on {topic} yet.").format(topic=_name(topic))
    busiest_year, most = max(series, key=lambda row: (row[1], row[0]))
    first, last = series[0][0], series[-1][0]
    if topic.children and first == last:
        text = _(
            "Published meetings on {topic} or a topic within it in {first}; the busiest year "
            "was {busiest} with {most}."
        )
    elif topic.children:
        text = _(
            "Published meetings on {topic} or a topic within it each year from {first} to "
            "{last}; the busiest year was {busiest} with {most}."
        )
    elif first == last:
        text = _(
            "Published meetings on {topic} in {first}; the busiest year was {busiest} with {most}."
        )
    else:
        text = _(
            "Published meetings on {topic} each year from {first} to {last}; the busiest year "
            "was {busiest} with {most}."
        )
    return text.format(topic=_name(topic), first=first, last=last, busiest=busiest_year, most=most)


def _name(topic: TopicNode) -> str:
    return localized(topic.name_en, topic.name_ru)


def _engaged_countries(topic: TopicNode, on_topic: QuerySet) -> list[EngagedCountry]:
    rows = list(
        MeetingCountry.objects.filter(meeting_id__in=on_topic)
        .values_list("country_id", "country__name_en", "country__name_ru")
        .annotate(n=Count("meeting_id"))
        .order_by("-n", "country__name_en")[:TOP_COUNTRIES]
    )
    busiest = rows[0][3] if rows else 1
    return [
        EngagedCountry(
            code=code,
            name_en=name_en,
            name_ru=name_ru,
            meetings=n,
            meetings_url=list_url(topic=topic.slug, country=code),
            share=round(100 * n / busiest),
        )
        for code, name_en, name_ru, n in rows
    ]


def _statement_groups(tree: TopicTree, topic: TopicNode) -> tuple[list[StatementGroup], int]:
    """The statements on the topic (or one below it) by country: the countries that said most
    first, "Not attributed" last, the newest few of each; and how many countries are left out.
    Two queries: the counts by country, and the newest statements of the countries shown,
    ranked by a window function."""
    tagged = StatementTopic.objects.filter(topic_id__in=[t.id for t in tree.subtree(topic)])
    statements = Statement.objects.filter(
        meeting__status=Status.PUBLISHED, pk__in=tagged.values("statement_id")
    )
    counts = list(
        statements.values_list("country_id", "country__name_en", "country__name_ru")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = [(code, localized(en, ru), n) for code, en, ru, n in counts]
    attributed = sorted(
        (row for row in counts if row[0]), key=lambda row: (-row[2], collation_key(row[1]))
    )
    unattributed = sum(n for code, _, n in counts if not code)
    groups = {
        code: StatementGroup(code, name, n, more_url=list_url(topic=topic.slug, country=code))
        for code, name, n in attributed[:STATEMENT_COUNTRIES]
    }
    if unattributed:
        groups[None] = StatementGroup("", _("Not attributed"), unattributed)
    left_out = max(0, len(attributed) - STATEMENT_COUNTRIES)
    if not groups:
        return [], left_out
    newest = (
        statements.filter(Q(country_id__in=[c for c in groups if c]) | Q(country__isnull=True))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("country_id")],
                order_by=[
                    F("meeting__start_date").desc(),
                    F("meeting_id").desc(),
                    F("order").asc(),
                    F("pk").asc(),
                ],
            )
        )
        .filter(rank__lte=STATEMENTS_PER_COUNTRY)
        .select_related("meeting", "speaker")
        .only(
            "text",
            "country_id",
            "order",
            "speaker__name",
            "speaker__slug",
            "meeting__slug",
            "meeting__title",
            "meeting__language",
            "meeting__start_date",
        )
        .order_by("-meeting__start_date", "-meeting_id", "order", "pk")
    )
    for statement in newest:
        groups[statement.country_id].statements.append(_statement_item(statement))
    return list(groups.values()), left_out


def _statement_item(statement: Statement) -> StatementItem:
    meeting, speaker = statement.meeting, statement.speaker
    return StatementItem(
        text=statement.text,
        speaker_name=speaker.name if speaker else "",
        speaker_slug=speaker.slug if speaker else "",
        meeting_slug=meeting.slug,
        meeting_title=meeting.title,
        meeting_language=meeting.language,
        meeting_date=meeting.start_date,
    )
