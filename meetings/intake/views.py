"""The editors' article intake in the admin: paste an article, correct the draft, save it.

The pre-filled draft is the meeting admin's own add view, so saving it validates, versions and
locks exactly like adding a meeting by hand; ``IntakeAdminMixin`` is what feeds it the draft.
"""

import itertools
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from meetings import models
from meetings.intake import MAX_ARTICLE_BYTES, Evidence
from meetings.intake.duplicates import AlreadyAttached, attach_source, find_candidates
from meetings.intake.forms import ArticleForm, Draft, prepare_draft

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
            path(
                "intake/<str:key>/attach/<int:meeting_id>/",
                view(attach),
                name=f"{name}_attach",
            ),
            *super().get_urls(),
        ]

    def get_changeform_initial_data(self, request):
        current = _draft_of(request)
        if current is None:
            return super().get_changeform_initial_data(request)
        return dict(current.meeting)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if _draft_of(request) is not None and "status" in form.base_fields:
            # An article becomes a draft whoever enters it; publishing is a separate step.
            form.base_fields["status"].disabled = True
            form.base_fields["status"].help_text = "A meeting from an article starts as a draft."
        return form

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
        prepared = prepare_draft(form.extraction, form.cleaned_data["text"], request.user)
        _keep(request, prepared)
        return HttpResponseRedirect(_url(model_admin, "intake_draft", prepared.key))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "New meeting from an article",
        "form": form,
        "max_article_bytes": MAX_ARTICLE_BYTES,
    }
    return TemplateResponse(request, START_TEMPLATE, context)


def draft(request, model_admin, key: str) -> TemplateResponse | HttpResponseRedirect:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    current = _kept(request, key)
    if current is None:
        messages.warning(request, "That article is no longer open here; paste it again.")
        return HttpResponseRedirect(_url(model_admin, "intake"))
    request.meeting_intake_draft = current
    response = model_admin.add_view(request, extra_context=_panel(model_admin, current))
    if isinstance(response, TemplateResponse):
        response.template_name = DRAFT_TEMPLATE
        # Multipart keeps a long article within the request size limit: url-encoding would
        # triple every byte of Cyrillic text.
        response.context_data["has_file_field"] = True
    elif request.method == "POST":
        _forget(request, key)
    return response


@require_POST
def attach(request, model_admin, key: str, meeting_id: int) -> HttpResponseRedirect:
    meeting = get_object_or_404(models.Meeting, pk=meeting_id)
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    current = _kept(request, key)
    if current is None:
        messages.warning(request, "That article is no longer open here; paste it again.")
        return HttpResponseRedirect(_url(model_admin, "intake"))
    change_url = _url(model_admin, "change", quote(meeting.pk))
    try:
        attach_source(meeting.pk, current.source_fields(), request.user)
    except AlreadyAttached:
        messages.warning(request, "This article is already a source of this meeting.")
        return HttpResponseRedirect(change_url)
    _forget(request, key)
    messages.success(
        request, format_html("The article was added to the sources of “{}”.", meeting.title)
    )
    return HttpResponseRedirect(change_url)


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


def _panel(model_admin, current: Draft) -> dict:
    candidates = find_candidates(current.traits)
    for candidate in candidates:
        candidate.change_url = _url(model_admin, "change", quote(candidate.meeting.pk))
        candidate.attach_url = _url(model_admin, "intake_attach", current.key, candidate.meeting.pk)
    marks = _usable(current.evidence, len(current.article))
    return {
        "title": "New meeting from an article",
        "intake": current,
        "intake_article": highlight(current.article, marks),
        "intake_legend": legend(marks),
        "intake_candidates": candidates,
        "show_save_and_add_another": False,
    }


# Field names of the interchange format, as an editor reads them.
FIELD_LABELS = {
    "title": "Title",
    "title_en": "English title",
    "start_date": "Date",
    "end_date": "End date",
    "city": "City",
    "host_country": "Host country",
    "format": "Format",
    "edition": "Edition",
    "level": "Level",
    "countries": "Countries",
    "participants": "Participants",
    "topics": "Topics",
    "documents": "Documents",
    "statements": "Statements",
    "summary": "Summary",
    "dateline": "Dateline",
    "publisher": "Publisher",
}
PALETTE_SIZE = 12


def field_group(name: str) -> str:
    """``participants[0].name`` belongs with ``participants``."""
    return name.split("[", 1)[0].split(".", 1)[0]


def field_label(name: str) -> str:
    group = field_group(name)
    return FIELD_LABELS.get(group) or group.replace("_", " ").capitalize()


@dataclass
class LegendEntry:
    field: str
    label: str
    colour: int
    values: list[str]


def _usable(evidence: list[Evidence], length: int) -> list[Evidence]:
    return [e for e in evidence if 0 <= e.start < e.end <= length]


def legend(evidence: list[Evidence]) -> list[LegendEntry]:
    entries: dict[str, LegendEntry] = {}
    for item in sorted(evidence, key=lambda e: e.start):
        group = field_group(item.field)
        if group not in entries:
            entries[group] = LegendEntry(group, field_label(group), len(entries) % PALETTE_SIZE, [])
        if item.value and item.value not in entries[group].values:
            entries[group].values.append(item.value)
    return list(entries.values())


def highlight(text: str, evidence: list[Evidence]) -> SafeString:
    """The text, escaped, with each span of evidence in a ``<mark>`` naming its field.

    Spans may nest or cross; crossing ones are split so that the marks nest properly.
    """
    colours = {entry.field: entry.colour for entry in legend(evidence)}
    spans = sorted(enumerate(evidence), key=lambda pair: (pair[1].start, -pair[1].end, pair[0]))
    bounds = sorted({0, len(text), *(e.start for e in evidence), *(e.end for e in evidence)})
    out: list[str] = []
    open_spans: list[int] = []
    for left, right in itertools.pairwise(bounds):
        covering = [i for i, e in spans if e.start <= left and right <= e.end]
        keep = 0
        while keep < min(len(open_spans), len(covering)) and open_spans[keep] == covering[keep]:
            keep += 1
        out.extend("</mark>" for _ in open_spans[keep:])
        for i in covering[keep:]:
            item = evidence[i]
            group = field_group(item.field)
            out.append(
                format_html(
                    '<mark class="intake-mark intake-colour-{}" data-field="{}" title="{}: {}">',
                    colours[group],
                    item.field,
                    field_label(item.field),
                    item.value,
                )
            )
        open_spans = covering
        out.append(escape(text[left:right]))
    out.extend("</mark>" for _ in open_spans)
    return mark_safe("".join(out))  # every piece above is escaped
