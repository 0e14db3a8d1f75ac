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
def plain_http_and_uncollected_static(settings):
    # Tests run with DEBUG off, as production does, but over plain HTTP and without
    # collectstatic, so the HTTPS redirect and the hashed-name manifest are turned off.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
