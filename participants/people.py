"""People and roles in a municipality: invitations and memberships.

The writes of the administrator's "Personer og roller" page. Each checks the
administrator's right itself (``portal.rules``), is audited, and tells the
invited person through the notification outbox in the same transaction.
Removing a role leaves the person's processes alone: they stay listed as
owners until someone reassigns them.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Invitation, Membership, Role, User
from participants.outbox import notify
from portal.audit import audit_record
from portal.rules import municipality_rights_for

INVITATION_SALT = "medspill.participants.invitation"
INVITATION_DAYS = 14


class InvitationInvalid(Exception):
    """The link cannot be used; ``message`` says why, in words for the visitor."""

    def __init__(self, message: str, *, invitation: Invitation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.invitation = invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"invitation": invitation.pk, "email": invitation.email}, salt=INVITATION_SALT
    )


def invitation_url(*, invitation: Invitation, base_url: str) -> str:
    return base_url.rstrip("/") + reverse(
        "administration:invitation_accept", args=[invitation_token(invitation)]
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link names, if it can still be accepted; else ``InvitationInvalid``.

    The signature proves the link was made here: a changed id or address is refused.
    """
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as error:
        raise InvitationInvalid(
            _("Lenken er ikke gyldig. Sjekk at du har kopiert hele lenken fra e-posten.")
        ) from error
    invitation = (
        Invitation.objects.select_related("municipality", "invited_by")
        .filter(pk=data.get("invitation"), email=data.get("email"))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid(_("Invitasjonen finnes ikke lenger."))
    if invitation.withdrawn_at is not None:
        raise InvitationInvalid(
            _("Invitasjonen er trukket tilbake. Ta kontakt med kommunen om du mener det er feil."),
            invitation=invitation,
        )
    if invitation.accepted_at is not None:
        raise InvitationInvalid(
            _("Invitasjonen er allerede brukt. Logg inn med kontoen din."), invitation=invitation
        )
    if invitation.is_expired:
        raise InvitationInvalid(
            _("Invitasjonen har gått ut. Be kommunen sende den på nytt."), invitation=invitation
        )
    return invitation


def _require_admin(by, municipality) -> None:
    municipality_rights_for(by, municipality).administer.require()


def _send(invitation: Invitation, *, base_url: str) -> None:
    """The invitation e-mail, as an outbox row written with the change."""
    notify(
        kind="invitation",
        to_address=invitation.email,
        facts={
            "invitation": invitation.pk,
            "municipality": invitation.municipality.name,
            "role": invitation.role,
            "invited_by": str(invitation.invited_by) if invitation.invited_by else "",
            "url": invitation_url(invitation=invitation, base_url=base_url),
            "expires_at": invitation.expires_at.isoformat(),
        },
        municipality=invitation.municipality,
        in_inbox=False,
    )


@transaction.atomic
def invitation_create(*, municipality, by, email: str, role: str, base_url: str) -> Invitation:
    """Invite ``email`` to hold ``role`` here, and mail the link."""
    _require_admin(by, municipality)
    email = User.objects.normalize_email(email.strip()).lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Velg en av rollene.")})
    if Membership.objects.filter(
        municipality=municipality, user__email__iexact=email, role=role
    ).exists():
        raise ValidationError({"email": _("Personen har allerede denne rollen i kommunen.")})
    if Invitation.objects.pending().filter(municipality=municipality, email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Adressen er allerede invitert. Send invitasjonen på nytt i listen under.")}
        )
    now = timezone.now()
    invitation = Invitation(
        municipality=municipality,
        email=email,
        role=role,
        invited_by=by,
        created_at=now,
        sent_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=by,
        municipality=municipality,
        action="invitation.create",
        target=invitation,
        after={"email": email, "role": role},
    )
    _send(invitation, base_url=base_url)
    return invitation


def _pending_for_update(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update().select_related("municipality").get(pk=invitation.pk)
    )
    if not locked.is_pending:
        raise ValidationError(_("Invitasjonen er allerede godtatt eller trukket tilbake."))
    return locked


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by, base_url: str) -> Invitation:
    """Mail the link again, valid for another ``INVITATION_DAYS`` days."""
    _require_admin(by, invitation.municipality)
    invitation = _pending_for_update(invitation)
    before = {"expires_at": invitation.expires_at.isoformat()}
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["sent_at", "expires_at"])
    audit_record(
        actor=by,
        municipality=invitation.municipality,
        action="invitation.resend",
        target=invitation,
        before=before,
        after={"expires_at": invitation.expires_at.isoformat()},
    )
    _send(invitation, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> Invitation:
    """The link stops working at once."""
    _require_admin(by, invitation.municipality)
    invitation = _pending_for_update(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=by,
        municipality=invitation.municipality,
        action="invitation.withdraw",
        target=invitation,
        after={"withdrawn_at": invitation.withdrawn_at.isoformat()},
    )
    return invitation


def wrong_account_message(*, invitation: Invitation, user) -> str:
    return _(
        "Invitasjonen er sendt til %(invited)s, men du er logget inn som %(current)s. "
        "Logg ut og åpne lenken på nytt, eller logg inn med kontoen for %(invited)s."
    ) % {"invited": invitation.email, "current": user.email}


@transaction.atomic
def invitation_accept(
    *, token: str, user=None, full_name: str = "", password: str = ""
) -> tuple[Invitation, User]:
    """Accept the invitation the link names: for the signed-in ``user`` (whose
    address must be the invited one), or for a new account with ``full_name``
    and ``password`` (the link proves the address, so it is verified).

    Raises ``InvitationInvalid`` for a link that cannot be used and
    ``ValidationError`` for a wrong account or an address that has an account.
    """
    invitation = invitation_for_token(token)
    # Locked, so the same link used twice at once grants once.
    invitation = (
        Invitation.objects.select_for_update().select_related("municipality").get(pk=invitation.pk)
    )
    if not invitation.is_pending:
        invitation_for_token(token)  # raises, with the reason
    municipality = invitation.municipality
    now = timezone.now()
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(wrong_account_message(invitation=invitation, user=user))
        if user.email_verified_at is None:
            user.email_verified_at = now
            user.save(update_fields=["email_verified_at"])
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("Det finnes allerede en konto for %(email)s. Logg inn for å godta invitasjonen.")
                % {"email": invitation.email}
            )
        user = User(email=invitation.email, full_name=full_name.strip(), email_verified_at=now)
        user.set_password(password)
        user.full_clean()
        user.save()
    Membership.objects.get_or_create(user=user, municipality=municipality, role=invitation.role)
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        municipality=municipality,
        action="invitation.accept",
        target=invitation,
        after={"email": invitation.email, "role": invitation.role},
    )
    return invitation, user


def _admins_left_without(membership: Membership) -> int:
    """How many administrators the municipality keeps if ``membership`` goes,
    counted under a lock so two admins cannot demote each other at once."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(municipality=membership.municipality_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    return len([pk for pk in admins if pk != membership.pk])


def _require_an_admin_stays(membership: Membership) -> None:
    if membership.role == Role.ADMIN and _admins_left_without(membership) == 0:
        raise ValidationError(
            _(
                "Kommunen må ha minst én administrator. Gi noen andre rollen som "
                "administrator før du fjerner denne."
            )
        )


@transaction.atomic
def membership_change_role(*, membership: Membership, by, role: str) -> Membership:
    """Give the person ``role`` instead of the one this membership holds."""
    municipality = membership.municipality
    _require_admin(by, municipality)
    if role not in Role.values:
        raise ValidationError({"role": _("Velg en av rollene.")})
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.role == role:
        return membership
    _require_an_admin_stays(membership)
    old = membership.role
    if Membership.objects.filter(
        user=membership.user_id, municipality=municipality, role=role
    ).exists():
        # They hold the new role already: the old one simply goes.
        membership.delete()
        membership = Membership.objects.get(
            user=membership.user_id, municipality=municipality, role=role
        )
    else:
        membership.role = role
        membership.save(update_fields=["role"])
    membership.municipality = municipality
    audit_record(
        actor=by,
        municipality=municipality,
        action="membership.change_role",
        target=membership.user,
        before={"role": old},
        after={"role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Take the role away. Their processes keep them as owners until reassigned."""
    municipality = membership.municipality
    _require_admin(by, municipality)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    _require_an_admin_stays(membership)
    user, role = membership.user, membership.role
    membership.delete()
    audit_record(
        actor=by,
        municipality=municipality,
        action="membership.remove",
        target=user,
        before={"role": role},
    )
