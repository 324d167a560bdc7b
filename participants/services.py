from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participants import account_emails
from participants.models import (
    Membership,
    Notification,
    NotificationChoice,
    NotificationGroup,
    NotificationPreference,
    User,
)
from participants.outbox import notify

VERIFY_SALT = "medspill.participants.verify-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 3


# At most one "someone tried to register with your address" mail per account
# in this many seconds, so the form cannot be used to flood someone's inbox.
REGISTRATION_ATTEMPT_MAIL_SECONDS = 60 * 60


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, base_url: str) -> User | None:
    """Create an unverified account and mail the verification link after commit.

    An address that already has an account gets no second one. The caller
    answers as for a new address, so the form tells no one which addresses
    are known; the owner of the address is mailed instead, with the way to
    log in or choose a new password. Returns the new account, or ``None``.
    """
    user = User(email=email.strip().lower(), full_name=full_name.strip())
    # Hashed on both paths, so the time taken does not tell them apart either.
    user.set_password(password)
    existing = User.objects.filter(email__iexact=user.email).first()
    if existing is not None:
        _send_registration_attempt(user=existing, base_url=base_url)
        return None
    user.full_clean()
    user.save()
    user_send_verification(user=user, base_url=base_url)
    return user


def _send_registration_attempt(*, user: User, base_url: str) -> None:
    key = f"participants:registration-attempt-mail:{user.pk}"
    if cache.add(key, True, REGISTRATION_ATTEMPT_MAIL_SECONDS):
        notify(
            kind=account_emails.REGISTRATION_ATTEMPT,
            recipient=user,
            facts={"base_url": base_url},
            in_inbox=False,
        )


@transaction.atomic
def user_send_verification(*, user: User, base_url: str) -> None:
    """Put the verification e-mail in the outbox; the link is made when it is sent."""
    notify(
        kind=account_emails.VERIFY_EMAIL,
        recipient=user,
        facts={"base_url": base_url},
        in_inbox=False,
    )


@transaction.atomic
def user_send_password_reset(*, user: User, protocol: str, domain: str) -> None:
    """Put the password-reset e-mail in the outbox; the token is made when it is sent."""
    notify(
        kind=account_emails.PASSWORD_RESET,
        recipient=user,
        facts={"protocol": protocol, "domain": domain},
        in_inbox=False,
    )


def user_retry_email(*, user: User) -> None:
    """The person says their address works again: mail them from now on."""
    User.objects.filter(pk=user.pk).update(email_failing_since=None, email_failure="")
    user.email_failing_since, user.email_failure = None, ""


def verification_url(*, user: User, base_url: str) -> str:
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)
    return base_url.rstrip("/") + reverse("participants:verify_email", args=[token])


def user_verify_email(*, token: str) -> User | None:
    """The account the token verifies, or ``None`` when it is invalid or expired."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        return None
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def membership_grant(*, user: User, municipality, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role
    )
    return membership


@transaction.atomic
def notification_preferences_set(*, user: User, choices: dict[str, str]) -> None:
    """Save ``user``'s choice (immediately, digest, off) for each group given."""
    valid_groups, valid_choices = set(NotificationGroup.values), set(NotificationChoice.values)
    for group, choice in choices.items():
        if group not in valid_groups or choice not in valid_choices:
            raise ValueError(f"Unknown notification preference {group}={choice}")
        NotificationPreference.objects.update_or_create(
            user=user, group=group, defaults={"choice": choice}
        )


def notification_mark_read(*, user: User, notification_id: int) -> Notification | None:
    """Mark one of ``user``'s inbox entries read; ``None`` if it is not theirs."""
    notification = (
        Notification.objects.filter(pk=notification_id, recipient=user, in_inbox=True)
        .only("pk", "kind", "facts", "read_at", "recipient_id")
        .first()
    )
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, in_inbox=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )
