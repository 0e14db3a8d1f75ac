from django.apps import AppConfig


class ApiConfig(AppConfig):
    """An app of its own only so that its docs template and stylesheet are found."""

    name = "meetings.api"
    label = "summitry_api"
    verbose_name = "Summitry API"
