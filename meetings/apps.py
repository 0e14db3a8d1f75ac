from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meeting register"

    def ready(self) -> None:
        from meetings import checks, history  # noqa: F401  (registers checks and versioned models)
        from meetings.roles import apply_roles

        post_migrate.connect(apply_roles, sender=self, dispatch_uid="meetings.apply_roles")
