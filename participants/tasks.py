from celery import shared_task
from django.urls import reverse

from participants.models import User
from participants.services import verification_url
from portal.emails import send_templated_email


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_verification_email(user_id: int, base_url: str) -> None:
    user = User.objects.filter(pk=user_id, email_verified_at__isnull=True).first()
    if user is None:
        return  # already verified or deleted: nothing to send
    send_templated_email(
        "verify_email",
        user.email,
        {"user": user, "url": verification_url(user=user, base_url=base_url)},
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_attempt_email(user_id: int, base_url: str) -> None:
    """Tell the owner of an address that someone tried to register with it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return  # deleted or deactivated since: nobody to tell
    base = base_url.rstrip("/")
    send_templated_email(
        "registration_attempt",
        user.email,
        {
            "user": user,
            "login_url": base + reverse("participants:login"),
            "reset_url": base + reverse("participants:password_reset"),
        },
    )
