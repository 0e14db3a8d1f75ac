"""Editors paste an article, check the draft meeting read from it beside the marked-up text,
and save it as a draft with the article as its source, or attach the article to the meeting
the register already holds."""

import datetime
import re
import uuid
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from reversion.models import Revision, Version

from meetings.intake import ArticleRejected, Evidence, Extraction, extract_article
from meetings.intake.duplicates import Traits, find_candidates
from meetings.intake.views import highlight
from meetings.interchange.records import (
    DocumentRecord,
    MeetingRecord,
    ParticipantRecord,
    SourceRecord,
    StatementRecord,
)
from meetings.models import Format, Meeting, Person, Source, Status, Topic
from tests.admin_pages import MEETINGS, change_url, submitted_values
from tests.factories import make_meeting, make_user
from tests.shared_seed import seed_article

INTAKE = f"{MEETINGS}intake/"
SEED_ARTICLE = seed_article()

# A report in the seed's manner (a Kabar dispatch, dateline first) about a made-up meeting.
ARTICLE = """\
Бишкек, 08.06.22. /Кабар/. В г.Нур-Султан Республики Казахстан сегодня с участием министра \
иностранных дел Кыргызстана Руслана Казакбаева прошла Третья встреча министров иностранных дел \
в формате «Центральная Азия-Китай», сообщает пресс-служба МИД КР.
Участники встречи обменялись мнениями о развитии торгово-экономических связей, расширении \
транспортных коридоров и совместном ответе на вызовы региональной безопасности.
Стороны условились наращивать объемы взаимной торговли, развивать сеть железных дорог и \
автомобильных маршрутов между Китаем и странами ЦА, а также упрощать пересечение границы для грузов.
Выступая на встрече, Казакбаев предложил ускорить подготовку к строительству железной дороги \
«Китай-Кыргызстан-Узбекистан» и расширить пропускную способность КПП «Торугарт».
По итогам встречи министры иностранных дел стран ЦА и КНР приняли:
- Совместное заявление третьей встречи министров иностранных дел «Центральная Азия – Китай»;
- Меморандум о сотрудничестве в области торговли и инвестиций;
- Совместное заявление о сотрудничестве в сфере энергетики;
- Совместное заявление о развитии транспортной взаимосвязанности.
"""
ARTICLE_DATE = "2022-06-08"
ARTICLE_URL = "https://kabar.kg/news/example-third-meeting"
XIAN = "Министры встретились в Xi'an."


def read_article(client, text: str = ARTICLE, **fields):
    """Posts the article form as the browser does; returns the response."""
    data = {"text": text, "url": "", "publisher": "", "published": "", **fields}
    return client.post(INTAKE, data)


def open_draft(client, text: str = ARTICLE, **fields):
    response = read_article(client, text, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"])


def page_of(response) -> str:
    return response.content.decode()


def article_panel(response) -> str:
    return page_of(response).split('class="intake-text"', 1)[1].split("</aside>", 1)[0]


def counts() -> dict:
    return {
        "meetings": Meeting.objects.count(),
        "sources": Source.objects.count(),
        "people": Person.objects.count(),
        "revisions": Revision.objects.count(),
    }


def selected_person_names(values: dict, prefix: str, field: str = "person") -> list[str]:
    pks = [values[k][0] for k in sorted(values) if re.fullmatch(rf"{prefix}-\d+-{field}", k)]
    return [str(Person.objects.get(pk=pk)) for pk in pks if pk]


@pytest.fixture
def stub_extraction(monkeypatch):
    """Replaces the engine by a fixed extraction, to pin down how each value is pre-filled."""

    def install(extraction: Extraction):
        monkeypatch.setattr(
            "meetings.intake.forms.run_extraction", lambda text, **kwargs: extraction
        )
        return extraction

    return install


def full_extraction(text: str) -> Extraction:
    start = text.index("Xi'an")
    record = MeetingRecord(
        title="Встреча министров в Сиане",
        language="ru",
        start_date=datetime.date(2021, 5, 12),
        city="Xi'an",
        host_country="CN",
        format="Central Asia–China",
        edition=2,
        level="foreign_ministers",
        countries=["CN", "KG", "KZ"],
        participants=[
            ParticipantRecord(
                name="Ruslan Kazakbaev",
                name_ru="Руслан Казакбаев",
                country="KG",
                position="Minister of Foreign Affairs of Kyrgyzstan",
            ),
            ParticipantRecord(name="Wang Yi", country="CN", position="Foreign Minister"),
        ],
        topics=["covid-19"],
        documents=[DocumentRecord(title="Joint statement on COVID-19", kind="joint_statement")],
        statements=[
            StatementRecord(
                country="KG",
                speaker="Руслан Казакбаев",
                text="Hoped Torugart reopens.",
                topics=["transit"],
            )
        ],
        sources=[SourceRecord(publisher="Kabar", language="ru", text=text)],
    )
    evidence = [Evidence("city", start, start + len("Xi'an"), "Xi'an")]
    return Extraction(record=record, evidence=evidence, warnings=["Check the edition."])


# The article form


def test_it_offers_editors_and_publishers_a_new_meeting_from_an_article(client, editor, publisher):
    for user in (editor, publisher):
        client.force_login(user)
        page = page_of(client.get(MEETINGS))
        assert f'href="{INTAKE}"' in page
        assert "New meeting from article" in page


def test_it_does_not_offer_the_intake_to_someone_who_cannot_add_meetings(client, db):
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)

    page = page_of(client.get(MEETINGS))

    assert "New meeting from article" not in page


def test_it_shows_the_article_form(client, editor):
    client.force_login(editor)

    response = client.get(INTAKE)

    assert response.status_code == 200
    page = page_of(response)
    assert 'enctype="multipart/form-data"' in page
    assert "csrfmiddlewaretoken" in page
    for name in ("text", "url", "publisher", "published"):
        assert f'name="{name}"' in page
    assert "Article text" in page
    assert "Publication date" in page


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, db):
    for response in (client.get(INTAKE), read_article(client)):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert Meeting.objects.count() == 0


def test_it_refuses_staff_who_cannot_add_meetings(client, db):
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    before = counts()

    assert client.get(INTAKE).status_code == 403
    assert read_article(client).status_code == 403
    assert counts() == before


# The pre-filled draft


def test_it_prefills_the_add_form_from_the_article(client, editor):
    client.force_login(editor)

    _, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar", published=ARTICLE_DATE)

    assert response.status_code == 200
    # A megabyte of Cyrillic url-encoded would exceed Django's request size limit on saving.
    assert '<form enctype="multipart/form-data" method="post" id="meeting_form"' in page_of(
        response
    )
    values = submitted_values(response)
    assert "Третья встреча" in values["title"][0] or "Казакбаев" in values["title"][0]
    assert values["start_date"] == [ARTICLE_DATE]
    assert {"CN", "KG", "KZ"} <= set(values["countries"])
    assert any(
        re.search("Kazakbaev|Казакбаев", name)
        for name in selected_person_names(values, "participations")
    )
    assert values["documents-TOTAL_FORMS"] == ["4"]
    titles = [values[f"documents-{i}-title"][0] for i in range(4)]
    assert sum("Совместное заявление" in title for title in titles) == 3
    assert any("Меморандум" in title for title in titles)
    assert values["sources-TOTAL_FORMS"] == ["1"]
    assert values["sources-0-text"] == [ARTICLE.strip()]
    assert (values["sources-0-url"], values["sources-0-publisher"]) == ([ARTICLE_URL], ["Kabar"])
    assert values["sources-0-published"] == [ARTICLE_DATE]


@pytest.mark.skipif(
    SEED_ARTICLE is None, reason="the shared seed article is not here: set SUMMITRY_SHARED_DIR"
)
def test_it_prefills_the_seed_article(client, editor):
    client.force_login(editor)

    _, response = open_draft(client, SEED_ARTICLE.read_text(encoding="utf-8"))

    values = submitted_values(response)
    assert values["start_date"] == ["2021-05-12"]
    assert {"CN", "KG"} <= set(values["countries"])
    assert values["documents-TOTAL_FORMS"] == ["4"]


def test_it_prefills_every_inline_in_the_meeting_form(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    values = submitted_values(response)
    assert values["city"] == ["Xi'an"]
    assert values["host_country"] == ["CN"]
    assert values["format"] == [str(Format.objects.get(slug="central-asia-china").pk)]
    assert (values["edition"], values["level"]) == (["2"], ["foreign_ministers"])
    assert values["topics"] == [str(Topic.objects.get(slug="covid-19").pk)]
    assert selected_person_names(values, "participations") == ["Ruslan Kazakbaev", "Wang Yi"]
    assert values["participations-0-position"] == ["Minister of Foreign Affairs of Kyrgyzstan"]
    assert values["documents-0-kind"] == ["joint_statement"]
    assert selected_person_names(values, "statements", "speaker") == ["Ruslan Kazakbaev"]
    assert values["statements-0-topics"] == [str(Topic.objects.get(slug="transit").pk)]
    assert "Check the edition." in page_of(response)


def test_it_files_new_participants_once_and_reuses_people_already_held(
    client, editor, stub_extraction
):
    held = Person.objects.create(name="Wang Yi", country_id="CN")
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)

    open_draft(client, XIAN)
    open_draft(client, XIAN)

    assert Person.objects.filter(name="Wang Yi").get() == held
    kazakbaev = Person.objects.get(name="Ruslan Kazakbaev")
    assert (kazakbaev.name_ru, kazakbaev.country_id) == ("Руслан Казакбаев", "KG")
    assert Version.objects.get_for_object(kazakbaev).count() == 1


def test_it_finds_a_participant_held_under_their_russian_name(client, editor):
    held = Person.objects.create(
        name="Ruslan Kazakbaev", name_ru="Руслан Казакбаев", country_id="KG"
    )
    client.force_login(editor)
    people = Person.objects.count()

    _, response = open_draft(client)

    assert selected_person_names(submitted_values(response), "participations") == [str(held)]
    assert Person.objects.count() == people


def test_it_marks_where_each_value_came_from(client, editor):
    client.force_login(editor)

    _, response = open_draft(client)

    panel = article_panel(response)
    marks = re.findall(r'<mark [^>]*data-field="([^"]+)"[^>]*>(.*?)</mark>', panel, re.S)
    assert marks, panel[:500]
    fields = {field for field, _ in marks}
    assert "start_date" in fields
    date_mark = next(text for field, text in marks if field == "start_date")
    assert date_mark in ARTICLE
    legend = page_of(response).split('class="intake-legend"', 1)[1].split("</dl>", 1)[0]
    assert 'data-field="start_date"' in legend
    assert ARTICLE_DATE in legend
    assert unescape(re.sub(r"<[^>]+>", "", panel.split(">", 1)[1])).strip() == ARTICLE.strip()


def test_it_shows_markup_in_an_article_as_text(client, editor):
    client.force_login(editor)
    article = "12 мая 2021 года <script>alert('x')</script> министры встретились & <b>обсудили</b>."

    _, response = open_draft(client, article)

    panel = article_panel(response)
    assert "<script>" not in panel
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in panel
    assert "&lt;b&gt;обсудили&lt;/b&gt;" in panel
    assert "&amp;" in panel


def test_it_nests_crossing_evidence_marks(db):
    text = "abcdefghij"
    evidence = [Evidence("city", 0, 6, "abcdef"), Evidence("countries", 3, 9, "defghi")]

    marked = str(highlight(text, evidence))

    assert re.sub(r"<[^>]+>", "", marked) == text
    assert marked.count("<mark") == marked.count("</mark>") == 3
    assert marked.startswith('<mark class="intake-mark intake-colour-0" data-field="city"')


def test_it_ignores_evidence_outside_the_article(client, editor, stub_extraction):
    extraction = full_extraction(XIAN)
    extraction.evidence.append(Evidence("title", 5, 500, "too far"))
    stub_extraction(extraction)
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    assert response.status_code == 200
    assert 'data-field="title"' not in article_panel(response)
    assert 'data-field="city"' in article_panel(response)


# Saving


def test_it_saves_the_draft_with_the_article_as_its_source(client, editor):
    client.force_login(editor)
    url, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar")
    values = submitted_values(response)

    saved = client.post(url, values)

    assert saved.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == Status.DRAFT
    assert str(meeting.start_date) == ARTICLE_DATE
    source = meeting.sources.get()
    assert (source.url, source.publisher, source.text) == (ARTICLE_URL, "Kabar", ARTICLE.strip())
    assert meeting.documents.count() == 4
    assert Version.objects.get_for_object(meeting).count() == 1
    assert client.get(url)["Location"] == INTAKE


def test_it_saves_every_prefilled_row(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)

    assert client.post(url, submitted_values(response)).status_code == 302

    meeting = Meeting.objects.get()
    assert (meeting.city, meeting.host_country_id, meeting.edition) == ("Xi'an", "CN", 2)
    assert sorted(meeting.countries.values_list("code", flat=True)) == ["CN", "KG", "KZ"]
    assert list(meeting.participations.values_list("person__name", "country")) == [
        ("Ruslan Kazakbaev", "KG"),
        ("Wang Yi", "CN"),
    ]
    assert list(meeting.documents.values_list("title", "kind")) == [
        ("Joint statement on COVID-19", "joint_statement")
    ]
    statement = meeting.statements.get()
    assert statement.speaker.name == "Ruslan Kazakbaev"
    assert statement.text == "Hoped Torugart reopens."
    assert list(meeting.sources.values_list("publisher", "text")) == [("Kabar", XIAN)]


def test_it_saves_what_the_editor_corrected(client, editor):
    client.force_login(editor)
    url, response = open_draft(client)
    values = submitted_values(response)
    values["title"] = "Третья встреча «Центральная Азия – Китай»"
    values["city"] = "Astana"

    client.post(url, values)

    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.city) == ("Третья встреча «Центральная Азия – Китай»", "Astana")


def test_it_keeps_the_draft_open_when_the_form_has_errors(client, editor):
    client.force_login(editor)
    url, response = open_draft(client)
    values = submitted_values(response)
    values["title"] = ""

    again = client.post(url, values)

    assert again.status_code == 200
    assert "This field is required." in page_of(again)
    assert 'class="intake-text"' in page_of(again)
    assert submitted_values(again)["documents-TOTAL_FORMS"] == ["4"]
    assert Meeting.objects.count() == 0


def test_it_saves_a_publishers_article_as_a_draft(client, publisher):
    client.force_login(publisher)
    url, response = open_draft(client)
    values = submitted_values(response)
    values["status"] = "published"

    assert client.post(url, values).status_code == 302

    assert Meeting.objects.get().status == Status.DRAFT


# Meetings the register may already hold


def test_it_names_a_meeting_two_days_away_that_shares_countries(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    near = make_meeting(title="Встреча в Сиане", start_date="2021-05-14", countries=["KG", "UZ"])
    make_meeting(title="Ten days later", start_date="2021-05-22", countries=["KG", "KZ"])
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    page = page_of(response)
    assert "may describe a meeting already in the register" in page
    assert "Встреча в Сиане" in page
    assert f'href="{change_url(near)}"' in page
    assert "2 days apart; shares KG" in page
    assert "Ten days later" not in page
    assert "Attach this article as a source of that meeting" in page


def test_it_says_nothing_of_duplicates_when_none_resembles(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    make_meeting(title="Ten days later", start_date="2021-05-22", countries=["KG", "KZ"])
    make_meeting(title="Host only", start_date="2021-05-12", countries=["CN"])
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    assert "may describe a meeting already in the register" not in page_of(response)


def test_it_attaches_the_article_to_the_meeting_already_held(client, editor):
    held = make_meeting(title="Held", start_date="2022-06-09", countries=["KG", "KZ"])
    token = held.lock_token
    client.force_login(editor)
    url, _ = open_draft(client, url=ARTICLE_URL, publisher="Kabar", published=ARTICLE_DATE)
    before = counts()

    response = client.post(f"{url}attach/{held.pk}/", follow=True)

    assert response.redirect_chain[-1][0] == change_url(held)
    assert "The article was added to the sources of “Held”." in page_of(response)
    assert Meeting.objects.count() == before["meetings"]
    held.refresh_from_db()
    source = held.sources.get()
    assert (source.url, source.publisher, str(source.published)) == (
        ARTICLE_URL,
        "Kabar",
        ARTICLE_DATE,
    )
    assert source.text == ARTICLE.strip()
    assert held.lock_token != token
    assert (held.title, held.status) == ("Held", "published")
    latest = Version.objects.get_for_object(held).select_related("revision__user").first()
    assert latest.revision.comment.startswith("Article attached as a source")
    assert latest.revision.user == editor


def test_it_appends_the_article_after_the_sources_held(client, editor):
    held = make_meeting(
        start_date="2022-06-08",
        sources=[{"publisher": "Xinhua", "url": "https://example.org/xinhua"}],
    )
    client.force_login(editor)
    url, _ = open_draft(client, url=ARTICLE_URL, publisher="Kabar")

    client.post(f"{url}attach/{held.pk}/")

    assert list(held.sources.values_list("publisher", "order")) == [("Xinhua", 0), ("Kabar", 1)]


def test_it_does_not_attach_the_same_article_twice(client, editor):
    held = make_meeting(
        start_date="2022-06-08", sources=[{"publisher": "Kabar", "url": ARTICLE_URL}]
    )
    client.force_login(editor)
    url, _ = open_draft(client, url=ARTICLE_URL)

    response = client.post(f"{url}attach/{held.pk}/", follow=True)

    assert "already a source of this meeting" in page_of(response)
    assert held.sources.count() == 1


def test_it_attaches_only_through_a_post(client, editor):
    held = make_meeting(start_date="2022-06-08")
    client.force_login(editor)
    url, _ = open_draft(client)

    assert client.get(f"{url}attach/{held.pk}/").status_code == 405
    assert held.sources.count() == 0


def test_it_makes_a_change_form_opened_before_the_attachment_stale(client, editor):
    held = make_meeting(title="Held", start_date="2022-06-09")
    client.force_login(editor)
    opened = submitted_values(client.get(change_url(held)))
    url, _ = open_draft(client)
    client.post(f"{url}attach/{held.pk}/")
    opened["title"] = "Edited on an old form"

    response = client.post(change_url(held), opened)

    assert response.status_code == 200
    assert "saved by someone else after you opened it" in page_of(response)
    assert held.sources.count() == 1


def test_it_finds_candidates_by_guest_country_format_or_city_closest_first(db):
    fmt = Format.objects.get(slug="central-asia-china")
    same_city = make_meeting(
        title="Same city", start_date="2022-06-08", city="Astana", countries=["KZ"]
    )
    same_format = make_meeting(
        title="Same format", start_date="2022-06-09", format="Central Asia–China", countries=["KZ"]
    )
    two_shared = make_meeting(title="Two shared", start_date="2022-06-07", countries=["KG", "TJ"])
    one_shared = make_meeting(title="One shared", start_date="2022-06-07", countries=["TJ"])
    make_meeting(title="Host only", start_date="2022-06-08", countries=["KZ"])
    make_meeting(title="Too far", start_date="2022-06-12", countries=["KG", "TJ"])
    traits = Traits(
        start_date=datetime.date(2022, 6, 8),
        countries=("CN", "KG", "KZ", "TJ"),
        host_country="KZ",
        format_id=fmt.pk,
        city="astana",
    )

    found = find_candidates(traits)

    assert [c.meeting for c in found] == [same_city, two_shared, one_shared, same_format]
    assert found[1].shared_countries == ["KG", "TJ"]
    assert (found[0].days_apart, found[0].same_city) == (0, True)


def test_it_finds_candidates_in_a_fixed_number_of_queries(db, django_assert_num_queries):
    for day in range(5, 12):
        make_meeting(start_date=f"2022-06-{day:02d}", countries=["KG", "KZ", "UZ"])
    traits = Traits(start_date=datetime.date(2022, 6, 8), countries=("KG", "KZ"))

    with django_assert_num_queries(2):
        found = find_candidates(traits)

    assert [c.days_apart for c in found] == [0, 1, 1, 2, 2]


# Input the intake cannot use


@pytest.mark.parametrize(
    ("text", "published", "message"),
    [
        ("", "", "Paste the text of the article."),
        ("   \n  ", "", "Paste the text of the article."),
        ("Министры встретились и обсудили сотрудничество.", "", None),
        (ARTICLE + "ж" * 500_000, "", "the limit is 1,000,000 bytes"),
    ],
    ids=["empty", "blank", "undated", "over-a-megabyte"],
)
def test_it_explains_an_article_it_cannot_use_and_creates_nothing(
    client, editor, text, published, message
):
    if message is None:  # the engine's own words
        with pytest.raises(ArticleRejected) as rejected:
            extract_article(text)
        message = str(rejected.value)
    client.force_login(editor)
    before = counts()

    response = read_article(client, text, published=published)

    assert response.status_code == 200
    page = page_of(response)
    assert 'class="errorlist' in page
    assert message in unescape(page)
    assert counts() == before
    assert "meeting_intake" not in client.session


def test_it_explains_a_paste_over_a_megabyte_rather_than_failing_the_request(client, editor):
    client.force_login(editor)
    # 1.2 MB of Cyrillic would be 3.6 MB url-encoded, over Django's 2.5 MB request limit.
    text = "Министры встретились 12 мая 2021 года. " + "я" * 600_000

    response = read_article(client, text)

    assert response.status_code == 200
    assert "the limit is 1,000,000 bytes" in unescape(page_of(response))
    assert Meeting.objects.count() == 0


def test_it_keeps_only_the_latest_articles_in_the_session(client, editor):
    client.force_login(editor)
    urls = [open_draft(client)[0] for _ in range(4)]

    assert client.get(urls[0])["Location"] == INTAKE
    assert all(client.get(url).status_code == 200 for url in urls[1:])


def test_it_sends_an_editor_back_to_the_form_for_a_draft_no_longer_kept(client, editor):
    client.force_login(editor)

    response = client.get(f"{INTAKE}{uuid.uuid4().hex}/", follow=True)

    assert response.redirect_chain[-1][0] == INTAKE
    assert "no longer open here" in page_of(response)
