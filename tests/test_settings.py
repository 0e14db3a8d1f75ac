"""Settings come from the environment and refuse to start a production server half-configured."""

import os
import secrets
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections
from psycopg import sql

from meetings.checks import check_postgresql_ctype

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Variables the settings read; each test starts without them and sets only what it needs.
SETTINGS_VARIABLES = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their event loop
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CONN_MAX_AGE",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_PROXY",
    "RATE_LIMIT",
    "RATE_LIMIT_CACHE_URL",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_LOCKOUT_MINUTES",
    "LOG_LEVEL",
    "DJANGO_SETTINGS_MODULE",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environ["DJANGO_SETTINGS_MODULE"] = "meetings.settings"
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_runs_in_development_mode_on_a_fresh_clone_without_secrets():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_manage_py_keeps_debug_off_where_a_secret_key_is_set():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY=secrets.token_urlsafe(50),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_it_passes_the_deployment_checks_when_configured_for_production():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def production_settings(*names: str, **env: str) -> list[str]:
    """The repr of each named setting, as a production server started with ``env`` sees it."""
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(getattr(settings, {name!r}, None)))" for name in names
    )
    result = manage(
        "shell",
        "-c",
        code,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-len(names) :]


def test_it_trusts_no_forwarded_proto_header_unless_told_a_proxy_sets_it():
    names = ("SECURE_PROXY_SSL_HEADER", "BEHIND_PROXY")

    assert production_settings(*names) == ["None", "False"]
    assert production_settings(*names, BEHIND_PROXY="true") == [
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "True",
    ]


def test_hsts_preload_is_asked_for_only_on_request():
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD")

    assert production_settings(*names) == ["31536000", "False"]
    assert production_settings(*names, SECURE_HSTS_PRELOAD="true") == ["31536000", "True"]


def test_it_passes_the_deployment_checks_behind_a_proxy_with_preload():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        BEHIND_PROXY="true",
        SECURE_HSTS_PRELOAD="true",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_rate_limits_and_the_login_lockout_are_read_from_the_environment():
    names = ("RATE_LIMIT", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "RATE_LIMIT_CACHE")

    assert production_settings(*names) == [
        "RateLimit(requests=30, window_seconds=60)",
        "5",
        "datetime.timedelta(seconds=900)",
        "'default'",
    ]
    assert production_settings(
        *names,
        RATE_LIMIT="off",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_LOCKOUT_MINUTES="60",
        RATE_LIMIT_CACHE_URL="redis://127.0.0.1:6379/1",
    ) == ["None", "3", "datetime.timedelta(seconds=3600)", "'rate_limits'"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RATE_LIMIT": "30 a minute"}, "RATE_LIMIT: a rate limit is REQUESTS/SECONDS"),
        ({"LOGIN_FAILURE_LIMIT": "five"}, "LOGIN_FAILURE_LIMIT must be a whole number"),
        ({"BEHIND_PROXY": "maybe"}, "BEHIND_PROXY must be true or false"),
    ],
)
def test_it_refuses_a_switch_it_cannot_read(env, message):
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_it_refuses_a_debug_value_that_is_neither_true_nor_false():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


@pytest.mark.django_db
def test_it_does_not_warn_about_the_ctype_of_the_test_database():
    assert check_postgresql_ctype(None, databases=["default"]) == []


@contextmanager
def server_connection():
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        yield server


@pytest.fixture
def c_ctype_database_alias(django_db_blocker):
    """A database alias for a fresh database whose ctype is "C", dropped afterwards.

    The test runs outside Django's test case, which would refuse an alias it was not told
    about in advance, so it unblocks database access itself.
    """
    name = f"summitry_ctype_c_{uuid.uuid4().hex[:12]}"
    alias = name
    with server_connection() as server:
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'").format(
                sql.Identifier(name)
            )
        )
    connections.settings[alias] = {**connection.settings_dict, "NAME": name}
    try:
        with django_db_blocker.unblock():
            yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
        with server_connection() as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LC_CTYPE is a PostgreSQL database setting"
)
def test_it_warns_when_a_postgresql_database_has_the_c_ctype(c_ctype_database_alias):
    warnings = check_postgresql_ctype(None, databases=[c_ctype_database_alias])

    assert [w.id for w in warnings] == ["meetings.W001"]
    assert c_ctype_database_alias in warnings[0].msg
    assert "'C'" in warnings[0].msg
