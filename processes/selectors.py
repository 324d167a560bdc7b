"""Reads and access functions: fetch an object for a user, or refuse.

A refusal is ``PermissionDenied`` with a reason the user can read (shown on
the 403 page), or ``Http404`` when the user may not even know the object exists.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from participants.selectors import is_admin_in, is_staff_in
from processes.models import Comment, Contribution, Need, Process, Solution, TestRound


def is_owner(user, process: Process) -> bool:
    """Owners and the municipality's admins may change a process."""
    if not user.is_authenticated:
        return False
    if is_admin_in(user, process.municipality):
        return True
    cache = user.__dict__.setdefault("_medspill_owned", {})
    if process.pk not in cache:
        cache[process.pk] = process.owners.filter(pk=user.pk).exists()
    return cache[process.pk]


def process_get_for_user(*, user, municipality, slug: str, write: bool = False) -> Process:
    """The process ``slug`` in ``municipality`` if ``user`` may see (or, with
    ``write``, change) it. Drafts exist only for the municipality's staff."""
    process = (
        Process.objects.select_related("municipality")
        .filter(municipality=municipality, slug=slug)
        .first()
    )
    if process is None:
        raise Http404(_("Fant ikke prosessen."))
    if process.status == Process.Status.DRAFT and not is_staff_in(user, municipality):
        raise Http404(_("Fant ikke prosessen."))
    if write:
        if not user.is_authenticated:
            raise PermissionDenied(_("Du må logge inn."))
        if not is_owner(user, process):
            raise PermissionDenied(
                _("Bare eierne av prosessen og kommunens administratorer kan endre den.")
            )
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
