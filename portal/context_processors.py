from django.http import HttpRequest

from participants.selectors import user_roles


def portal(request: HttpRequest) -> dict:
    municipality = getattr(request, "municipality", None)
    user = getattr(request, "user", None)
    roles = user_roles(user, municipality) if user is not None else frozenset()
    return {"municipality": municipality, "roles": roles}
