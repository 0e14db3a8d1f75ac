"""The Russian interface: Accept-Language picks the language, a switch changes it and is
remembered, reference data is named and ordered in the interface language, dates and numbers
follow the locale, a meeting's own text keeps its language, and the catalogue leaves nothing
untranslated."""

import datetime
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from meetings.templatetags.names import (
    collation_key,
    grouped_number,
    sorted_by_name,
    written_in,
)
from tests.factories import import_records, meeting_record, rich_record

ROOT = Path(__file__).resolve().parent.parent
LIST = reverse("meetings:list")
KG_PAGE = reverse("meetings:country", args=["KG"])
COUNTRIES = reverse("meetings:countries")
SWITCH = reverse("set_language")
RUSSIAN = {"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}
THIN_SPACE = "\u202f"


def seed_like(**overrides) -> dict:
    return rich_record(
        title="Вторая встреча министров иностранных дел «Центральная Азия – Китай»",
        title_en="Second Meeting of Foreign Ministers in the Central Asia–China format",
        language="ru",
        start_date="2021-05-12",
        end_date=None,
        city="Xi'an",
        host_country="CN",
        format="Central Asia–China",
        edition=2,
        countries=["CN", "KG", "KZ", "TJ", "TM", "UZ"],
        topics=["covid-19", "transit"],
        **overrides,
    )


@pytest.fixture
def register(db):
    import_records(seed_like(external_id="seed"), meeting_record(countries=["KG", "RU"]))


def text_of(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
class TestTheLanguageChosen:
    def test_it_speaks_english_to_a_browser_that_asks_for_nothing(self, client, register):
        page = client.get(LIST)
        assert page["Content-Language"] == "en"
        assert '<html lang="en">' in text_of(page)
        assert '<h1 id="results-heading">Meetings</h1>' in text_of(page)

    def test_accept_language_ru_gives_russian(self, client, register):
        page = client.get(LIST, headers=RUSSIAN)
        assert page["Content-Language"] == "ru"
        assert '<html lang="ru">' in text_of(page)
        assert '<h1 id="results-heading">Встречи</h1>' in text_of(page)
        assert "Уточнить" in text_of(page)

    def test_kept_answers_are_never_served_in_the_other_language(self, client, register):
        """The facet names, the option lists and the analyst pages' answers are kept between
        requests; each language keeps its own."""
        for _round in range(2):
            english_list = text_of(client.get(LIST))
            russian_list = text_of(client.get(LIST, headers=RUSSIAN))
            assert (
                ">Kyrgyzstan</option>" in english_list and "Кыргызстан</option>" not in english_list
            )
            assert (
                "Кыргызстан</option>" in russian_list and ">Kyrgyzstan</option>" not in russian_list
            )
            english_page = text_of(client.get(KG_PAGE))
            russian_page = text_of(client.get(KG_PAGE, headers=RUSSIAN))
            assert "Meetings of Kyrgyzstan per year" in english_page
            assert "Кыргызстан: встречи по годам" in russian_page

    def test_a_language_it_does_not_speak_falls_back_to_english(self, client, register):
        page = client.get(LIST, headers={"accept-language": "de-DE,fr;q=0.8"})
        assert page["Content-Language"] == "en"

    def test_every_page_offers_the_other_language_as_a_link_that_needs_no_script(
        self, client, register
    ):
        english = text_of(client.get(LIST))
        assert f'href="{SWITCH}?language=ru&amp;next=/meetings/"' in english
        assert "<form" not in english.split('class="language-switch"')[1].split("</nav>")[0]
        russian = text_of(client.get(LIST, headers=RUSSIAN))
        assert f'href="{SWITCH}?language=en&amp;next=/meetings/"' in russian


@pytest.mark.django_db
class TestTheSwitch:
    def test_it_keeps_the_path_and_the_query(self, client, register):
        page = text_of(client.get(LIST, {"country": "KG", "year": "2021"}))
        assert "next=/meetings/&amp;query=country%3DKG%26year%3D2021" in page
        answer = client.get(
            SWITCH, {"language": "ru", "next": LIST, "query": "country=KG&year=2021"}
        )
        assert answer.status_code == 302
        assert answer["Location"] == f"{LIST}?country=KG&year=2021"

    def test_the_choice_is_remembered_over_accept_language(self, client, register):
        client.get(SWITCH, {"language": "ru", "next": KG_PAGE})
        cookie = client.cookies[django_settings.LANGUAGE_COOKIE_NAME]
        assert cookie.value == "ru"
        assert cookie["max-age"] == django_settings.LANGUAGE_COOKIE_AGE
        later = client.get(KG_PAGE, headers={"accept-language": "en"})
        assert later["Content-Language"] == "ru"
        assert "Кыргызстан" in text_of(later)
        client.get(SWITCH, {"language": "en", "next": KG_PAGE})
        assert client.get(KG_PAGE, headers=RUSSIAN)["Content-Language"] == "en"

    def test_a_language_it_does_not_speak_sets_nothing(self, client, register):
        answer = client.get(SWITCH, {"language": "de", "next": KG_PAGE})
        assert answer["Location"] == KG_PAGE
        assert django_settings.LANGUAGE_COOKIE_NAME not in answer.cookies

    def test_it_never_sends_the_reader_to_another_site(self, client, register):
        for elsewhere in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
            answer = client.get(SWITCH, {"language": "ru", "next": elsewhere})
            assert answer["Location"] == "/"

    def test_it_only_answers_a_read(self, client, register):
        assert client.post(SWITCH, {"language": "ru"}).status_code == 405

    def test_each_language_is_its_own_cached_page(self, client, register, settings):
        settings.PAGE_CACHE = True
        english = client.get(KG_PAGE)
        russian = client.get(KG_PAGE, headers=RUSSIAN)
        assert english["ETag"] != russian["ETag"]
        client.get(SWITCH, {"language": "ru", "next": KG_PAGE})
        chosen = client.get(KG_PAGE)
        assert chosen["ETag"] == russian["ETag"]
        assert "Кыргызстан" in text_of(chosen) and "<h1>Kyrgyzstan" not in text_of(chosen)


@pytest.mark.django_db
class TestReferenceDataInTheInterfaceLanguage:
    def test_the_country_page_names_everything_in_russian(self, client, register):
        page = text_of(client.get(KG_PAGE, headers=RUSSIAN))
        assert re.search(r"<h1>Кыргызстан <span class=\"secondary\" lang=\"en\">", page)
        assert "Опубликованные встречи" in page
        assert "Чаще всего встречалась" in page
        assert "Казахстан" in page and ">Китай<" in page
        assert "Kazakhstan" not in page.split("<main")[1].split("<h1>")[0]

    def test_the_list_facets_and_pills_are_in_russian(self, client, register):
        page = text_of(
            client.get(LIST, {"country": "KG", "level": "foreign_ministers"}, headers=RUSSIAN)
        )
        assert '<h3 id="facet-country">Страны</h3>' in page
        assert '<h3 id="facet-level">Уровень</h3>' in page
        assert "Министры иностранных дел" in page
        assert "Страна: Кыргызстан" in page
        assert '<optgroup label="Бывшие государства">' in page

    def test_levels_and_document_kinds_are_translated(self, client, register):
        page = text_of(client.get(LIST, headers=RUSSIAN))
        assert "Декларация" in page
        assert "План действий" in page

    def test_validation_messages_are_translated(self, client, register):
        page = client.get(LIST, {"year": "twenty"}, headers=RUSSIAN)
        assert page.status_code == 400
        assert "Год должен быть числом, например 2021." in text_of(page)
        assert "Этот поиск нельзя выполнить" in text_of(page)

    def test_the_400_page_is_translated(self, client, register):
        page = client.get("/", HTTP_HOST="unknown.example", headers=RUSSIAN)
        assert page.status_code == 400
        assert "На этот запрос нельзя ответить" in text_of(page)

    def test_chart_titles_and_their_csv_columns_are_translated(self, client, register):
        page = text_of(client.get(KG_PAGE, headers=RUSSIAN))
        assert "Кыргызстан: встречи по годам" in page
        csv = client.get(reverse("meetings:country_activity_csv", args=["KG"]), headers=RUSSIAN)
        assert csv.content.decode().splitlines()[0] == "Год,Встречи"

    def test_the_feed_title_is_translated(self, client, register):
        feed = client.get(reverse("meetings:feed"), {"country": "KG"}, headers=RUSSIAN)
        assert "<title>Summitry: Страна: Кыргызстан</title>" in feed.content.decode()

    def test_the_404_page_is_translated(self, client, register):
        page = client.get("/meetings/no-such-meeting/", headers=RUSSIAN)
        assert page.status_code == 404
        assert "Здесь ничего нет" in text_of(page)


@pytest.mark.django_db
class TestRussianOrder:
    def test_kyrgyzstan_files_under_k_among_the_countries(self, client, register):
        index = text_of(client.get(COUNTRIES, headers=RUSSIAN)).split('id="all-heading"')[1]
        names = re.findall(r'<a href="/countries/[A-Z]{2}/">([^<]+)</a>', index)
        assert names == sorted_by_name(names, name=lambda n: n)
        assert names.index("Казахстан") < names.index("Китай") < names.index("Кыргызстан")
        assert names.index("Кыргызстан") < names.index("Россия") < names.index("Таджикистан")

    def test_the_country_select_lists_russian_names_in_russian_order(self, client, register):
        page = text_of(client.get(LIST, headers=RUSSIAN))
        select = page.split('id="id_country"')[1].split("</optgroup>")[0]
        names = re.findall(r">([^<]+)</option>", select)
        assert names == sorted(names, key=collation_key)
        assert names.index("Казахстан") < names.index("Кыргызстан") < names.index("Латвия")

    def test_yo_files_with_ye_and_cyrillic_comes_before_latin(self):
        with translation.override("ru"):
            assert sorted(["Ёж", "Еда", "Ель", "Zimbabwe", "Австрия"], key=collation_key) == [
                "Австрия", "Еда", "Ёж", "Ель", "Zimbabwe",
            ]  # fmt: skip


@pytest.mark.django_db
class TestDatesAndNumbers:
    def test_russian_dates_read_as_a_russian_writes_them(self, client, register):
        page = text_of(client.get(LIST, headers=RUSSIAN))
        assert ">12 мая 2021 г.</time>" in page
        english = text_of(client.get(LIST))
        assert ">12 May 2021</time>" in english

    def test_thousands_are_grouped_with_a_thin_space_in_russian_and_a_comma_in_english(self):
        with translation.override("ru"):
            assert grouped_number(1234567) == f"1{THIN_SPACE}234{THIN_SPACE}567"
        with translation.override("en"):
            assert grouped_number(1234567) == "1,234,567"

    def test_years_are_never_split(self):
        template = Template("{{ year }} {{ when|date:'SHORT_DATE_FORMAT' }}")
        with translation.override("ru"):
            text = template.render(Context({"year": 2021, "when": datetime.date(2021, 5, 12)}))
        assert text == "2021 12 мая 2021 г."

    def test_chart_coordinates_stay_numbers_for_the_svg(self, client, register):
        page = text_of(client.get(KG_PAGE, headers=RUSSIAN))
        svg = page.split('<svg class="chart-svg"')[1].split("</svg>")[0]
        assert not re.search(r'(x|y|width|height)="\d+,\d+"', svg)


@pytest.mark.django_db
class TestAMeetingsOwnText:
    def test_it_stays_in_its_language_marked_with_lang(self, client, register):
        page = text_of(client.get(_seed_url()))
        assert '<h1 lang="en">Second Meeting' in page
        assert '<p class="meeting-title-en" lang="ru">Вторая встреча' in page
        russian = text_of(client.get(_seed_url(), headers=RUSSIAN))
        assert '<h1 lang="ru">Вторая встреча' in russian
        assert '<p class="meeting-title-en" lang="en">Second Meeting' in russian
        assert '<h2 id="participants-heading">Участники</h2>' in russian
        assert "<dt>Язык</dt>\n      <dd>Русский</dd>" in russian
        # The record is Russian, but its summary and statements were written in English.
        assert '<div class="meeting-summary" lang="en">' in russian
        assert '<p class="statement-text" lang="en">Asked for Japanese' in russian

    def test_the_meeting_page_says_the_rest_in_russian(self, client, register):
        russian = text_of(client.get(_seed_url(), headers=RUSSIAN))
        assert "2-я встреча" in russian and "2nd meeting" not in russian
        assert '<a href="/documents/?kind=declaration">Декларация</a>' in russian
        assert '<a href="/documents/?kind=action_plan">План действий</a>' in russian

    def test_the_format_page_and_its_timeline_are_in_russian(self, client, register):
        page = text_of(client.get("/formats/central-asia-china/", headers=RUSSIAN))
        assert "<h1>Центральная Азия – Китай</h1>" in page
        assert "Сведений о встрече №\u00a01 нет." in page
        assert '<p class="timeline-adopted">Принято</p>' in page
        assert "Central Asia–China</p>" in page  # the English name beside, marked lang="en"

    def test_the_language_of_a_text_follows_its_script(self):
        assert written_in("Министр иностранных дел", "ru") == "ru"
        assert written_in("Minister of Foreign Affairs", "ru") == "en"
        assert written_in("Сыртқы істер министрі", "kk") == "kk"
        assert written_in("Ministre des affaires étrangères", "fr") == "fr"
        assert written_in("Министр", "") == "ru"


def _seed_url() -> str:
    from meetings.models import Meeting

    return reverse("meetings:detail", args=[Meeting.objects.get(external_id="seed").slug])


CATALOGUE = ROOT / "locale" / "ru" / "LC_MESSAGES"


class TestTheCatalogue:
    def test_the_compiled_catalogue_is_committed(self):
        """A fresh machine needs no gettext tools: the .mo is in the repository."""
        with open(CATALOGUE / "django.mo", "rb") as compiled:
            catalogue = gettext.GNUTranslations(compiled)
        assert catalogue.gettext("Countries") == "Страны"

    @pytest.mark.skipif(
        shutil.which("msgfmt") is None, reason="needs gettext (make system-packages)"
    )
    def test_the_committed_mo_is_compiled_from_the_committed_po(self, tmp_path):
        fresh = tmp_path / "django.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(CATALOGUE / "django.po")], check=True)
        with open(fresh, "rb") as a, open(CATALOGUE / "django.mo", "rb") as b:
            assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog

    @pytest.mark.skipif(
        shutil.which("xgettext") is None, reason="needs gettext (make system-packages)"
    )
    def test_every_string_of_the_interface_has_a_russian_translation(
        self, tmp_path, settings, monkeypatch
    ):
        """Extract the strings afresh, in a copy of the code and of the catalogue: a string
        added to a template or the code without a translation shows up as an empty entry."""
        for folder in ("meetings", "templates", "locale"):
            shutil.copytree(
                ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
            )
        # makemessages writes to the LOCALE_PATHS entry above the files it reads: the copy's.
        settings.LOCALE_PATHS = [tmp_path / "locale"]
        monkeypatch.chdir(tmp_path)
        call_command("makemessages", locale=["ru"], no_obsolete=True, verbosity=0)
        copy = tmp_path / "locale"
        untranslated = subprocess.run(
            ["msgattrib", "--untranslated", "--no-wrap", str(copy / "ru/LC_MESSAGES/django.po")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        fuzzy = subprocess.run(
            ["msgattrib", "--only-fuzzy", "--no-wrap", str(copy / "ru/LC_MESSAGES/django.po")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        missing = re.findall(r'^msgid "(.+)"$', untranslated + fuzzy, re.MULTILINE)
        assert missing == [], f"{len(missing)} strings have no Russian translation: {missing[:20]}"


@pytest.mark.django_db
class TestTheAdminInRussian:
    """The labels the admin takes from the models (field names, statuses, the register's
    name) follow the interface language, as its own templates do."""

    def test_a_meetings_change_form_names_its_fields_in_russian(self, client, register, publisher):
        from meetings.models import Meeting

        client.force_login(publisher)
        seed = Meeting.objects.get(external_id="seed")
        url = reverse("admin:meetings_meeting_change", args=[seed.pk])
        russian = text_of(client.get(url, headers=RUSSIAN))
        assert ">Дата начала:</label>" in russian
        assert ">Страна-хозяин:</label>" in russian
        assert ">Черновик</option>" in russian and ">Опубликована</option>" in russian
        assert "Пусто для однодневной встречи." in russian
        assert "Start date:" not in russian
        english = text_of(client.get(url))
        assert ">Start date:</label>" in english
        assert ">Published</option>" in english

    def test_the_meeting_list_shows_russian_statuses_and_the_registers_name(
        self, client, register, publisher
    ):
        client.force_login(publisher)
        url = reverse("admin:meetings_meeting_changelist")
        russian = text_of(client.get(url, headers=RUSSIAN))
        assert "Реестр встреч" in russian
        assert "Опубликована" in russian
        assert "Дата начала" in russian
        english = text_of(client.get(url))
        assert "Meeting register" in english and "Start date" in english
