"""The topic tree with counts that include sub-topics, and a topic's page: activity, countries,
documents and what each side said, published meetings only."""

import csv
import io

import pytest
from django.urls import reverse

from meetings.analysis.common import list_url
from tests.factories import import_records, meeting_record

SECRET = "Quetzalcoatl"
TOPICS = reverse("meetings:topics")

pytestmark = pytest.mark.django_db


def topic_url(slug: str) -> str:
    return reverse("meetings:topic", args=[slug])


def listed_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def statement(country, text, topics, speaker=None) -> dict:
    return {"country": country, "speaker": speaker, "text": text, "topics": topics}


@pytest.fixture
def register():
    """Four published meetings on transport and economy, and a draft full of secrets."""
    import_records(
        meeting_record(
            title="Rail and transit talks in Bishkek",
            start_date="2021-05-12",
            countries=["KG", "KZ", "CN"],
            format="Central Asia–China",
            topics=["transit", "railways"],
            participants=[{"name": "Aibek Osmonov", "country": "KG", "position": "Minister"}],
            documents=[
                {"title": "Transit memorandum", "kind": "memorandum", "signatories": ["KG", "CN"]},
                {"title": "Joint statement on railways", "kind": "joint_statement"},
            ],
            statements=[
                statement("KG", "Kyrgyzstan wants the railway built soon.", ["transit"],
                          speaker="Aibek Osmonov"),
                statement("KZ", "Kazakhstan offered its ports.", ["railways"]),
                statement(None, "The sides agreed to meet again.", ["transit"]),
                statement("CN", "China spoke about vaccines.", ["vaccines"]),
            ],
        ),
        meeting_record(
            title="Uzbek–Kyrgyz railway commission",
            start_date="2023-02-01",
            countries=["KG", "UZ"],
            topics=["railways"],
            documents=[{"title": "Railway protocol", "kind": "protocol", "signatories": ["UZ"]}],
            statements=[statement("KG", "Kyrgyzstan asked for lower tariffs.", ["railways"])],
        ),
        meeting_record(
            title="Trade talks in Washington",
            start_date="2022-06-01",
            countries=["US", "KZ"],
            topics=["trade"],
        ),
        meeting_record(
            title="Customs consultations in Astana",
            start_date="2022-07-01",
            countries=["KZ", "UZ"],
            topics=["customs", "trade"],
        ),
        meeting_record(
            title=f"{SECRET} draft talks",
            start_date="2024-03-03",
            countries=["KG", "BT"],
            topics=["transit", "customs", "water-resources"],
            documents=[{"title": f"{SECRET} secret roadmap", "kind": "roadmap",
                        "signatories": ["BT"]}],
            statements=[statement("BT", f"{SECRET} secret statement", ["transit"])],
            status="draft",
        ),
    )  # fmt: skip


def nodes_by_slug(roots) -> dict:
    found, pending = {}, list(roots)
    while pending:
        node = pending.pop()
        found[node.slug] = node
        pending.extend(node.children)
    return found


class TestTopicTree:
    def test_counts_include_sub_topics_and_count_each_meeting_once(self, client, register):
        nodes = nodes_by_slug(client.get(TOPICS).context["roots"])
        # The Bishkek talks are on transit and railways: transport counts them once.
        assert nodes["transport"].meetings == 2
        assert nodes["transit"].meetings == 1
        assert nodes["railways"].meetings == 2
        assert nodes["economy"].meetings == 2
        assert nodes["trade"].meetings == 2
        assert nodes["customs"].meetings == 1
        assert nodes["politics"].meetings == 0
        assert nodes["water-resources"].meetings == 0

    def test_every_count_links_to_a_list_of_exactly_that_many_meetings(self, client, register):
        nodes = nodes_by_slug(client.get(TOPICS).context["roots"]).values()
        counted = [node for node in nodes if node.meetings]
        assert len(counted) >= 6
        for node in counted:
            assert node.meetings_url == list_url(topic=node.slug)
            assert listed_count(client, node.meetings_url) == node.meetings, node.slug

    def test_the_page_shows_the_tree_with_both_names_and_links(self, client, register):
        page = client.get(TOPICS).content.decode()
        assert f'<a href="{topic_url("transport")}">Transport</a>' in page
        assert '<span class="secondary" lang="ru">Транспорт</span>' in page
        assert f'href="{list_url(topic="transport")}">2<' in page
        # Railways sits inside Transport's list.
        transport = page.index('id="topic-transport"')
        assert transport < page.index(topic_url("railways"))

    def test_empty_topics_are_muted_and_link_to_no_list(self, client, register):
        page = client.get(TOPICS).content.decode()
        assert f'href="{list_url(topic="politics")}"' not in page
        assert 'class="panel topic-empty" aria-labelledby="topic-politics"' in page
        assert f'<a href="{topic_url("politics")}">Politics</a>' in page


class TestTopicPage:
    def test_unknown_topics_are_not_found(self, client, register):
        assert client.get(topic_url("no-such-topic")).status_code == 404
        csv_url = reverse("meetings:topic_activity_csv", args=["no-such-topic"])
        assert client.get(csv_url).status_code == 404

    def test_it_shows_the_breadcrumb_sub_topics_and_the_linked_count(self, client, register):
        response = client.get(topic_url("transit"))
        page = response.content.decode()
        assert [a.slug for a in response.context["page"].ancestors] == ["transport"]
        assert f'<li><a href="{topic_url("transport")}">Transport</a></li>' in page
        assert '<li aria-current="page">Transit</li>' in page
        parent = client.get(topic_url("transport"))
        children = [child.slug for child in parent.context["page"].children]
        assert {"transit", "railways", "logistics"} <= set(children)
        assert f'href="{list_url(topic="transport")}">2 published meetings</a>' in (
            parent.content.decode()
        )

    def test_the_activity_chart_counts_each_year_and_links_to_its_meetings(self, client, register):
        chart = client.get(topic_url("transport")).context["page"].activity
        assert [(bar.label, bar.value) for bar in chart.bars] == [
            ("2021", 1),
            ("2022", 0),
            ("2023", 1),
        ]
        assert chart.description == (
            "Published meetings on Transport or a topic within it each year from 2021 to 2023; "
            "the busiest year was 2023 with 1."
        )
        for bar in chart.bars:
            assert bar.url == list_url(topic="transport", year=bar.label)
            assert listed_count(client, bar.url) == bar.value

    def test_the_activity_csv_has_the_charts_numbers(self, client, register):
        response = client.get(reverse("meetings:topic_activity_csv", args=["economy"]))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows == [["Year", "Meetings"], ["2022", "2"]]

    def test_the_countries_most_engaged_link_to_their_meetings(self, client, register):
        response = client.get(topic_url("transport"))
        countries = response.context["page"].countries
        assert [(c.code, c.meetings) for c in countries] == [
            ("KG", 2),
            ("CN", 1),
            ("KZ", 1),
            ("UZ", 1),
        ]
        for country in countries:
            assert country.meetings_url == list_url(topic="transport", country=country.code)
            assert listed_count(client, country.meetings_url) == country.meetings
        assert f'href="{reverse("meetings:country", args=["KG"])}">Kyrgyzstan</a>' in (
            response.content.decode()
        )

    def test_it_lists_the_documents_newest_first_with_a_link_to_all(self, client, register):
        response = client.get(topic_url("transport"))
        found = response.context["page"]
        assert [row.title for row in found.documents] == [
            "Railway protocol",
            "Transit memorandum",
            "Joint statement on railways",
        ]
        assert found.documents_total == 3
        memorandum = found.documents[1]
        assert [s.code for s in memorandum.signatories] == ["CN", "KG"]
        page = response.content.decode()
        assert f'href="{reverse("meetings:documents")}?topic=transport">All 3 documents' in page
        assert f'href="{reverse("meetings:documents")}?kind=memorandum">Memorandum</a>' in page

    def test_statements_are_grouped_by_country_including_sub_topics(self, client, register):
        response = client.get(topic_url("transport"))
        groups = response.context["page"].statement_groups
        said = {group.country_name: [s.text for s in group.statements] for group in groups}
        assert said == {
            "Kyrgyzstan": [
                "Kyrgyzstan asked for lower tariffs.",
                "Kyrgyzstan wants the railway built soon.",
            ],
            "Kazakhstan": ["Kazakhstan offered its ports."],
            "Not attributed": ["The sides agreed to meet again."],
        }
        page = response.content.decode()
        assert "China spoke about vaccines." not in page
        assert f'<a href="{reverse("meetings:person", args=["aibek-osmonov"])}">Aibek' in page
        assert f'<h3 id="said-1"><a href="{reverse("meetings:country", args=["KG"])}">' in page

    def test_a_narrower_topic_shows_only_its_own_statements(self, client, register):
        groups = client.get(topic_url("transit")).context["page"].statement_groups
        assert [(g.country_name, g.total) for g in groups] == [
            ("Kyrgyzstan", 1),
            ("Not attributed", 1),
        ]

    def test_each_country_shows_its_newest_statements_and_says_how_many_more(self, client, db):
        import_records(
            *(
                meeting_record(
                    title=f"Transit round {n}",
                    start_date=f"2020-01-{n + 1:02}",
                    statements=[statement("KG", f"Transit point {n}.", ["transit"])],
                    topics=["transit"],
                )
                for n in range(7)
            )
        )
        response = client.get(topic_url("transit"))
        (group,) = response.context["page"].statement_groups
        assert group.total == 7
        assert [s.text for s in group.statements] == [
            f"Transit point {n}." for n in (6, 5, 4, 3, 2)
        ]
        assert "The newest 5 of 7." in response.content.decode()
        assert group.more_url == list_url(topic="transit", country="KG")


class TestDraftsStayHidden:
    @pytest.mark.parametrize(
        "url",
        [
            TOPICS,
            reverse("meetings:topic", args=["transit"]),
            reverse("meetings:topic", args=["customs"]),
            reverse("meetings:topic_activity_csv", args=["transit"]),
        ],
    )
    def test_no_topic_page_mentions_a_draft(self, client, register, url):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert SECRET not in content
        assert "Bhutan" not in content
        assert "2024" not in content

    def test_drafts_count_nowhere(self, client, register):
        nodes = nodes_by_slug(client.get(TOPICS).context["roots"])
        assert nodes["transit"].meetings == 1
        assert nodes["customs"].meetings == 1
        page = client.get(topic_url("transit")).context["page"]
        assert page.meetings == 1
        assert "BT" not in [c.code for c in page.countries]
        assert page.documents_total == 2
        assert all(group.country_code != "BT" for group in page.statement_groups)


class TestBoundedWork:
    @staticmethod
    def many(count: int):
        import_records(
            *(
                meeting_record(
                    title=f"Transit meeting {n}",
                    start_date=f"{2000 + n % 20}-03-01",
                    countries=["KG", "KZ", "UZ", "CN"][: 2 + n % 3],
                    topics=["transit", "railways", "customs"],
                    participants=[{"name": f"Minister {n}", "country": "KG"}],
                    documents=[
                        {"title": f"Statement {n}", "kind": "joint_statement",
                         "signatories": ["KG", "KZ"]},
                        {"title": f"Plan {n}", "kind": "action_plan", "signatories": ["UZ"]},
                    ],
                    statements=[
                        statement("KG", f"Point {n}.", ["transit"], speaker=f"Minister {n}"),
                        statement(["KZ", "UZ", "CN"][n % 3], f"Reply {n}.", ["railways"]),
                        statement(None, f"Both {n}.", ["transit"]),
                    ],
                )
                for n in range(count)
            )
        )  # fmt: skip

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_tree_takes_three_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        # The register's version; the tree; the counts (one UNION ALL).
        with django_assert_num_queries(3):
            client.get(TOPICS)

    @pytest.mark.parametrize("count", [3, 30])
    def test_a_topic_page_takes_nine_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        # The version; the tree; years; countries; the document count, rows and signatories;
        # the statement counts by country and the newest statements.
        with django_assert_num_queries(9):
            client.get(topic_url("transport"))

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_activity_csv_takes_three_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        with django_assert_num_queries(3):
            client.get(reverse("meetings:topic_activity_csv", args=["transport"]))

    def test_a_repeated_page_is_answered_from_the_cache_until_a_write(
        self, client, django_assert_num_queries
    ):
        self.many(3)
        first = client.get(topic_url("transport")).context["page"].meetings
        tree = nodes_by_slug(client.get(TOPICS).context["roots"])
        with django_assert_num_queries(2):  # the register's version, once a page
            client.get(topic_url("transport"))
            client.get(TOPICS)
        import_records(meeting_record(title="One more on railways", topics=["railways"]))
        assert client.get(topic_url("transport")).context["page"].meetings == first + 1
        after = nodes_by_slug(client.get(TOPICS).context["roots"])
        assert after["railways"].meetings == tree["railways"].meetings + 1
