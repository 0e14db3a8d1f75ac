"""Placeholder until this page is built (work in progress)."""

from django.http import Http404


def person_detail(request, *args, **kwargs):
    raise Http404
