"""Organisations: register one, edit it, name its kontaktledd, and keep its members.

Every write asks ``portal.rules`` first and writes nothing when refused.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Organisation, OrganisationMember, Role
from participants.selectors import user_roles
from portal import rules
from portal.audit import audit_record

EDITABLE = ("name", "category", "description", "area")


def _check_area(organisation: Organisation) -> None:
    if organisation.area_id and organisation.area.municipality_id != organisation.municipality_id:
        raise ValidationError({"area": _("Velg et område i kommunen.")})


def _save(organisation: Organisation) -> None:
    """Validate and save, with a clear word when the name is taken."""
    organisation.full_clean(exclude=["municipality", "contact", "area"], validate_unique=False)
    _check_area(organisation)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise ValidationError(
            {"name": _("En organisasjon med dette navnet er allerede registrert i kommunen.")}
        ) from None


@transaction.atomic
def organisation_register(
    *, municipality, by, name: str, category: str, description: str = "", area=None
) -> Organisation:
    """A signed-in person registers an organisation and becomes its leader."""
    rules.may_register_organisation(by, municipality).require()
    organisation = Organisation(
        municipality=municipality,
        name=(name or "").strip(),
        category=category,
        description=(description or "").strip(),
        area=area,
    )
    _save(organisation)
    OrganisationMember.objects.create(
        organisation=organisation, person=by, role=OrganisationMember.Role.LEADER
    )
    rules.forget_organisations(by)
    audit_record(
        actor=by,
        municipality=municipality,
        action="organisation.register",
        target=organisation,
        after={"name": organisation.name, "category": category},
    )
    return organisation


@transaction.atomic
def organisation_edit(*, organisation: Organisation, by, **values) -> Organisation:
    """Its leader or the municipality's staff change name, category, description, area."""
    rules.may_edit_organisation(by, organisation).require()
    before = {field: str(getattr(organisation, field)) for field in EDITABLE}
    for field in EDITABLE:
        if field in values:
            value = values[field]
            setattr(organisation, field, value.strip() if isinstance(value, str) else value)
    _save(organisation)
    _processes_touch(organisation)
    audit_record(
        actor=by,
        municipality=organisation.municipality,
        action="organisation.edit",
        target=organisation,
        before=before,
        after={field: str(getattr(organisation, field)) for field in EDITABLE},
    )
    return organisation


def _processes_touch(organisation: Organisation) -> None:
    """The process pages show the organisation's name by its members' input."""
    from processes.models import Process

    Process.objects.filter(contributions__organisation=organisation).update(
        updated_at=timezone.now()
    )


def contact_candidates(municipality):
    """Who may be an organisation's kontaktledd: the municipality's staff and admins."""
    from participants.models import User

    return (
        User.objects.filter(
            memberships__municipality=municipality,
            memberships__role__in=[Role.STAFF, Role.ADMIN],
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


@transaction.atomic
def organisation_set_contact(*, organisation: Organisation, by, contact) -> Organisation:
    """Staff name the municipality's contact for the organisation (or none)."""
    rules.may_set_organisation_contact(by, organisation).require()
    if contact is not None and not (
        user_roles(contact, organisation.municipality) & {Role.STAFF, Role.ADMIN}
    ):
        raise ValidationError({"contact": _("Kontaktleddet må være ansatt i kommunen.")})
    before = organisation.contact_id
    organisation.contact = contact
    organisation.save(update_fields=["contact"])
    audit_record(
        actor=by,
        municipality=organisation.municipality,
        action="organisation.contact",
        target=organisation,
        before={"contact": before},
        after={"contact": contact.pk if contact else None},
    )
    return organisation


@transaction.atomic
def member_add(
    *, organisation: Organisation, by, email: str, role: str = OrganisationMember.Role.MEMBER
) -> OrganisationMember:
    """The leader adds a person with an account, by e-mail address, with a role."""
    from processes.services.working_groups import person_by_email

    rules.may_manage_members(by, organisation).require()
    person = person_by_email(email)
    if role not in OrganisationMember.Role.values:
        raise ValidationError({"role": _("Velg en rolle.")})
    membership, created = OrganisationMember.objects.get_or_create(
        organisation=organisation, person=person, defaults={"role": role}
    )
    if not created:
        raise ValidationError({"email": _("Personen er allerede medlem av organisasjonen.")})
    rules.forget_organisations(person)
    audit_record(
        actor=by,
        municipality=organisation.municipality,
        action="organisation.member_add",
        target=organisation,
        after={"person": person.pk, "role": role},
    )
    return membership


@transaction.atomic
def member_set_role(*, membership: OrganisationMember, by, role: str) -> OrganisationMember:
    """The leader gives a member another role; the last leader keeps theirs."""
    organisation = membership.organisation
    rules.may_manage_members(by, organisation).require()
    if role not in OrganisationMember.Role.values:
        raise ValidationError({"role": _("Velg en rolle.")})
    if membership.role == OrganisationMember.Role.LEADER and role != membership.role:
        # The same rule as leaving: a leader must stay.
        rules.may_end_organisation_membership(by, membership).require()
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    rules.forget_organisations(membership.person)
    audit_record(
        actor=by,
        municipality=organisation.municipality,
        action="organisation.member_role",
        target=organisation,
        before={"person": membership.person_id, "role": before},
        after={"person": membership.person_id, "role": role},
    )
    return membership


@transaction.atomic
def member_remove(*, membership: OrganisationMember, by) -> None:
    """A member leaves, or the leader removes them. Input they gave on the
    organisation's behalf stays the organisation's."""
    locked = (
        OrganisationMember.objects.select_for_update()
        .select_related("organisation")
        .get(pk=membership.pk)
    )
    rules.may_end_organisation_membership(by, locked).require()
    organisation = locked.organisation
    person_id, role = locked.person_id, locked.role
    locked.delete()
    rules.forget_organisations(membership.person)
    audit_record(
        actor=by,
        municipality=organisation.municipality,
        action="organisation.member_remove",
        target=organisation,
        before={"person": person_id, "role": role},
    )
