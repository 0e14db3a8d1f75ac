"""Public views: browsing and searching (browse), one meeting's page (record), take-away files
(exports)."""

from meetings.views.browse import home, meeting_list
from meetings.views.record import meeting_detail

__all__ = ["home", "meeting_detail", "meeting_list"]
