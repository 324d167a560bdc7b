"""Finding the process a request is about, and refusing with a reason."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from processes.models import Process
from processes.rules import Verdict
from processes.selectors import process_get_for_user


def process_for(request: HttpRequest, slug: str, **annotations) -> Process:
    """The process ``slug`` of the request's municipality, if the visitor may see
    it; with ``annotations`` read in the same query."""
    return process_get_for_user(
        user=request.user, municipality=request.municipality, slug=slug, annotations=annotations
    )


def refuse(request: HttpRequest, verdict: Verdict, next_url: str | None = None) -> HttpResponse:
    """Anonymous visitors are sent to log in (and back to ``next_url``, or here);
    a signed-in visitor gets 403 with the verdict's reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(next_url or request.get_full_path())
    raise PermissionDenied(verdict.reason)
