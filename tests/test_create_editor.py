from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command


def create(*args, password="a-long-enough-passphrase"):
    call_command(
        "create_editor",
        *args,
        "--password-stdin",
        stdin=StringIO(password + "\n"),
        stdout=StringIO(),
    )


def test_it_creates_a_staff_editor_who_may_not_publish(db):
    create("alice")

    alice = User.objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == ["Editors"]
    assert alice.has_perm("meetings.change_meeting")
    assert not alice.has_perm("meetings.publish_meeting")
    assert alice.check_password("a-long-enough-passphrase")


def test_it_creates_a_publisher_who_may_publish(db):
    create("bob", "--publisher")

    assert User.objects.get(username="bob").has_perm("meetings.publish_meeting")


def test_it_refuses_a_weak_password_and_creates_nobody(db):
    with pytest.raises(CommandError, match="too short"):
        create("carol", password="abc")

    assert not User.objects.filter(username="carol").exists()
