from participants.models import Membership, Role

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
