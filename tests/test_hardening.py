"""Hardening: admin sign-in lockout, a Content-Security-Policy every page keeps, the proxy
trusted only when declared, /healthz, one JSON log line per request, and rate limits on the
exports and feeds."""

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from pythonjsonlogger.json import JsonFormatter

from meetings.models import Person
from meetings.ratelimit import RateLimit
from tests.admin_pages import MEETINGS, change_url
from tests.factories import import_records, make_meeting, make_user, rich_record
from tests.test_intake_admin import INTAKE, open_draft

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/admin/login/"
LIMITED_PATHS = [
    "/meetings/export.csv",
    "/meetings/export.jsonl",
    "/meetings/feed.atom",
    "/documents/export.csv",
    "/who-meets-whom/matrix.csv",
]


def sign_in(client, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        f"{LOGIN}?next={MEETINGS}",
        {"username": username, "password": password, "next": MEETINGS},
        REMOTE_ADDR=address,
    )


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # Each sign-in would otherwise spend a second on the production hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class TestAdminSignInLockout:
    def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_one(self, client, db):
        make_user("alice", group="Editors", password="right-password")
        for _ in range(4):
            assert sign_in(client, "alice", "wrong").status_code == 200
        assert sign_in(client, "alice", "wrong").status_code == 429

        refused = sign_in(client, "alice", "right-password")

        assert refused.status_code == 429
        assert "too many login attempts" in refused.content.decode().lower()
        assert not is_signed_in(client)

    def test_the_lockout_holds_only_that_username_from_that_address(self, client, db):
        make_user("alice", group="Editors", password="right-password")
        for _ in range(5):
            sign_in(client, "alice", "wrong")

        response = sign_in(client, "alice", "right-password", address="198.51.100.7")

        assert response.status_code == 302
        assert response["Location"] == MEETINGS
        assert is_signed_in(client)

    def test_a_right_password_before_the_limit_signs_in_and_forgives_earlier_failures(
        self, client, db
    ):
        make_user("alice", group="Editors", password="right-password")
        for _ in range(4):
            sign_in(client, "alice", "wrong")
        assert sign_in(client, "alice", "right-password").status_code == 302
        client.logout()

        for _ in range(4):
            sign_in(client, "alice", "wrong")

        assert sign_in(client, "alice", "right-password").status_code == 302


class _InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block: style attributes, event
    handler attributes, <style> elements, <script> elements with code, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script_without_src = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "href" and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} href={value!r}>")
        if tag == "style":
            self.found.append("<style>")
        data_block = attrs.get("type", "").endswith("json")
        self._script_without_src = tag == "script" and "src" not in attrs and not data_block

    def handle_data(self, data):
        if self._script_without_src and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_without_src = False


def inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def register(db):
    import_records(rich_record(format="Central Asia–Japan"), rich_record(countries=["KG", "CN"]))
    return make_meeting(title="Bishkek talks", countries=["KG", "UZ"], topics=["transit"])


def public_pages(meeting) -> list[str]:
    person = Person.objects.order_by("pk").first()
    return [
        "/",
        "/meetings/",
        "/meetings/?q=transit&country=KG",
        f"/meetings/{meeting.slug}/",
        "/countries/",
        "/countries/KG/",
        "/formats/",
        "/formats/central-asia-japan/",
        "/topics/",
        "/topics/transit/",
        f"/people/{person.slug}/",
        "/documents/",
        "/who-meets-whom/",
        "/meetings/?year=abc",  # the 400 page
        "/no-such-page/",  # the 404 page
    ]


def admin_pages(meeting) -> list[str]:
    return ["/admin/", MEETINGS, change_url(meeting), f"{MEETINGS}add/", INTAKE]


class TestContentSecurityPolicy:
    def policy(self, response) -> dict[str, list[str]]:
        header = response["Content-Security-Policy"]
        directives = (part.split() for part in header.split(";") if part.strip())
        return {name: values for name, *values in directives}

    @pytest.mark.parametrize("url", ["/", "/meetings/", "/countries/KG/", LOGIN])
    def test_public_pages_and_the_admin_allow_only_the_sites_own_scripts_and_styles(
        self, client, register, url
    ):
        response = client.get(url)

        policy = self.policy(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]

    def test_no_public_page_carries_inline_script_or_style(self, client, register):
        for url in public_pages(register):
            response = client.get(url)
            assert response.status_code in (200, 400, 404), url
            assert inline_code(response.content.decode()) == [], url

    def test_no_admin_page_an_editor_works_in_carries_inline_script_or_style(
        self, client, editor, register
    ):
        client.force_login(editor)
        _, draft = open_draft(client)
        pages = {url: client.get(url) for url in admin_pages(register)}
        pages["intake draft"] = draft

        for url, response in pages.items():
            assert response.status_code == 200, url
            assert response.has_header("Content-Security-Policy"), url
            assert inline_code(response.content.decode()) == [], url

    def test_the_ranking_meters_are_drawn_as_svg_as_wide_as_the_share(self, client, register):
        page = client.get("/countries/KG/").content.decode()

        meters = re.findall(r'<svg class="meter"[^>]*>\s*<rect width="(\d+)"', page)
        assert meters[0] == "100"
        assert all(0 <= int(width) <= 100 for width in meters)

    def test_the_topic_pages_meters_are_drawn_as_svg(self, client, register):
        page = client.get("/topics/transit/").content.decode()

        assert re.search(r'<svg class="meter"[^>]*>\s*<rect width="100"', page)


class TestProxyTrust:
    def test_a_client_cannot_skip_the_https_redirect_by_claiming_https(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True

        response = client.get("/countries/", HTTP_X_FORWARDED_PROTO="https")

        assert response.status_code == 301
        assert response["Location"] == "https://testserver/countries/"

    def test_behind_a_declared_proxy_its_https_header_is_believed(self, client, db, settings):
        settings.SECURE_SSL_REDIRECT = True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

        assert client.get("/countries/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
        assert client.get("/countries/", HTTP_X_FORWARDED_PROTO="http").status_code == 301

    def test_the_readme_names_every_variable_the_settings_read(self):
        settings_source = (PROJECT_ROOT / "meetings" / "settings.py").read_text()
        variables = set(
            re.findall(r'(?:environ(?:\.get)?|env_\w+)\(\s*"([A-Z_]+)"', settings_source)
        )
        variables |= set(re.findall(r'environ\["([A-Z_]+)"\]', settings_source))
        readme = (PROJECT_ROOT / "README.md").read_text()
        production = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
        example = (PROJECT_ROOT / ".env.example").read_text()

        assert {"BEHIND_PROXY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_PRELOAD"} <= variables
        assert [name for name in sorted(variables) if f"`{name}`" not in production] == []
        assert [name for name in sorted(variables) if f"{name}=" not in example] == []


class TestHealthz:
    def test_it_answers_200_with_what_it_checked_and_is_never_cached(self, client, register):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "search": "ok"}
        assert "no-cache" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]

    def test_it_costs_two_small_queries(self, client, register, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):
            assert client.get("/healthz").status_code == 200

    def test_it_answers_503_when_the_database_does_not(self, client, db):
        def refuse(execute, sql, params, many, context):
            raise OperationalError("server closed the connection unexpectedly")

        with connection.execute_wrapper(refuse):
            response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "error", "search": "error"}

    def test_it_answers_503_when_the_search_index_is_gone(self, client, db):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DROP TABLE meetings_search_fts")
            else:
                cursor.execute("ALTER TABLE meetings_searchdocument DROP COLUMN vector")

        response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "ok", "search": "error"}

    def test_a_plain_http_probe_gets_its_answer_rather_than_a_redirect(self, client, db, settings):
        settings.SECURE_SSL_REDIRECT = True

        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 301


def configured_json_formatter() -> JsonFormatter:
    formatters = [handler.formatter for handler in logging.getLogger().handlers]
    return next(f for f in formatters if isinstance(f, JsonFormatter))


class TestRequestLog:
    def request_records(self, caplog) -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "summitry.requests"]

    def test_each_request_is_one_json_line_with_its_time_and_sql_count(
        self, client, register, caplog
    ):
        caplog.set_level(logging.INFO, logger="summitry.requests")
        with CaptureQueriesContext(connection) as queries:
            client.get("/countries/KG/?ignored=1")

        [record] = self.request_records(caplog)
        line = configured_json_formatter().format(record)
        assert "\n" not in line
        logged = json.loads(line)
        assert logged["method"] == "GET"
        assert logged["path"] == "/countries/KG/"
        assert logged["status"] == 200
        assert logged["sql_queries"] == len(queries.captured_queries) > 0
        assert isinstance(logged["duration_ms"], float)
        assert logged["level"] == "INFO"
        assert logged["logger"] == "summitry.requests"
        assert logged["message"] == "GET /countries/KG/ 200"
        assert logged["time"].startswith("20")

    def test_errors_and_refusals_are_logged_with_their_status(self, client, db, caplog):
        caplog.set_level(logging.INFO, logger="summitry.requests")
        client.get("/meetings/?year=abc")
        client.post("/meetings/")

        assert [r.status for r in self.request_records(caplog)] == [400, 405]

    def test_a_streamed_export_is_logged_once_its_last_chunk_is_sent(
        self, client, register, caplog
    ):
        caplog.set_level(logging.INFO, logger="summitry.requests")
        response = client.get("/meetings/export.csv")
        assert self.request_records(caplog) == []

        body = b"".join(response.streaming_content).decode()

        [record] = self.request_records(caplog)
        assert "Bishkek talks" in body
        assert record.status == 200
        assert record.sql_queries >= 2  # the meetings and their prefetched parts


@pytest.fixture
def three_a_minute(settings):
    settings.RATE_LIMIT = RateLimit(requests=3, window_seconds=60)


class TestRateLimits:
    @pytest.mark.parametrize("path", LIMITED_PATHS)
    def test_a_client_over_the_limit_gets_429_with_retry_after(
        self, client, db, three_a_minute, path
    ):
        for _ in range(3):
            assert client.get(path).status_code == 200

        refused = client.get(path)

        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 60
        assert "Too many requests" in refused.content.decode()

    def test_the_exports_and_feeds_share_one_count_and_other_pages_have_none(
        self, client, db, three_a_minute
    ):
        for path in LIMITED_PATHS[:3]:
            assert client.get(path).status_code == 200

        assert client.get("/documents/export.csv").status_code == 429
        assert client.get("/api/meetings").status_code == 429
        assert client.get("/meetings/").status_code == 200
        assert client.get("/").status_code == 200

    def test_another_client_keeps_its_own_allowance(self, client, db, three_a_minute):
        for _ in range(4):
            client.get("/meetings/feed.atom")

        assert client.get("/meetings/feed.atom", REMOTE_ADDR="198.51.100.7").status_code == 200

    def test_a_forged_forwarded_for_does_not_buy_a_new_allowance(self, client, db, three_a_minute):
        for n in range(3):
            client.get("/meetings/feed.atom", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

        refused = client.get("/meetings/feed.atom", HTTP_X_FORWARDED_FOR="203.0.113.99")

        assert refused.status_code == 429

    def test_behind_a_declared_proxy_each_forwarded_client_is_counted_apart(
        self, client, db, three_a_minute, settings
    ):
        settings.BEHIND_PROXY = True
        for _ in range(3):
            client.get("/meetings/feed.atom", HTTP_X_FORWARDED_FOR="forged, 203.0.113.1")

        limited = client.get("/meetings/feed.atom", HTTP_X_FORWARDED_FOR="203.0.113.1")
        other = client.get("/meetings/feed.atom", HTTP_X_FORWARDED_FOR="forged, 203.0.113.2")

        assert limited.status_code == 429
        assert other.status_code == 200

    def test_limits_are_off_in_the_test_suite_unless_a_test_turns_them_on(self, client, db):
        statuses = {client.get("/meetings/export.jsonl").status_code for _ in range(40)}

        assert statuses == {200}

    @pytest.mark.parametrize(
        ("text", "limit"),
        [("30/60", RateLimit(30, 60)), (" 5/1 ", RateLimit(5, 1)), ("off", None), ("", None)],
    )
    def test_a_limit_is_read_as_requests_per_seconds(self, text, limit):
        assert RateLimit.parse(text) == limit

    @pytest.mark.parametrize("text", ["30", "30/0", "0/60", "many/60", "30/minute"])
    def test_a_limit_that_makes_no_sense_is_refused(self, text):
        with pytest.raises(ValueError, match="REQUESTS/SECONDS"):
            RateLimit.parse(text)
