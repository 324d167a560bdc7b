"""Citizen co-creators of a process, appointed and removed by its owners."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from participants.models import Role
from participants.selectors import user_roles
from portal.audit import audit_record
from processes import rules
from processes.models import CoCreator, Process, TimelineEvent
from processes.services.contributions import process_touch
from processes.services.working_groups import display_name, person_by_email


@transaction.atomic
def co_creator_appoint(*, process: Process, by, email: str) -> CoCreator:
    """Appoint a citizen: on step 4 they start rounds and record test rounds."""
    rules.may_manage(by, process).require()
    person = person_by_email(email)
    if user_roles(person, process.municipality) & {Role.STAFF, Role.ADMIN}:
        raise ValidationError(
            {
                "email": _(
                    "Medskapere er innbyggere. Kommunens ansatte kan gjøres til eiere i stedet."
                )
            }
        )
    co_creator = CoCreator(process=process, person=person, appointed_by=by)
    try:
        with transaction.atomic():
            co_creator.save()
    except IntegrityError as error:
        raise ValidationError({"email": _("Personen er allerede medskaper.")}) from error
    rules.forget(person)
    process_touch(process_id=process.pk)
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.CO_CREATOR,
        text=_("%(name)s er utnevnt til medskaper.") % {"name": display_name(person)},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.co_creator_appoint",
        target=process,
        after={"person": person.pk},
    )
    return co_creator


@transaction.atomic
def co_creator_remove(*, co_creator: CoCreator, by) -> None:
    process = co_creator.process
    rules.may_manage(by, process).require()
    person = co_creator.person_id
    co_creator.delete()
    rules.forget(co_creator.person)
    process_touch(process_id=process.pk)
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.CO_CREATOR,
        text=_("%(name)s er ikke lenger medskaper.") % {"name": display_name(co_creator.person)},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.co_creator_remove",
        target=process,
        before={"person": person},
    )
