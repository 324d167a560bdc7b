from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse

from participants.models import Membership, Notification, Role

ROLE_CACHE_ATTR = "_medspill_roles"


def user_roles(user, municipality) -> frozenset[str]:
    """The roles ``user`` holds in ``municipality``, read once per user object."""
    if not user.is_authenticated or municipality is None:
        return frozenset()
    cache = user.__dict__.setdefault(ROLE_CACHE_ATTR, {})
    if municipality.pk not in cache:
        cache[municipality.pk] = frozenset(
            Membership.objects.filter(user=user, municipality=municipality).values_list(
                "role", flat=True
            )
        )
    return cache[municipality.pk]


def user_roles_remember(user, municipality, roles: set[str]) -> None:
    """Store roles read along with something else, so ``user_roles`` needs no query."""
    user.__dict__.setdefault(ROLE_CACHE_ATTR, {})[municipality.pk] = frozenset(roles)


def is_staff_in(user, municipality) -> bool:
    """Staff or admin: admins can do everything staff can."""
    return bool(user_roles(user, municipality) & {Role.STAFF, Role.ADMIN})


def is_admin_in(user, municipality) -> bool:
    return Role.ADMIN in user_roles(user, municipality)


def is_politician_in(user, municipality) -> bool:
    return Role.POLITICIAN in user_roles(user, municipality)


INBOX_PAGE_SIZE = 25


def inbox_page(*, user, number):
    """One page of ``user``'s inbox, the newest first: two queries, whatever its size."""
    entries = (
        Notification.objects.filter(recipient=user, in_inbox=True)
        .only("pk", "kind", "facts", "read_at", "created_at")
        .order_by("-created_at", "-pk")
    )
    return Paginator(entries, INBOX_PAGE_SIZE).get_page(number)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, in_inbox=True, read_at__isnull=True).count()


def notification_target(facts: dict) -> str:
    """Where a notification (or one item of it) leads: its input by reference,
    else its process; for several items, the first that leads anywhere."""
    try:
        if facts.get("reference"):
            return reverse("processes:contribution", args=[facts["reference"]])
        if facts.get("arena_id") and facts.get("process_slug"):
            return reverse("processes:arena", args=[facts["process_slug"], facts["arena_id"]])
        if facts.get("process_slug"):
            return reverse("processes:detail", args=[facts["process_slug"]])
    except NoReverseMatch:
        return ""
    for item in facts.get("items", []):
        if isinstance(item, dict) and (target := notification_target(item)):
            return target
    return ""
