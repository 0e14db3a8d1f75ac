from django.contrib import admin
from django.urls import include, path

from meetings.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("meetings.api.urls")),
    path("", include("meetings.public_urls")),
]
