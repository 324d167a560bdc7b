"""The stakeholder map of a process ("Hvem kan hjelpe meg?"): its owners list
people, organisations or whole categories with a role and follow each from
"to invite" to engaged or declined."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from participants.models import Organisation
from portal.audit import audit_record
from processes import rules
from processes.models import Process, StakeholderEntry
from processes.services.contributions import process_touch

State = StakeholderEntry.State

# Where an entry may go from each state: the invitation goes out and is
# answered; a "no" may turn into a "yes" later, and anyone may be asked again.
STATE_TRANSITIONS: dict[str, set[str]] = {
    State.TO_INVITE: {State.INVITED, State.ENGAGED, State.DECLINED},
    State.INVITED: {State.ENGAGED, State.DECLINED, State.TO_INVITE},
    State.ENGAGED: {State.DECLINED},
    State.DECLINED: {State.INVITED, State.ENGAGED},
}


@transaction.atomic
def stakeholder_add(
    *,
    process: Process,
    by,
    role: str,
    person=None,
    organisation: Organisation | None = None,
    category: str = "",
    note: str = "",
) -> StakeholderEntry:
    """Put a person, an organisation or (neither given) a whole ``category`` on
    the map. An organisation is listed under its own category; a person and a
    category under the one the owners choose."""
    rules.may_manage(by, process).require()
    if person is not None and organisation is not None:
        raise ValidationError(_("Velg en person eller en organisasjon, ikke begge."))
    if organisation is not None:
        if organisation.municipality_id != process.municipality_id:
            raise ValidationError(
                {"organisation": _("Organisasjonen hører ikke til kommunen som eier prosessen.")}
            )
        category = organisation.category
    entry = StakeholderEntry(
        process=process,
        person=person,
        organisation=organisation,
        category=category,
        role=role,
        note=(note or "").strip(),
        added_by=by,
    )
    entry.full_clean(
        exclude=["process", "person", "organisation", "added_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise ValidationError(_("Denne aktøren står allerede i aktørkartet.")) from None
    process_touch(process_id=process.pk)
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="stakeholder.add",
        target=entry,
        after={"kind": entry.kind, "category": category, "role": role},
        process_id=process.pk,
    )
    return entry


@transaction.atomic
def stakeholder_set_state(*, entry: StakeholderEntry, by, state: str) -> StakeholderEntry:
    """Move an entry on: to invite → invited → engaged or declined."""
    process = entry.process
    rules.may_manage(by, process).require()
    locked = StakeholderEntry.objects.select_for_update().get(pk=entry.pk)
    if state not in STATE_TRANSITIONS.get(locked.state, set()):
        raise ValidationError(
            {
                "state": _("Kan ikke gå fra «%(from)s» til «%(to)s».")
                % {
                    "from": State(locked.state).label,
                    "to": State(state).label if state in State.values else state,
                }
            }
        )
    before = locked.state
    StakeholderEntry.objects.filter(pk=entry.pk).update(state=state)
    entry.state = state
    process_touch(process_id=process.pk)
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="stakeholder.state",
        target=entry,
        before={"state": before},
        after={"state": state},
        process_id=process.pk,
    )
    return entry


@transaction.atomic
def stakeholder_remove(*, entry: StakeholderEntry, by) -> None:
    process = entry.process
    rules.may_manage(by, process).require()
    before = {"kind": entry.kind, "category": entry.category, "state": entry.state}
    entry.delete()
    process_touch(process_id=process.pk)
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="stakeholder.remove",
        target=process,
        before=before,
        process_id=process.pk,
    )
