from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    DateTimeField,
    F,
    PositiveSmallIntegerField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Role
from participants.selectors import user_roles
from portal import rules as portal_rules
from portal.audit import audit_record
from processes import notifications
from processes.models import (
    Comment,
    Contribution,
    Need,
    Process,
    ReferenceCounter,
    Round,
    Solution,
    TestRound,
    TimelineEvent,
)
from processes.services.participation import participation_record

KIND_BY_MODEL = {
    Need: Contribution.Kind.NEED,
    Solution: Contribution.Kind.SOLUTION,
    Comment: Contribution.Kind.COMMENT,
    TestRound: Contribution.Kind.TEST_ROUND,
}

COUNTER_FIELDS = {
    Contribution.Kind.NEED: "needs_count",
    Contribution.Kind.SOLUTION: "solutions_count",
}
# The facts of the observed level (ladder.observed): input from the citizens' side.
CITIZEN_COUNTER_FIELDS = {
    Contribution.Kind.NEED: "citizen_needs_count",
    Contribution.Kind.SOLUTION: "citizen_solutions_count",
    Contribution.Kind.COMMENT: "citizen_comments_count",
    Contribution.Kind.TEST_ROUND: "citizen_test_rounds_count",
}
# A citizen's need or solution is answered when it first leaves this status.
UNANSWERED_STATUS = {
    Contribution.Kind.NEED: Need.Status.RECEIVED,
    Contribution.Kind.SOLUTION: Solution.Status.PROPOSED,
}


class EditConflict(Exception):
    """Someone else saved the object since this user loaded it."""

    message = _(
        "Noen andre har lagret endringer her siden du åpnet siden. Teksten din er ikke lagret, "
        "men står fortsatt i skjemaet. Last siden på nytt for å se den nye versjonen, "
        "og legg inn endringene dine igjen."
    )


def process_touch(*, process_id: int) -> None:
    """Mark the process as changed. Every write that changes what its pages show
    calls this (directly or through the functions below): anonymous readers get
    pages cached under the process's ``updated_at`` (portal.http.render_cached)."""
    Process.objects.filter(pk=process_id).update(updated_at=timezone.now())


def processes_touch_for_person(*, user) -> int:
    """Mark every process that shows ``user``'s name as changed (they own it or
    gave input there), so no cached page keeps showing an old or deleted name.
    Call it before the person is deleted: afterwards the links are gone."""
    ids = set(Process.objects.filter(owners=user).values_list("pk", flat=True))
    ids |= set(
        Contribution.objects.filter(author=user).values_list("process_id", flat=True).distinct()
    )
    return Process.objects.filter(pk__in=ids).update(updated_at=timezone.now())


def reference_next(*, municipality) -> str:
    """The next public reference, ``INN-<year>-<number>``, unique per installation.

    The increment locks the counter row until the transaction ends, so two
    contributions never get the same number.
    """
    year = timezone.localdate().year
    counters = ReferenceCounter.objects.filter(municipality=municipality, year=year)
    if not counters.update(last=F("last") + 1):
        # The year's first reference: make the row (a racing twin finds it made).
        ReferenceCounter.objects.get_or_create(municipality=municipality, year=year)
        counters.update(last=F("last") + 1)
    last = counters.values_list("last", flat=True).get()
    prefix = "INN" if municipality.is_default else f"INN-{municipality.slug[:3].upper()}"
    return f"{prefix}-{year}-{last:04d}"


def given_as_for(author, process: Process) -> str:
    """The capacity ``author`` gives input in here: staff (admins too), a
    politician, or a citizen, from their roles in the process's municipality."""
    roles = user_roles(author, process.municipality) if author is not None else frozenset()
    if roles & {Role.STAFF, Role.ADMIN}:
        return Contribution.GivenAs.STAFF
    if Role.POLITICIAN in roles:
        return Contribution.GivenAs.POLITICIAN
    return Contribution.GivenAs.CITIZEN


def current_round(process: Process) -> Round | None:
    return process.rounds.order_by("-number").first()


def organisation_check(author, process: Process, organisation) -> None:
    """Refuse input on behalf of an organisation the author is not a member
    of, or that belongs to another municipality (before anything is written)."""
    if organisation is None:
        return
    if organisation.municipality_id != process.municipality_id:
        raise ValidationError(
            {"organisation": _("Organisasjonen hører ikke til kommunen som eier prosessen.")}
        )
    portal_rules.may_act_for(author, organisation).require()


@transaction.atomic
def contribution_add(
    contribution: Contribution,
    *,
    process: Process,
    author,
    status: str,
    organisation=None,
    given_as: str | None = None,
):
    """Give a new contribution its reference, round, status, the capacity its
    author gives it in (``given_as``, kept when their roles change later; the
    caller names it for input staff enter on others' behalf) and first
    timeline step, validate it and save it; keeps the process's counters current.
    Given on behalf of ``organisation`` (its member only), it is the
    organisation's input and counts under the organisation's category."""
    organisation_check(author, process, organisation)
    # ``kind`` is not editable, so full_clean() would let a blank one through.
    contribution.kind = contribution.kind or KIND_BY_MODEL[type(contribution)]
    contribution.process = process
    contribution.author = author if getattr(author, "is_authenticated", False) else None
    contribution.given_as = given_as or given_as_for(contribution.author, process)
    if organisation is not None:
        contribution.organisation = organisation
        contribution.given_as = Contribution.GivenAs.ORGANISATION
        contribution.stakeholder_category = organisation.category
    contribution.status = status
    contribution.round = current_round(process)
    contribution.reference = reference_next(municipality=process.municipality)
    # The foreign keys were just set from objects in hand and the reference is
    # new: the database's constraints guard those without four more queries.
    contribution.full_clean(
        exclude=["process", "round", "author", "organisation"], validate_unique=False
    )
    contribution.save()
    TimelineEvent.objects.create(
        process=process,
        contribution=contribution,
        kind=TimelineEvent.Kind.CREATED,
        to_status=status,
        actor=contribution.author,
    )
    notifications.input_added(contribution=contribution)
    _participation_count(contribution)
    counters = {"contributions_count": F("contributions_count") + 1, "updated_at": timezone.now()}
    if contribution.kind in COUNTER_FIELDS:
        field = COUNTER_FIELDS[contribution.kind]
        counters[field] = F(field) + 1
    if contribution.given_as in Contribution.CITIZEN_SIDE:
        counters |= _citizen_input_counters(contribution)
    Process.objects.filter(pk=process.pk).update(**counters)
    return contribution


def _participation_count(contribution: Contribution) -> None:
    """Count the input in the process's participation figures: the people's
    side only (staff's own work is not participation). Input staff entered on
    others' behalf counts under its category, with no person behind it."""
    if contribution.given_as not in Contribution.PARTICIPATION_SIDE:
        return
    on_behalf = contribution.given_as == Contribution.GivenAs.ON_BEHALF
    participation_record(
        process_id=contribution.process_id,
        person=None if on_behalf else contribution.author,
        category=contribution.stakeholder_category,
        contributions=1,
    )


def _citizen_input_counters(contribution: Contribution) -> dict:
    """The process's facts a citizen-side input moves: its kind's counter, and
    when and in which round the citizens first came in (set once). Both
    ``first_…`` columns read the row as it was before this update."""
    field = CITIZEN_COUNTER_FIELDS[contribution.kind]
    round_number = contribution.round.number if contribution.round else None
    return {
        field: F(field) + 1,
        "first_citizen_input_at": Coalesce(
            F("first_citizen_input_at"), Value(timezone.now()), output_field=DateTimeField()
        ),
        "first_citizen_input_round": Case(
            When(first_citizen_input_at__isnull=True, then=Value(round_number)),
            default=F("first_citizen_input_round"),
            output_field=PositiveSmallIntegerField(),
        ),
    }


def save_versioned(obj, *, version: int, fields: list[str]) -> None:
    """Save ``fields`` only if nobody saved ``obj`` since ``version`` was read.

    Raises ``EditConflict`` instead of overwriting someone else's change.
    """
    model = type(obj)
    values = {field: getattr(obj, field) for field in fields}
    # The version lives on the Contribution parent table for inherited models.
    version_model = Contribution if isinstance(obj, Contribution) else model
    updated = version_model.objects.filter(pk=obj.pk, version=version).update(
        version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise EditConflict()
    if isinstance(obj, Contribution):
        process_touch(process_id=obj.process_id)
    child_values = {k: v for k, v in values.items() if k not in ("version",)}
    if child_values:
        model.objects.filter(pk=obj.pk).update(**child_values)
    obj.version = version + 1


@transaction.atomic
def contribution_set_status(
    *,
    contribution: Contribution,
    status: str,
    text: str,
    by,
    allowed: dict | None = None,
    version: int | None = None,
    kind: str = TimelineEvent.Kind.STATUS,
    tell: bool = True,
) -> Contribution:
    """Move a contribution to ``status`` with a reasoned feedback text the
    contributor can read. ``allowed`` maps each status to those it may go to.
    Its author hears of it (``processes.notifications``) unless ``tell`` is
    false: the caller then tells them itself, in other words."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            {"text": _("Skriv en begrunnelse. Den som ga innspillet, skal kunne lese hvorfor.")}
        )
    before = contribution.status
    if allowed is not None and status not in allowed.get(before, set()):
        raise ValidationError(
            {
                "status": _("Kan ikke gå fra «%(from)s» til «%(to)s».")
                % {"from": contribution.status_label, "to": status}
            }
        )
    contribution.status = status
    if (
        before == UNANSWERED_STATUS.get(contribution.kind)
        and contribution.given_as in Contribution.CITIZEN_SIDE
    ):
        Process.objects.filter(pk=contribution.process_id).update(
            citizen_inputs_answered_count=F("citizen_inputs_answered_count") + 1
        )
    save_versioned(
        contribution,
        version=contribution.version if version is None else version,
        fields=["status"],
    )
    TimelineEvent.objects.create(
        process=contribution.process,
        contribution=contribution,
        kind=kind,
        from_status=before,
        to_status=status,
        text=text,
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=contribution.process.municipality,
        action=f"{contribution.kind}.status",
        target=contribution,
        before={"status": before},
        after={"status": status, "text": text},
    )
    if tell:
        notifications.status_changed(
            contribution=contribution, before=before, status=status, text=text, by=by
        )
    return contribution
