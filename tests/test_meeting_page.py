"""The public page of one meeting: every fact of the record, grouped the way analysts read it,
its neighbours in its format and the meetings most like it; drafts never shown; a fixed number
of queries whatever the meeting holds."""

from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import Meeting, Source
from tests.factories import import_records, make_meeting, meeting_record, rich_record

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.jsonl"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

# The meeting, its countries, topics, participants, documents, signatories, statements,
# statement topics and sources; its neighbours in its format; the meetings most like it.
PAGE_QUERIES = 11


class Element:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())

    def all(self, tag: str | None = None, cls: str | None = None) -> list["Element"]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                classes = child.attrs.get("class", "").split()
                if (tag is None or child.tag == tag) and (cls is None or cls in classes):
                    found.append(child)
                found.extend(child.all(tag, cls))
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> "Element":
        (found,) = self.all(tag, cls)
        return found

    def by_id(self, id_: str) -> "Element":
        (found,) = [e for e in self.all() if e.attrs.get("id") == id_]
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def page_of(client, meeting: Meeting) -> Element:
    response = client.get(f"/meetings/{meeting.slug}/")
    assert response.status_code == 200
    builder = _TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def groups(section: Element) -> list[tuple[str, Element]]:
    """(heading, group) for each group of a section, in page order."""
    return [(group.one("h3").text, group) for group in section.all("section")]


def meeting_of(record: dict) -> Meeting:
    import_records(record)
    return Meeting.objects.get(external_id=record["external_id"])


@pytest.fixture
def seed(db) -> Meeting:
    call_command("import_meetings", str(SEED), verbosity=0, stdout=StringIO())
    return Meeting.objects.get(format__slug="central-asia-china", edition=2)


# What the page shows


def test_it_shows_the_seed_meeting_with_its_facts(client, seed):
    page = page_of(client, seed)

    (h1,) = page.all("h1")
    assert "Вторая встреча министров иностранных дел" in h1.text
    assert h1.attrs["lang"] == "ru"
    assert "Second Meeting of Foreign Ministers" in page.one(cls="meeting-title-en").text
    facts = page.one("dl", "meeting-facts")
    terms = [dt.text for dt in facts.all("dt")]
    values = dict(zip(terms, (dd.text for dd in facts.all("dd")), strict=True))
    assert terms == ["Date", "Place", "Format", "Level", "Language", "Countries"]
    assert values["Date"] == "12 May 2021"
    assert values["Place"] == "Xi'an, China"
    assert "Central Asia–China" in values["Format"] and "2nd meeting" in values["Format"]
    assert values["Level"] == "Foreign ministers"
    assert values["Language"] == "Russian"
    (date,) = facts.all("time")
    assert date.attrs["datetime"] == "2021-05-12"
    assert "Published" not in page.text and "published" not in facts.text


def test_it_lists_the_countries_with_codes_and_russian_names_linking_their_pages(client, seed):
    countries = page_of(client, seed).one("ul", "country-list").all("li")

    assert [li.one("a").text for li in countries] == [
        "China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
    ]  # fmt: skip
    kyrgyzstan = countries[2]
    assert kyrgyzstan.one("a").attrs["href"] == "/countries/KG/"
    assert kyrgyzstan.one("abbr").text == "KG"
    assert kyrgyzstan.one(cls="secondary").attrs["lang"] == "ru"
    assert kyrgyzstan.one(cls="secondary").text in {"Кыргызстан", "Киргизия"}


def test_it_shows_kazakbaev_under_kyrgyzstan_with_his_position(client, seed):
    participants = page_of(client, seed).by_id("participants")

    [(heading, group)] = groups(participants)
    assert heading.startswith("Kyrgyzstan")
    person = group.one("li", "participant")
    assert person.one(cls="participant-name").text == "Ruslan Kazakbaev"
    assert "Руслан Казакбаев" in person.text
    assert person.one(cls="participant-position").text == "Minister of Foreign Affairs"


def test_it_groups_the_four_documents_into_one_memorandum_and_three_joint_statements(client, seed):
    documents = groups(page_of(client, seed).by_id("documents"))

    assert [heading for heading, _ in documents] == ["Memorandum", "Joint statements"]
    memoranda, joint_statements = (group.all("li", "document") for _, group in documents)
    assert len(memoranda) == 1 and len(joint_statements) == 3
    assert "Меморандум о создании формата" in memoranda[0].text
    assert "Афганистану" in " ".join(d.text for d in joint_statements)
    for document in memoranda + joint_statements:
        signed = [abbr.text for abbr in document.one(cls="document-signatories").all("abbr")]
        assert sorted(signed) == ["CN", "KG", "KZ", "TJ", "TM", "UZ"]
        assert document.one(cls="document-title").attrs["lang"] == "ru"


def test_it_shows_the_six_kyrgyz_statements_in_a_column_with_speakers_and_topics(client, seed):
    statements = page_of(client, seed).by_id("statements")

    [(heading, column)] = groups(statements)
    assert heading == "Kyrgyzstan"
    items = column.all("li", "statement")
    assert len(items) == 6
    assert "coronavirus" in items[0].one(cls="statement-text").text
    checkpoints = items[3]
    assert "Torugart" in checkpoints.text
    assert checkpoints.one(cls="statement-speaker").text == "Ruslan Kazakbaev"
    chips = {a.text: a.attrs["href"] for a in checkpoints.all("a", "chip")}
    assert chips["Transit"] == "/topics/transit/"
    assert "Border crossings" in chips
    assert items[2].all(cls="statement-speaker") == []


def test_it_puts_each_sides_statements_in_its_own_column_in_their_order(client, db):
    meeting = meeting_of(
        meeting_record(
            countries=["CN", "KG", "KZ"],
            statements=[
                {"country": "KZ", "speaker": None, "text": "Kazakh first.", "topics": []},
                {"country": "CN", "speaker": None, "text": "Chinese first.", "topics": []},
                {"country": "KZ", "speaker": None, "text": "Kazakh second.", "topics": []},
                {"country": None, "speaker": None, "text": "Everyone agreed.", "topics": []},
            ],
        )
    )

    columns = groups(page_of(client, meeting).by_id("statements"))

    said = [
        (heading, [p.text for p in column.all("p", "statement-text")])
        for heading, column in columns
    ]
    assert said == [
        ("Kazakhstan", ["Kazakh first.", "Kazakh second."]),
        ("China", ["Chinese first."]),
        ("Not attributed", ["Everyone agreed."]),
    ]


def test_it_groups_participants_by_side_in_their_order(client, db):
    meeting = meeting_of(
        meeting_record(
            countries=["KG", "KZ"],
            participants=[
                {"name": "Mukhtar Tileuberdi", "country": "KZ", "position": "Foreign Minister"},
                {"name": "Ruslan Kazakbaev", "country": "KG", "position": "Foreign Minister"},
                {"name": "Roman Vassilenko", "country": "KZ", "position": "Deputy Minister"},
                {"name": "Zhang Ming", "organisation": "SCO Secretariat", "position": "Secretary"},
            ],
        )
    )

    sides = groups(page_of(client, meeting).by_id("participants"))

    assert [
        (heading.split(" ")[0], [n.text for n in group.all(cls="participant-name")])
        for heading, group in sides
    ] == [
        ("Kazakhstan", ["Mukhtar Tileuberdi", "Roman Vassilenko"]),
        ("Kyrgyzstan", ["Ruslan Kazakbaev"]),
        ("SCO", ["Zhang Ming"]),
    ]


def test_it_links_topics_countries_people_and_format_to_their_pages(client, seed):
    page = page_of(client, seed)

    topics = page.by_id("topics").all("a", "chip")
    assert len(topics) == seed.topics.count()
    assert {"Afghanistan": "/topics/afghanistan/"}.items() <= {
        a.text: a.attrs["href"] for a in topics
    }.items()
    format_link = page.one(cls="meeting-format-line").one("a")
    assert (format_link.text, format_link.attrs["href"]) == (
        "Central Asia–China",
        "/formats/central-asia-china/",
    )
    person = page.by_id("participants").one("a", "participant-name")
    assert (person.text, person.attrs["href"]) == ("Ruslan Kazakbaev", "/people/ruslan-kazakbaev/")
    links = [a.attrs["href"] for a in page.by_id("documents").all("a")]
    kinds = [href for href in links if "kind=" in href]
    assert kinds == ["/documents/?kind=memorandum", "/documents/?kind=joint_statement"]


def test_the_pages_it_links_show_the_meeting(client, seed):
    page = page_of(client, seed)
    facts = page.one("dl", "meeting-facts").all("a")
    links = [
        page.one(cls="meeting-format-line").one("a"),
        page.one("ul", "country-list").all("a")[0],
        page.by_id("participants").one("a", "participant-name"),
        # The host, in the facts before the list of countries.
        next(a for a in facts if a.attrs["href"] == "/countries/CN/"),
    ]

    assert len(links) == 4
    for link in links:
        shown = client.get(link.attrs["href"])
        assert shown.status_code == 200, link.attrs["href"]
        assert f"/meetings/{seed.slug}/" in shown.content.decode(), link.attrs["href"]


def test_it_shows_the_seed_source_without_a_link(client, seed):
    (source,) = page_of(client, seed).by_id("sources").all("li", "source")

    assert source.one(cls="source-publisher").text == "Kabar"
    assert source.one("time").attrs["datetime"] == "2021-05-12"
    assert "Бишкек, 12.05.21. /Кабар/." in source.text
    assert source.all("a") == []
    assert source.all("details") == []


def test_it_links_a_web_source_and_folds_its_full_text(client, db):
    meeting = meeting_of(rich_record())

    (source,) = page_of(client, meeting).by_id("sources").all("li", "source")

    links = source.all("a")
    assert {a.attrs["href"] for a in links} == {"https://example.org/news/1"}
    assert all(a.attrs["rel"] == "noopener noreferrer" for a in links)
    assert source.one("details").one("summary").text == "Full text"
    assert "Full text." in source.one("details").text
    assert "TOKYO, May 13 --" in source.text
    assert "Example Agency" in source.text


def test_it_never_links_a_source_address_that_is_not_http(client, db):
    meeting = meeting_of(rich_record())
    Source.objects.filter(meeting=meeting).update(url="javascript:alert(1)")
    Source.objects.create(meeting=meeting, publisher="FTP archive", url="ftp://example.org/a")

    sources = page_of(client, meeting).by_id("sources")

    assert sources.all("a") == []
    assert "javascript:alert(1)" in sources.text


def test_it_shows_the_dates_of_a_meeting_of_several_days_as_a_range(client, db):
    meeting = meeting_of(rich_record(start_date="2021-05-12", end_date="2021-05-13"))

    facts = page_of(client, meeting).one("dl", "meeting-facts")

    assert [t.attrs["datetime"] for t in facts.all("time")] == ["2021-05-12", "2021-05-13"]
    assert facts.all("dt")[0].text == "Dates"


def test_it_gives_a_canonical_address_and_a_description_from_the_summary(client, seed):
    head = page_of(client, seed).one("head")

    (canonical,) = [link for link in head.all("link") if link.attrs.get("rel") == "canonical"]
    assert canonical.attrs["href"] == f"http://testserver/meetings/{seed.slug}/"
    (description,) = [m for m in head.all("meta") if m.attrs.get("name") == "description"]
    assert description.attrs["content"].startswith("The foreign ministers of China")
    assert len(description.attrs["content"]) <= 160


def test_it_uses_one_h1_and_an_h2_for_every_section(client, seed):
    page = page_of(client, seed)

    assert len(page.all("h1")) == 1
    top_sections = page.one("article").children
    for section in (c for c in top_sections if not isinstance(c, str) and c.tag == "section"):
        assert section.all("h2"), section.attrs


# Escaping


def test_it_escapes_markup_in_what_editors_and_sources_wrote(client, db):
    meeting = meeting_of(
        rich_record(
            summary="Talks <script>alert('summary')</script> went well.",
            statements=[
                {
                    "country": "KG",
                    "speaker": None,
                    "text": "We said <script>alert('statement')</script> & more.",
                    "topics": [],
                }
            ],
        )
    )

    html = client.get(f"/meetings/{meeting.slug}/").content.decode()

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;summary&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;statement&#x27;)&lt;/script&gt; &amp; more." in html


# Editions of the format


def test_it_links_the_previous_and_next_published_editions_skipping_drafts(client, db):
    def edition(n: int, year: int, status: str = "published") -> Meeting:
        return make_meeting(
            format="Central Asia–China", edition=n, start_date=f"{year}-05-12", status=status
        )

    first, second_draft, third, fourth_draft, fifth = (
        edition(1, 2020),
        edition(2, 2021, "draft"),
        edition(3, 2022),
        edition(4, 2023, "draft"),
        edition(5, 2024),
    )
    make_meeting(format="C5+1", edition=4, start_date="2021-06-01")

    nav = page_of(client, third).one("nav", "edition-nav")

    previous, following = nav.one(cls="edition-previous"), nav.one(cls="edition-next")
    assert previous.one("a").text == "1st meeting"
    assert previous.one("a").attrs["href"] == f"/meetings/{first.slug}/"
    assert following.one("a").text == "5th meeting"
    assert following.one("a").attrs["href"] == f"/meetings/{fifth.slug}/"
    assert second_draft.slug not in str(nav.attrs) + "".join(a.attrs["href"] for a in nav.all("a"))
    assert fourth_draft.slug not in "".join(a.attrs["href"] for a in nav.all("a"))


def test_it_orders_editions_of_the_same_day_by_their_id(client, db):
    morning = make_meeting(format="Central Asia–China", edition=1, start_date="2022-01-10")
    evening = make_meeting(format="Central Asia–China", edition=2, start_date="2022-01-10")

    first_page = page_of(client, morning).one("nav", "edition-nav")
    second_page = page_of(client, evening).one("nav", "edition-nav")

    assert first_page.all(cls="edition-previous") == []
    assert first_page.one(cls="edition-next").one("a").text == "2nd meeting"
    assert second_page.one(cls="edition-previous").one("a").text == "1st meeting"
    assert second_page.all(cls="edition-next") == []


def test_it_names_a_neighbour_without_an_edition_by_its_date(client, db):
    make_meeting(format="C5+1", start_date="2019-03-01")
    later = make_meeting(format="C5+1", edition=2, start_date="2020-03-01")

    nav = page_of(client, later).one("nav", "edition-nav")

    assert nav.one(cls="edition-previous").one("a").text == "Meeting of 1 March 2019"


# Related meetings


def test_it_ranks_related_meetings_by_shared_countries_then_topics_then_recency(client, db):
    this = make_meeting(countries=["CN", "KG", "KZ", "UZ"], topics=["transit", "railways"])
    three_old = make_meeting(
        title="Three, older", countries=["CN", "KG", "KZ"], start_date="2018-01-01"
    )
    three_new = make_meeting(
        title="Three, newer", countries=["KG", "KZ", "UZ", "US"], start_date="2020-01-01"
    )
    make_meeting(title="Four but a draft", countries=["CN", "KG", "KZ", "UZ"], status="draft")
    two_and_topics = make_meeting(
        title="Two with topics", countries=["KG", "UZ"], topics=["transit"], start_date="2010-01-01"
    )
    two = make_meeting(title="Two", countries=["KG", "CN"], start_date="2022-01-01")
    one = make_meeting(title="One", countries=["KZ", "RU"], start_date="2023-01-01")
    make_meeting(title="One, oldest", countries=["UZ"], start_date="1990-01-01")
    make_meeting(title="None", countries=["FR", "DE"], topics=["transit"], start_date="2024-01-01")

    related = page_of(client, this).by_id("related").all("li", "related-meeting")

    assert [li.one("a").text for li in related] == [
        three_new.title, three_old.title, two_and_topics.title, two.title, one.title,
    ]  # fmt: skip
    assert "3 shared countries" in related[0].text
    assert "1 shared country" in related[4].text


def test_it_never_lists_drafts_among_related_meetings(client, db):
    this = make_meeting(countries=["KG", "KZ"])
    make_meeting(title="Draft twin", countries=["KG", "KZ"], status="draft")

    assert "Draft twin" not in client.get(f"/meetings/{this.slug}/").content.decode()


def test_it_finds_related_meetings_of_a_meeting_with_one_country(client, db):
    this = make_meeting(countries=["FR"], start_date="2020-01-01")
    other = make_meeting(title="Also in France", countries=["FR", "DE"], start_date="2019-01-01")

    related = page_of(client, this).by_id("related").all("li", "related-meeting")

    assert [li.one("a").text for li in related] == [other.title]


def test_it_still_finds_an_old_meeting_through_a_rarer_shared_country(client, db, monkeypatch):
    # Candidates are the newest few meetings of each country: a common country fills its share
    # with recent meetings, the rare one still brings in its old meeting.
    monkeypatch.setattr("meetings.meeting_page.CANDIDATES_PER_COUNTRY", 3)
    this = make_meeting(countries=["US", "IS"], start_date="2024-01-01")
    old_match = make_meeting(title="Old match", countries=["US", "IS"], start_date="1986-10-11")
    for year in range(2015, 2020):
        make_meeting(title=f"Recent {year}", countries=["US", "GB"], start_date=f"{year}-01-01")

    related = page_of(client, this).by_id("related").all("li", "related-meeting")

    assert [li.one("a").text for li in related] == [
        old_match.title, "Recent 2019", "Recent 2018", "Recent 2017",
    ]  # fmt: skip


def test_it_prefers_the_same_format_among_meetings_sharing_as_much(client, db):
    this = make_meeting(format="C5+1", countries=["US", "KZ"], start_date="2020-01-01")
    elsewhere = make_meeting(title="Elsewhere", countries=["US", "KZ"], start_date="2021-01-01")
    same_format = make_meeting(
        title="Same format", format="C5+1", countries=["US", "KZ"], start_date="2015-01-01"
    )

    related = page_of(client, this).by_id("related").all("li", "related-meeting")

    assert [li.all("a")[0].text for li in related] == [same_format.title, elsewhere.title]
    format_link = related[0].all("a")[1]
    assert format_link.attrs["href"] == f"/formats/{same_format.format.slug}/"


# Drafts and unknown addresses


def test_it_is_a_404_for_a_draft(client, db):
    draft = make_meeting(status="draft", title="Secret talks")

    response = client.get(f"/meetings/{draft.slug}/")

    assert response.status_code == 404
    assert "Secret talks" not in response.content.decode()


def test_it_is_a_404_for_a_draft_even_to_a_signed_in_editor(client, editor, publisher):
    draft = make_meeting(status="draft")

    for user in (editor, publisher):
        client.force_login(user)
        assert client.get(f"/meetings/{draft.slug}/").status_code == 404


def test_it_is_a_404_for_an_unknown_address(client, db):
    response = client.get("/meetings/2021-05-12-no-such-meeting/")

    assert response.status_code == 404
    assert "No published meeting or page has this address." in response.content.decode()


def test_it_answers_only_reading_methods(client, seed):
    assert client.post(f"/meetings/{seed.slug}/").status_code == 405


# Bounded work


def crowded_meeting(children: int) -> Meeting:
    """A meeting of a format between two published editions, with `children` participants,
    documents, statements and sources, and more than five related meetings."""
    countries = ["CN", "KG", "KZ", "TJ", "TM", "UZ"]
    topics = ["transit", "railways", "covid-19", "e-commerce"]
    fmt = "Central Asia–China"
    for year in (2019, 2023):
        make_meeting(format=fmt, start_date=f"{year}-01-01", countries=countries)
    for n in range(8):
        make_meeting(countries=countries[: n % 5 + 1], topics=topics[: n % 3])
    return meeting_of(
        rich_record(
            format=fmt,
            edition=3,
            start_date="2021-05-12",
            end_date=None,
            countries=countries,
            topics=topics,
            participants=[
                {"name": f"Delegate {n}", "country": countries[n % 6], "position": "Adviser"}
                for n in range(children)
            ],
            documents=[
                {"title": f"Document {n}", "kind": kind, "signatories": countries[: n % 6 + 1]}
                for n, kind in zip(
                    range(children),
                    ["memorandum", "joint_statement", "declaration", "agreement"] * children,
                    strict=False,
                )
            ],
            statements=[
                {
                    "country": countries[n % 6],
                    "speaker": f"Delegate {n}",
                    "text": f"Position {n}.",
                    "topics": topics[: n % 4 + 1],
                }
                for n in range(children)
            ],
            sources=[
                {"url": f"https://example.org/{n}", "publisher": "Agency", "text": "Text."}
                for n in range(children)
            ],
        )
    )


@pytest.mark.parametrize("children", [12, 120])
def test_it_runs_the_same_fixed_number_of_queries_however_much_a_meeting_holds(
    client, db, django_assert_num_queries, children
):
    meeting = crowded_meeting(children)

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(f"/meetings/{meeting.slug}/")

    page = page_of(client, meeting)
    assert response.status_code == 200
    assert len(page.by_id("participants").all("li", "participant")) == children
    assert len(page.by_id("documents").all("li", "document")) == children
    assert len(page.by_id("statements").all("li", "statement")) == children
    assert len(page.by_id("sources").all("li", "source")) == children
    assert len(page.by_id("related").all("li", "related-meeting")) == 5
    nav = page.one("nav", "edition-nav")
    assert nav.all(cls="edition-previous") and nav.all(cls="edition-next")
