"""Who may do what in a process: one rule set, asked by views, templates and tests.

Citizens' rights follow the process's step on the samskapingstrapp
(``ladder.rules``); staff rights follow ownership. Every check returns a
reason, so a refusal can always explain itself.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from ladder.rules import citizen_may, citizen_refusal
from participants.selectors import is_staff_in
from processes.models import Process
from processes.selectors import is_owner


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def may_contribute(user, process: Process, action: str) -> Verdict:
    """May ``user`` do the citizen ``action`` (log a need, comment, …) here?"""
    if not user.is_authenticated:
        return Verdict(False, _("Du må logge inn for å gi innspill."))
    if process.status != Process.Status.OPEN:
        return Verdict(False, _("Prosessen er ikke åpen for innspill nå."))
    if is_staff_in(user, process.municipality):
        return ALLOWED
    if not citizen_may(action, process.level):
        return Verdict(False, citizen_refusal(action, process.level))
    return ALLOWED


def may_manage(user, process: Process) -> Verdict:
    """Run the process: rounds, status changes, merging, selecting, test rounds."""
    if not user.is_authenticated:
        return Verdict(False, _("Du må logge inn."))
    if not is_owner(user, process):
        return Verdict(
            False, _("Bare eierne av prosessen og kommunens administratorer kan gjøre dette.")
        )
    return ALLOWED


def may_record_test_round(user, process: Process) -> Verdict:
    """Owners always; citizens too when the process stands on step 4."""
    if may_manage(user, process):
        return ALLOWED
    return may_contribute(user, process, CitizenAction.RECORD_TEST_ROUND)


def may_moderate(user, process: Process) -> Verdict:
    """Hide a comment: any staff member of the municipality."""
    if user.is_authenticated and is_staff_in(user, process.municipality):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte kan skjule kommentarer."))


def may_create_process(user, municipality) -> Verdict:
    if user.is_authenticated and is_staff_in(user, municipality):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte kan opprette prosesser."))
