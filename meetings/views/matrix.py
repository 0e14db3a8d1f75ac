"""Placeholder until this page is built (work in progress)."""

from django.http import Http404


def matrix(request, *args, **kwargs):
    raise Http404


def matrix_csv(request, *args, **kwargs):
    raise Http404
