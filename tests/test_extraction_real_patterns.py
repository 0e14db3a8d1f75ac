"""Article intake on the patterns real press releases showed (issue 9): datelines, venues, page
furniture, virtual meetings, spokespeople, documents as titles, official long forms.

Each text is a few sentences written for these tests in the manner of the releases met; the
releases themselves stay out of the repository (evaluation/README.md).
"""

import datetime

import pytest

from meetings.intake import extract_article


def extract(text: str, published: str | None = None):
    day = datetime.date.fromisoformat(published) if published else None
    return extract_article(text, published=day)


def record_of(text: str, published: str | None = None):
    return extract(text, published).record


def names(record) -> dict[str, str | None]:
    return {p.name: p.country for p in record.participants}


# Datelines


@pytest.mark.parametrize(
    ("text", "published", "date", "city"),
    [
        (
            "TASHKENT. KAZINFORM The 2nd Consultative Meeting of the Heads of State of Central "
            "Asia opened today, Kazinform correspondent reports.",
            "2019-11-29",
            "2019-11-29",
            "Tashkent",
        ),
        (
            "ASTANA – Kazakh Foreign Minister Mukhtar Tileuberdi opened the C5+1 ministerial "
            "meeting on February 28.",
            "2023-03-01",
            "2023-02-28",
            "Astana",
        ),
        (
            "Tashkent, Uzbekistan, 3 February 2020 – The foreign ministers of the C5+1 met to "
            "discuss border security.",
            None,
            "2020-02-03",
            "Tashkent",
        ),
        (
            "НЬЮ-ДЕЛИ, 4 июл - РИА Новости. Лидеры стран ШОС провели заседание Совета глав "
            "государств.",
            "2023-07-04",
            "2023-07-04",
            "New Delhi",
        ),
        (
            "ТАШКЕНТ, 15 мар — Sputnik. Руководители стран Центральной Азии провели встречу.",
            "2018-03-15",
            "2018-03-15",
            "Tashkent",
        ),
    ],
)
def test_it_reads_agency_datelines_with_and_without_a_date(text, published, date, city):
    record = record_of(text, published)
    assert record.start_date == datetime.date.fromisoformat(date)
    assert record.city == city


def test_the_agency_after_a_dash_is_the_publisher_and_not_the_first_sentence():
    record = record_of(
        "АСТАНА, 9 июн — Sputnik. Президенты стран ШОС подписали в Астане 11 документов.",
        "2017-06-09",
    )
    assert record.sources[0].publisher == "Sputnik"
    assert record.sources[0].dateline == "АСТАНА, 9 июн — Sputnik."


def test_a_page_s_furniture_before_the_headline_is_left_out():
    text = (
        "Ministry of Foreign Affairs\n"
        "The People's Republic of China\n"
        "China and Central Asian Countries Hold Inaugural Foreign Ministers' Meeting\n"
        "Updated: July 17, 2020 20:37\n"
        "On 16 July, China and Central Asian countries held the inaugural foreign ministers' "
        "meeting in Beijing, chaired by State Councilor and Foreign Minister Wang Yi.\n"
    )
    record = record_of(text)
    assert record.title.startswith("China and Central Asian Countries Hold")
    assert record.start_date == datetime.date(2020, 7, 16)
    assert (record.format, record.edition) == ("Central Asia–China", 1)
    assert "Ministry of Foreign Affairs" not in record.sources[0].text


def test_a_readout_s_spokesperson_line_is_not_its_headline_and_the_secretary_is_american():
    text = (
        "U.S. Department of State\n"
        "Readout\n"
        "Office of the Spokesperson\n"
        "February 3, 2020\n"
        "The below is attributable to Spokesperson Morgan Ortagus:\n"
        "Today, Secretary of State Michael R. Pompeo joined the five foreign ministers of "
        "Kazakhstan, The Kyrgyz Republic, Tajikistan, Turkmenistan, and Uzbekistan in Tashkent, "
        "Uzbekistan for a minister-level meeting of the C5+1.\n"
    )
    record = record_of(text)
    assert record.title != "Office of the Spokesperson"
    assert (record.city, record.format, record.level) == ("Tashkent", "C5+1", "foreign_ministers")
    assert record.countries == ["KG", "KZ", "TJ", "TM", "US", "UZ"]
    assert names(record) == {"Michael R. Pompeo": "US"}


# Venues


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "Глава МИД России Сергей Лавров прибыл в Ташкент\n"
            "14 июля 2021 года министр иностранных дел России прибыл в Узбекистан.",
            "Tashkent",
        ),
        (
            "В Бишкеке завершился саммит глав государств СНГ\n"
            "16 сентября 2016 года в государственной резиденции прошло заседание Совета глав "
            "государств Содружества.",
            "Bishkek",
        ),
        (
            "17 июня 2025 года в столице Казахстана Астане состоялся второй саммит «Центральная "
            "Азия – Китай».",
            "Astana",
        ),
        (
            "16 сентября 2016 года в столице Кыргызской Республики прошло заседание Совета глав "
            "государств СНГ.",
            "Bishkek",
        ),
        (
            "The 7th meeting of the Foreign Ministers of the Central Asia plus Japan Dialogue took "
            "place in the Tajik capital on May 18, 2019.",
            "Dushanbe",
        ),
    ],
)
def test_it_finds_the_venue_in_the_headline_or_as_a_capital(text, city):
    assert record_of(text).city == city


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "On May 23-24, 2016, Tashkent hosted the meeting of the SCO foreign ministers.",
            "Tashkent",
        ),
        (
            "(14 октября 2022 года, г. Астана, Республика Казахстан)\nЛидеры СНГ встретились.",
            "Astana",
        ),
        ("On 27 July 2023, the US envoy visited Astana to attend the C5+1 session.", "Astana"),
        (
            "New Delhi [India], June 4 : External Affairs Minister met his counterparts.",
            "New Delhi",
        ),
    ],
)
def test_a_city_that_hosts_or_is_visited_or_abbreviated_is_the_venue(text, city):
    assert record_of(text).city == city


def test_a_city_one_returned_to_is_not_the_venue():
    record = record_of(
        "Президент Узбекистана 10 июня 2018 года вернулся в Ташкент после саммита ШОС в Циндао."
    )
    assert record.city == "Qingdao"


def test_a_venue_that_happened_outranks_one_announced():
    record = record_of(
        "МИНСК, 11 окт — Sputnik. Следующее заседание Совета глав государств СНГ пройдет в "
        "сентябре будущего года в Душанбе. В среду в Сочи состоялся саммит глав стран СНГ.",
        "2017-10-11",
    )
    assert record.city == "Sochi"


# Virtual meetings


def test_a_video_meeting_has_no_venue_and_its_chair_is_the_host():
    record = record_of(
        "TOKYO: Foreign Minister of Japan Hayashi Yoshimasa on Friday chaired the 8th foreign "
        "ministers' meeting of the Central Asia plus Japan Dialogue held virtually.",
        "2022-04-15",
    )
    assert (record.city, record.host_country) == ("", "JP")
    assert (record.format, record.edition) == ("Central Asia–Japan", 8)


def test_a_country_that_hosted_a_video_meeting_is_its_host():
    record = record_of(
        "India hosted the 19th meeting of the Council of Heads of Government of the SCO via "
        "videoconference on November 30, 2020."
    )
    assert (record.city, record.host_country) == ("", "IN")
    assert (record.format, record.edition) == ("SCO Council of Heads of Government", 19)


# Countries, formats, editions, levels


def test_official_long_forms_name_their_countries():
    record = record_of(
        "6 июня 2024 года в Пекине встретились министр транспорта Кыргызской Республики Тилек "
        "Текебаев и министр транспорта Республики Узбекистан Ильхом Махкамов."
    )
    assert names(record) == {"Тилек Текебаев": "KG", "Ильхом Махкамов": "UZ"}
    assert record.countries == ["CN", "KG", "UZ"]


@pytest.mark.parametrize(
    "text",
    [
        "The C5+1 ministerial meeting took place in Astana on February 28, 2023.",
        "22 сентября 2021 года в формате «C5+1» на полях 76-й сессии Генеральной Ассамблеи ООН "
        "прошла встреча министров иностранных дел.",
    ],
)
def test_c5_plus_1_and_the_general_assembly_s_session_are_no_edition(text):
    record = record_of(text)
    assert (record.format, record.edition) == ("C5+1", None)


def test_the_turkic_council_s_former_name_is_the_turkic_states_summit():
    record = record_of(
        "The fifth summit of the Cooperation Council of the Turkic Speaking States opened in "
        "Astana on 11 September 2015."
    )
    assert (record.format, record.edition) == ("Organization of Turkic States Summit", 5)


def test_a_meeting_of_the_region_with_a_partner_is_their_format():
    record = record_of(
        "On 29 September 2023, the heads of Central Asian states (Kazakhstan, Kyrgyzstan, "
        "Tajikistan, Turkmenistan, Uzbekistan) held a meeting with the Federal Chancellor of "
        "Germany in Berlin."
    )
    assert record.format == "Central Asia–Germany"


def test_a_meeting_on_whose_eve_the_report_is_set_is_not_the_one_reported():
    record = record_of(
        "On September 13, 2023, in Dushanbe, on the eve of the Fifth Consultative Meeting of the "
        "Heads of State of Central Asia, was held the Meeting of Foreign Ministers of Central "
        "Asian Countries."
    )
    assert record.format == ""
    assert record.level == "foreign_ministers"


def test_a_council_s_own_name_outranks_the_summit_in_the_headline():
    record = record_of(
        "Саммит ШОС в Душанбе поднял широкий круг тем\n"
        "В Душанбе 12 октября 2018 года стартовал Совет глав правительств Шанхайской "
        "организации сотрудничества."
    )
    assert (record.format, record.level) == (
        "SCO Council of Heads of Government",
        "heads_of_government",
    )


def test_senior_officials_meet_at_their_own_level():
    record = record_of(
        "Deputy Minister for Political Affairs Kim Gunn hosted the first Korea-Central Asia High "
        "Level Officials' Meeting on November 19, 2020 in Seoul."
    )
    assert record.level == "senior_officials"


# Participants and documents


def test_a_spokesperson_is_quoted_but_takes_no_part():
    record = record_of(
        "АСТАНА, 14 октября. /ТАСС/. Президент России Владимир Путин принял участие в заседании "
        "Совета глав государств СНГ. Пресс-секретарь президента России Дмитрий Песков сообщил "
        "журналистам о двусторонних встречах.",
        "2022-10-14",
    )
    assert names(record) == {"Владимир Путин": "RU"}
    assert {s.speaker for s in record.statements} <= {"Владимир Путин"}


def test_a_release_whose_title_is_the_document_adopted_it():
    record = record_of(
        "Информационное коммюнике по итогам 6-й встречи министров иностранных дел формата "
        "«Китай – Центральная Азия»\n"
        "26 апреля 2025 года в г. Алматы состоялась 6-я встреча министров иностранных дел "
        "формата «Китай – Центральная Азия».\n"
    )
    assert [(d.kind, d.title[:22]) for d in record.documents] == [
        ("communique", "Информационное коммюни")
    ]


def test_the_document_printed_under_its_own_title_is_listed_once():
    record = record_of(
        "ДУШАНБЕ, 18.09.2021 /НИАТ «Ховар»/. Вчера в Душанбе главы государств ШОС приняли "
        "совместную декларацию.\n"
        "НИАТ «Ховар» публикует полный текст документа.\n"
        "Душанбинская декларация двадцатилетия ШОС\n"
        "Государства-члены заявляют о приверженности целям Организации.\n"
    )
    assert [d.title for d in record.documents] == ["Душанбинская декларация двадцатилетия ШОС"]


def test_taking_part_is_no_adoption_and_a_list_of_people_no_list_of_documents():
    record = record_of(
        "8 июня 2022 года в Нурсултане состоялось третье совещание министров иностранных дел в "
        "формате «Центральная Азия – Китай».\n"
        "Во встрече приняли участие:\n"
        "- Министр иностранных дел Кыргызской Республики Жээнбек Кулубаев;\n"
        "- Министр транспорта Республики Таджикистан Азим Иброхим.\n"
    )
    assert record.documents == []
    assert record.city == "Astana"


def test_an_anniversary_of_a_treaty_is_no_adoption():
    record = record_of(
        "16 сентября 2022 года в Самарканде Си Цзиньпин отметил, что год проходит под знаком "
        "15-летия Договора о долгосрочном добрососедстве государств ШОС."
    )
    assert record.documents == []


# No date


def test_an_article_without_a_date_is_a_draft_with_the_date_marked_missing():
    extraction = extract("Министры иностранных дел Центральной Азии и Китая встретились в Сиане.")
    assert extraction.record.start_date is None
    assert extraction.missing == ["start_date"]
    assert extraction.record.city == "Xi'an"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "On 19 July 2023 the summit in Jeddah was attended by the Emir of the State of Qatar "
            "Sheikh Tamim bin Hamad Al Thani.",
            "Tamim bin Hamad Al Thani",
        ),
        (
            "On 4 November 2024 in Busan, South Korea's Foreign Minister Cho Tae-yul met his "
            "Central Asian counterparts.",
            "Cho Tae-yul",
        ),
    ],
)
def test_it_reads_names_with_particles_titles_of_address_and_hyphens(text, name):
    assert name in names(record_of(text))


def test_a_body_read_as_a_name_is_no_participant():
    record = record_of(
        "On 23 October 2023 in Luxembourg the High Representative of the European Commission "
        "met the foreign ministers of Central Asia."
    )
    assert "European Commission" not in names(record)


def test_names_listed_with_their_countries_in_brackets_are_participants():
    record = record_of(
        "14 октября 2022 года в Астане в саммите приняли участие главы государств — Касым-Жомарт "
        "Токаев (Казахстан), Садыр Жапаров (Киргизия), Эмомали Рахмон (Таджикистан)."
    )
    assert names(record) == {
        "Касым-Жомарт Токаев": "KZ",
        "Садыр Жапаров": "KG",
        "Эмомали Рахмон": "TJ",
    }


def test_a_list_of_sides_and_names_after_dashes_names_each_participant():
    record = record_of(
        "On August 3, 2016 in Washington the Foreign Ministers of the Republic of Kazakhstan "
        "Erlan Idrisov, the Republic of Tajikistan – Sirodjidin Aslov, Turkmenistan – Rashid "
        "Meredov and the U.S. Secretary of State John Kerry met in the C5+1 format."
    )
    assert names(record) == {
        "Erlan Idrisov": "KZ",
        "Sirodjidin Aslov": "TJ",
        "Rashid Meredov": "TM",
        "John Kerry": "US",
    }
