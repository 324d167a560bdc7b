"""One-click unsubscribe (RFC 8058) that works without logging in.

Every notification e-mail carries ``List-Unsubscribe`` with a link holding a
signed token: the person and the groups of notifications that made the
message go out. The token is signed with the installation's secret under a
salt of its own, so it cannot be made for another person or group, nor taken
from another signed value of the portal. Using it sets those groups to «off»
(the inbox keeps every entry); a second use changes nothing and says so.
"""

from django.core import signing
from django.db import transaction
from django.urls import reverse

from participants.models import (
    NotificationChoice,
    NotificationGroup,
    NotificationPreference,
    User,
)

SALT = "medspill.participants.unsubscribe"


def token_for(*, user_id: int, groups: list[str]) -> str:
    return signing.dumps({"u": user_id, "g": sorted(set(groups))}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[User, list[str]] | None:
    """The person and groups a token was made for, or ``None`` for a token
    that is forged, altered, for another purpose, or for a person gone."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    groups = data.get("g")
    valid = set(NotificationGroup.values)
    if not isinstance(groups, list) or not groups or not set(groups) <= valid:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    return None if user is None else (user, groups)


def _groups(notification) -> list[str]:
    """The groups that sent ``notification`` (a digest: its items')."""
    groups = (notification.facts or {}).get("groups") or []
    return [group for group in groups if group in NotificationGroup.values]


def url(notification) -> str:
    """The absolute unsubscribe link, on the notification's municipality's host."""
    token = token_for(user_id=notification.recipient_id, groups=_groups(notification))
    path = reverse("participants:unsubscribe", args=[token])
    return notification.base_url + path


def headers(notification) -> dict[str, str]:
    """The RFC 8058 headers for the notification's e-mail: only for what a
    person's choices send (account e-mails, invitations and the like carry none)."""
    if notification.recipient_id is None or not (notification.facts or {}).get("groups"):
        return {}
    return {
        "List-Unsubscribe": f"<{notification.unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def already_off(user: User, groups: list[str]) -> bool:
    chosen = dict(
        NotificationPreference.objects.filter(user=user, group__in=groups).values_list(
            "group", "choice"
        )
    )
    return all(chosen.get(group) == NotificationChoice.OFF for group in groups)


@transaction.atomic
def unsubscribe(*, user: User, groups: list[str]) -> bool:
    """Set ``groups`` to «off» for ``user``; False when they all were already."""
    changed = False
    for group in groups:
        _preference, created = NotificationPreference.objects.get_or_create(
            user=user, group=group, defaults={"choice": NotificationChoice.OFF}
        )
        if not created and _preference.choice != NotificationChoice.OFF:
            _preference.choice = NotificationChoice.OFF
            _preference.save(update_fields=["choice", "updated_at"])
            changed = True
        changed = changed or created
    return changed
