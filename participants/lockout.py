"""What django-axes counts failed logins by: the address as the login form reads it."""

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The e-mail address from the login, trimmed and lower-cased as ``LoginForm`` does,
    so ``Kari@Example.org`` and ``kari@example.org`` share one failure count."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") if source else None
    return username.strip().lower() if isinstance(username, str) else None
