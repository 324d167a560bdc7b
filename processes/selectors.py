"""Reads and access functions: fetch an object for a user, or refuse.

A refusal is ``PermissionDenied`` with a reason the user can read (shown on
the 403 page), or ``Http404`` when the user may not even know the object exists.
"""

import functools

from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext as _

from participants.models import Membership, Role
from participants.selectors import user_roles_remember
from processes.models import Comment, Contribution, Need, Process, Solution, TestRound
from processes.rules import OWNED_CACHE_ATTR, may_see


def _with_viewer(queryset, *, user, municipality):
    """Annotate each process with the signed-in ``user``'s roles in
    ``municipality`` and whether they own it: one query instead of three on
    every page of a process."""
    memberships = Membership.objects.filter(user=user, municipality=municipality)
    owners = Process.owners.through.objects.filter(process=OuterRef("pk"), user=user)
    return queryset.annotate(
        viewer_owns=Exists(owners),
        **{f"viewer_is_{role}": Exists(memberships.filter(role=role)) for role in Role.values},
    )


def process_get_for_user(*, user, municipality, slug: str) -> Process:
    """The process ``slug`` in ``municipality`` if ``user`` may see it (drafts
    exist only for the municipality's staff); what they may do there is
    ``processes.rules.rights_for``."""
    queryset = Process.objects.filter(municipality=municipality, slug=slug).select_related(
        "current_foundations"
    )
    if user.is_authenticated:
        queryset = _with_viewer(queryset, user=user, municipality=municipality)
    process = queryset.first()
    if process is None:
        raise Http404(_("Fant ikke prosessen."))
    process.municipality = municipality  # the request's own: spare the join
    if user.is_authenticated:
        roles = {role for role in Role.values if getattr(process, f"viewer_is_{role}")}
        user_roles_remember(user, municipality, roles)
        user.__dict__.setdefault(OWNED_CACHE_ATTR, {})[process.pk] = process.viewer_owns
    if not may_see(user, process):
        raise Http404(_("Fant ikke prosessen."))
    return process


def _child_for_process(model, *, process: Process, pk: int):
    obj = model.objects.select_related("author").filter(process=process, pk=pk).first()
    if obj is None:
        raise Http404(_("Fant ikke innspillet."))
    obj.process = process  # already fetched: spare the query
    return obj


def need_get(*, process: Process, pk: int) -> Need:
    return _child_for_process(Need, process=process, pk=pk)


def solution_get(*, process: Process, pk: int) -> Solution:
    return _child_for_process(Solution, process=process, pk=pk)


def test_round_get(*, process: Process, pk: int) -> TestRound:
    return _child_for_process(TestRound, process=process, pk=pk)


def comment_get(*, process: Process, pk: int) -> Comment:
    return _child_for_process(Comment, process=process, pk=pk)


def contribution_get(*, process: Process, pk: int) -> Contribution:
    return _child_for_process(Contribution, process=process, pk=pk)


# What ``Process.content_version`` is made of.
_VERSION_FIELDS = ("id", "updated_at", "version", "status", "level")


def _column(name: str) -> str:
    return connection.ops.quote_name(Process._meta.get_field(name).column)


@functools.cache
def _page_version_sql(select: str, where: str) -> str:
    table = connection.ops.quote_name(Process._meta.db_table)
    return f"SELECT {select} FROM {table} WHERE {where}"  # noqa: S608 - our own names


def _version_row(select: str, where: str, params: list) -> tuple | None:
    """One row of ``select`` from the processes table. Raw SQL, because this
    runs on every anonymous page view and compiling the ORM query costs more
    than running it (0.5 ms of Python against 0.2 ms on this machine)."""
    with connection.cursor() as cursor:
        cursor.execute(_page_version_sql(select, where), params)
        return cursor.fetchone()


def process_page_version(request, slug: str, *_args, **_kwargs) -> str | None:
    """What ``Process.content_version`` is made of, for the process ``slug`` in
    the request's municipality: the key of its pages in the whole-page cache
    (``portal.pagecache``). ``None`` for a draft or no such process, whose
    view answers as usual (404)."""
    if request.municipality is None:
        return None
    row = _version_row(
        ", ".join(_column(name) for name in _VERSION_FIELDS),
        f"{_column('municipality')} = %s AND {_column('slug')} = %s AND {_column('status')} <> %s",
        [request.municipality.pk, slug, Process.Status.DRAFT],
    )
    return None if row is None else ":".join(map(str, row))


def process_list_version(request, *_args, **_kwargs) -> str | None:
    """How many public processes the municipality has and when the latest one
    changed: the key of the process list in the whole-page cache. Every write
    to a process or its input touches its ``updated_at``."""
    if request.municipality is None:
        return None
    row = _version_row(
        f"COUNT(*), MAX({_column('updated_at')})",
        f"{_column('municipality')} = %s AND {_column('status')} <> %s",
        [request.municipality.pk, Process.Status.DRAFT],
    )
    return ":".join(map(str, row))
