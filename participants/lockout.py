"""What failed logins are counted by.

django-axes locks an account out from one address (``AXES_FAILURE_LIMIT``
failures of that account there). Trying many accounts from one address
(password spraying) never trips that, so failures are also counted per
address alone, against the higher ``LOGIN_ADDRESS_RATE``; axes has one limit
for all its parameter sets, so this count lives in the rate-limit cache.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

ADDRESS_GROUP = "medspill.login-failures-per-address"


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The e-mail address from the login, trimmed and lower-cased as ``LoginForm`` does,
    so ``Kari@Example.org`` and ``kari@example.org`` share one failure count."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") if source else None
    return username.strip().lower() if isinstance(username, str) else None


def _address_failures(request: HttpRequest, *, increment: bool) -> dict | None:
    # "ip" is portal.addresses.client_ip (RATELIMIT_IP_META_KEY), as for axes.
    return get_usage(
        request,
        group=ADDRESS_GROUP,
        key="ip",
        rate=settings.LOGIN_ADDRESS_RATE,
        increment=increment,
    )


def address_locked_out(request: HttpRequest) -> bool:
    """Whether the visitor's address has used up its failed logins for now."""
    usage = _address_failures(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def address_login_failed(request: HttpRequest) -> None:
    """Count one failed login (a wrong address or password) against the address."""
    _address_failures(request, increment=True)
