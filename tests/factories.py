"""Small builders for test data; every record goes through the real importer."""

import itertools
import json

from django.contrib.auth.models import Group, User

from meetings.interchange.importer import import_lines
from meetings.models import Meeting

_ids = itertools.count(1)


def meeting_record(**overrides) -> dict:
    """A valid interchange record with its own external_id; overrides replace keys."""
    n = next(_ids)
    record = {
        "external_id": f"test-{n}",
        "title": f"Test meeting {n}",
        "start_date": "2021-05-12",
        "countries": ["KG", "KZ"],
        "status": "published",
    }
    record.update(overrides)
    return record


def rich_record(**overrides) -> dict:
    """A record that fills every field of the interchange format."""
    fields = dict(
        title="Встреча министров иностранных дел Центральной Азии и Японии",
        title_en="Central Asia–Japan foreign ministers' meeting",
        language="ru",
        end_date="2021-05-13",
        city="Tokyo",
        host_country="JP",
        format="Central Asia–Japan",
        edition=8,
        level="foreign_ministers",
        countries=["JP", "KG", "KZ", "TJ", "TM", "UZ"],
        participants=[
            {"name": "Akira Sato", "country": "JP", "position": "Foreign Minister"},
            {
                "name": "Aibek Osmonov",
                "name_ru": "Айбек Осмонов",
                "country": "KG",
                "position": "Minister of Foreign Affairs",
            },
        ],
        topics=["transit", "e-commerce"],
        documents=[
            {"title": "Tokyo Declaration", "kind": "declaration", "signatories": ["JP", "KG"]},
            {"title": "Action plan on logistics", "kind": "action_plan", "signatories": []},
        ],
        statements=[
            {
                "country": "KG",
                "speaker": "Aibek Osmonov",
                "text": "Asked for Japanese investment in logistics hubs.",
                "topics": ["transit"],
            },
            {"country": "JP", "speaker": None, "text": "Offered training.", "topics": []},
        ],
        sources=[
            {
                "url": "https://example.org/news/1",
                "publisher": "Example Agency",
                "published": "2021-05-14",
                "language": "en",
                "title": "Ministers meet",
                "dateline": "TOKYO, May 13 --",
                "text": "Full text.",
            }
        ],
        summary="They discussed transit and trade.",
    )
    return meeting_record(**{**fields, **overrides})


def import_records(*records: dict, origin: str = "test.jsonl"):
    return import_lines([json.dumps(r, ensure_ascii=False) for r in records], origin=origin)


def make_meeting(**overrides) -> Meeting:
    record = meeting_record(**overrides)
    import_records(record)
    return Meeting.objects.get(external_id=record["external_id"])


def make_user(username: str, group: str | None = None, password: str = "pw") -> User:
    user = User.objects.create_user(username, password=password, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
