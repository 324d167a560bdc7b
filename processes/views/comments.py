"""PLACEHOLDER: being written now; every view below is replaced."""

from django.http import Http404


def comment_create(request, **kwargs):
    raise Http404


def comment_report(request, **kwargs):
    raise Http404


def comment_hide(request, **kwargs):
    raise Http404
