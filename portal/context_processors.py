from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from portal.rules import municipality_rights_for


def portal(request: HttpRequest) -> dict:
    """The municipality of the request and what the visitor may do in it.

    Templates decide what to show from ``municipality_rights`` (and a process's
    ``rights``), never from roles: the rules are the one place that decides.
    """
    municipality = getattr(request, "municipality", None)
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "municipality": municipality,
        "municipality_rights": SimpleLazyObject(
            lambda: municipality_rights_for(user, municipality)
        ),
    }
