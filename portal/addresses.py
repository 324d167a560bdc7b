"""The visitor's network address, for the login lockout and the rate limits."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, never bound to


def client_ip(request: HttpRequest) -> str:
    """The address the request came from, as far as our own proxies can vouch.

    Each of the ``PROXY_COUNT`` proxies in front of the portal appends the
    address it saw to ``X-Forwarded-For``, so the client's is the
    ``PROXY_COUNT``-th entry from the right; anything further left the client
    may have written itself. Without proxies, or when the header is too short
    or holds no address there, the socket's address is the answer.
    """
    # Behind a proxy on a Unix socket there is no socket address: such
    # visitors share one placeholder address rather than break the limits.
    remote = request.META.get("REMOTE_ADDR") or UNKNOWN
    count = settings.PROXY_COUNT
    if not count:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
