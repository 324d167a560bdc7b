"""Personer og roller: the municipality's staff, politicians and administrators,
the invitations waiting for an answer, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from participants.models import Invitation, Membership, Role, User
from participants.people import (
    InvitationInvalid,
    invitation_create,
    invitation_for_token,
    membership_change_role,
    membership_remove,
    wrong_account_message,
)
from participants.people import (
    invitation_accept as invitation_accept_service,
)
from participants.people import (
    invitation_resend as invitation_resend_service,
)
from participants.people import (
    invitation_withdraw as invitation_withdraw_service,
)
from portal.administration.access import administrators_only
from portal.administration.forms import (
    AcceptInvitationForm,
    InvitationForm,
    PeopleSearchForm,
    RoleForm,
)

PER_PAGE = 25
INVITATIONS_SHOWN = 50


def _people_context(request: HttpRequest, invitation_form: InvitationForm) -> dict:
    search = PeopleSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    memberships = Membership.objects.filter(municipality=request.municipality).select_related(
        "user"
    )
    invitations = Invitation.objects.pending().filter(municipality=request.municipality)
    if query:
        memberships = memberships.filter(
            Q(user__full_name__icontains=query) | Q(user__email__icontains=query)
        )
        invitations = invitations.filter(email__icontains=query)
    memberships = memberships.order_by("user__full_name", "user__email", "role", "pk")
    page = Paginator(memberships, PER_PAGE).get_page(request.GET.get("side"))
    pending = list(invitations.select_related("invited_by")[: INVITATIONS_SHOWN + 1])
    return {
        "search": search,
        "query": query,
        "page": page,
        "invitations": pending[:INVITATIONS_SHOWN],
        "more_invitations": len(pending) > INVITATIONS_SHOWN,
        "invitation_form": invitation_form,
        "role_choices": Role.choices,
    }


@require_safe
@administrators_only
def people(request: HttpRequest) -> HttpResponse:
    context = _people_context(request, InvitationForm())
    return render(request, "administration/people.html", context)


@require_POST
@administrators_only
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                municipality=request.municipality,
                by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Invitasjonen er sendt til %(email)s.") % {"email": invitation.email},
            )
            return redirect("administration:people")
    context = _people_context(request, form)
    return render(request, "administration/people.html", context)


def _membership(request: HttpRequest, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "municipality"),
        pk=pk,
        municipality=request.municipality,
    )


def _back_to_people(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("administration:people"))


def _act(request: HttpRequest, write, success: str) -> HttpResponse:
    """Run one write from the people page: a refusal becomes an error message,
    a success the note ``success``; either way back to the list."""
    try:
        write()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return _back_to_people(request)


@require_POST
@administrators_only
def role_change(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg en rolle."))
        return _back_to_people(request)
    role = form.cleaned_data["role"]
    return _act(
        request,
        lambda: membership_change_role(membership=membership, by=request.user, role=role),
        _("%(name)s er nå %(role)s.") % {"name": membership.user, "role": Role(role).label.lower()},
    )


@require_POST
@administrators_only
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    return _act(
        request,
        lambda: membership_remove(membership=membership, by=request.user),
        _("%(name)s har ikke lenger rollen %(role)s. Prosessene de eier, står uendret.")
        % {"name": membership.user, "role": membership.get_role_display().lower()},
    )


def _invitation(request: HttpRequest, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("municipality"), pk=pk, municipality=request.municipality
    )


@require_POST
@administrators_only
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    return _act(
        request,
        lambda: invitation_resend_service(
            invitation=invitation, by=request.user, base_url=request.build_absolute_uri("/")
        ),
        _("Invitasjonen er sendt på nytt til %(email)s.") % {"email": invitation.email},
    )


@require_POST
@administrators_only
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    return _act(
        request,
        lambda: invitation_withdraw_service(invitation=invitation, by=request.user),
        _("Invitasjonen til %(email)s er trukket tilbake. Lenken virker ikke lenger.")
        % {"email": invitation.email},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link: a new account sets a password, a signed-in person
    with the invited address accepts with one button, anyone else is told why not."""
    try:
        invitation = invitation_for_token(token)
    except InvitationInvalid as error:
        return render(
            request, "administration/invitation_invalid.html", {"reason": error.message}, status=400
        )
    if invitation.municipality_id != getattr(request.municipality, "pk", None):
        return render(
            request,
            "administration/invitation_invalid.html",
            {
                "reason": _(
                    "Invitasjonen gjelder en annen kommune. Åpne lenken slik den står i e-posten."
                )
            },
            status=400,
        )
    user = request.user
    context = {"invitation": invitation, "role": invitation.get_role_display()}
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            context["reason"] = wrong_account_message(invitation=invitation, user=user)
            return render(
                request, "administration/invitation_wrong_account.html", context, status=403
            )
        if request.method == "POST":
            invitation_accept_service(token=token, user=user)
            messages.success(
                request,
                _("Velkommen! Du har nå rollen %(role)s.") % {"role": context["role"].lower()},
            )
            return redirect("portal:home")
        return render(request, "administration/invitation_accept.html", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        context["login_url"] = reverse("participants:login") + "?next=" + request.path
        return render(request, "administration/invitation_accept.html", context)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            _invitation, user = invitation_accept_service(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except (ValidationError, InvitationInvalid) as error:
            form.add_error(None, getattr(error, "message", None) or error.messages)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Velkommen! Du har nå rollen %(role)s.") % {"role": context["role"].lower()},
            )
            return redirect("portal:home")
    context["form"] = form
    return render(request, "administration/invitation_accept.html", context)
