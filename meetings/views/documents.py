"""Placeholder until this page is built (work in progress)."""

from django.http import Http404


def document_list(request, *args, **kwargs):
    raise Http404


def export_csv(request, *args, **kwargs):
    raise Http404
