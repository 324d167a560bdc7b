"""Working groups of a process, its citizen co-creators, and the owners'
phase switches. Every form posts to its own URL and works without JavaScript;
with htmx the groups' region is swapped in place."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from portal.http import render_page
from processes import rules
from processes.forms.working_groups import (
    InviteForm,
    OrganisationForm,
    PersonByEmailForm,
    PhaseNarrowingForm,
    WorkingGroupForm,
)
from processes.models import GroupMembership, Process
from processes.selectors import (
    co_creator_get,
    membership_get,
    working_group_get,
    working_groups_for_page,
)
from processes.services.co_creators import co_creator_appoint, co_creator_remove
from processes.services.processes import process_set_phase_narrowing
from processes.services.working_groups import (
    membership_accept,
    membership_end,
    membership_invite,
    membership_request,
    working_group_create,
)
from processes.views.access import process_for, refuse
from processes.views.writes import attempt

TEMPLATE = "processes/working_groups.html"


def _name(person) -> str:
    """Who a message to the owners is about: the name, or the address they typed."""
    return person.full_name or person.email


def _groups_context(request: HttpRequest, process: Process, **forms) -> dict:
    """The groups with what the visitor may do with each group and membership."""
    user = request.user
    rights = rules.rights_for(user, process)
    groups = working_groups_for_page(process)
    bound_invite = forms.pop("invite_form", None)
    bound_for = forms.pop("invite_group", None)
    bound_join = forms.pop("join_form", None)
    bound_join_for = forms.pop("join_group", None)
    for group in groups:
        memberships = list(group.memberships.all())
        group.members = [m for m in memberships if m.status == GroupMembership.Status.ACTIVE]
        group.waiting = [m for m in memberships if m.status != GroupMembership.Status.ACTIVE]
        mine = next(
            (m for m in memberships if user.is_authenticated and m.person_id == user.pk), None
        )
        group.mine = mine
        group.join_verdict = rules.may_ask_to_join(user, group) if mine is None else None
        if group.join_verdict:
            fresh = bound_join_for != group.pk
            group.join_form = OrganisationForm(prefix=f"j{group.pk}") if fresh else bound_join
        for membership in memberships:
            membership.accept_verdict = rules.may_accept(user, membership)
            membership.end_verdict = rules.may_end_membership(user, membership)
        if rights.manage:
            group.invite_form = (
                bound_invite if bound_for == group.pk else InviteForm(prefix=f"g{group.pk}")
            )
    return {
        "process": process,
        "rights": rights,
        "groups": groups,
        "group_form": forms.get("group_form") or (WorkingGroupForm() if rights.manage else None),
        "notice": forms.get("notice", ""),
    }


def _page_url(process: Process) -> str:
    return reverse("processes:working_groups", args=[process.slug])


def _done(
    request: HttpRequest, process: Process, notice: str, *, level: int = messages.SUCCESS
) -> HttpResponse:
    """After a write: htmx gets the groups' region with the notice announced,
    a plain POST is sent back to the page."""
    if request.htmx:
        return render_page(
            request, TEMPLATE, _groups_context(request, process, notice=notice), partial="groups"
        )
    messages.add_message(request, level, notice)
    return redirect(_page_url(process))


@require_safe
def working_groups(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    return render_page(request, TEMPLATE, _groups_context(request, process))


@require_POST
def working_group_new(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = WorkingGroupForm(request.POST)
    group = form.is_valid() and attempt(
        form,
        lambda: working_group_create(
            process=process,
            by=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        ),
    )
    if group:
        return _done(
            request, process, _("Arbeidsgruppen «%(name)s» er opprettet.") % {"name": group.name}
        )
    context = _groups_context(request, process, group_form=form)
    return render_page(request, TEMPLATE, context, partial="groups")


@require_POST
def working_group_invite(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    group = working_group_get(process=process, pk=pk)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = InviteForm(request.POST, prefix=f"g{group.pk}")
    membership = form.is_valid() and attempt(
        form,
        lambda: membership_invite(
            group=group,
            by=request.user,
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
        ),
    )
    if membership:
        return _done(
            request,
            process,
            _("%(name)s er invitert til «%(group)s».")
            % {"name": _name(membership.person), "group": group.name},
        )
    context = _groups_context(request, process, invite_form=form, invite_group=group.pk)
    return render_page(request, TEMPLATE, context, partial="groups")


@require_POST
def working_group_join(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    group = working_group_get(process=process, pk=pk)
    verdict = rules.may_ask_to_join(request.user, group)
    if not verdict:
        return refuse(request, verdict)
    form = OrganisationForm(request.POST, prefix=f"j{group.pk}")
    if not form.is_valid():
        context = _groups_context(request, process, join_form=form, join_group=group.pk)
        return render_page(request, TEMPLATE, context, partial="groups")
    try:
        membership_request(
            group=group, by=request.user, organisation=form.cleaned_data["organisation"]
        )
    except ValidationError as error:
        return _done(request, process, " ".join(error.messages), level=messages.WARNING)
    return _done(
        request,
        process,
        _("Du har bedt om å bli med i «%(group)s». Eierne av prosessen svarer deg.")
        % {"group": group.name},
    )


@require_POST
def membership_yes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    membership = membership_get(process=process, pk=pk)
    verdict = rules.may_accept(request.user, membership)
    if not verdict:
        return refuse(request, verdict)
    membership_accept(membership=membership, by=request.user)
    return _done(
        request,
        process,
        _("%(name)s er nå medlem av «%(group)s».")
        % {
            "name": _name(membership.person),
            "group": membership.group.name,
        },
    )


@require_POST
def membership_no(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    membership = membership_get(process=process, pk=pk)
    verdict = rules.may_end_membership(request.user, membership)
    if not verdict:
        return refuse(request, verdict)
    membership_end(membership=membership, by=request.user)
    return _done(
        request,
        process,
        _("%(name)s er ikke lenger med i «%(group)s».")
        % {
            "name": _name(membership.person),
            "group": membership.group.name,
        },
    )


# Co-creators ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def co_creators(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = PersonByEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        appointed = attempt(
            form,
            lambda: co_creator_appoint(
                process=process, by=request.user, email=form.cleaned_data["email"]
            ),
        )
        if appointed:
            notice = _("%(name)s er utnevnt til medskaper.") % {"name": _name(appointed.person)}
            messages.success(request, notice)
            page = reverse("processes:co_creators", args=[process.slug])
            if request.htmx:
                return HttpResponseClientRedirect(page)
            return redirect(page)
    context = {
        "process": process,
        "form": form,
        "co_creators": list(process.co_creators.select_related("person", "appointed_by")),
        "level_grants": process.level >= 4,
    }
    return render_page(request, "processes/co_creators.html", context, partial="co-creators")


@require_POST
def co_creator_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    co_creator = co_creator_get(process=process, pk=pk)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    co_creator_remove(co_creator=co_creator, by=request.user)
    messages.success(
        request,
        _("%(name)s er ikke lenger medskaper.") % {"name": _name(co_creator.person)},
    )
    return redirect(reverse("processes:co_creators", args=[process.slug]))


# Phase narrowing ------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def phase_narrowing(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    initial = {name: getattr(process, name) for name in PhaseNarrowingForm.base_fields}
    form = PhaseNarrowingForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        process_set_phase_narrowing(process=process, by=request.user, **form.cleaned_data)
        saved = True
        if not request.htmx:
            messages.success(request, _("Fasestyringen er lagret."))
            return redirect(process)
    context = {"process": process, "form": form, "saved": saved}
    return render_page(request, "processes/phase_narrowing.html", context, partial="form")
