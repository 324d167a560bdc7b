"""The administrator's front page and the municipality's settings."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.administration.access import administrators_only, municipality_now
from portal.administration.forms import MunicipalitySettingsForm
from portal.services import municipality_update
from processes.views.writes import attempt


@require_safe
@administrators_only
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/index.html")


@require_http_methods(["GET", "HEAD", "POST"])
@administrators_only
def settings(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = MunicipalitySettingsForm(
        request.POST or None, request.FILES or None, instance=municipality_now(request)
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: municipality_update(
                municipality=municipality, by=request.user, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Innstillingene er lagret."))
            return redirect("administration:settings")
    hosts = list(municipality.hosts.order_by("hostname").values_list("hostname", flat=True))
    return render(request, "administration/settings.html", {"form": form, "hosts": hosts})
