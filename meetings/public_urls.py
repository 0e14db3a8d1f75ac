"""The public site: home, the meeting list with its exports and feed, meeting pages, and the
analyst pages above them (countries, formats, topics, people, documents, who meets whom)."""

from django.urls import path

from meetings.views import browse, countries, documents, exports, formats, matrix, people, record
from meetings.views import topics as topic_views

app_name = "meetings"

urlpatterns = [
    path("", browse.home, name="home"),
    path("activity.csv", browse.activity_csv, name="activity_csv"),
    path("meetings/", browse.meeting_list, name="list"),
    path("meetings/export.csv", exports.export_csv, name="export_csv"),
    path("meetings/export.jsonl", exports.export_jsonl, name="export_jsonl"),
    path("meetings/feed.atom", exports.feed, name="feed"),
    path("meetings/<slug:slug>/", record.meeting_detail, name="detail"),
    path("countries/", countries.country_index, name="countries"),
    path("countries/<str:code>/", countries.country_detail, name="country"),
    path("countries/<str:code>/activity.csv", countries.activity_csv, name="country_activity_csv"),
    path("formats/", formats.format_index, name="formats"),
    path("formats/<slug:slug>/", formats.format_detail, name="format"),
    path("formats/<slug:slug>/activity.csv", formats.activity_csv, name="format_activity_csv"),
    path("topics/", topic_views.topic_index, name="topics"),
    path("topics/<slug:slug>/", topic_views.topic_detail, name="topic"),
    path("topics/<slug:slug>/activity.csv", topic_views.activity_csv, name="topic_activity_csv"),
    path("people/<slug:slug>/", people.person_detail, name="person"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/export.csv", documents.export_csv, name="documents_csv"),
    path("who-meets-whom/", matrix.matrix, name="matrix"),
    path("who-meets-whom/matrix.csv", matrix.matrix_csv, name="matrix_csv"),
]
