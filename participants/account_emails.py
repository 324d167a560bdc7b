"""The account e-mails: verification, a registration attempt, password reset.

They go through the outbox like every other notification (not into the
inbox), and what they link to is made when the e-mail is rendered, not
stored: a verification or reset token never lies in the database, and a
link is fresh however long the row waited.
"""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from participants.models import Notification

VERIFY_EMAIL = "verify_email"
REGISTRATION_ATTEMPT = "registration_attempt"
PASSWORD_RESET = "password_reset"  # noqa: S105 - a kind, not a password

# Asked for by the person just now, so sent even to an address marked
# failing: asking for a link is how a person says the address works again.
ASKED_FOR = {VERIFY_EMAIL, PASSWORD_RESET}


def asked_for(notification: Notification) -> bool:
    return notification.kind in ASKED_FOR


def obsolete(notification: Notification) -> bool:
    """An account e-mail that no longer has anything to say when its turn comes."""
    user = notification.recipient
    if notification.kind == VERIFY_EMAIL:
        return user is None or user.email_verified_at is not None
    if notification.kind in (REGISTRATION_ATTEMPT, PASSWORD_RESET):
        return user is None or not user.is_active
    return False


def context(notification: Notification) -> dict:
    from participants.services import verification_url

    user, facts = notification.recipient, notification.facts
    if notification.kind == VERIFY_EMAIL:
        return {"user": user, "url": verification_url(user=user, base_url=facts["base_url"])}
    if notification.kind == REGISTRATION_ATTEMPT:
        base = facts["base_url"].rstrip("/")
        return {
            "user": user,
            "login_url": base + reverse("participants:login"),
            "reset_url": base + reverse("participants:password_reset"),
        }
    if notification.kind == PASSWORD_RESET:
        return {
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
    return {}
