"""Start pages by role: Mitt arbeid for the municipality's staff, and the
politicians' overview. Both are per person or per role and change with every
input, so neither is cached whole (``portal.pagecache``): each is a few
queries however many processes and inputs lie behind it."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.http import render_page
from portal.rules import municipality_rights_for
from processes.views.access import refuse
from processes.worklists import politician_overview, worklist_for


@never_cache
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    verdict = municipality_rights_for(request.user, request.municipality).see_worklist
    if not verdict:
        return refuse(request, verdict)
    work = worklist_for(user=request.user, municipality=request.municipality)
    return render_page(request, "processes/worklist/my_work.html", {"work": work})


@never_cache
@require_safe
def politician_start(request: HttpRequest) -> HttpResponse:
    verdict = municipality_rights_for(request.user, request.municipality).see_politician_overview
    if not verdict:
        return refuse(request, verdict)
    overview = politician_overview(municipality=request.municipality, user=request.user)
    return render_page(request, "processes/worklist/politician.html", {"overview": overview})
