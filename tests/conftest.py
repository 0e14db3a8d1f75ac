import pytest


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("editor", group="Editors")


@pytest.fixture
def publisher(db):
    from tests.factories import make_user

    return make_user("publisher", group="Publishers")


@pytest.fixture(autouse=True)
def empty_cache():
    """A test's writes roll back with the register's version, so an answer cached by one test
    could be found by the next under the same version; in production rolled-back writes are
    never seen by readers, so never cached."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Russian leaves Russian active in
    the thread, and code run outside a request would then speak it in the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def plain_http_and_uncollected_static(settings):
    # Tests run with DEBUG off, as production does, but over plain HTTP and without
    # collectstatic, so the HTTPS redirect and the hashed-name manifest are turned off.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _commits(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def reference_data_after_flushes(request):
    """A test that commits (browser tests, on_commit hooks) is followed by a flush that
    empties every table, the countries, topics and formats of migration 0002 included.
    Each such test starts with that reference data loaded again."""
    if not _commits(request):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from meetings.models import Country
    from meetings.reference.loader import load_reference_data

    if not Country.objects.exists():
        load_reference_data(apps)
