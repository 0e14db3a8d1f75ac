"""Placeholder until this page is built (work in progress)."""

from django.http import Http404


def format_index(request, *args, **kwargs):
    raise Http404


def format_detail(request, *args, **kwargs):
    raise Http404
