"""Working groups of a process: owners create them and invite people, citizens
ask to join, and the other side says yes or no."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from processes import rules
from processes.models import GroupMembership, Process, TimelineEvent, WorkingGroup
from processes.services.contributions import process_touch


def person_by_email(email: str):
    """The account with this e-mail address, or a ``ValidationError`` on ``email``."""
    person = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if person is None:
        raise ValidationError(
            {
                "email": _(
                    "Fant ingen konto med denne e-postadressen. Personen må registrere seg først."
                )
            }
        )
    return person


@transaction.atomic
def working_group_create(*, process: Process, by, name: str, description: str = "") -> WorkingGroup:
    rules.may_manage(by, process).require()
    group = WorkingGroup(
        process=process, name=name.strip(), description=description.strip(), created_by=by
    )
    group.full_clean()
    group.save()
    process_touch(process_id=process.pk)
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.WORKING_GROUP,
        text=_("Arbeidsgruppen «%(name)s» er opprettet.") % {"name": group.name},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="working_group.create",
        target=group,
        after={"name": group.name},
    )
    return group


def display_name(person) -> str:
    """The person's name as others read it in the process: never their e-mail address."""
    return person.full_name or _("Navn ikke oppgitt")


def membership_name(membership: GroupMembership) -> str:
    """«Navn (Organisasjon)», or the name alone when the person takes part as themselves."""
    name = display_name(membership.person)
    if membership.organisation:
        return f"{name} ({membership.organisation})"
    return name


def _add(*, group: WorkingGroup, person, status: str, organisation: str, **who) -> GroupMembership:
    membership = GroupMembership(
        group=group, person=person, status=status, organisation=organisation.strip(), **who
    )
    membership.clean_fields(exclude=["group", "person", "invited_by", "approved_by"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(
            {
                "email": _(
                    "Personen er allerede invitert til, medlem av "
                    "eller har bedt om å bli med i gruppen."
                )
            }
        ) from error
    process_touch(process_id=group.process_id)
    return membership


@transaction.atomic
def membership_invite(
    *, group: WorkingGroup, by, email: str, organisation: str = ""
) -> GroupMembership:
    """An owner invites an existing account; it is a member once it accepts."""
    rules.may_manage(by, group.process).require()
    person = person_by_email(email)
    if rules.owns(person, group.process):
        raise ValidationError(
            {"email": _("Eierne av prosessen redigerer løsningene uten å være medlem.")}
        )
    membership = _add(
        group=group,
        person=person,
        status=GroupMembership.Status.INVITED,
        organisation=organisation,
        invited_by=by,
    )
    audit_record(
        actor=by,
        municipality=group.process.municipality,
        action="working_group.invite",
        target=group,
        after={"person": person.pk, "organisation": membership.organisation},
    )
    return membership


@transaction.atomic
def membership_request(*, group: WorkingGroup, by, organisation: str = "") -> GroupMembership:
    """A citizen (or staff member) asks to join; an owner approves or declines."""
    rules.may_ask_to_join(by, group).require()
    return _add(
        group=group, person=by, status=GroupMembership.Status.REQUESTED, organisation=organisation
    )


@transaction.atomic
def membership_accept(*, membership: GroupMembership, by) -> GroupMembership:
    """The invited person accepts, or an owner approves a request: now a member."""
    rules.may_accept(by, membership).require()
    if membership.status == GroupMembership.Status.REQUESTED:
        membership.approved_by = by
    membership.status = GroupMembership.Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "approved_by", "joined_at"])
    rules.forget(membership.person)
    process_touch(process_id=membership.group.process_id)
    TimelineEvent.objects.create(
        process_id=membership.group.process_id,
        kind=TimelineEvent.Kind.WORKING_GROUP,
        text=_("%(name)s er med i arbeidsgruppen «%(group)s».")
        % {"name": membership_name(membership), "group": membership.group.name},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=membership.group.process.municipality,
        action="working_group.join",
        target=membership.group,
        after={"person": membership.person_id},
    )
    return membership


@transaction.atomic
def membership_end(*, membership: GroupMembership, by) -> None:
    """Decline an invitation or a request, withdraw one, leave, or remove a member."""
    rules.may_end_membership(by, membership).require()
    group = membership.group
    before = {"person": membership.person_id, "status": membership.status}
    membership.delete()
    rules.forget(membership.person)
    process_touch(process_id=group.process_id)
    audit_record(
        actor=by,
        municipality=group.process.municipality,
        action="working_group.leave",
        target=group,
        before=before,
    )
