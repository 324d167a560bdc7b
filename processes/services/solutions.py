"""Solutions: propose, edit, and move through their lifecycle with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from processes import notifications, rules
from processes.models import Contribution, Need, Process, Solution, SolutionRevision
from processes.services.contributions import (
    contribution_add,
    contribution_set_status,
    save_versioned,
)

# Needs still waiting for an answer; selecting a solution answers them.
NEED_STATUSES_TAKEN_INTO_SOLUTION = (Need.Status.RECEIVED, Need.Status.UNDER_REVIEW)


def _check_needs(*, process: Process, needs) -> list[Need]:
    needs = list(needs)
    if not needs:
        raise ValidationError({"needs": _("Velg minst ett behov som løsningen svarer på.")})
    for need in needs:
        if need.process_id != process.pk:
            raise ValidationError(
                {
                    "needs": _("Behovet %(reference)s hører til en annen prosess.")
                    % {"reference": need.reference}
                }
            )
        if need.status == Need.Status.MERGED:
            raise ValidationError(
                {
                    "needs": _(
                        "Behovet %(reference)s er slått sammen med et annet behov. "
                        "Velg behovet det ble slått sammen med."
                    )
                    % {"reference": need.reference}
                }
            )
    return needs


@transaction.atomic
def solution_propose(
    *, process: Process, author, title: str, body: str, needs, organisation=None
) -> Solution:
    """A new solution to one or more needs of the process. The needs keep their
    status until staff select the solution for testing."""
    rules.may_contribute(author, process, CitizenAction.PROPOSE_SOLUTION).require()
    needs = _check_needs(process=process, needs=needs)
    solution = Solution(kind=Contribution.Kind.SOLUTION, title=title.strip(), body=body.strip())
    contribution_add(
        solution,
        process=process,
        author=author,
        status=Solution.Status.PROPOSED,
        organisation=organisation,
    )
    solution.needs.set(needs)
    return solution


@transaction.atomic
def solution_update(
    *,
    solution: Solution,
    by,
    version: int,
    title: str,
    body: str,
    needs,
    test_plan: str | None = None,
) -> Solution:
    """Owners and working-group members edit a solution and its test plan;
    refused with ``EditConflict`` if someone saved it since ``version`` was read.
    Each edit is kept in the solution's edit history."""
    rules.may_edit_solution(by, solution).require()
    needs = _check_needs(process=solution.process, needs=needs)
    solution.title = title.strip()
    solution.body = body.strip()
    if test_plan is not None:
        solution.test_plan = test_plan.strip()
    solution.full_clean(exclude=["reference", "kind"])
    save_versioned(solution, version=version, fields=["title", "body", "test_plan"])
    # Only after the version check: a refused edit must not touch the needs either.
    solution.needs.set(needs)
    SolutionRevision.objects.create(
        solution=solution,
        version=solution.version,
        title=solution.title,
        body=solution.body,
        test_plan=solution.test_plan,
        edited_by=by,
    )
    return solution


def _need_taken_text(solution: Solution) -> str:
    return _(
        "Behovet ditt er tatt med i løsningen %(reference)s «%(title)s», "
        "som nå er valgt for testing."
    ) % {"reference": solution.reference, "title": solution.title}


@transaction.atomic
def solution_set_status(
    *, solution: Solution, status: str, by, text: str, version: int
) -> Solution:
    """Move a solution along its lifecycle with a reasoned text. Selecting it for
    testing takes its waiting needs into the solution, so their authors hear of it."""
    rules.may_manage(by, solution.process).require()
    with notifications.batch(actor=by):
        return _solution_set_status(
            solution=solution, status=status, by=by, text=text, version=version
        )


def _solution_set_status(*, solution: Solution, status: str, by, text: str, version: int):
    before = solution.status
    allowed = Solution.TRANSITIONS.get(solution.status, set())
    if status not in allowed:
        target = dict(Solution.Status.choices).get(status, status)
        raise ValidationError(
            {
                "status": _("En løsning med status «%(from)s» kan ikke få status «%(to)s».")
                % {"from": solution.status_label, "to": target}
            }
        )
    contribution_set_status(
        contribution=solution,
        status=status,
        text=text,
        by=by,
        allowed=Solution.TRANSITIONS,
        version=version,
    )
    taken = set()
    if status == Solution.Status.SELECTED:
        Process.objects.filter(
            pk=solution.process_id, first_solution_selected_at__isnull=True
        ).update(first_solution_selected_at=timezone.now())
        waiting = solution.needs.filter(status__in=NEED_STATUSES_TAKEN_INTO_SOLUTION)
        for need in waiting:
            need.process = solution.process
            notifications.need_taken_into_solution(
                need=need, solution=solution, text=text.strip(), by=by
            )
            contribution_set_status(
                contribution=need,
                status=Need.Status.IN_SOLUTION,
                text=_need_taken_text(solution),
                by=by,
                tell=False,
            )
            taken.add(need.author_id)
    notifications.solution_moved(
        solution=solution, before=before, status=status, text=text.strip(), by=by, skip=taken
    )
    return solution
