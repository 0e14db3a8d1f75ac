"""The public page of one meeting: every fact of the record, grouped the way analysts read it,
its neighbours in its format, the other meetings of its event, and meetings related to it,
each saying why; drafts never shown; a fixed number of queries whatever the meeting holds."""

from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import Meeting, Source, Topic
from tests.factories import import_records, make_meeting, meeting_record, rich_record

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.jsonl"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

# The meeting (with the register's version), its countries, topics, participants, documents,
# signatories, statements, statement topics and sources; its neighbours in its format; the
# other meetings of its event; the meetings of the same day and city, those sharing its
# topics, and the lines for both with their shared topics.
PAGE_QUERIES = 15
# Built again at the same version of the register: the meeting's row and the version.
KEPT_PAGE_QUERIES = 1


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

    # In English the English title leads; the Russian original stands beside it.
    (h1,) = page.all("h1")
    assert "Second Meeting of Foreign Ministers" in h1.text
    assert h1.attrs["lang"] == "en"
    original = page.one(cls="meeting-title-en")
    assert "Вторая встреча министров иностранных дел" in original.text
    assert original.attrs["lang"] == "ru"
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


# Related meetings and the same event

SUMMIT = "c5-plus-1-summit-2023-new-york"
LEADERS = {"KZ": "Kassym-Jomart Tokayev", "KG": "Sadyr Japarov", "UZ": "Shavkat Mirziyoyev"}


def related_lines(client, meeting: Meeting, section: str = "related") -> list[Element]:
    css = "event-meeting" if section == "event" else "related-meeting"
    return page_of(client, meeting).by_id(section).all("li", css)


def related_of(client, meeting: Meeting) -> list[Element]:
    """The related meetings' lines, none when the page has no such section."""
    page = page_of(client, meeting)
    sections = [e for e in page.all("section") if e.attrs.get("id") == "related"]
    return sections[0].all("li", "related-meeting") if sections else []


def titles(lines: list[Element]) -> list[str]:
    return [li.all("a")[0].text for li in lines]


def leaders_visit(code: str, **overrides) -> Meeting:
    return make_meeting(
        title=f"Visit of President {LEADERS[code]} to the United States",
        start_date="2023-09-21",
        host_country="US",
        countries=[code, "US"],
        summary="Participated in C5+1 Presidential Summit Meeting in New York City.",
        **overrides,
    )


def test_it_lists_the_other_meetings_of_its_event_as_one_group(client, db):
    summit = make_meeting(
        title="C5+1 Presidential Summit", format="C5+1", event=SUMMIT, city="New York",
        start_date="2023-09-19", countries=["KG", "KZ", "TJ", "TM", "US", "UZ"],
    )  # fmt: skip
    visits = [leaders_visit(code, event=SUMMIT) for code in LEADERS]
    leaders_visit("KZ", external_id="another-event", event="unga-2023")

    lines = related_lines(client, visits[0], "event")

    assert titles(lines) == [summit.title, visits[1].title, visits[2].title]
    assert "The C5+1 meeting of this event" in lines[0].text
    assert "New York, " not in lines[1].text  # a visit without a city names only its host
    assert "21 Sep 2023" in lines[1].text and "United States" in lines[1].text
    # The event's meetings are one group, not repeated among the related meetings.
    page = page_of(client, visits[0])
    assert not [e for e in page.all() if e.attrs.get("id") == "related"]
    summit_lines = related_lines(client, summit, "event")
    assert titles(summit_lines) == [v.title for v in visits]


def test_it_relates_the_previous_and_next_editions_and_says_which(client, db):
    make_meeting(title="First", format="C5+1", edition=1, start_date="2015-11-01")
    second = make_meeting(title="Second", format="C5+1", edition=2, start_date="2016-08-03")
    make_meeting(title="Fourth", format="C5+1", edition=4, start_date="2018-09-27")

    lines = related_lines(client, second)

    assert titles(lines) == ["First", "Fourth"]
    assert "The previous meeting of C5+1 (1st meeting)" in lines[0].text
    assert "The next meeting of C5+1 (4th meeting)" in lines[1].text


def test_it_relates_meetings_sharing_topics_the_most_shared_first_and_names_them(client, db):
    this = make_meeting(topics=["transit", "railways", "covid-19"], countries=["KG", "CN"])
    one = make_meeting(title="One shared", topics=["railways"], start_date="2024-01-01")
    two = make_meeting(title="Two shared", topics=["transit", "railways"], start_date="2010-01-01")
    make_meeting(title="Same countries, no topic", countries=["KG", "CN"])
    make_meeting(title="Draft", topics=["transit", "railways", "covid-19"], status="draft")

    lines = related_lines(client, this)

    assert titles(lines) == [two.title, one.title]
    assert "Shared topics: Railways, Transit" in lines[0].one(cls="related-why").text
    assert lines[1].one(cls="related-why").text == "Shared topic: Railways"


def test_it_still_finds_an_old_meeting_through_a_rarer_shared_topic(client, db, monkeypatch):
    # Candidates are the latest few meetings of each topic: a common topic fills its share
    # with recent meetings, the rare one still brings in its old meeting.
    monkeypatch.setattr("meetings.meeting_page.TOPIC_POOL", 3)
    this = make_meeting(topics=["transit", "vaccines"], start_date="2024-01-01")
    old_match = make_meeting(title="Old match", topics=["vaccines"], start_date="1986-10-11")
    for year in range(2015, 2020):
        make_meeting(title=f"Recent {year}", topics=["transit"], start_date=f"{year}-01-01")

    assert titles(related_lines(client, this)) == [
        "Recent 2019", "Recent 2018", "Recent 2017", old_match.title,
    ]  # fmt: skip


def test_it_relates_meetings_of_the_same_day_and_city_among_several_places(client, db):
    # The State Department's travels name several places in one city field.
    trip = make_meeting(
        title="Secretary of State in Astana, Almaty", city="Astana, Almaty",
        start_date="2023-02-27", end_date="2023-02-28", countries=["KZ", "US"],
    )  # fmt: skip
    ministerial = make_meeting(
        title="C5+1 ministerial", city="Astana", start_date="2023-02-28", countries=["KZ", "US"]
    )
    forum = make_meeting(
        title="Astana forum, still going on", city="Astana",
        start_date="2023-02-20", end_date="2023-03-02",
    )  # fmt: skip
    make_meeting(title="Astana, a day later", city="Astana", start_date="2023-03-01")
    make_meeting(title="Almaty, the day before", city="Almaty", start_date="2023-02-26")
    make_meeting(title="Same day, elsewhere", city="Tashkent", start_date="2023-02-28")
    make_meeting(title="Not Astana", city="Astanabad", start_date="2023-02-28")

    lines = related_lines(client, trip)

    assert titles(lines) == [forum.title, ministerial.title]
    assert lines[1].one(cls="related-why").text == "Same day and city"
    assert titles(related_lines(client, ministerial)) == [forum.title, trip.title]


def test_it_relates_nothing_by_shared_countries_alone(client, db):
    this = make_meeting(countries=["CN", "US"], host_country="US", start_date="2023-11-12")
    make_meeting(countries=["CN", "US"], host_country="US", start_date="2023-11-13")

    page = page_of(client, this)

    assert not [e for e in page.all() if e.attrs.get("id") in ("related", "event")]


def test_no_two_related_lines_read_alike(client, db):
    # Two records of one leader's visit, same title, day and city: the lines tell them apart.
    visit = dict(
        title="Visit of President Xi Jinping to the United States", city="San Francisco",
        host_country="US", countries=["CN", "US"], start_date="2023-11-12",
    )  # fmt: skip
    this = make_meeting(**visit, summary="Met the President.", end_date="2023-11-17")
    make_meeting(**visit, summary="Offsite meeting at Woodside.")
    make_meeting(**visit, summary="Attended the APEC Leaders' Summit.")

    lines = related_lines(client, this)

    assert len(lines) == 2
    assert len({li.text for li in lines}) == 2
    assert [li.one(cls="related-detail").text for li in lines] == [
        "Offsite meeting at Woodside.", "Attended the APEC Leaders' Summit.",
    ]  # fmt: skip
    assert [li.one(cls="related-facts").text for li in lines] == [
        "12 Nov 2023 , San Francisco, United States"
    ] * 2


def test_it_shows_only_published_meetings_of_an_event(client, db):
    this = make_meeting(event=SUMMIT)
    make_meeting(title="Draft twin", event=SUMMIT, status="draft")

    assert "Draft twin" not in client.get(f"/meetings/{this.slug}/").content.decode()


# A page built again

# Each page is kept under the register's version and the language once built; every write
# that reaches a published meeting raises the version, so a kept page is never seen after it.


def set_status(meeting: Meeting, status: str) -> None:
    """As the admin's publish and return-to-draft actions do."""
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])


def test_a_page_built_again_reads_one_query_and_shows_the_same(
    client, db, django_assert_num_queries
):
    meeting = crowded_meeting(12)
    first = client.get(f"/meetings/{meeting.slug}/").content

    with django_assert_num_queries(KEPT_PAGE_QUERIES):
        again = client.get(f"/meetings/{meeting.slug}/").content

    assert again == first


def test_a_kept_page_lists_a_meeting_published_after_it_was_kept(client, db):
    this = make_meeting(topics=["transit"])
    later = make_meeting(title="Published later", topics=["transit"], status="draft")
    assert not related_of(client, this)

    set_status(later, "published")

    assert titles(related_of(client, this)) == ["Published later"]


def test_a_kept_page_drops_a_meeting_withdrawn_after_it_was_kept(client, db):
    this = make_meeting(format="C5+1", edition=2, start_date="2016-08-03", topics=["transit"])
    withdrawn = make_meeting(
        title="Withdrawn", format="C5+1", edition=3, start_date="2017-08-03", topics=["transit"]
    )
    assert titles(related_of(client, this)) == ["Withdrawn"]
    assert page_of(client, this).all(cls="edition-next")

    set_status(withdrawn, "draft")

    page = client.get(f"/meetings/{this.slug}/").content.decode()
    assert "Withdrawn" not in page and withdrawn.slug not in page
    assert client.get(f"/meetings/{withdrawn.slug}/").status_code == 404


def test_a_kept_page_shows_what_a_related_meeting_says_now(client, db):
    this = make_meeting(topics=["transit"])
    other = make_meeting(title="Old title", topics=["transit"])
    assert titles(related_of(client, this)) == ["Old title"]

    Meeting.objects.filter(pk=other.pk).update(title="New title")

    assert titles(related_of(client, this)) == ["New title"]


def test_a_kept_page_shows_a_topic_by_its_new_name(client, db):
    this = make_meeting(topics=["transit"])
    assert "Transit" in page_of(client, this).by_id("topics").text

    Topic.objects.filter(slug="transit").update(name_en="Transit and logistics")

    assert "Transit and logistics" in page_of(client, this).by_id("topics").text


def test_a_withdrawn_meeting_is_not_served_from_its_kept_page(client, db):
    meeting = make_meeting(title="Soon withdrawn")
    assert client.get(f"/meetings/{meeting.slug}/").status_code == 200

    set_status(meeting, "draft")

    response = client.get(f"/meetings/{meeting.slug}/")
    assert response.status_code == 404
    assert "Soon withdrawn" not in response.content.decode()


def test_work_on_a_draft_leaves_the_kept_page_standing_and_shows_nothing_of_it(
    client, db, django_assert_num_queries
):
    this = make_meeting(topics=["transit"])
    draft = make_meeting(title="Draft on transit", topics=["transit"], status="draft")
    page_of(client, this)

    Meeting.objects.filter(pk=draft.pk).update(title="Draft, edited", city="Astana")

    with django_assert_num_queries(KEPT_PAGE_QUERIES):
        html = client.get(f"/meetings/{this.slug}/").content.decode()
    assert "Draft on transit" not in html and "Draft, edited" not in html
    assert draft.slug not in html


def test_a_page_is_kept_in_each_language_apart(client, db):
    this = make_meeting(topics=["railways"], format="C5+1", edition=1, start_date="2015-11-01")
    make_meeting(topics=["railways"], format="C5+1", edition=2, start_date="2016-08-03")

    def reasons(language: str) -> str:
        html = client.get(f"/meetings/{this.slug}/", headers={"accept-language": language})
        builder = _TreeBuilder()
        builder.feed(html.content.decode())
        return builder.root.by_id("related").one(cls="related-why").text

    english = reasons("en")
    russian = reasons("ru")

    assert english.startswith("The next meeting of C5+1 (2nd meeting)")
    assert russian.startswith(
        "Следующая встреча формата «Центральная Азия – США (C5+1)» (2-я встреча)"
    )
    assert reasons("en") == english


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
        make_meeting(countries=countries[: n % 5 + 1], topics=topics[: n % 3 + 1])
    for n in range(4):
        make_meeting(city="Tokyo", start_date="2021-05-12", event=f"summit-{n % 2}")
    return meeting_of(
        rich_record(
            format=fmt,
            edition=3,
            event="summit-1",
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
    assert len(page.by_id("related").all("li", "related-meeting")) == 6
    assert len(page.by_id("event").all("li", "event-meeting")) == 2
    nav = page.one("nav", "edition-nav")
    assert nav.all(cls="edition-previous") and nav.all(cls="edition-next")


@pytest.mark.parametrize("others", [2, 25])
def test_its_related_meetings_cost_no_more_queries_however_many_there_are(
    client, db, django_assert_max_num_queries, others
):
    this = make_meeting(
        format="C5+1", edition=2, event="summit", city="Astana", topics=["transit", "railways"],
        start_date="2023-02-28",
    )  # fmt: skip
    make_meeting(format="C5+1", edition=1, start_date="2022-02-28")
    make_meeting(format="C5+1", edition=3, start_date="2024-02-28")
    for n in range(others):
        make_meeting(event="summit", start_date="2023-02-28")
        make_meeting(city="Astana", start_date="2023-02-28")
        make_meeting(topics=["transit", "railways"][: n % 2 + 1], start_date=f"{2000 + n}-01-01")

    # No documents or statements: no queries for their signatories and topics.
    with django_assert_max_num_queries(PAGE_QUERIES - 2):
        response = client.get(f"/meetings/{this.slug}/")

    page = response.context["page"]
    assert len(page.event) == others
    assert len(page.related) == 6
    assert [line.reasons[0] for line in page.related][:2] == [
        "The previous meeting of C5+1 (1st meeting)",
        "The next meeting of C5+1 (3rd meeting)",
    ]
