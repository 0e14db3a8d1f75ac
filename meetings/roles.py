"""The editorial roles, kept in code and re-applied after every migrate.

Editors enter and correct records; only Publishers make them public or delete them.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
PUBLISHERS = "Publishers"
# What a user needs to publish, withdraw or approve a change to a published meeting.
PUBLISH_PERMISSION = "meetings.publish_meeting"

RECORD_MODELS = [
    "meeting", "meetingcountry", "meetingtopic", "participation", "document",
    "documentsignatory", "statement", "statementtopic", "source", "person",
]  # fmt: skip
REFERENCE_MODELS = ["country", "countryalias", "countrygroup", "topic", "format"]


def _codenames(actions: list[str], model_names: list[str]) -> list[str]:
    return [f"{action}_{name}" for action in actions for name in model_names]


EDITOR_PERMISSIONS = [
    *_codenames(["view", "add", "change"], RECORD_MODELS),
    *_codenames(["view"], REFERENCE_MODELS),
]
# Inline rows (participants, documents...) are deleted when an editor removes them from a
# meeting; only deleting a whole meeting or a person is kept for Publishers.
EDITOR_PERMISSIONS += _codenames(
    ["delete"], [m for m in RECORD_MODELS if m not in ("meeting", "person")]
)
PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "publish_meeting",
    "delete_meeting",
    "delete_person",
    *_codenames(["add", "change"], ["topic", "format", "countryalias"]),
]


def apply_roles(**kwargs) -> None:
    for name, codenames in ((EDITORS, EDITOR_PERMISSIONS), (PUBLISHERS, PUBLISHER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames)
        )
