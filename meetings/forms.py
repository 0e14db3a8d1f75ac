"""Admin forms: autocomplete for links kept in through tables, the stale-save guard, and no
character that XML 1.0 forbids (feeds could not carry it)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AutocompleteSelectMultiple
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version

from meetings import models
from meetings.text import xml_forbidden


def autocomplete_multiple(model, name: str) -> forms.ModelMultipleChoiceField:
    """A form field for a many-to-many kept in a through table, which the admin will not build.

    The admin leaves such fields out of its forms (they could need extra columns); ours have
    none, so a plain multiple choice saved with ``set()`` is all they need.
    """
    field = model._meta.get_field(name)
    return forms.ModelMultipleChoiceField(
        queryset=field.related_model.objects.all(),
        required=not field.blank,
        label=capfirst(field.verbose_name),
        widget=AutocompleteSelectMultiple(field, admin.site),
    )


class XmlSafeModelForm(forms.ModelForm):
    """Refuses text holding a character that XML 1.0 forbids, naming it and where it is."""

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and (char := xml_forbidden(value)):
                self.add_error(name, forbidden_character_message(value, char))
        return cleaned_data


def forbidden_character_message(text: str, char: str) -> str:
    position = text.index(char) + 1
    return gettext(
        "Remove the invisible character U+{code} at position {position}: feeds cannot carry it."
    ).format(code=f"{ord(char):04X}", position=position)


class MeetingAdminForm(XmlSafeModelForm):
    countries = autocomplete_multiple(models.Meeting, "countries")
    topics = autocomplete_multiple(models.Meeting, "topics")
    lock_token = forms.UUIDField(
        label=capfirst(models.Meeting._meta.get_field("lock_token").verbose_name),
        widget=forms.HiddenInput,
        required=False,
    )

    class Meta:
        model = models.Meeting
        fields = [
            "title", "title_en", "language", "status", "start_date", "end_date", "city",
            "host_country", "format", "edition", "level", "countries", "topics", "summary",
            "slug", "external_id", "lock_token",
        ]  # fmt: skip
        # Titles run to a sentence or two; a one-line input hides most of them.
        widgets = {
            "title": AdminTextareaWidget(attrs={"rows": 2}),
            "title_en": AdminTextareaWidget(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = gettext(
                "Left empty, it is made from the date and title."
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned_data.get("lock_token"))
        return cleaned_data

    def _refuse_stale_save(self, submitted_token) -> None:
        # Locking the row makes a concurrent save of the same meeting wait for this one.
        current_token = (
            models.Meeting.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("lock_token", flat=True)
            .first()
        )
        if submitted_token != current_token:
            raise forms.ValidationError(self._stale_message(), code="stale")

    def _stale_message(self) -> str:
        last = (
            Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        )
        who = ""
        if last is not None:
            when = timezone.localtime(last.revision.date_created).strftime("%d %b %Y %H:%M")
            user = last.revision.user or gettext("an import")
            who = f" ({user}, {when})"
        return gettext(
            "This meeting was saved by someone else after you opened it{who}. "
            "Nothing you entered has been saved. Open the meeting again in a new tab to see "
            "the current version, then make your changes there."
        ).format(who=who)


class DocumentAdminForm(XmlSafeModelForm):
    signatories = autocomplete_multiple(models.Document, "signatories")

    class Meta:
        model = models.Document
        fields = ["title", "kind", "signatories", "order"]


class StatementAdminForm(XmlSafeModelForm):
    topics = autocomplete_multiple(models.Statement, "topics")

    class Meta:
        model = models.Statement
        fields = ["country", "speaker", "text", "topics", "order"]
