from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from meetings.api import views
from meetings.api.docs import ApiDocs

app_name = "api"

urlpatterns = [
    path("meetings/", views.MeetingList.as_view(), name="meetings"),
    path("meetings/<slug:slug>/", views.MeetingDetail.as_view(), name="meeting"),
    path("countries/", views.CountryList.as_view(), name="countries"),
    path("countries/<str:code>/", views.CountryDetail.as_view(), name="country"),
    path("formats/", views.FormatList.as_view(), name="formats"),
    path("formats/<slug:slug>/", views.FormatDetail.as_view(), name="format"),
    path("topics/", views.TopicList.as_view(), name="topics"),
    path("people/", views.PersonList.as_view(), name="people"),
    path("documents/", views.DocumentList.as_view(), name="documents"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", ApiDocs.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/ is answered in JSON too, not with the site's page.
    re_path(r"^.*$", views.no_endpoint),
]
