"""PLACEHOLDER: being written now; every view below is replaced."""

from django.http import Http404


def need_list(request, **kwargs):
    raise Http404


def need_create(request, **kwargs):
    raise Http404


def need_detail(request, **kwargs):
    raise Http404


def need_support(request, **kwargs):
    raise Http404


def need_merge(request, **kwargs):
    raise Http404
