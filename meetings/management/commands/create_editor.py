import getpass
import sys

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.roles import EDITORS, PUBLISHERS


class Command(BaseCommand):
    help = "Creates a staff account in the Editors group (or Publishers, with --publisher)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--publisher", action="store_true", help="May also publish and delete meetings."
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args, username, email, publisher, password_stdin, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"user {username!r} already exists")
        stdin = options.get("stdin", sys.stdin)
        password = stdin.readline().rstrip("\n") if password_stdin else self.ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        group = PUBLISHERS if publisher else EDITORS
        user.groups.add(Group.objects.get(name=group))
        self.stdout.write(self.style.SUCCESS(f"Created {username} in {group}."))

    @staticmethod
    def ask_password() -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        return first
