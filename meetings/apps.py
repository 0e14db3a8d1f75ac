from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meeting register")

    def ready(self) -> None:
        from meetings import checks, history  # noqa: F401  (registers checks and versioned models)
        from meetings.roles import apply_roles
        from meetings.search import signals as search_signals
        from meetings.sqlite import install_unicode_like

        post_migrate.connect(apply_roles, sender=self, dispatch_uid="meetings.apply_roles")
        connection_created.connect(install_unicode_like, dispatch_uid="meetings.unicode_like")
        search_signals.connect()
