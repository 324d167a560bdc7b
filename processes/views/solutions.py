"""PLACEHOLDER: being written now; every view below is replaced."""

from django.http import Http404


def solution_create(request, **kwargs):
    raise Http404


def solution_detail(request, **kwargs):
    raise Http404


def solution_edit(request, **kwargs):
    raise Http404


def solution_status(request, **kwargs):
    raise Http404
