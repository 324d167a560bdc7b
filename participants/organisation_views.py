"""The municipality's organisations: the list, one organisation's page,
registering and editing one, and keeping its members."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from participants.models import Organisation, OrganisationMember
from participants.organisation_forms import (
    ContactForm,
    MemberAddForm,
    MemberRoleForm,
    OrganisationForm,
)
from participants.organisations import (
    contact_candidates,
    member_add,
    member_remove,
    member_set_role,
    organisation_edit,
    organisation_register,
    organisation_set_contact,
)
from portal import rules
from portal.http import render_page
from processes.views.access import refuse
from processes.views.writes import attempt, form_data

PAGE_SIZE = 50


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = (
        Organisation.objects.select_related("area", "contact")
        .filter(municipality=request.municipality, pk=pk)
        .first()
    )
    if organisation is None:
        raise Http404(_("Fant ikke organisasjonen."))
    return organisation


def _membership(request: HttpRequest, pk: int) -> OrganisationMember:
    membership = (
        OrganisationMember.objects.select_related("organisation", "person")
        .filter(organisation__municipality=request.municipality, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404(_("Fant ikke medlemskapet."))
    return membership


def _done(request: HttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = (
        Organisation.objects.filter(municipality=request.municipality)
        .select_related("area")
        .annotate(member_count=Count("memberships"))
        .order_by("name", "pk")
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "register": rules.may_register_organisation(request.user, request.municipality),
    }
    return render_page(request, "participants/organisation_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    verdict = rules.may_register_organisation(request.user, request.municipality)
    if not verdict:
        return refuse(request, verdict)
    form = OrganisationForm(*form_data(request)[:1], municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        organisation = attempt(
            form,
            lambda: organisation_register(
                municipality=request.municipality, by=request.user, **form.cleaned_data
            ),
        )
        if organisation:
            messages.success(
                request,
                _("%(name)s er registrert. Du står som leder.") % {"name": organisation.name},
            )
            return _done(request, organisation.get_absolute_url())
    context = {"form": form, "organisation": None}
    return render_page(request, "participants/organisation_form.html", context, partial="form")


def _detail_context(request: HttpRequest, organisation: Organisation, **forms) -> dict:
    user = request.user
    see_members = rules.may_see_members(user, organisation)
    manage = rules.may_manage_members(user, organisation)
    members = []
    if see_members:
        members = list(
            organisation.memberships.select_related("person").order_by("role", "person__full_name")
        )
        for membership in members:
            membership.organisation = organisation
            membership.end_verdict = rules.may_end_organisation_membership(user, membership)
            membership.is_me = membership.person_id == user.pk
            if manage and "role_form" not in forms:
                membership.role_form = MemberRoleForm(
                    initial={"role": membership.role}, prefix=f"m{membership.pk}"
                )
    return {
        "organisation": organisation,
        "members": members,
        "member_count": organisation.memberships.count() if not see_members else len(members),
        "see_members": see_members,
        "manage_members": manage,
        "edit": rules.may_edit_organisation(user, organisation),
        "set_contact": rules.may_set_organisation_contact(user, organisation),
        "add_form": forms.get("add_form") or (MemberAddForm() if manage else None),
        "announce": forms.get("announce", ""),
    }


@require_safe
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    context = _detail_context(request, organisation)
    return render_page(request, "participants/organisation_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    verdict = rules.may_edit_organisation(request.user, organisation)
    if not verdict:
        return refuse(request, verdict)
    initial = {
        "name": organisation.name,
        "category": organisation.category,
        "area": organisation.area_id,
        "description": organisation.description,
    }
    data = form_data(request)[0]
    form = OrganisationForm(data, initial=initial, municipality=request.municipality)
    contact_form = None
    if rules.may_set_organisation_contact(request.user, organisation):
        contact_form = ContactForm(
            data,
            initial={"contact": organisation.contact_id},
            candidates=contact_candidates(request.municipality),
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and (contact_form is None or contact_form.is_valid())
    ):

        def save():
            organisation_edit(organisation=organisation, by=request.user, **form.cleaned_data)
            if contact_form is not None:
                organisation_set_contact(
                    organisation=organisation,
                    by=request.user,
                    contact=contact_form.cleaned_data["contact"],
                )
            return organisation

        if attempt(form, save):
            messages.success(request, _("Endringene er lagret."))
            return _done(request, organisation.get_absolute_url())
    context = {"form": form, "contact_form": contact_form, "organisation": organisation}
    return render_page(request, "participants/organisation_form.html", context, partial="form")


@require_POST
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    verdict = rules.may_manage_members(request.user, organisation)
    if not verdict:
        return refuse(request, verdict)
    form = MemberAddForm(request.POST)
    added = form.is_valid() and attempt(
        form,
        lambda: member_add(
            organisation=organisation,
            by=request.user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        ),
    )
    if added and not request.htmx:
        messages.success(request, _("%(name)s er lagt til.") % {"name": added.person.full_name})
        return redirect(organisation)
    announce = _("%(name)s er lagt til.") % {"name": added.person.full_name} if added else ""
    context = _detail_context(
        request,
        organisation,
        add_form=MemberAddForm() if added else form,
        announce=announce,
    )
    return render_page(request, "participants/organisation_detail.html", context, partial="members")


@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    organisation = membership.organisation
    verdict = rules.may_manage_members(request.user, organisation)
    if not verdict:
        return refuse(request, verdict)
    form = MemberRoleForm(request.POST, prefix=f"m{membership.pk}")
    changed = form.is_valid() and attempt(
        form,
        lambda: member_set_role(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        ),
    )
    if changed:
        messages.success(
            request,
            _("%(name)s er nå %(role)s.")
            % {"name": membership.person.full_name, "role": membership.get_role_display().lower()},
        )
    else:
        messages.error(request, " ".join(form.non_field_errors()) or _("Rollen ble ikke endret."))
    return redirect(organisation)


@require_POST
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave (one's own membership) or remove a member (the leader)."""
    membership = _membership(request, pk)
    verdict = rules.may_end_organisation_membership(request.user, membership)
    if not verdict:
        return refuse(request, verdict)
    organisation = membership.organisation
    own = membership.person_id == request.user.pk
    member_remove(membership=membership, by=request.user)
    if own:
        messages.success(
            request, _("Du er ikke lenger med i %(name)s.") % {"name": organisation.name}
        )
    else:
        messages.success(request, _("%(name)s er fjernet.") % {"name": membership.person.full_name})
    return redirect(organisation)
