"""Placeholder until this page is built (work in progress)."""

from django.http import Http404


def country_index(request, *args, **kwargs):
    raise Http404


def country_detail(request, *args, **kwargs):
    raise Http404


def activity_csv(request, *args, **kwargs):
    raise Http404
