"""The read-only JSON API: what each endpoint answers, in which language, in what order, with
which errors, in how many queries; and that a draft never shows through any of them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting, Status
from meetings.ratelimit import RateLimit
from tests.factories import import_records, meeting_record, rich_record

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarian"


def get(client, path, **extra):
    response = client.get(path, **extra)
    return response, (json.loads(response.content) if response.content else None)


@pytest.fixture
def register():
    """A published meeting that fills every field, a plain published one, and a draft that
    alone names a country (NR), a topic, a person, a format and a document."""
    import_records(
        rich_record(external_id="rich"),
        meeting_record(external_id="plain", title="Bishkek consultations", start_date="2019-03-01"),
        meeting_record(
            external_id="secret",
            title=f"{SECRET} draft consultations",
            start_date="2023-01-05",
            countries=["KG", "NR"],
            format=f"{SECRET} format",
            topics=[f"{SECRET.lower()}-topic"],
            participants=[{"name": f"{SECRET} Envoy", "country": "NR", "position": "Envoy"}],
            documents=[{"title": f"{SECRET} roadmap", "kind": "roadmap", "signatories": ["NR"]}],
            statements=[{"country": "NR", "text": f"{SECRET} said it."}],
            status="draft",
        ),
    )


def slug_of(external_id: str) -> str:
    return Meeting.objects.get(external_id=external_id).slug


@pytest.fixture
def rich_slug(register) -> str:
    return slug_of("rich")


ENDPOINTS = [
    "/api/meetings/",
    "/api/meetings/?country=KG",
    "/api/meetings/{rich}/",
    "/api/countries/",
    "/api/countries/KG/",
    "/api/formats/",
    "/api/formats/central-asia-japan/",
    "/api/topics/",
    "/api/people/",
    "/api/documents/",
    "/api/documents/?kind=roadmap",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_never_shows_a_draft_or_what_only_a_draft_names(client, rich_slug, path):
    response, _ = get(client, path.format(rich=rich_slug))

    assert response.status_code == 200
    text = response.content.decode()
    assert SECRET not in text
    assert SECRET.lower() not in text
    assert '"NR"' not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/meetings/{secret}/",
        "/api/countries/NR/",
        f"/api/formats/{SECRET.lower()}-format/",
    ],
)
def test_a_draft_and_what_only_a_draft_names_are_not_found(client, register, path):
    response, body = get(client, path.format(secret=slug_of("secret")))

    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert body["detail"]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ("/api/meetings/?country=NR", None),
        (f"/api/meetings/?topic={SECRET.lower()}-topic", "Unknown topic"),
        (f"/api/meetings/?format={SECRET.lower()}-format", "Unknown format"),
        (f"/api/meetings/?person={SECRET.lower()}-envoy", "Unknown person"),
        (f"/api/documents/?topic={SECRET.lower()}-topic", "Unknown topic"),
        ("/api/documents/?signatory=NR", None),
    ],
)
def test_filtering_by_what_only_a_draft_names_finds_nothing(client, register, path, refused):
    response, body = get(client, path)

    if refused:
        assert response.status_code == 400
        assert body["errors"][0].startswith(refused)
    else:
        assert response.status_code == 200
        assert body["count"] == 0


def test_a_meeting_comes_with_all_its_parts_but_not_its_sources_text(client, rich_slug):
    response, body = get(client, f"/api/meetings/{rich_slug}/")

    assert response.status_code == 200
    assert body["title_en"] == "Central Asia–Japan foreign ministers' meeting"
    assert body["host_country"] == {"code": "JP", "name": "Japan"}
    assert body["format"]["slug"] == "central-asia-japan"
    assert body["level"] == {"code": "foreign_ministers", "name": "Foreign ministers"}
    assert [c["code"] for c in body["countries"]] == ["JP", "KG", "KZ", "TJ", "TM", "UZ"]
    assert [t["slug"] for t in body["topics"]] == ["e-commerce", "transit"]
    assert [p["person"]["name"] for p in body["participants"]] == ["Akira Sato", "Aibek Osmonov"]
    assert body["participants"][1]["person"]["name_ru"] == "Айбек Осмонов"
    assert body["participants"][1]["country"]["code"] == "KG"
    assert [(d["title"], d["kind"]["code"]) for d in body["documents"]] == [
        ("Tokyo Declaration", "declaration"),
        ("Action plan on logistics", "action_plan"),
    ]
    assert [c["code"] for c in body["documents"][0]["signatories"]] == ["JP", "KG"]
    assert body["statements"][0]["speaker"]["name"] == "Aibek Osmonov"
    assert body["statements"][0]["topics"] == [{"slug": "transit", "name": "Transit"}]
    assert body["statements"][1]["speaker"] is None
    assert body["sources"] == [
        {
            "publisher": "Example Agency",
            "url": "https://example.org/news/1",
            "published": "2021-05-14",
            "language": "en",
            "title": "Ministers meet",
        }
    ]
    assert "Full text." not in response.content.decode()
    assert "TOKYO, May 13" not in response.content.decode()


def test_the_list_takes_the_lists_filters_and_search(client, rich_slug):
    _, by_country = get(client, "/api/meetings/?country=jp")
    _, by_words = get(client, "/api/meetings/?q=Bishkek")
    _, by_level = get(client, "/api/meetings/?level=foreign_ministers&year=2021")

    assert [m["slug"] for m in by_country["results"]] == [rich_slug]
    assert [m["title"] for m in by_words["results"]] == ["Bishkek consultations"]
    assert [m["slug"] for m in by_level["results"]] == [rich_slug]


def test_bad_parameters_get_the_lists_messages(client, register):
    api, body = get(client, "/api/meetings/?country=XX&year=21&sort=size")
    page = client.get("/meetings/?country=XX&year=21&sort=size")

    assert api.status_code == page.status_code == 400
    assert sorted(body["errors"]) == [
        "The year must have four digits.",
        "Unknown country code “XX”.",
        "Unknown sort “size”: use date, -date or relevance.",
    ]
    for message in body["errors"]:
        assert message.replace("“", "&ldquo;") in page.content.decode() or (
            message in page.content.decode()
        )


def test_pages_are_numbered_and_stable_with_ties_broken_by_key(client, db):
    import_records(*(meeting_record(start_date="2020-01-01") for _ in range(5)))
    ids = list(Meeting.objects.order_by("-pk").values_list("slug", flat=True))

    _, first = get(client, "/api/meetings/?page_size=2")
    _, third = get(client, "/api/meetings/?page_size=2&page=3")

    assert first["count"] == 5
    assert [m["slug"] for m in first["results"]] == ids[:2]
    assert [m["slug"] for m in third["results"]] == ids[4:]
    assert first["next"].endswith("/api/meetings/?page=2&page_size=2")
    assert third["next"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=9", "There is no page 9: these results fill 1 page."),
        ("page=two", "“two” is not a page number."),
        ("page_size=1000", "“page_size” must be a whole number from 1 to 100."),
    ],
)
def test_a_page_that_is_not_one_is_a_400(client, register, query, message):
    response, body = get(client, f"/api/meetings/?{query}")

    assert response.status_code == 400
    assert body == {"errors": [message]}


def test_names_follow_accept_language_and_lang(client, rich_slug):
    _, russian = get(client, f"/api/meetings/{rich_slug}/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    response, english = get(
        client, f"/api/meetings/{rich_slug}/?lang=en", HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert russian["host_country"]["name"] == "Япония"
    assert russian["level"]["name"] == "Министры иностранных дел"
    assert russian["documents"][0]["kind"]["name"] == "Декларация"
    assert {t["name"] for t in russian["topics"]} >= {"Транзит"}
    assert russian["title"] == english["title"]  # the meeting's own text stays as written
    assert english["host_country"]["name"] == "Japan"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_countries_and_formats_are_named_in_russian_too(client, register):
    _, countries = get(client, "/api/countries/?lang=ru")
    _, formats = get(client, "/api/formats/?lang=ru&page_size=100")

    kyrgyzstan = next(c for c in countries["results"] if c["code"] == "KG")
    assert kyrgyzstan["name"] == "Кыргызстан"
    assert kyrgyzstan["name_en"] == "Kyrgyzstan"
    japan_format = next(f for f in formats["results"] if f["slug"] == "central-asia-japan")
    assert japan_format["name"] == japan_format["name_ru"] != japan_format["name_en"]


def test_an_empty_lang_leaves_the_choice_to_the_header(client, register):
    response = client.get("/api/countries/?lang=", HTTP_ACCEPT_LANGUAGE="ru")

    assert response["Content-Language"] == "ru"


def test_an_unknown_language_is_a_400(client, register):
    response, body = get(client, "/api/meetings/?lang=de")

    assert response.status_code == 400
    assert body == {"errors": ["Unknown language “de”: use en or ru."]}


def test_a_country_has_its_partners_and_meetings_per_year(client, register):
    _, kg = get(client, "/api/countries/KG/")
    _, listed = get(client, "/api/countries/")

    assert kg["meetings"] == 2
    assert kg["per_year"] == [
        {"year": 2019, "meetings": 1},
        {"year": 2020, "meetings": 0},
        {
            "year": 2021,
            "meetings": 1,
        },
    ]
    assert kg["partners"][0] == {"code": "KZ", "name": "Kazakhstan", "meetings": 2}
    assert {p["code"] for p in kg["partners"]} == {"JP", "KZ", "TJ", "TM", "UZ"}
    row = next(c for c in listed["results"] if c["code"] == "KG")
    assert row["meetings"] == 2


def test_a_format_lists_its_editions_with_what_they_adopted(client, register):
    _, body = get(client, "/api/formats/central-asia-japan/")

    [edition] = body["editions"]
    assert edition["edition"] == 8
    assert edition["level"]["code"] == "foreign_ministers"
    assert [d["kind"]["code"] for d in edition["documents"]] == ["declaration", "action_plan"]
    assert body["missing_editions"] == [{"first": 1, "last": 7}]
    assert {m["country"]["code"] for m in body["members"]} >= {"JP", "KG"}


def test_topics_and_people_and_documents(client, rich_slug):
    _, topics = get(client, "/api/topics/?page_size=100")
    _, people = get(client, "/api/people/")
    _, documents = get(client, "/api/documents/?kind=declaration")

    transit = next(t for t in topics["results"] if t["slug"] == "transit")
    assert transit["meetings"] == 1
    assert [p["name"] for p in people["results"]] == ["Aibek Osmonov", "Akira Sato"]
    [declaration] = documents["results"]
    assert declaration["title"] == "Tokyo Declaration"
    assert declaration["meeting"]["slug"] == rich_slug


class TestConditionalRequests:
    def test_the_same_answer_is_a_304(self, client, register):
        first = client.get("/api/meetings/?country=KG")

        again = client.get("/api/meetings/?country=KG", HTTP_IF_NONE_MATCH=first["ETag"])

        assert first.status_code == 200
        assert again.status_code == 304
        assert again["ETag"] == first["ETag"]
        assert again.content == b""

    def test_a_publish_changes_the_tag(self, client, register):
        first = client.get("/api/meetings/")

        Meeting.objects.filter(external_id="secret").update(status=Status.PUBLISHED)
        again = client.get("/api/meetings/", HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 200
        assert again["ETag"] != first["ETag"]
        assert SECRET in again.content.decode()

    def test_the_tag_depends_on_the_language_and_the_query(self, client, register):
        tags = {
            client.get(path, HTTP_ACCEPT_LANGUAGE=lang)["ETag"]
            for path in ("/api/countries/", "/api/countries/?page=1")
            for lang in ("en", "ru")
        }

        assert len(tags) == 4

    def test_work_on_a_draft_keeps_the_tag(self, client, register):
        first = client.get("/api/meetings/")

        Meeting.objects.filter(external_id="secret").update(title="Still a draft")

        assert client.get("/api/meetings/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


class TestKeptCounts:
    """A list's count is kept under the register's version: asked again, it is not counted
    again; after a publish or a withdrawal it is."""

    def counts(self, client, path: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            _, body = get(client, path)
        counting = [q for q in queries if "COUNT(" in q["sql"].upper()]
        return body["count"], len(counting)

    def test_the_same_filters_are_counted_once_whatever_the_page_or_order(self, client, register):
        assert self.counts(client, "/api/meetings/?country=KG") == (2, 1)
        assert self.counts(client, "/api/meetings/?country=KG") == (2, 0)
        assert self.counts(client, "/api/meetings/?country=KG&sort=date&page_size=1") == (2, 0)
        assert self.counts(client, "/api/meetings/?country=KG&year=2019") == (1, 1)

    def test_a_publish_and_a_withdrawal_change_the_count(self, client, register):
        assert self.counts(client, "/api/meetings/?country=KG") == (2, 1)

        Meeting.objects.filter(external_id="secret").update(status=Status.PUBLISHED)
        assert self.counts(client, "/api/meetings/?country=KG") == (3, 1)

        Meeting.objects.filter(external_id="rich").update(status=Status.DRAFT)
        assert self.counts(client, "/api/meetings/?country=KG") == (2, 1)

    def test_work_on_a_draft_keeps_the_count(self, client, register):
        self.counts(client, "/api/documents/")
        Meeting.objects.filter(external_id="secret").update(title="Still a draft")

        assert self.counts(client, "/api/documents/") == (2, 0)


def test_any_origin_may_read_it(client, register):
    response = client.get("/api/countries/", HTTP_ORIGIN="https://example.net")
    preflight = client.options(
        "/api/countries/",
        HTTP_ORIGIN="https://example.net",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    page = client.get("/countries/", HTTP_ORIGIN="https://example.net")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in page


def test_it_refuses_writes(client, rich_slug):
    assert client.post("/api/meetings/", {}).status_code == 405
    assert client.delete(f"/api/meetings/{rich_slug}/").status_code == 405


def test_the_api_shares_the_exports_rate_limit(client, register, settings):
    settings.RATE_LIMIT = RateLimit(requests=2, window_seconds=60)

    assert client.get("/meetings/export.csv").status_code == 200
    assert client.get("/api/countries/").status_code == 200
    refused, body = get(client, "/api/meetings/")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert body["detail"].startswith("Too many requests")


def test_the_schema_and_its_docs_are_served_without_a_cdn_or_inline_code(client, db):
    schema, body = get(client, "/api/schema/")
    docs = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    assert schema.status_code == 200
    assert body["openapi"].startswith("3.")
    assert "/api/meetings/{slug}/" in body["paths"]
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "<style" not in html
    assert "<script>" not in html
    assert "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "script-src 'self';" in docs["Content-Security-Policy"] + ";"
    assert "img-src 'self' data:" in docs["Content-Security-Policy"]  # Swagger UI's icons
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


# Each endpoint's SQL queries with nothing cached, whatever the number of meetings, countries
# or documents: the version read by the public page cache (meetings.http_cache) and again for
# the ETag, the filter's own checks, the count, the page and its prefetches. Answers kept
# under the register's version (countries, formats, topics) cost fewer when asked again.
QUERY_COUNTS = {
    "/api/meetings/": 5,
    "/api/meetings/?country=KG&topic=transit": 8,
    "/api/meetings/{slug}/": 11,
    "/api/countries/": 7,
    "/api/countries/KG/": 7,
    "/api/formats/": 6,
    "/api/formats/central-asia-japan/": 10,
    "/api/topics/": 6,
    "/api/people/": 5,
    "/api/documents/": 5,
    "/api/documents/?signatory=KG&topic=transit": 8,
}


def _queries(client, path: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", QUERY_COUNTS)
def test_each_endpoint_takes_a_fixed_number_of_queries(client, rich_slug, path):
    counted = path.format(slug=rich_slug)
    few = _queries(client, counted)
    import_records(
        *(
            rich_record(start_date=f"20{10 + n}-05-12", end_date=None, edition=n + 1)
            for n in range(6)
        )
    )

    many = _queries(client, counted)

    assert few == many <= QUERY_COUNTS[path]
