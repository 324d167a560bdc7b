"""«Følg prosessen»: the button on a process's page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.http import render_page
from processes import rules
from processes.services.follows import process_follow, process_unfollow
from processes.views.access import process_for, refuse


@require_POST
def process_follow_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow (``action=follow``) or stop following the process. htmx gets the
    button back, announced; a plain POST goes back to the process."""
    process = process_for(request, slug)
    verdict = rules.may_follow(request.user, process)
    if not verdict:
        return refuse(request, verdict, next_url=process.get_absolute_url())
    following = request.POST.get("action") != "unfollow"
    if following:
        process_follow(process=process, user=request.user)
        said = _("Du følger nå prosessen. Du får høre om nye runder, testresultater og trinn.")
    else:
        process_unfollow(process=process, user=request.user)
        said = _("Du følger ikke lenger prosessen.")
    if not request.htmx:
        messages.success(request, said)
        return redirect(process)
    process.viewer_follows = following
    return render_page(
        request,
        "processes/_follow.html",
        {"process": process, "may_follow": verdict, "said": said},
    )
