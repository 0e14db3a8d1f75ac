from django.db import models


class SearchDocument(models.Model):
    """A meeting's search terms (see meetings.search.text), one column per weight.

    The engines' own structures sit beside this table, made by migration 0003 and remade over
    four columns by 0010: on PostgreSQL a generated, GIN-indexed tsvector column ``vector``;
    on SQLite the FTS5 table ``meetings_search_fts``, kept in step with this one by triggers.
    A later migration that makes SQLite rebuild this table drops those triggers and must
    create them again (0010 drops and remakes both engines' structures around its changes).
    Since 0012 ``vector`` is kept in the row (storage MAIN), so that matching and ranking a
    meeting read no TOAST table; a migration that remakes the column must set that again.
    """

    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title_terms = models.TextField(help_text="Weight A: the titles.")
    name_terms = models.TextField(
        help_text="Weight B: countries with all their names, people in both alphabets, "
        "positions, topics, format, documents, the city in all its spellings, and the dates."
    )
    record_terms = models.TextField(
        default="",
        help_text="Weight C: what the record says: summary, the documents' signatories, "
        "statements and who made them.",
    )
    text_terms = models.TextField(help_text="Weight D: the sources.")
    substance = models.PositiveSmallIntegerField(
        default=0, help_text="How many documents and statements the record holds."
    )

    class Meta:
        app_label = "meetings"

    def __str__(self) -> str:
        return f"Search terms of meeting {self.meeting_id}"
