"""Områder and innbyggertall: the municipality's areas with their inhabitants,
and its inhabitants per age band, which participation is compared with."""

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participants.models import User
from portal.administration.access import administrators_only, municipality_now
from portal.administration.forms import AreaForm, PopulationForm
from portal.areas import area_create, area_remove, area_update
from portal.models import Area
from portal.population import population_by_age, population_save
from processes.views.writes import attempt


def _people_count():
    """How many people give the outer area on their profile, as a subquery."""
    return Coalesce(
        Subquery(
            User.objects.filter(area=OuterRef("pk"))
            .order_by()
            .values("area")
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def _page(request: HttpRequest, form: AreaForm, *, failed: dict | None = None, status=200):
    """The list of areas, each with its edit form (what was typed, after a refusal)."""
    failed = failed or {}
    areas = list(
        Area.objects.filter(municipality=request.municipality).annotate(
            people_total=_people_count(), process_total=Count("processes", distinct=True)
        )
    )
    for area in areas:
        area.form = failed.get(area.pk) or AreaForm(
            prefix=f"omrade-{area.pk}",
            initial={"name": area.name, "kind": area.kind, "population": area.population},
        )
    return render(
        request,
        "administration/areas.html",
        {
            "form": form,
            "areas": areas,
            "population_total": sum(area.population or 0 for area in areas),
        },
        status=status,
    )


def _service_fields(form: AreaForm) -> dict:
    return {name: form.cleaned_data[name] for name in ("name", "kind", "population")}


@require_http_methods(["GET", "HEAD", "POST"])
@administrators_only
def areas(request: HttpRequest) -> HttpResponse:
    form = AreaForm(request.POST or None, prefix="nytt")
    if request.method == "POST" and form.is_valid():
        area = attempt(
            form,
            lambda: area_create(
                municipality=request.municipality, by=request.user, **_service_fields(form)
            ),
        )
        if area is not None:
            messages.success(request, _("Området «%(name)s» er lagt til.") % {"name": area.name})
            return redirect("administration:areas")
    return _page(request, form)


def _area(request: HttpRequest, pk: int) -> Area:
    return get_object_or_404(
        Area.objects.select_related("municipality"), pk=pk, municipality=request.municipality
    )


@require_POST
@administrators_only
def area_change(request: HttpRequest, pk: int) -> HttpResponse:
    area = _area(request, pk)
    form = AreaForm(request.POST, prefix=f"omrade-{area.pk}")
    if form.is_valid():
        saved = attempt(
            form, lambda: area_update(area=area, by=request.user, **_service_fields(form))
        )
        if saved is not None:
            messages.success(request, _("«%(name)s» er lagret.") % {"name": saved.name})
            return redirect("administration:areas")
    # The list again, with this area's form and what was typed in it.
    return _page(request, AreaForm(prefix="nytt"), failed={area.pk: form})


@require_POST
@administrators_only
def area_delete(request: HttpRequest, pk: int) -> HttpResponse:
    area = _area(request, pk)
    area_remove(area=area, by=request.user)
    messages.success(
        request,
        _("«%(name)s» er fjernet. Profiler og prosesser som hadde området, har det ikke lenger.")
        % {"name": area.name},
    )
    return redirect("administration:areas")


@require_http_methods(["GET", "HEAD", "POST"])
@administrators_only
def population(request: HttpRequest) -> HttpResponse:
    municipality = municipality_now(request)
    stored = population_by_age(municipality)
    initial = {"source": municipality.population_source} | {
        PopulationForm.field_name(band): count for band, count in stored.items()
    }
    form = PopulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: population_save(
                municipality=municipality,
                by=request.user,
                counts=form.counts(),
                source=form.cleaned_data["source"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Innbyggertallene er lagret."))
            return redirect("administration:population")
    return render(
        request,
        "administration/population.html",
        {"form": form, "population_total": sum(stored.values())},
    )
