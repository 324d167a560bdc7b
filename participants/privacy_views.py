"""Mine data, its download, deleting one's account, and an administrator's
anonymisation of an account on request (participants.privacy)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from participants.forms import AccountAnonymiseForm, AccountDeleteForm, ProfileForm
from participants.models import DataExport
from participants.personal_data import purposes_for_page
from participants.privacy import (
    PAGE_ROWS,
    account_anonymise,
    account_find_for_anonymising,
    data_export_request,
    export_for_token,
    export_token,
    page_collect,
)
from participants.privacy import account_delete as account_delete_service
from participants.profile import profile_clear, profile_update
from portal.rules import may_anonymise_account, may_delete_account, municipality_rights_for
from processes.views.writes import attempt


def _latest_export(user) -> dict | None:
    export = DataExport.objects.filter(user=user).first()
    if export is None:
        return None
    usable = export.status == DataExport.Status.READY and export.expires_at is not None
    return {
        "export": export,
        "token": export_token(export) if usable else "",
        "pending": export.status == DataExport.Status.PENDING,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """What the portal holds about me, on one page, and the download of all of it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        data_export_request(user=request.user, base_url=request.build_absolute_uri("/"))
        if not request.htmx:
            messages.info(request, _("Vi lager filen. Du får beskjed når den er klar."))
            return redirect("participants:my_data")
    context = {"latest": _latest_export(request.user)}
    if request.htmx:
        return render(request, "participants/my_data.html#export-status", context)
    purposes = {purpose["key"]: purpose for purpose in purposes_for_page(request.municipality)}
    context |= {
        "sections": page_collect(request.user, limit=PAGE_ROWS),
        "purposes": purposes,
        "page_rows": PAGE_ROWS,
    }
    return render(request, "participants/my_data.html", context)


@never_cache
@require_safe
def data_export_download(request: HttpRequest, token: str) -> FileResponse:
    """The zip, for the account it was made for, while it lasts."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    export = export_for_token(token=token, user=request.user)
    if export is None or not export.file:
        raise Http404(_("Lenken er utløpt eller hører til en annen konto."))
    name = f"medspill-data-{export.created_at:%Y-%m-%d}.zip"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    verdict = may_delete_account(user)
    if request.method == "POST":
        verdict.require()
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        account_delete_service(user=user, password=form.cleaned_data["password"])
        logout(request)
        messages.success(
            request,
            _("Kontoen din er slettet. Innspillene dine står igjen som «Tidligere deltaker»."),
        )
        return redirect("portal:home")
    owned = list(user.owned_processes.order_by("title")) if not verdict else []
    return render(
        request,
        "participants/account_delete.html",
        {"form": form, "verdict": verdict, "owned": owned},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account_anonymise_view(request: HttpRequest) -> HttpResponse:
    """A municipality administrator removes an account on the person's request."""
    verdict = municipality_rights_for(request.user, request.municipality).anonymise_accounts
    if verdict.login:
        return redirect_to_login(request.get_full_path())
    verdict.require()
    form = AccountAnonymiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = account_find_for_anonymising(email=form.cleaned_data["email"])
        refusal = (
            may_anonymise_account(request.user, request.municipality, person)
            if person is not None
            else None
        )
        if person is None or not refusal:
            form.add_error(
                "email",
                refusal.reason
                if refusal is not None
                else _("Ingen konto med denne adressen har deltatt eller hatt en rolle i %(name)s.")
                % {"name": request.municipality.name},
            )
        else:
            account_anonymise(
                person=person,
                by=request.user,
                municipality=request.municipality,
                reference=form.cleaned_data["reference"],
            )
            messages.success(
                request,
                _("Kontoen er slettet. Innspillene står igjen som «Tidligere deltaker»."),
            )
            return redirect("participants:account_anonymise")
    return render(request, "participants/account_anonymise.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The optional profile: set, change or withdraw it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if request.method == "POST" and "fjern_alle" in request.POST:
        profile_clear(user=user)
        messages.success(request, _("Profilen din er fjernet."))
        return redirect("participants:profile")
    initial = {name: getattr(user, name) for name in ("stakeholder_category", "age_band")}
    initial["area"] = user.area_id
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: profile_update(
                user=user, municipality=request.municipality, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Profilen din er lagret."))
            return redirect("participants:profile")
    return render(request, "participants/profile.html", {"form": form})
