"""Rate limits for writes that citizens make, on top of the login lockout.

``@contribution_ratelimit`` limits POSTs per account (per address for anonymous
visitors) to ``settings.CONTRIBUTION_RATE``; past it the view raises
``Ratelimited`` and ``settings.RATELIMIT_VIEW`` answers 429 in Norwegian.
"""

from collections.abc import Callable

from django.conf import settings
from django_ratelimit.decorators import ratelimit

CONTRIBUTION_GROUP = "medspill.contributions"


def contribution_rate(group: str, request) -> str:
    """The rate is read per request, so settings overrides in tests apply."""
    return settings.CONTRIBUTION_RATE


def contribution_ratelimit(view: Callable) -> Callable:
    """Limit POSTs to ``view`` per user (or address); GETs are never limited.

    All contribution views share one group, so a burst spread over several
    forms counts once.
    """
    return ratelimit(
        group=CONTRIBUTION_GROUP,
        key="user_or_ip",
        rate=contribution_rate,
        method="POST",
        block=True,
    )(view)
