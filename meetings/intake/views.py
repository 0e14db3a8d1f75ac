"""The editors' article intake in the admin: paste an article, correct the draft, save it.

The pre-filled draft is the meeting admin's own add view, so saving it validates, versions and
locks exactly like adding a meeting by hand; ``IntakeAdminMixin`` is what feeds it the draft.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings import models, moderation
from meetings.intake import MAX_ARTICLE_BYTES, Evidence
from meetings.intake.duplicates import (
    SOURCE_FIELDS,
    AlreadyAttached,
    Candidate,
    attach_source,
    find_candidates,
    is_held,
)
from meetings.intake.forms import (
    PERSON_FIELDS,
    ArticleForm,
    Draft,
    DuplicateChoiceForm,
    new_person_fields,
    prepare_draft,
    with_distinct_people,
    with_new_person,
)
from meetings.roles import PUBLISH_PERMISSION

SESSION_KEY = "meeting_intake"
# Each draft keeps its article (up to a megabyte) in the session; a few open tabs is plenty.
DRAFTS_KEPT = 3
START_TEMPLATE = "admin/meetings/meeting/intake.html"
DRAFT_TEMPLATE = "admin/meetings/meeting/intake_draft.html"


class IntakeAdminMixin:
    """Adds the intake pages to a ModelAdmin and pre-fills its add form from a draft."""

    def get_urls(self):
        def view(function):
            def wrapper(request, *args, **kwargs):
                return function(request, self, *args, **kwargs)

            return self.admin_site.admin_view(wrapper)

        name = f"{self.opts.app_label}_{self.opts.model_name}_intake"
        return [
            path("intake/", view(start), name=name),
            path("intake/<str:key>/", view(draft), name=f"{name}_draft"),
            *super().get_urls(),
        ]

    def get_changeform_initial_data(self, request):
        current = _draft_of(request)
        if current is None:
            return super().get_changeform_initial_data(request)
        return dict(current.meeting)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        current = _draft_of(request)
        if current is None:
            return form
        if "status" in form.base_fields:
            # An article becomes a draft whoever enters it; publishing is a separate step.
            form.base_fields["status"].disabled = True
            form.base_fields["status"].help_text = gettext(
                "A meeting from an article starts as a draft."
            )
        for name in current.missing:
            if name in form.base_fields:
                _mark_missing(form.base_fields[name])
        if getattr(request, "meeting_intake_unchosen", False):
            form = _refusing_unchosen(form)
        return form

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if _draft_of(request) is not None:
            # Instances are made per request, so adapting them touches no other page.
            for inline in inlines:
                person_field = PERSON_FIELDS.get(inline.model)
                if person_field:
                    fields = inline.fields or inline.form._meta.fields
                    inline.fields = new_person_fields(list(fields), person_field)
                    inline.form = with_new_person(inline.form, person_field)
                    if inline.model is models.Participation:
                        inline.formset = with_distinct_people(inline.formset, person_field)
        return inlines

    def get_formsets_with_inlines(self, request, obj=None):
        for inline in self.get_inline_instances(request, obj):
            rows = _prefilled_rows(request, inline)
            if rows:
                yield inline.get_formset(request, obj, extra=len(rows)), inline
            else:
                yield inline.get_formset(request, obj), inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = _prefilled_rows(request, inline)
        if rows:
            kwargs["initial"] = rows
        return kwargs


def _draft_of(request) -> Draft | None:
    return getattr(request, "meeting_intake_draft", None)


def _mark_missing(form_field) -> None:
    form_field.widget.attrs["class"] = " ".join(
        filter(None, [form_field.widget.attrs.get("class"), "intake-missing"])
    )
    form_field.widget.attrs["autofocus"] = True
    form_field.help_text = gettext("The article does not say: fill this in.")


CHOOSE_FIRST = _(
    "This article may describe a meeting already in the register. Choose at the top of the "
    "form: attach the article to that meeting, or save it as a new meeting."
)


def _refusing_unchosen(form_class):
    def clean(self):
        cleaned_data = form_class.clean(self)
        self.add_error(None, CHOOSE_FIRST)
        return cleaned_data

    return type(form_class.__name__, (form_class,), {"clean": clean})


def _prefilled_rows(request, inline) -> list[dict]:
    # Only the first, unbound render gets initial rows: a submitted row equal to its initial
    # counts as unchanged, and the formset would silently skip saving it.
    current = _draft_of(request)
    if current is None or request.method != "GET":
        return []
    return current.inline_rows(inline.model)


def start(request, model_admin) -> TemplateResponse | HttpResponseRedirect:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        prepared = prepare_draft(form.extraction, form.cleaned_data["text"])
        _keep(request, prepared)
        return HttpResponseRedirect(_url(model_admin, "intake_draft", prepared.key))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("New meeting from an article"),
        "form": form,
        "max_article_bytes": MAX_ARTICLE_BYTES,
    }
    return TemplateResponse(request, START_TEMPLATE, context)


def draft(request, model_admin, key: str) -> TemplateResponse | HttpResponseRedirect:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    current = _kept(request, key)
    if current is None:
        messages.warning(request, gettext("That article is no longer open here; paste it again."))
        return HttpResponseRedirect(_url(model_admin, "intake"))
    candidates = find_candidates(current.traits)
    choice = DuplicateChoiceForm(
        candidates, request.POST if request.method == "POST" and candidates else None
    )
    if choice.is_bound:
        # Saving while the register may hold this meeting needs the editor's word on it.
        if not choice.is_valid():
            request.meeting_intake_unchosen = True
        elif choice.meeting_id is not None:
            return _attach(request, model_admin, current, choice.meeting_id)
    request.meeting_intake_draft = current
    response = model_admin.add_view(
        request, extra_context=_panel(model_admin, current, candidates, choice)
    )
    if isinstance(response, TemplateResponse):
        response.template_name = DRAFT_TEMPLATE
        # Multipart keeps a long article within the request size limit: url-encoding would
        # triple every byte of Cyrillic text.
        response.context_data["has_file_field"] = True
    elif request.method == "POST":
        _forget(request, key)
    return response


def _attach(request, model_admin, current: Draft, meeting_id: int) -> HttpResponseRedirect:
    meeting = get_object_or_404(models.Meeting, pk=meeting_id)
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    change_url = _url(model_admin, "change", quote(meeting.pk))
    if meeting.status == models.Status.PUBLISHED and not request.user.has_perm(PUBLISH_PERMISSION):
        return _propose_attachment(request, model_admin, current, meeting)
    try:
        attach_source(meeting.pk, current.source_fields(), request.user)
    except AlreadyAttached:
        messages.warning(
            request, gettext("This article is already a source of this meeting; nothing was added.")
        )
        _forget(request, current.key)
        return HttpResponseRedirect(change_url)
    _forget(request, current.key)
    messages.success(
        request,
        format_html(gettext("The article was added to the sources of “{}”."), meeting.title),
    )
    return HttpResponseRedirect(change_url)


def _propose_attachment(request, model_admin, current: Draft, meeting) -> HttpResponseRedirect:
    """An editor who may not publish sends the attachment for review, as any change to a
    published meeting is: the public page keeps its sources until a publisher approves."""
    source = current.source_fields()
    if is_held(meeting, source):
        messages.warning(
            request, gettext("This article is already a source of this meeting; nothing was added.")
        )
    else:
        moderation.propose_source(request, meeting.pk, _interchange_source(source))
        messages.warning(
            request,
            format_html(
                gettext(
                    "Adding the article to “{}” awaits a publisher’s review. The public page "
                    "shows the published sources until then."
                ),
                meeting.title,
            ),
        )
    _forget(request, current.key)
    return HttpResponseRedirect(_url(model_admin, "changelist"))


def _interchange_source(source: dict) -> dict:
    """The article as a source of the interchange format, as a pending change holds it."""
    published = source.get("published")
    return {
        **{name: source.get(name) or None for name in SOURCE_FIELDS},
        "published": published.isoformat() if published else None,
    }


def _url(model_admin, name: str, *args) -> str:
    opts = model_admin.opts
    return reverse(
        f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args
    )


def _keep(request, prepared: Draft) -> None:
    kept = request.session.get(SESSION_KEY, {})
    kept[prepared.key] = prepared.to_session()
    request.session[SESSION_KEY] = dict(list(kept.items())[-DRAFTS_KEPT:])


def _kept(request, key: str) -> Draft | None:
    data = request.session.get(SESSION_KEY, {}).get(key)
    return Draft.from_session(data) if data else None


def _forget(request, key: str) -> None:
    kept = request.session.get(SESSION_KEY, {})
    if kept.pop(key, None) is not None:
        request.session[SESSION_KEY] = kept


def _panel(model_admin, current: Draft, candidates: list[Candidate], choice) -> dict:
    for candidate in candidates:
        candidate.change_url = _url(model_admin, "change", quote(candidate.meeting.pk))
        candidate.choice_value = DuplicateChoiceForm.attach_value(candidate.meeting.pk)
    marks = _usable(current.evidence, len(current.article))
    describe = describer(marks)
    return {
        "title": gettext("New meeting from an article"),
        "intake": current,
        "intake_article": highlight(current.article, marks, describe),
        "intake_legend": legend(marks, describe),
        "intake_missing": [(name, field_label(name)) for name in current.missing],
        "intake_candidates": candidates,
        "intake_choice": choice,
        "show_save_and_add_another": False,
        # The draft needs the page's whole width beside the article.
        "is_nav_sidebar_enabled": False,
    }


# Field names of the interchange format, as an editor reads them.
FIELD_LABELS = {
    "title": _("Title"),
    "title_en": _("English title"),
    "start_date": _("Date"),
    "end_date": _("End date"),
    "city": _("City"),
    "host_country": _("Host country"),
    "format": _("Format"),
    "edition": _("Edition"),
    "level": _("Level"),
    "countries": _("Countries"),
    "participants": _("Participants"),
    "topics": _("Topics"),
    "documents": _("Documents"),
    "statements": _("Statements"),
    "summary": _("Summary"),
    "dateline": _("Dateline"),
    "publisher": _("Publisher"),
}
PALETTE_SIZE = 12


def field_group(name: str) -> str:
    """``participants[0].name`` belongs with ``participants``."""
    return name.split("[", 1)[0].split(".", 1)[0]


def field_label(name: str) -> str:
    group = field_group(name)
    return str(FIELD_LABELS.get(group) or group.replace("_", " ").capitalize())


@dataclass
class LegendValue:
    text: str
    anchor: str


@dataclass
class LegendEntry:
    field: str
    label: str
    colour: int
    anchor: str
    values: list[LegendValue] = field(default_factory=list)


Describe = Callable[[str, str], str]
COUNTRY_FIELDS = {"countries", "host_country", "statements"}


def _as_is(field_name: str, value: str) -> str:
    return value


def _usable(evidence: list[Evidence], length: int) -> list[Evidence]:
    return [e for e in evidence if 0 <= e.start < e.end <= length]


def describer(evidence: list[Evidence]) -> Describe:
    """Values as an editor reads them: country and topic names, the level's label.

    The evidence keeps the record's codes and slugs; at most two queries name them.
    """
    wanted: dict[str, set[str]] = {"countries": set(), "topics": set()}
    for item in evidence:
        group = field_group(item.field)
        if group in COUNTRY_FIELDS:
            wanted["countries"].add(item.value)
        elif group == "topics":
            wanted["topics"].add(item.value)
    countries = dict(
        models.Country.objects.filter(code__in=wanted["countries"]).values_list("code", "name_en")
        if wanted["countries"]
        else ()
    )
    topics = dict(
        models.Topic.objects.filter(slug__in=wanted["topics"]).values_list("slug", "name_en")
        if wanted["topics"]
        else ()
    )
    levels = dict(models.Level.choices)

    def describe(field_name: str, value: str) -> str:
        group = field_group(field_name)
        if group in COUNTRY_FIELDS:
            return countries.get(value, value)
        if group == "topics":
            return topics.get(value, value)
        if group == "level":
            return levels.get(value, value)
        return value

    return describe


def _anchor(index: int) -> str:
    return f"intake-evidence-{index}"


def legend(evidence: list[Evidence], describe: Describe = _as_is) -> list[LegendEntry]:
    """One entry per field, in the order the article first gives them; each entry and each
    value links to the first place in the article it was read from."""
    entries: dict[str, LegendEntry] = {}
    for index, item in sorted(enumerate(evidence), key=lambda pair: pair[1].start):
        group = field_group(item.field)
        entry = entries.get(group)
        if entry is None:
            colour = len(entries) % PALETTE_SIZE
            entry = entries[group] = LegendEntry(group, field_label(group), colour, _anchor(index))
        text = describe(item.field, item.value)
        if text and all(value.text != text for value in entry.values):
            entry.values.append(LegendValue(text, _anchor(index)))
    return list(entries.values())


def highlight(text: str, evidence: list[Evidence], describe: Describe = _as_is) -> SafeString:
    """The text, escaped, with each span of evidence in a ``<mark>`` naming its field.

    Spans may nest or cross; crossing ones are split so that the marks nest properly. The
    first piece of each span carries the id the legend links to.
    """
    colours = {entry.field: entry.colour for entry in legend(evidence)}
    spans = sorted(enumerate(evidence), key=lambda pair: (pair[1].start, -pair[1].end, pair[0]))
    bounds = sorted({0, len(text), *(e.start for e in evidence), *(e.end for e in evidence)})
    out: list[str] = []
    open_spans: list[int] = []
    opened: set[int] = set()
    for left, right in itertools.pairwise(bounds):
        covering = [i for i, e in spans if e.start <= left and right <= e.end]
        keep = 0
        while keep < min(len(open_spans), len(covering)) and open_spans[keep] == covering[keep]:
            keep += 1
        out.extend("</mark>" for _ in open_spans[keep:])
        for i in covering[keep:]:
            item = evidence[i]
            anchor = "" if i in opened else format_html(' id="{}"', _anchor(i))
            opened.add(i)
            out.append(
                format_html(
                    '<mark class="intake-mark intake-colour-{}"{} data-field="{}" data-group="{}" '
                    'title="{}: {}">',
                    colours[field_group(item.field)],
                    anchor,
                    item.field,
                    field_group(item.field),
                    field_label(item.field),
                    describe(item.field, item.value),
                )
            )
        open_spans = covering
        out.append(escape(text[left:right]))
    out.extend("</mark>" for _ in open_spans)
    return mark_safe("".join(out))  # every piece above is escaped
