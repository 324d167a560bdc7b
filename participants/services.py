from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participants.models import Membership, User

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
    from participants.tasks import send_registration_attempt_email

    key = f"participants:registration-attempt-mail:{user.pk}"
    if cache.add(key, True, REGISTRATION_ATTEMPT_MAIL_SECONDS):
        transaction.on_commit(lambda: send_registration_attempt_email.delay(user.pk, base_url))


def user_send_verification(*, user: User, base_url: str) -> None:
    from participants.tasks import send_verification_email

    transaction.on_commit(lambda: send_verification_email.delay(user.pk, base_url))


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
