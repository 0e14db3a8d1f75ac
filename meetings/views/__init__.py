"""Public views: browsing and searching (browse), one meeting's page (record) and the
take-away files of a list (exports)."""
