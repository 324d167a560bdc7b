"""Who may open the administrator's pages: the rule, asked once per view."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from portal.models import Municipality
from portal.rules import municipality_rights_for


def administrators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The municipality's administrators pass; anonymous visitors are sent to
    log in, anyone else gets 403 with the reason (``MunicipalityRights.administer``)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.municipality is None:
            raise Http404(_("Ingen kommune bruker denne adressen."))
        verdict = municipality_rights_for(request.user, request.municipality).administer
        if verdict.login:
            return redirect_to_login(request.get_full_path())
        verdict.require()
        return view(request, *args, **kwargs)

    return wrapper


def municipality_now(request: HttpRequest) -> Municipality:
    """The municipality's row as it is now: the request's copy may come from the cache."""
    return Municipality.objects.get(pk=request.municipality.pk)
