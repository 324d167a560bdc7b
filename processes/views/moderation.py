"""Moderering: the municipality's reported comments, across its processes.

A moderator hides a comment with a reason (shown in its place), dismisses its
reports, or shows a hidden comment again with a reason. The forms are plain
POSTs that come back to the queue; a form with errors is shown again with the
text kept.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.http import render_page
from portal.rules import Verdict, municipality_rights_for
from processes import rules
from processes.forms.comments import CommentHideForm, CommentShowForm
from processes.services.comments import comment_hide, comment_reports_dismiss, comment_show
from processes.views.access import refuse
from processes.views.writes import attempt
from processes.worklists import (
    MOST_REPORTED,
    NEWEST,
    hidden_comments,
    moderated_comment_get,
    reported_comments,
)

TEMPLATE = "processes/moderation/queue.html"
PAGE_SIZE = 20
HIDDEN_TAB = "skjulte"


def _allowed(request: HttpRequest) -> Verdict:
    return municipality_rights_for(request.user, request.municipality).moderate


def _queue_context(request: HttpRequest, *, bound: dict | None = None) -> dict:
    bound = bound or {}
    tab = HIDDEN_TAB if request.GET.get("vis") == HIDDEN_TAB else ""
    order = MOST_REPORTED if request.GET.get("rekkefolge") == MOST_REPORTED else NEWEST
    if tab == HIDDEN_TAB:
        comments = hidden_comments(municipality=request.municipality)
    else:
        comments = reported_comments(municipality=request.municipality, order=order)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    for comment in page.object_list:
        comment.hide_form = bound.get(("hide", comment.pk)) or CommentHideForm(
            auto_id=f"id_hide_{comment.pk}_%s"
        )
        comment.show_form = bound.get(("show", comment.pk)) or CommentShowForm(
            auto_id=f"id_show_{comment.pk}_%s"
        )
    return {
        "page": page,
        "tab": tab,
        "order": order,
        "orders": (
            (NEWEST, _("Nyeste melding først")),
            (MOST_REPORTED, _("Flest meldinger først")),
        ),
        "here": request.get_full_path(),
    }


@require_safe
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Never cached whole: the queue changes with every report, and only moderators see it."""
    verdict = _allowed(request)
    if not verdict:
        return refuse(request, verdict)
    return render_page(request, TEMPLATE, _queue_context(request))


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the queue as the moderator saw it (a local path only)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if not (safe and target.startswith(reverse("processes:moderation"))):
        target = reverse("processes:moderation")
    return HttpResponseRedirect(target)


def _moderate(request: HttpRequest, pk: int, *, form_class, service, kind: str, note: str):
    verdict = _allowed(request)
    if not verdict:
        return refuse(request, verdict)
    comment = moderated_comment_get(municipality=request.municipality, pk=pk)
    # The process's own rule decides too (services ask it again).
    process_verdict = rules.may_moderate(request.user, comment.process)
    if not process_verdict:
        return refuse(request, process_verdict)
    form = form_class(request.POST, auto_id=f"id_{kind}_{pk}_%s")
    if form.is_valid():
        attempt(form, lambda: service(comment, form.cleaned_data))
    if form.errors:
        context = _queue_context(request, bound={(kind, pk): form})
        context["error_form"] = form
        return render_page(request, TEMPLATE, context)
    messages.success(request, note % {"reference": comment.reference})
    return _back(request)


@require_POST
def moderation_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(
        request,
        pk,
        form_class=CommentHideForm,
        service=lambda comment, data: comment_hide(
            comment=comment, by=request.user, reason=data["reason"]
        ),
        kind="hide",
        note=_("Kommentaren %(reference)s er skjult."),
    )


@require_POST
def moderation_show(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(
        request,
        pk,
        form_class=CommentShowForm,
        service=lambda comment, data: comment_show(
            comment=comment, by=request.user, reason=data["reason"]
        ),
        kind="show",
        note=_("Kommentaren %(reference)s vises igjen."),
    )


@require_POST
def moderation_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    from django import forms

    return _moderate(
        request,
        pk,
        form_class=forms.Form,
        service=lambda comment, _data: comment_reports_dismiss(comment=comment, by=request.user),
        kind="dismiss",
        note=_("Meldingene om kommentaren %(reference)s er avvist. Kommentaren står."),
    )
