from django.contrib import admin
from django.urls import include, path

from meetings.views import health, language

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", language.switch_language, name="set_language"),
    path("api/", include("meetings.api.urls")),
    path("", include("meetings.public_urls")),
]
