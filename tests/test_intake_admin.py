"""Editors paste an article, check the draft meeting read from it beside the marked-up text,
and save it as a draft with the article as its source, or attach the article to the meeting
the register already holds."""

import datetime
import re
import uuid
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from reversion.models import Revision, Version

from meetings.intake import ArticleRejected, Evidence, Extraction, extract_article
from meetings.intake.views import highlight
from meetings.interchange.records import (
    DocumentRecord,
    MeetingRecord,
    ParticipantRecord,
    SourceRecord,
    StatementRecord,
)
from meetings.models import Format, Meeting, Person, Source, Status, Topic
from tests.admin_pages import MEETINGS, submitted_values
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
    """The person each row names: the one chosen, or the new one it would file."""
    rows = sorted(
        (int(match[1]), key)
        for key in values
        if (match := re.fullmatch(rf"{prefix}-(\d+)-{field}", key))
    )
    names = []
    for _, key in rows:
        chosen = values[key]
        if chosen and chosen[0]:
            names.append(str(Person.objects.get(pk=chosen[0])))
        elif new := values.get(key.replace(f"-{field}", f"-new_{field}"), [""])[0]:
            names.append(f"new: {new}")
    return names


def table_counts() -> dict[str, int]:
    """Rows in every table of the database."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counted = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counted[table] = cursor.fetchone()[0]
    return counted


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
    # The size check's error note waits, hidden, until there is an error to show.
    assert '<p class="intake-size-error errornote" role="alert" hidden></p>' in page
    assert 'class="errornote"' not in page
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
    assert selected_person_names(values, "participations") == [
        "new: Ruslan Kazakbaev",
        "new: Wang Yi",
    ]
    assert values["participations-0-position"] == ["Minister of Foreign Affairs of Kyrgyzstan"]
    assert values["documents-0-kind"] == ["joint_statement"]
    assert selected_person_names(values, "statements", "speaker") == ["new: Ruslan Kazakbaev"]
    assert values["statements-0-topics"] == [str(Topic.objects.get(slug="transit").pk)]
    assert "Check the edition." in page_of(response)


def test_it_writes_nothing_when_reading_an_article(client, editor):
    client.force_login(editor)
    client.get(INTAKE)
    before = table_counts()

    _, response = open_draft(client, url=ARTICLE_URL, publisher="Kabar", published=ARTICLE_DATE)

    assert response.status_code == 200
    assert "Руслан Казакбаев" in page_of(response) or "Ruslan" in page_of(response)
    assert table_counts() == before


def test_it_offers_people_not_held_yet_as_names_to_file_on_saving(client, editor, stub_extraction):
    held = Person.objects.create(name="Wang Yi", country_id="CN")
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)

    _, response = open_draft(client, XIAN)

    values = submitted_values(response)
    assert selected_person_names(values, "participations") == [
        "new: Ruslan Kazakbaev",
        str(held),
    ]
    assert values["participations-0-new_person_ru"] == ["Руслан Казакбаев"]
    assert "Ruslan Kazakbaev is not in the register yet" in page_of(response)
    assert not Person.objects.filter(name="Ruslan Kazakbaev").exists()


def test_it_files_new_people_once_on_saving_in_the_meetings_revision(
    client, editor, stub_extraction
):
    held = Person.objects.create(name="Wang Yi", country_id="CN")
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)
    open_draft(client, XIAN)  # a second reading files nobody either

    assert client.post(url, submitted_values(response)).status_code == 302

    assert Person.objects.filter(name="Wang Yi").get() == held
    kazakbaev = Person.objects.get(name="Ruslan Kazakbaev")
    assert (kazakbaev.name_ru, kazakbaev.country_id) == ("Руслан Казакбаев", "KG")
    meeting = Meeting.objects.get()
    assert meeting.statements.get().speaker == kazakbaev
    versions = Version.objects.get_for_object(kazakbaev)
    assert versions.count() == 1
    assert versions.get().revision == Version.objects.get_for_object(meeting).get().revision


def test_it_files_the_name_an_editor_corrected(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)
    values = submitted_values(response)
    values["participations-1-new_person"] = ["Wang Yi (王毅)"]

    client.post(url, values)

    assert Meeting.objects.get().participations.filter(person__name="Wang Yi (王毅)").exists()
    assert not Person.objects.filter(name="Wang Yi").exists()


def test_it_refuses_a_participant_row_naming_nobody(client, editor, stub_extraction):
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)
    values = submitted_values(response)
    values["participations-1-new_person"] = [""]

    again = client.post(url, values)

    assert again.status_code == 200
    assert "Choose a person, or name one the register does not hold yet." in page_of(again)
    assert (Meeting.objects.count(), Person.objects.count()) == (0, 0)


@pytest.mark.parametrize("held", [False, True], ids=["typed-twice", "typed-and-chosen"])
def test_it_refuses_two_rows_for_one_person(client, editor, stub_extraction, held):
    if held:
        Person.objects.create(name="Wang Yi", country_id="CN")
    stub_extraction(full_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)
    values = submitted_values(response)
    values["participations-0-new_person"] = ["wang  yi"] if not held else ["Wang Yi"]
    values["participations-0-country"] = ["CN"]

    again = client.post(url, values)

    assert again.status_code == 200
    assert "One person is named in two rows; remove one of them." in page_of(again)
    assert Meeting.objects.count() == 0


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


def test_it_names_the_values_in_the_legend_as_an_editor_reads_them(client, editor, stub_extraction):
    text = "Министры Кыргызстана обсудили вакцины в Xi'an. Министры встретились."
    extraction = full_extraction(text)

    def span(field, words, value, nth=0):
        start = text.index(words, nth)
        return Evidence(field, start, start + len(words), value)

    extraction.evidence = [
        span("level", "Министры", "foreign_ministers"),
        span("countries", "Кыргызстана", "KG"),
        span("topics", "вакцины", "covid-19"),
        span("city", "Xi'an", "Xi'an"),
        span("level", "Министры", "foreign_ministers", nth=10),
    ]
    stub_extraction(extraction)
    client.force_login(editor)

    _, response = open_draft(client, text)

    page = page_of(response)
    legend = page.split('class="intake-legend"', 1)[1].split("</dl>", 1)[0]
    assert ">Foreign ministers</a>" in legend
    assert ">Kyrgyzstan</a>" in legend
    assert f">{Topic.objects.get(slug='covid-19').name_en}</a>" in legend
    for code in ("foreign_ministers", "covid-19", ">KG<"):
        assert code not in legend
    # Each entry links to the first place the article gives it, a mark with that id.
    level = re.search(r'<a class="intake-swatch[^"]*" href="#([^"]+)" data-field="level"', legend)
    first_level = re.search(rf'<mark [^>]*id="{level[1]}"[^>]*>([^<]*)</mark>', page)
    assert first_level[1] == "Министры"
    assert page.count('data-group="level"') == 2
    assert 'title="Level: Foreign ministers"' in page


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
    assert marked.startswith('<mark class="intake-mark intake-colour-0" id="intake-evidence-0"')
    # The span split in two keeps its id on its first piece only.
    assert marked.count('id="intake-evidence-1"') == 1


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


# Input the intake cannot use


@pytest.mark.parametrize(
    ("text", "published", "message"),
    [
        ("", "", "Paste the text of the article."),
        ("   \n  ", "", "Paste the text of the article."),
        ("Комментарии\nОставить комментарий", "", None),
        (ARTICLE + "ж" * 500_000, "", "the limit is 1,000,000 bytes"),
    ],
    ids=["empty", "blank", "page-furniture", "over-a-megabyte"],
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


# An article without a date


def undated_extraction(text: str) -> Extraction:
    extraction = full_extraction(text)
    extraction.record.start_date = None
    extraction.missing = ["start_date"]
    extraction.warnings.append("No date was found in the article: fill in the meeting's date.")
    return extraction


def test_it_opens_a_draft_of_an_undated_article_with_the_date_to_fill_in(
    client, editor, stub_extraction
):
    stub_extraction(undated_extraction(XIAN))
    make_meeting(title="Same city, any day", start_date="2021-05-12", city="Xi'an")
    client.force_login(editor)
    before = counts()

    _, response = open_draft(client, XIAN)

    assert response.status_code == 200
    values = submitted_values(response)
    assert values["start_date"] == [""]
    assert values["city"] == ["Xi'an"]
    page = page_of(response)
    date_input = re.search(r'<input[^>]*name="start_date"[^>]*>', page)[0]
    assert "intake-missing" in date_input
    assert "autofocus" in date_input
    assert "The article does not say: fill this in." in page
    to_fill = page.split('class="intake-to-fill"', 1)[1].split("</section>", 1)[0]
    assert '<a href="#id_start_date">Date</a>' in to_fill
    # Without a date no meeting can be told apart, so none is offered as a duplicate.
    assert "may describe a meeting already in the register" not in page
    assert counts() == before


def test_it_saves_an_undated_article_once_the_editor_gives_the_date(
    client, editor, stub_extraction
):
    stub_extraction(undated_extraction(XIAN))
    client.force_login(editor)
    url, response = open_draft(client, XIAN)
    values = submitted_values(response)

    refused = client.post(url, values)
    values["start_date"] = ["2021-05-12"]
    saved = client.post(url, values)

    assert refused.status_code == 200
    assert "This field is required." in page_of(refused)
    assert saved.status_code == 302
    assert str(Meeting.objects.get().start_date) == "2021-05-12"


def test_it_reads_an_article_without_a_date_into_a_draft(client, editor):
    client.force_login(editor)

    _, response = open_draft(client, "Министры Кыргызстана и Казахстана встретились в Бишкеке.")

    assert response.status_code == 200
    assert submitted_values(response)["start_date"] == [""]
    assert 'class="intake-to-fill"' in page_of(response)


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
