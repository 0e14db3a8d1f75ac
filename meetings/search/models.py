from django.db import models


class SearchDocument(models.Model):
    """A meeting's search terms (see meetings.search.text), one column per weight.

    The engines' own structures sit beside this table and are made by migration 0003: on
    PostgreSQL a generated, GIN-indexed tsvector column ``vector``; on SQLite the FTS5 table
    ``meetings_search_fts``, kept in step with this one by triggers. A later migration that
    makes SQLite rebuild this table drops those triggers and must create them again.
    """

    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title_terms = models.TextField(help_text="Weight A: the titles.")
    name_terms = models.TextField(
        help_text="Weight B: countries with all their names, people, positions, topics, "
        "format, documents and city."
    )
    text_terms = models.TextField(help_text="Weight C: summary, statements and sources.")

    class Meta:
        app_label = "meetings"

    def __str__(self) -> str:
        return f"Search terms of meeting {self.meeting_id}"
