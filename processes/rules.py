"""Who may do what in a process: one rule set, asked by views, templates,
services and cache keys alike.

Citizens' rights follow the process's step on the samskapingstrapp
(``ladder.rules``); staff rights follow ownership. Every check returns a
``Verdict`` with a reason, so a refusal can always explain itself.

``rights_for(user, process)`` gathers every verdict the pages can act on into
one ``ProcessRights``; templates read it as ``rights`` and cached regions are
keyed on its ``cache_key``. Verdicts about one object (may I support *this*
need, report *this* comment?) start from those rights and add what the object
says.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from ladder.rules import citizen_may, citizen_refusal
from participants.models import Role
from participants.selectors import is_admin_in, user_roles
from portal.rules import ALLOWED, Refused, Rights, Verdict, must_log_in
from processes.models import Comment, Need, Process, Solution

__all__ = ["ALLOWED", "ProcessRights", "Refused", "Verdict", "rights_for"]

OWNED_CACHE_ATTR = "_medspill_owned"
RIGHTS_CACHE_ATTR = "_medspill_rights"


def owns(user, process: Process) -> bool:
    """Owners and the municipality's admins run a process (read once per user object)."""
    if not user.is_authenticated:
        return False
    if is_admin_in(user, process.municipality):
        return True
    cache = user.__dict__.setdefault(OWNED_CACHE_ATTR, {})
    if process.pk not in cache:
        cache[process.pk] = process.owners.filter(pk=user.pk).exists()
    return cache[process.pk]


def _is_staff(user, process: Process) -> bool:
    return bool(user_roles(user, process.municipality) & {Role.STAFF, Role.ADMIN})


# One action at a time ------------------------------------------------------


def may_see(user, process: Process) -> bool:
    """Drafts exist only for the municipality's staff; the rest is public."""
    return process.status != Process.Status.DRAFT or _is_staff(user, process)


def may_contribute(user, process: Process, action: str) -> Verdict:
    """May ``user`` do the citizen ``action`` (log a need, comment, …) here?"""
    if not user.is_authenticated:
        return must_log_in(_("Du må logge inn for å gi innspill."))
    if process.status != Process.Status.OPEN:
        return Verdict(False, _("Prosessen er ikke åpen for innspill nå."))
    if _is_staff(user, process):
        return ALLOWED
    if not citizen_may(action, process.level):
        return Verdict(False, citizen_refusal(action, process.level))
    return ALLOWED


def may_manage(user, process: Process) -> Verdict:
    """Run the process: edit it, rounds, status changes, merging, selecting, corrections."""
    if not user.is_authenticated:
        return must_log_in()
    if not owns(user, process):
        return Verdict(
            False, _("Bare eierne av prosessen og kommunens administratorer kan gjøre dette.")
        )
    if process.status == Process.Status.ARCHIVED:
        return Verdict(False, _("Prosessen er arkivert og kan ikke endres."))
    return ALLOWED


def may_record_test_round(user, process: Process) -> Verdict:
    """A test round can adopt or discard a solution: owners, and citizens when
    the process stands on step 4. Staff who do not own the process may not."""
    if may_manage(user, process):
        return ALLOWED
    if user.is_authenticated and _is_staff(user, process):
        return Verdict(
            False,
            _("Bare eierne av prosessen og kommunens administratorer kan registrere testrunder."),
        )
    return may_contribute(user, process, CitizenAction.RECORD_TEST_ROUND)


def may_moderate(user, process: Process) -> Verdict:
    """Hide a comment: any staff member of the municipality."""
    if not user.is_authenticated:
        return must_log_in()
    if _is_staff(user, process):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte kan skjule kommentarer."))


def may_see_staff_panels(user, process: Process) -> Verdict:
    """What only the municipality's staff see on a process's pages."""
    if not user.is_authenticated:
        return must_log_in()
    if _is_staff(user, process):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte har tilgang."))


def may_see_ladder_warnings(user, process: Process) -> Verdict:
    """Where the process claims more than it shows: told to its owners."""
    if not user.is_authenticated:
        return must_log_in()
    if owns(user, process):
        return ALLOWED
    return Verdict(
        False, _("Bare eierne av prosessen og kommunens administratorer ser varslene om trinnet.")
    )


# All of them at once -------------------------------------------------------


@dataclass(frozen=True)
class ProcessRights(Rights):
    """What one visitor may do in one process: every action the pages offer
    and every staff-only panel they show. Templates read it as ``rights``."""

    log_need: Verdict
    support_need: Verdict
    propose_solution: Verdict
    comment: Verdict
    report_comment: Verdict
    manage: Verdict
    record_test_round: Verdict
    moderate: Verdict
    see_staff_panels: Verdict
    see_ladder_warnings: Verdict


def rights_for(user, process: Process) -> ProcessRights:
    """The visitor's rights in ``process``, worked out once per user object
    and process state (a status or level change in the same request counts)."""
    state = (process.pk, process.status, process.level)
    cache = user.__dict__.setdefault(RIGHTS_CACHE_ATTR, {}) if user.is_authenticated else {}
    if state not in cache:
        cache[state] = ProcessRights(
            log_need=may_contribute(user, process, CitizenAction.LOG_NEED),
            support_need=may_contribute(user, process, CitizenAction.SUPPORT_NEED),
            propose_solution=may_contribute(user, process, CitizenAction.PROPOSE_SOLUTION),
            comment=may_contribute(user, process, CitizenAction.COMMENT),
            # Reporting helps moderation where commenting is possible.
            report_comment=may_contribute(user, process, CitizenAction.COMMENT),
            manage=may_manage(user, process),
            record_test_round=may_record_test_round(user, process),
            moderate=may_moderate(user, process),
            see_staff_panels=may_see_staff_panels(user, process),
            see_ladder_warnings=may_see_ladder_warnings(user, process),
        )
    return cache[state]


# One object ----------------------------------------------------------------


def may_support(user, need: Need) -> Verdict:
    """Say "I have this need too" (or take it back)."""
    verdict = rights_for(user, need.process).support_need
    if not verdict:
        return verdict
    if need.author_id is not None and need.author_id == user.pk:
        return Verdict(
            False, _("Du meldte selv dette behovet, så du kan ikke støtte det i tillegg.")
        )
    if need.status == Need.Status.MERGED or need.merged_into_id:
        return Verdict(
            False,
            _("Dette behovet er slått sammen med et annet. Støtt det andre behovet i stedet."),
        )
    return ALLOWED


# Only a solution selected for testing, or adjusted after a test, is tested.
TESTABLE = (Solution.Status.SELECTED, Solution.Status.ADJUSTED)


def may_test(user, solution: Solution) -> Verdict:
    """Record a test round of this solution."""
    verdict = rights_for(user, solution.process).record_test_round
    if not verdict:
        return verdict
    if solution.status not in TESTABLE:
        return Verdict(
            False,
            _(
                "Bare løsninger som er valgt for testing eller justert, kan testes. "
                "Denne løsningen har status «%(status)s»."
            )
            % {"status": solution.status_label},
        )
    return ALLOWED


def may_report(user, comment: Comment) -> Verdict:
    """Tell the municipality a comment breaks the rules: not one's own."""
    verdict = rights_for(user, comment.process).report_comment
    if not verdict:
        return verdict
    if comment.author_id is not None and comment.author_id == user.pk:
        return Verdict(False, _("Du kan ikke melde fra om din egen kommentar."))
    return ALLOWED
