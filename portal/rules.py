"""Verdicts, the refusal they raise, and who may do what in a municipality.

Every "may this person do this here?" in the portal is a function of a rules
module (this one for the municipality, ``processes.rules`` for a process,
``ladder.rules`` for what each step of the samskapingstrapp lets citizens do)
and returns a ``Verdict`` with a reason the person can read. Nothing else
decides: views, templates, services and cache keys all ask these functions.
"""

from dataclasses import dataclass, fields

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participants.models import OrganisationMember, Role
from participants.selectors import user_roles


@dataclass(frozen=True)
class Verdict:
    """Allowed or not, and why not. ``login`` marks a refusal that logging in
    may lift, so pages can offer the login link with the reason."""

    allowed: bool
    reason: str = ""
    login: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> None:
        """Raise ``Refused`` unless allowed: what services call before they write."""
        if not self.allowed:
            raise Refused(self)


ALLOWED = Verdict(True)


class Refused(PermissionDenied):
    """A rule said no. Views turn it into a 403 page (or an htmx fragment) with
    the reason; tasks and imports see the same reason in the exception."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.reason)
        self.verdict = verdict


def must_log_in(reason: str = "") -> Verdict:
    return Verdict(False, reason or _("Du må logge inn."), login=True)


class Rights:
    """A set of verdicts for one visitor in one place, read by templates as
    ``rights.<action>`` and by cache keys through ``cache_key``."""

    def verdicts(self) -> dict[str, Verdict]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @property
    def cache_key(self) -> str:
        """Everything these rights can make a template show differently.

        A region cached under this key may be served to anyone with equal
        rights: it is built from every verdict and its reason, never from who
        the visitor is.
        """
        return "|".join(
            f"{name}={int(verdict.allowed)}{int(verdict.login)}:{verdict.reason}"
            for name, verdict in sorted(self.verdicts().items())
        )


@dataclass(frozen=True)
class MunicipalityRights(Rights):
    """What a visitor may do in the municipality as a whole."""

    staff: Verdict
    create_process: Verdict
    read_audit_log: Verdict
    # People and roles, the municipality's settings and its topics (/administrasjon/).
    administer: Verdict
    # The moderation queue spans the municipality's processes: the same people
    # as ``processes.rules.may_moderate`` in each of them.
    moderate: Verdict
    # Mitt arbeid: what waits for the municipality's staff.
    see_worklist: Verdict
    # The politicians' start page.
    see_politician_overview: Verdict
    # The report across processes (/rapport/): for the council, so its
    # politicians and the municipality's staff.
    see_report: Verdict
    anonymise_accounts: Verdict


def municipality_rights_for(user, municipality) -> MunicipalityRights:
    roles = user_roles(user, municipality)
    staff = bool(roles & {Role.STAFF, Role.ADMIN})
    if not user.is_authenticated:
        refused = must_log_in()
        return MunicipalityRights(
            staff=refused,
            create_process=refused,
            read_audit_log=refused,
            moderate=refused,
            see_worklist=refused,
            see_politician_overview=refused,
            see_report=refused,
            administer=refused,
            anonymise_accounts=refused,
        )
    return MunicipalityRights(
        moderate=ALLOWED
        if staff
        else Verdict(False, _("Bare kommunens ansatte kan moderere kommentarer.")),
        see_worklist=ALLOWED
        if staff
        else Verdict(False, _("Bare kommunens ansatte har en arbeidsliste.")),
        see_politician_overview=ALLOWED
        if Role.POLITICIAN in roles
        else Verdict(False, _("Bare kommunens folkevalgte har denne oversikten.")),
        see_report=ALLOWED
        if staff or Role.POLITICIAN in roles
        else Verdict(
            False, _("Bare kommunens folkevalgte og ansatte kan lese rapporten om prosessene.")
        ),
        staff=ALLOWED if staff else Verdict(False, _("Bare kommunens ansatte har tilgang.")),
        create_process=ALLOWED
        if staff
        else Verdict(False, _("Bare kommunens ansatte kan opprette prosesser.")),
        read_audit_log=ALLOWED
        if Role.ADMIN in roles
        else Verdict(False, _("Bare kommunens administratorer kan lese revisjonsloggen.")),
        administer=ALLOWED
        if Role.ADMIN in roles
        else Verdict(False, _("Bare kommunens administratorer kan administrere kommunen.")),
        anonymise_accounts=ALLOWED
        if Role.ADMIN in roles
        else Verdict(False, _("Bare kommunens administratorer kan anonymisere kontoer.")),
    )


def may_delete_account(user) -> Verdict:
    """Anyone may delete their own account, except an owner of processes: the
    processes would be left with nobody to answer, so they are reassigned first."""
    if not user.is_authenticated:
        return must_log_in()
    owned = user.owned_processes.count()
    if owned:
        return Verdict(
            False,
            ngettext(
                "Du eier %(count)d prosess. Be en administrator i kommunen om å gi den "
                "en ny eier før du sletter kontoen.",
                "Du eier %(count)d prosesser. Be en administrator i kommunen om å gi dem "
                "en ny eier før du sletter kontoen.",
                owned,
            )
            % {"count": owned},
        )
    return ALLOWED


def may_anonymise_account(actor, municipality, person) -> Verdict:
    """A municipality's administrator may, on the person's request, remove an
    account that took part or held a role in that municipality."""
    verdict = municipality_rights_for(actor, municipality).anonymise_accounts
    if not verdict:
        return verdict
    if person.pk == actor.pk:
        return Verdict(False, _("Din egen konto sletter du under «Slett kontoen min»."))
    took_part = (
        person.memberships.filter(municipality=municipality).exists()
        or person.contributions.filter(process__municipality=municipality).exists()
        or person.organisations.filter(municipality=municipality).exists()
        or person.group_memberships.filter(group__process__municipality=municipality).exists()
        or person.co_creations.filter(process__municipality=municipality).exists()
    )
    if not took_part:
        return Verdict(
            False,
            _("Ingen konto med denne adressen har deltatt eller hatt en rolle i %(name)s.")
            % {"name": municipality.name},
        )
    owned = person.owned_processes.count()
    if owned:
        return Verdict(
            False,
            ngettext(
                "Kontoen eier %(count)d prosess. Gi den en ny eier først.",
                "Kontoen eier %(count)d prosesser. Gi dem en ny eier først.",
                owned,
            )
            % {"count": owned},
        )
    return ALLOWED


# Organisations -------------------------------------------------------------


LEADER = OrganisationMember.Role.LEADER
ORGANISATION_ROLE_CACHE_ATTR = "_medspill_organisation_role"


def _is_municipal_staff(user, municipality) -> bool:
    return bool(user_roles(user, municipality) & {Role.STAFF, Role.ADMIN})


def organisation_role(user, organisation) -> str:
    """The visitor's role in ``organisation`` ("" when none), read once per
    user object and organisation."""
    if not user.is_authenticated:
        return ""
    cache = user.__dict__.setdefault(ORGANISATION_ROLE_CACHE_ATTR, {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            organisation.memberships.filter(person=user).values_list("role", flat=True).first()
            or ""
        )
    return cache[organisation.pk]


def forget_organisations(user) -> None:
    """Drop the remembered roles in organisations (the membership services call this)."""
    user.__dict__.pop(ORGANISATION_ROLE_CACHE_ATTR, None)


def may_register_organisation(user, municipality) -> Verdict:
    """Anyone signed in may register an organisation; they become its leader."""
    if not user.is_authenticated:
        return must_log_in(_("Du må logge inn for å registrere en organisasjon."))
    return ALLOWED


def may_edit_organisation(user, organisation) -> Verdict:
    """Its leaders and the municipality's staff edit an organisation."""
    if not user.is_authenticated:
        return must_log_in()
    if _is_municipal_staff(user, organisation.municipality):
        return ALLOWED
    if organisation_role(user, organisation) == LEADER:
        return ALLOWED
    return Verdict(False, _("Bare lederen av organisasjonen og kommunens ansatte kan endre den."))


def may_set_organisation_contact(user, organisation) -> Verdict:
    """The kontaktledd is the municipality's to name: its staff."""
    if not user.is_authenticated:
        return must_log_in()
    if _is_municipal_staff(user, organisation.municipality):
        return ALLOWED
    return Verdict(False, _("Bare kommunens ansatte kan velge kontaktledd i kommunen."))


def may_manage_members(user, organisation) -> Verdict:
    """Add and remove members and give them roles: the organisation's leaders."""
    if not user.is_authenticated:
        return must_log_in()
    if organisation_role(user, organisation) == LEADER:
        return ALLOWED
    return Verdict(False, _("Bare lederen av organisasjonen kan legge til og fjerne medlemmer."))


def may_see_members(user, organisation) -> Verdict:
    """Who is in an organisation is for its members and the municipality's staff."""
    if not user.is_authenticated:
        return must_log_in()
    if organisation_role(user, organisation) or _is_municipal_staff(
        user, organisation.municipality
    ):
        return ALLOWED
    return Verdict(False, _("Bare medlemmene og kommunens ansatte ser hvem som er med."))


def may_end_organisation_membership(user, membership) -> Verdict:
    """A member may leave; a leader may remove a member. The last leader stays
    until another member is made leader."""
    own = user.is_authenticated and membership.person_id == user.pk
    if not own:
        verdict = may_manage_members(user, membership.organisation)
        if not verdict:
            return verdict
    if membership.role == LEADER and not (
        membership.organisation.memberships.filter(role=LEADER).exclude(pk=membership.pk).exists()
    ):
        return Verdict(
            False,
            _("Organisasjonen må ha en leder. Gjør et annet medlem til leder først."),
        )
    return ALLOWED


def may_act_for(user, organisation) -> Verdict:
    """Give input on ``organisation``'s behalf: its members."""
    if not user.is_authenticated:
        return must_log_in()
    if organisation_role(user, organisation):
        return ALLOWED
    return Verdict(
        False,
        _("Du kan bare gi innspill på vegne av en organisasjon du er medlem av."),
    )
