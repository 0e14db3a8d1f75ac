"""The public site: home, the meeting list with its exports and feed, and meeting pages."""

from django.urls import path

from meetings.views import browse, exports, record

app_name = "meetings"

urlpatterns = [
    path("", browse.home, name="home"),
    path("meetings/", browse.meeting_list, name="list"),
    path("meetings/export.csv", exports.export_csv, name="export_csv"),
    path("meetings/export.jsonl", exports.export_jsonl, name="export_jsonl"),
    path("meetings/feed.atom", exports.feed, name="feed"),
    path("meetings/<slug:slug>/", record.meeting_detail, name="detail"),
]
