import pytest


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("editor", group="Editors")


@pytest.fixture
def publisher(db):
    from tests.factories import make_user

    return make_user("publisher", group="Publishers")
