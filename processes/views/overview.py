"""PLACEHOLDER: being written now; every view below is replaced."""

from django.http import Http404


def process_list(request, **kwargs):
    raise Http404


def process_create(request, **kwargs):
    raise Http404


def process_detail(request, **kwargs):
    raise Http404


def process_edit(request, **kwargs):
    raise Http404


def process_status(request, **kwargs):
    raise Http404


def round_start(request, **kwargs):
    raise Http404


def contribution_redirect(request, **kwargs):
    raise Http404


def my_contributions(request, **kwargs):
    raise Http404
