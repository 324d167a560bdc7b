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

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ladder.levels import CitizenAction, Level
from ladder.rules import MINIMUM_LEVEL, citizen_may, citizen_refusal
from participants.models import Role
from participants.selectors import is_admin_in, user_roles
from portal.rules import ALLOWED, Refused, Rights, Verdict, must_log_in
from processes.models import (
    Arena,
    ArenaSignup,
    CoCreator,
    Comment,
    GroupMembership,
    Need,
    Process,
    Round,
    Solution,
    WorkingGroup,
)

__all__ = ["ALLOWED", "ProcessRights", "Refused", "Verdict", "rights_for"]

OWNED_CACHE_ATTR = "_medspill_owned"
CO_CREATOR_CACHE_ATTR = "_medspill_co_creates"
MEMBER_CACHE_ATTR = "_medspill_group_member"
PHASE_CACHE_ATTR = "_medspill_phase"
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


def _remembered(user, attr: str, process: Process, ask) -> bool:
    """``ask()`` once per user object and process (``process_get_for_user``
    fills these in with the process, so a page asks nothing more)."""
    if not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault(attr, {})
    if process.pk not in cache:
        cache[process.pk] = ask()
    return cache[process.pk]


def forget(user) -> None:
    """Drop what was remembered about ``user``'s standing (co-creator, group
    member) and rights: the services that change it call this."""
    for attr in (CO_CREATOR_CACHE_ATTR, MEMBER_CACHE_ATTR, RIGHTS_CACHE_ATTR):
        user.__dict__.pop(attr, None)


def is_co_creator(user, process: Process) -> bool:
    """Appointed by the owners as a citizen co-creator of the process."""
    return _remembered(
        user,
        CO_CREATOR_CACHE_ATTR,
        process,
        lambda: CoCreator.objects.filter(process=process, person=user).exists(),
    )


def is_group_member(user, process: Process) -> bool:
    """An active member of one of the process's working groups."""
    return _remembered(
        user,
        MEMBER_CACHE_ATTR,
        process,
        lambda: GroupMembership.objects.filter(
            group__process=process, person=user, status=GroupMembership.Status.ACTIVE
        ).exists(),
    )


def current_phase(process: Process) -> Round | None:
    """The newest round, whose focus is the process's phase now (read once per
    process object: both narrowed actions ask it for one page)."""
    if PHASE_CACHE_ATTR not in process.__dict__:
        process.__dict__[PHASE_CACHE_ATTR] = process.rounds.order_by("-number").first()
    return process.__dict__[PHASE_CACHE_ATTR]


# One action at a time ------------------------------------------------------


def may_see(user, process: Process) -> bool:
    """Drafts exist only for the municipality's staff; the rest is public."""
    return process.status != Process.Status.DRAFT or _is_staff(user, process)


def visible_processes(user, municipality):
    """The municipality's processes ``user`` may see (``may_see`` for many at once)."""
    processes = Process.objects.in_municipality(municipality)
    if bool(user_roles(user, municipality) & {Role.STAFF, Role.ADMIN}):
        return processes
    return processes.public()


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
    return phase_narrowing(process, action)


# The owners' switches (fields on Process), the actions each narrows, the
# phases in which the action stays open, and why it is closed in the others.
PHASE_SWITCHES = {
    CitizenAction.LOG_NEED: (
        "needs_only_in_need_phase",
        {Round.Focus.NEED},
        gettext_lazy(
            "I denne prosessen tar kommunen imot nye behov bare i behovsfasen. "
            "Nå er runde %(number)s i fasen «%(phase)s»."
        ),
    ),
    CitizenAction.PROPOSE_SOLUTION: (
        "solutions_from_solution_phase",
        {Round.Focus.SOLUTION, Round.Focus.TEST},
        gettext_lazy(
            "I denne prosessen tar kommunen imot nye løsningsforslag først fra løsningsfasen. "
            "Nå er runde %(number)s i fasen «%(phase)s»."
        ),
    ),
}


def phase_narrowing(process: Process, action: str) -> Verdict:
    """What the round's phase leaves of a citizen ``action`` the level allows.
    The phase is read only when the owners switched narrowing on."""
    if action not in PHASE_SWITCHES:
        return ALLOWED
    field, open_in, refusal = PHASE_SWITCHES[action]
    if not getattr(process, field):
        return ALLOWED
    round_ = current_phase(process)
    if round_ is None or round_.focus in open_in:
        return ALLOWED
    return Verdict(
        False, str(refusal) % {"number": round_.number, "phase": round_.get_focus_display()}
    )


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


# Whole sentences per co-creator action: for staff who do not own the process,
# for citizens the owners did not appoint (at step 4), and for appointed
# co-creators below step 4, where the appointment grants nothing.
CO_CREATOR_REFUSALS = {
    CitizenAction.RECORD_TEST_ROUND: {
        "staff": gettext_lazy(
            "Bare eierne av prosessen og kommunens administratorer kan registrere testrunder."
        ),
        "not_appointed": gettext_lazy(
            "Bare eierne av prosessen og innbyggerne de har utnevnt til medskapere, "
            "kan registrere testrunder."
        ),
        "below_level": gettext_lazy(
            "Du er medskaper i denne prosessen, men medskapere kan registrere testrunder "
            "først når prosessen står på trinn «%(needed)s». Nå står den på trinn «%(level)s»."
        ),
    },
    CitizenAction.RUN_ROUND: {
        "staff": gettext_lazy(
            "Bare eierne av prosessen og kommunens administratorer kan starte runder."
        ),
        "not_appointed": gettext_lazy(
            "Bare eierne av prosessen og innbyggerne de har utnevnt til medskapere, "
            "kan starte runder."
        ),
        "below_level": gettext_lazy(
            "Du er medskaper i denne prosessen, men medskapere kan starte runder "
            "først når prosessen står på trinn «%(needed)s». Nå står den på trinn «%(level)s»."
        ),
    },
}


def may_co_create(user, process: Process, action: str) -> Verdict:
    """Start a round or record a test round (``action``): owners at every step;
    citizen co-creators the owners appointed, when the process stands on step 4.
    Staff who do not own the process may not."""
    managed = may_manage(user, process)
    if managed or owns(user, process):
        return managed  # an owner hears why not (an archived process)
    if not user.is_authenticated:
        return must_log_in()
    refusals = CO_CREATOR_REFUSALS[action]
    if _is_staff(user, process):
        return Verdict(False, str(refusals["staff"]))
    verdict = may_contribute(user, process, action)
    co_creator = is_co_creator(user, process)
    if verdict:
        return ALLOWED if co_creator else Verdict(False, str(refusals["not_appointed"]))
    if co_creator and process.status == Process.Status.OPEN:
        return Verdict(
            False,
            str(refusals["below_level"])
            % {
                "needed": Level(MINIMUM_LEVEL[action]).label,
                "level": Level(process.level).label,
            },
        )
    return verdict


def may_record_test_round(user, process: Process) -> Verdict:
    """A test round can adopt or discard a solution: owners, and appointed
    co-creators when the process stands on step 4."""
    return may_co_create(user, process, CitizenAction.RECORD_TEST_ROUND)


def may_start_round(user, process: Process) -> Verdict:
    """The next BLT round: owners, and appointed co-creators on step 4."""
    return may_co_create(user, process, CitizenAction.RUN_ROUND)


def may_edit_solutions(user, process: Process) -> Verdict:
    """Co-edit solutions and their test plans: owners, and the active members
    of the process's working groups (citizens from step 3, staff at every step)."""
    if may_manage(user, process):
        return ALLOWED
    verdict = may_contribute(user, process, CitizenAction.JOIN_GROUP)
    if not verdict:
        return verdict
    if not is_group_member(user, process):
        return Verdict(
            False,
            _(
                "Bare eierne av prosessen og medlemmene av arbeidsgruppene kan redigere "
                "løsninger og testplaner."
            ),
        )
    return ALLOWED


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


def may_follow(user, process: Process) -> Verdict:
    """«Følg prosessen»: anyone signed in who may see it."""
    if not user.is_authenticated:
        return must_log_in(_("Du må logge inn for å følge prosessen."))
    if not may_see(user, process):
        return Verdict(False, _("Fant ikke prosessen."))
    return ALLOWED


def may_see_ladder_warnings(user, process: Process) -> Verdict:
    """Where the process claims more than it shows: told to its owners."""
    if not user.is_authenticated:
        return must_log_in()
    if owns(user, process):
        return ALLOWED
    return Verdict(
        False, _("Bare eierne av prosessen og kommunens administratorer ser varslene om trinnet.")
    )


def may_see_stakeholder_people(user, process: Process) -> Verdict:
    """The people on the stakeholder map (and the owners' notes) are personal
    data: the municipality's staff see them. Everyone sees the organisations
    and categories that take part."""
    if not user.is_authenticated:
        return must_log_in()
    if _is_staff(user, process):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte ser personene i aktørkartet."))


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
    start_round: Verdict
    join_group: Verdict
    edit_solutions: Verdict
    moderate: Verdict
    see_staff_panels: Verdict
    see_ladder_warnings: Verdict
    see_stakeholder_people: Verdict


def rights_for(user, process: Process) -> ProcessRights:
    """The visitor's rights in ``process``, worked out once per user object
    and process state (a status or level change in the same request counts)."""
    state = (
        process.pk,
        process.status,
        process.level,
        process.needs_only_in_need_phase,
        process.solutions_from_solution_phase,
    )
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
            start_round=may_start_round(user, process),
            join_group=may_contribute(user, process, CitizenAction.JOIN_GROUP),
            edit_solutions=may_edit_solutions(user, process),
            moderate=may_moderate(user, process),
            see_staff_panels=may_see_staff_panels(user, process),
            see_ladder_warnings=may_see_ladder_warnings(user, process),
            see_stakeholder_people=may_see_stakeholder_people(user, process),
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


# Solutions the working groups no longer change: their story is told.
FINISHED = (Solution.Status.ADOPTED, Solution.Status.DISCARDED)


def may_edit_solution(user, solution: Solution) -> Verdict:
    """Edit this solution and its test plan. Owners edit every solution; group
    members those not yet adopted or discarded."""
    rights = rights_for(user, solution.process)
    if rights.manage:
        return ALLOWED
    if not rights.edit_solutions:
        return rights.edit_solutions
    if solution.status in FINISHED:
        return Verdict(
            False,
            _(
                "Løsningen har status «%(status)s». Arbeidsgruppene kan bare redigere "
                "løsninger som ikke er tatt i bruk eller forkastet."
            )
            % {"status": solution.status_label},
        )
    return ALLOWED


def _may_be_member(user, group: WorkingGroup) -> Verdict:
    """Be in a working group: from step 3; owners edit without being members."""
    verdict = rights_for(user, group.process).join_group
    if not verdict:
        return verdict
    if rights_for(user, group.process).manage:
        return Verdict(False, _("Eierne av prosessen redigerer løsningene uten å være medlem."))
    return ALLOWED


def may_ask_to_join(user, group: WorkingGroup) -> Verdict:
    """Ask to join a working group one is not yet invited to, asking for or in."""
    verdict = _may_be_member(user, group)
    if not verdict:
        return verdict
    # The page prefetches the memberships; a service asks the database.
    if any(membership.person_id == user.pk for membership in group.memberships.all()):
        return Verdict(
            False,
            _("Du er allerede invitert til, medlem av eller har bedt om å bli med i gruppen."),
        )
    return ALLOWED


def may_accept(user, membership: GroupMembership) -> Verdict:
    """Say yes: the invited person to an invitation, an owner to a request."""
    group = membership.group
    if membership.status == GroupMembership.Status.INVITED:
        if not user.is_authenticated or membership.person_id != user.pk:
            return Verdict(False, _("Bare den som er invitert, kan takke ja til invitasjonen."))
        return _may_be_member(user, group)
    if membership.status == GroupMembership.Status.REQUESTED:
        return rights_for(user, group.process).manage
    return Verdict(False, _("Personen er allerede medlem av arbeidsgruppen."))


def may_end_membership(user, membership: GroupMembership) -> Verdict:
    """Decline, withdraw, leave or remove: the person themself, or an owner."""
    if user.is_authenticated and membership.person_id == user.pk:
        if membership.group.process.status == Process.Status.ARCHIVED:
            return Verdict(False, _("Prosessen er arkivert og kan ikke endres."))
        return ALLOWED
    return rights_for(user, membership.group.process).manage


def may_run_arenas(user, process: Process) -> Verdict:
    """Create and edit a process's arenas, record their attendance and the
    input given there: the process's owners and the municipality's admins."""
    return rights_for(user, process).manage


def _arena_open(arena: Arena) -> Verdict:
    if arena.process.status != Process.Status.OPEN:
        return Verdict(False, _("Prosessen er ikke åpen nå."))
    if arena.starts_at <= timezone.now():
        return Verdict(False, _("Arenaen har allerede startet."))
    return ALLOWED


def may_sign_up(user, arena: Arena, signup: ArenaSignup | None) -> Verdict:
    """Sign up for an arena (a seat, or the waiting list when it is full):
    anyone signed in, once, until it starts. ``signup``: theirs, if any."""
    if not user.is_authenticated:
        return must_log_in(_("Du må logge inn for å melde deg på."))
    if signup is not None:
        return Verdict(False, _("Du er allerede påmeldt."))
    return _arena_open(arena)


def may_cancel_sign_up(user, arena: Arena, signup: ArenaSignup | None) -> Verdict:
    """Take back one's own sign-up until the arena starts."""
    if not user.is_authenticated:
        return must_log_in()
    if signup is None:
        return Verdict(False, _("Du er ikke påmeldt denne arenaen."))
    return _arena_open(arena)
