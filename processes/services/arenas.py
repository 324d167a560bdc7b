"""Samskapingsarenaer: the owners create and edit them; people sign up, with a
waiting list when the seats are taken, and cancel; the day before, everyone
with a seat is reminded; afterwards staff record who came (counts per
stakeholder category, and by name for those who signed up) and what was said
there, as input on the participants' behalf."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import StakeholderCategory
from portal.audit import audit_record
from processes import notifications, rules
from processes.models import (
    Arena,
    ArenaAttendance,
    ArenaSignup,
    Contribution,
    Need,
    Process,
    TimelineEvent,
)
from processes.services.contributions import contribution_add, process_touch
from processes.services.participation import participation_record

ARENA_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "accessibility",
    "capacity",
    "description",
)
NOT_GIVEN = ""  # the category of a named attendee without one in their profile


@transaction.atomic
def arena_create(*, process: Process, by, **fields) -> Arena:
    rules.may_run_arenas(by, process).require()
    arena = Arena(process=process, created_by=by, **fields)
    arena.full_clean(exclude=["process", "created_by"])
    arena.save()
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.ARENA,
        to_status=arena.kind,
        text=arena.title,
        facts={"arena_id": arena.pk},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="arena.create",
        target=arena,
        after={"title": arena.title},
    )
    Process.objects.filter(pk=process.pk).update(
        arenas_count=F("arenas_count") + 1, updated_at=timezone.now()
    )
    return arena


@transaction.atomic
def arena_update(*, arena: Arena, by, **fields) -> Arena:
    """Change an arena. More seats move people up from the waiting list."""
    rules.may_run_arenas(by, arena.process).require()
    _lock(arena)
    for name, value in fields.items():
        setattr(arena, name, value)
    arena.full_clean(exclude=["process", "created_by"])
    arena.save()
    _fill_seats(arena, by=by)
    process_touch(process_id=arena.process_id)
    return arena


def _lock(arena: Arena) -> None:
    """Hold the arena's row until the transaction ends: seats are counted and
    given under it, so two people never get the last one."""
    Arena.objects.select_for_update().filter(pk=arena.pk).values_list("pk").get()


def _signup_of(arena: Arena, person) -> ArenaSignup | None:
    return ArenaSignup.objects.filter(arena=arena, person=person).first()


def _taken(arena: Arena) -> int:
    return arena.signups.filter(status=ArenaSignup.Status.CONFIRMED).count()


@transaction.atomic
def arena_sign_up(*, arena: Arena, person) -> ArenaSignup:
    """A seat if one is free, else a place on the waiting list."""
    _lock(arena)
    rules.may_sign_up(person, arena, _signup_of(arena, person)).require()
    status = (
        ArenaSignup.Status.CONFIRMED
        if _taken(arena) < arena.capacity
        else ArenaSignup.Status.WAITING
    )
    signup = ArenaSignup.objects.create(arena=arena, person=person, status=status)
    process_touch(process_id=arena.process_id)
    return signup


@transaction.atomic
def arena_cancel(*, arena: Arena, person) -> None:
    """Give up one's seat or place in line; a freed seat goes to the first
    on the waiting list, who is told."""
    _lock(arena)
    signup = _signup_of(arena, person)
    rules.may_cancel_sign_up(person, arena, signup).require()
    signup.delete()
    _fill_seats(arena, by=person)
    process_touch(process_id=arena.process_id)


def _fill_seats(arena: Arena, *, by) -> None:
    """Move people up from the waiting list, first come first, into the free
    seats (the caller holds the arena's lock), and tell each of them."""
    free = arena.capacity - _taken(arena)
    if free <= 0:
        return
    waiting = list(
        arena.signups.filter(status=ArenaSignup.Status.WAITING).order_by("created_at", "pk")[:free]
    )
    if not waiting:
        return
    ArenaSignup.objects.filter(pk__in=[signup.pk for signup in waiting]).update(
        status=ArenaSignup.Status.CONFIRMED
    )
    notifications.arena_seat_given(
        arena=arena, person_ids=[signup.person_id for signup in waiting], by=by
    )


def reminders_due(now: datetime | None = None):
    """The arenas that start tomorrow (local time)."""
    today = timezone.localdate(now or timezone.now())
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    return Arena.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
        process__status=Process.Status.OPEN,
    )


@transaction.atomic
def arena_reminders_send(now: datetime | None = None) -> int:
    """Remind everyone with a seat at an arena that starts tomorrow, once:
    each sign-up is marked reminded under a row lock in the transaction that
    writes its notification, so a second run (or a twin run) finds it done."""
    now = now or timezone.now()
    signups = list(
        ArenaSignup.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            arena__in=reminders_due(now),
            status=ArenaSignup.Status.CONFIRMED,
            reminded_at__isnull=True,
        )
        .select_related("arena__process__municipality")
    )
    if not signups:
        return 0
    ArenaSignup.objects.filter(pk__in=[signup.pk for signup in signups]).update(reminded_at=now)
    for signup in signups:
        notifications.arena_reminder(arena=signup.arena, person_id=signup.person_id)
    return len(signups)


@dataclass(frozen=True)
class AttendanceChange:
    """One change of an arena's attendance: ``delta`` people of ``category``
    (``person`` when they came by name, else ``None``)."""

    category: str
    delta: int
    person: object = None


@transaction.atomic
def arena_attendance_record(
    *, arena: Arena, by, counts: dict[str, int], attended: set[int]
) -> list[AttendanceChange]:
    """Record who came to ``arena``: ``counts`` maps a stakeholder category to
    how many came from it without signing up (anonymous), ``attended`` holds the
    ids of the sign-ups whose person came. The one write path for attendance:
    returns the changes it made, per category, as the participation counts
    took them."""
    rules.may_run_arenas(by, arena.process).require()
    _lock(arena)
    if any(category not in StakeholderCategory.values for category in counts):
        raise ValidationError(_("Ukjent aktørkategori."))
    if any(count < 0 for count in counts.values()):
        raise ValidationError(_("Antallet kan ikke være negativt."))
    changes: list[AttendanceChange] = []
    rows = {row.stakeholder_category: row for row in arena.attendance.all()}
    for category, count in counts.items():
        row = rows.get(category) or ArenaAttendance(arena=arena, stakeholder_category=category)
        if count != row.count:
            changes.append(AttendanceChange(category, count - row.count))
            row.count, row.recorded_by = count, by
            row.save()
    for signup in arena.signups.select_related("person"):
        came = signup.pk in attended
        if came != signup.attended:
            category = signup.person.stakeholder_category or NOT_GIVEN
            changes.append(AttendanceChange(category, 1 if came else -1, signup.person))
            ArenaSignup.objects.filter(pk=signup.pk).update(attended=came)
    for change in changes:
        participation_record(
            process_id=arena.process_id,
            person=change.person,
            category=change.category,
            attended=change.delta,
        )
    audit_record(
        actor=by,
        municipality=arena.process.municipality,
        action="arena.attendance",
        target=arena,
        after={"counts": counts, "named": len(attended)},
    )
    process_touch(process_id=arena.process_id)
    return changes


@transaction.atomic
def arena_input_add(*, arena: Arena, by, body: str, stakeholder_category: str) -> Need:
    """What was said or written at ``arena`` (a post-it, a note), entered by
    staff on the participants' behalf as a need of ``stakeholder_category``:
    numbered, timelined and counted like any other input."""
    rules.may_run_arenas(by, arena.process).require()
    category_label = StakeholderCategory(stakeholder_category).label if stakeholder_category else ""
    need = Need(
        kind=Contribution.Kind.NEED,
        body=body,
        who_has_need=category_label or _("Deltakere på %(arena)s") % {"arena": arena.title},
        arena=arena,
        stakeholder_category=stakeholder_category,
    )
    return contribution_add(
        need,
        process=arena.process,
        author=by,
        status=Need.Status.RECEIVED,
        given_as=Contribution.GivenAs.ON_BEHALF,
    )
