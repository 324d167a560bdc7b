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

from participants.models import Role
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


def municipality_rights_for(user, municipality) -> MunicipalityRights:
    roles = user_roles(user, municipality)
    staff = bool(roles & {Role.STAFF, Role.ADMIN})
    if not user.is_authenticated:
        refused = must_log_in()
        return MunicipalityRights(staff=refused, create_process=refused, read_audit_log=refused)
    return MunicipalityRights(
        staff=ALLOWED if staff else Verdict(False, _("Bare kommunens ansatte har tilgang.")),
        create_process=ALLOWED
        if staff
        else Verdict(False, _("Bare kommunens ansatte kan opprette prosesser.")),
        read_audit_log=ALLOWED
        if Role.ADMIN in roles
        else Verdict(False, _("Bare kommunens administratorer kan lese revisjonsloggen.")),
    )
