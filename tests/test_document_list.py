"""The documents list: filters by kind, signatory, topic, year and title words, counts by
kind, pages, bad input, and its CSV; documents of published meetings only."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import import_records, meeting_record

DOCUMENTS = reverse("meetings:documents")
CSV = reverse("meetings:documents_csv")
SECRET = "Quetzalcoatl"

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [row.title for row in response.context["found"].page.object_list]


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def document(title: str, kind: str, *signatories: str) -> dict:
    return {"title": title, "kind": kind, "signatories": list(signatories)}


@pytest.fixture
def register():
    import_records(
        meeting_record(
            title="Вторая встреча министров иностранных дел",
            language="ru",
            start_date="2021-05-12",
            format="Central Asia–China",
            countries=["CN", "KG", "KZ"],
            topics=["transit", "covid-19"],
            documents=[
                document("Меморандум о создании формата", "memorandum", "CN", "KG", "KZ"),
                document("Совместное заявление по Афганистану", "joint_statement", "CN", "KG"),
            ],
        ),
        meeting_record(
            title="Uzbek–Kyrgyz railway commission",
            start_date="2023-02-01",
            countries=["KG", "UZ"],
            topics=["railways"],
            documents=[
                document("Railway protocol", "protocol", "KG", "UZ"),
                document('=HYPERLINK("http://evil") joint statement', "joint_statement"),
            ],
        ),
        meeting_record(
            title="Trade talks in Washington",
            start_date="2022-06-01",
            countries=["US", "KZ"],
            topics=["trade"],
            documents=[document("Trade and investment framework", "agreement", "US", "KZ")],
        ),
        meeting_record(
            title=f"{SECRET} draft talks",
            start_date="2024-03-03",
            countries=["KG", "BT"],
            topics=["transit"],
            documents=[document(f"{SECRET} secret roadmap", "roadmap", "KG", "BT")],
            status="draft",
        ),
    )


ALL = [
    "Railway protocol",
    '=HYPERLINK("http://evil") joint statement',
    "Trade and investment framework",
    "Меморандум о создании формата",
    "Совместное заявление по Афганистану",
]


class TestTheList:
    def test_it_lists_published_documents_newest_meeting_first_then_in_order(
        self, client, register
    ):
        response = client.get(DOCUMENTS)
        assert titles(response) == ALL
        assert response.context["found"].total == 5
        assert "5 documents, showing 1–5" in response.content.decode()

    def test_a_row_shows_title_kind_signatories_and_meeting(self, client, register):
        response = client.get(DOCUMENTS)
        page = response.content.decode()
        assert 'class="document-title" lang="ru">Меморандум о создании формата</th>' in page
        assert (
            '<th scope="row" role="rowheader" class="document-title">Railway protocol</th>' in page
        )
        assert f'<a href="{DOCUMENTS}?kind=memorandum">Memorandum</a>' in page
        assert f'<a href="{reverse("meetings:country", args=["KZ"])}" title="Казахстан">' in page
        memorandum = response.context["found"].page.object_list[3]
        detail = reverse("meetings:detail", args=[memorandum.meeting_slug])
        assert f'<a href="{detail}" lang="ru">Вторая встреча министров иностранных дел</a>' in page
        fmt = reverse("meetings:format", args=["central-asia-china"])
        assert f'<a href="{fmt}">Central Asia–China</a>' in page
        assert '<time datetime="2021-05-12">12 May 2021</time>' in page


class TestFilters:
    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"kind": "joint_statement"}, [ALL[1], ALL[4]]),
            ({"signatory": "kg"}, ["Railway protocol", ALL[3], ALL[4]]),
            ({"signatory": ["KG", "KZ"]}, [ALL[3]]),
            ({"signatory": ["KG", "US"]}, []),
            ({"topic": "transport"}, ["Railway protocol", ALL[1], ALL[3], ALL[4]]),
            ({"topic": "transit"}, [ALL[3], ALL[4]]),
            ({"year": "2022"}, ["Trade and investment framework"]),
            ({"q": "меморандум"}, [ALL[3]]),
            ({"q": "JOINT statement"}, [ALL[1]]),
            ({"kind": "joint_statement", "signatory": "CN", "year": "2021"}, [ALL[4]]),
        ],
    )
    def test_each_filter_narrows_the_list(self, client, register, params, expected):
        assert titles(client.get(DOCUMENTS, params)) == expected

    def test_counts_by_kind_leave_out_the_chosen_kind_so_each_switches(self, client, register):
        response = client.get(DOCUMENTS, {"signatory": "KG", "kind": "protocol"})
        kinds = {k.kind: (k.count, k.url, k.selected) for k in response.context["found"].kinds}
        assert kinds == {
            "joint_statement": (1, "?signatory=KG&kind=joint_statement", False),
            "memorandum": (1, "?signatory=KG&kind=memorandum", False),
            "protocol": (1, "?signatory=KG", True),
        }

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"kind": "poem"}, "Unknown document kind “poem”."),
            ({"signatory": "XX"}, "Unknown country code “XX”."),
            ({"topic": "nothing"}, "Unknown topic “nothing”."),
            ({"year": "soon"}, "The year must be a number like 2021."),
            ({"year": "21"}, "The year must have four digits."),
            ({"q": "x" * 201}, "The title words are too long: at most 200 characters."),
            ({"page": "9"}, "There is no page 9: these documents fill 1 page."),
            ({"page": "last"}, "“last” is not a page number."),
            ({"kind": ["memorandum"] * 21}, "“kind” is given 21 times; at most 20 are allowed."),
        ],
    )
    def test_nonsense_gets_a_400_page_saying_why(self, client, register, params, message):
        response = client.get(DOCUMENTS, params)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert response.context["errors"]

    def test_user_text_in_a_message_is_escaped(self, client, register):
        page = client.get(DOCUMENTS, {"kind": "<b>x</b>"}).content.decode()
        assert "<b>x</b>" not in page
        assert "&lt;b&gt;x&lt;/b&gt;" in page

    def test_the_form_keeps_the_chosen_values(self, client, register):
        page = client.get(DOCUMENTS, {"signatory": "kg", "topic": "transit"}).content.decode()
        assert '<option value="KG" selected>Kyrgyzstan</option>' in page
        assert '<option value="transit" selected>Transit</option>' in page


class TestPages:
    @pytest.fixture
    def sixty(self):
        import_records(
            meeting_record(
                title="A long conference",
                documents=[document(f"Paper {n:02}", "other") for n in range(60)],
            )
        )

    def test_fifty_documents_a_page(self, client, sixty):
        assert titles(client.get(DOCUMENTS)) == [f"Paper {n:02}" for n in range(50)]
        second = client.get(DOCUMENTS, {"page": 2})
        assert titles(second) == [f"Paper {n:02}" for n in range(50, 60)]
        assert "Page 2 of 2" in second.content.decode()

    def test_a_page_past_the_end_is_a_400(self, client, sixty):
        response = client.get(DOCUMENTS, {"page": 3})
        assert response.status_code == 400
        assert "There is no page 3: these documents fill 2 pages." in response.content.decode()


class TestCsv:
    def test_it_has_every_filtered_document_with_its_meeting(self, client, register):
        rows = csv_rows(client.get(CSV, {"signatory": "KG"}))
        assert [row["title"] for row in rows] == ["Railway protocol", ALL[3], ALL[4]]
        memorandum = rows[1]
        assert memorandum == {
            "title": "Меморандум о создании формата",
            "kind": "memorandum",
            "signatories": "CN; KG; KZ",
            "signatory_names": "China; Kazakhstan; Kyrgyzstan",
            "meeting_title": "Вторая встреча министров иностранных дел",
            "meeting_url": memorandum["meeting_url"],
            "meeting_date": "2021-05-12",
            "format": "Central Asia–China",
            "topics": "covid-19; transit",
        }
        assert memorandum["meeting_url"].startswith("http://testserver/meetings/2021-05-12-")

    def test_a_cell_that_would_run_as_a_formula_is_made_inert(self, client, register):
        rows = csv_rows(client.get(CSV, {"kind": "joint_statement", "year": "2023"}))
        assert [row["title"] for row in rows] == ["'" + ALL[1]]

    def test_bad_parameters_get_the_400_page(self, client, register):
        response = client.get(CSV, {"signatory": "XX"})
        assert response.status_code == 400
        assert "Unknown country code" in response.content.decode()

    def test_it_runs_a_fixed_number_of_queries(self, client, register, django_assert_num_queries):
        # The documents with meeting and format; their signatories; their meetings' topics.
        with django_assert_num_queries(3):
            csv_rows(client.get(CSV))


class TestDraftsStayHidden:
    @pytest.mark.parametrize(
        "params", [{}, {"signatory": "BT"}, {"kind": "roadmap"}, {"topic": "transit"}]
    )
    def test_no_list_or_csv_shows_a_draft_document(self, client, register, params):
        page = client.get(DOCUMENTS, params)
        assert page.status_code == 200
        rows = csv_rows(client.get(CSV, params))
        for content in (page.content.decode(), str(rows)):
            assert SECRET not in content
        assert "roadmap" not in {kind.kind for kind in page.context["found"].kinds}
        assert f"{DOCUMENTS}?kind=roadmap" not in page.content.decode()


class TestBoundedWork:
    @staticmethod
    def many(count: int):
        import_records(
            *(
                meeting_record(
                    title=f"Meeting {n}",
                    format="C5+1" if n % 2 else "Central Asia–China",
                    topics=["transit"],
                    documents=[
                        document(f"Statement {n}", "joint_statement", "KG", "KZ"),
                        document(f"Plan {n}", "action_plan", "UZ"),
                    ],
                )
                for n in range(count)
            )
        )

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_plain_list_takes_seven_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        # The register's version, count, page, signatories, counts by kind, the form's
        # countries and topics.
        with django_assert_num_queries(7):
            client.get(DOCUMENTS)
        # Until the next write, the version and the form's two selects.
        with django_assert_num_queries(3):
            client.get(DOCUMENTS)

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_filtered_list_takes_ten_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        # The seven, and the checks of the signatory codes, the topic and the topic tree.
        with django_assert_num_queries(10):
            client.get(DOCUMENTS, {"signatory": ["KG", "KZ"], "topic": "transport", "year": 2021})

    def test_a_cached_page_shows_a_new_document_at_once(self, client):
        self.many(2)
        assert client.get(DOCUMENTS).context["found"].total == 4
        self.many(1)
        assert client.get(DOCUMENTS).context["found"].total == 6

    @pytest.mark.parametrize("count", [3, 30])
    def test_the_csv_takes_three_queries(self, client, django_assert_num_queries, count):
        self.many(count)
        with django_assert_num_queries(3):
            csv_rows(client.get(CSV, {"kind": "joint_statement"}))


def test_a_topic_only_drafts_use_is_neither_offered_nor_accepted(client, db):
    import_records(
        meeting_record(title="Public talks", topics=["transit"]),
        meeting_record(title="Secret talks", topics=["zanzibarian-affairs"], status="draft"),
    )
    offered = client.get(DOCUMENTS).content.decode()
    assert 'value="zanzibarian-affairs"' not in offered
    assert 'value="transit"' in offered
    refused = client.get(DOCUMENTS, {"topic": "zanzibarian-affairs"})
    assert refused.status_code == 400
    assert "Unknown topic" in refused.content.decode()


def test_a_documents_export_the_database_fails_at_once_is_a_503_not_an_empty_file(client, db):
    from django.db import OperationalError, connection

    def documents_unreadable(execute, sql, params, many, context):
        if '"meetings_document"' in sql:
            raise OperationalError("the database went away")
        return execute(sql, params, many, context)

    import_records(meeting_record(documents=[{"title": "Accord", "kind": "agreement"}]))
    with connection.execute_wrapper(documents_unreadable):
        response = client.get(reverse("meetings:documents_csv"))
    assert response.status_code == 503
    assert not response.streaming
