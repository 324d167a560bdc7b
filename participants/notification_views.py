"""The inbox, the notification preferences and one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from participants import unsubscribe as unsubscribing
from participants.forms import NotificationPreferencesForm
from participants.models import NotificationGroup
from participants.preferences import preferences_for
from participants.selectors import inbox_page, notification_target, unread_count
from participants.services import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
)
from portal.http import render_page


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = inbox_page(user=request.user, number=request.GET.get("page"))
    return render_page(request, "participants/inbox.html", {"page": page})


@require_safe
@login_required
def inbox_open(request: HttpRequest, pk: int) -> HttpResponse:
    """An inbox entry's link: marks it read and leads to what it is about."""
    notification = notification_mark_read(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404(_("Fant ikke varselet."))
    return redirect(notification_target(notification.facts or {}) or "participants:inbox")


@require_POST
@login_required
def inbox_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)
    if request.htmx:
        page = inbox_page(user=request.user, number=request.GET.get("page"))
        return render_page(
            request,
            "participants/inbox.html",
            {"page": page, "said": _("Alle varsler er merket som lest.")},
            partial="entries",
        )
    if count:
        messages.success(request, _("Alle varsler er merket som lest."))
    return redirect("participants:inbox")


@require_safe
@never_cache
@login_required
def inbox_unread(request: HttpRequest) -> HttpResponse:
    """The unread count in the header, fetched after the page loads, so the
    cached page carries no per-visit number (portal.pagecache)."""
    return render(
        request, "participants/_unread_count.html", {"unread": unread_count(request.user)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    current = preferences_for(request.user)
    form = NotificationPreferencesForm(
        request.POST if request.method == "POST" else None, initial_choices=current
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Varslingsvalgene dine er lagret."))
        return redirect("participants:notification_preferences")
    return render_page(request, "participants/notification_preferences.html", {"form": form})


# RFC 8058: a mail client posts ``List-Unsubscribe=One-Click`` to the link
# without a session or CSRF token. The signed token in the address is the
# authority, and all it can do is turn one person's e-mails off: exempting
# this one view from CSRF lets no other site do anything the link's holder
# could not.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (and changes nothing); POST turns the e-mails off, once."""
    found = unsubscribing.read_token(token)
    if found is None:
        return render(request, "participants/unsubscribe_invalid.html", status=400)
    user, groups = found
    labels = [label for value, label in NotificationGroup.choices if value in groups]
    if request.method == "POST":
        changed = unsubscribing.unsubscribe(user=user, groups=groups)
        return render(
            request,
            "participants/unsubscribe.html",
            {"done": True, "changed": changed, "labels": labels, "token": token},
        )
    return render(
        request,
        "participants/unsubscribe.html",
        {
            "done": False,
            "already": unsubscribing.already_off(user, groups),
            "labels": labels,
            "token": token,
        },
    )
