"""The municipality's areas (grender, tettsteder, bydeler) and how many live
in each: add, change and remove, each audited. Removing an area clears it
from people's profiles and from the processes that name it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import audit_changes, audit_record
from portal.models import Area
from portal.rules import municipality_rights_for
from portal.services import municipality_touch

TAKEN = gettext_lazy("Kommunen har allerede et område med dette navnet.")


def _require_admin(by, municipality) -> None:
    municipality_rights_for(by, municipality).administer.require()


def _clean_name(*, municipality, name: str, exclude: Area | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Skriv et navn på området.")})
    taken = Area.objects.filter(municipality=municipality, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"name": str(TAKEN)})
    return name


def _save(area: Area, **kwargs) -> None:
    try:
        with transaction.atomic():
            area.save(**kwargs)
    except IntegrityError as error:  # the same name saved at the same moment
        raise ValidationError({"name": str(TAKEN)}) from error


def _clean_population(population: int | None) -> int | None:
    if population is not None and population < 0:
        raise ValidationError({"population": _("Innbyggertallet kan ikke være negativt.")})
    return population


@transaction.atomic
def area_create(
    *, municipality, by, name: str, kind: str = Area.Kind.HAMLET, population: int | None = None
) -> Area:
    _require_admin(by, municipality)
    area = Area(
        municipality=municipality,
        name=_clean_name(municipality=municipality, name=name),
        kind=kind,
        population=_clean_population(population),
    )
    area.full_clean(validate_constraints=False)
    _save(area)
    audit_record(
        actor=by,
        municipality=municipality,
        action="area.create",
        target=area,
        after={"name": area.name, "kind": area.kind, "population": area.population},
    )
    municipality_touch(municipality=municipality)
    return area


@transaction.atomic
def area_update(*, area: Area, by, name: str, kind: str, population: int | None) -> Area:
    """Rename the area, change its type or its number of inhabitants."""
    municipality = area.municipality
    _require_admin(by, municipality)
    new = {
        "name": _clean_name(municipality=municipality, name=name, exclude=area),
        "kind": kind,
        "population": _clean_population(population),
    }
    before, after = audit_changes({field: getattr(area, field) for field in new}, new)
    if not after:
        return area
    for field, value in new.items():
        setattr(area, field, value)
    area.full_clean(validate_constraints=False)
    _save(area, update_fields=list(after))
    audit_record(
        actor=by,
        municipality=municipality,
        action="area.update",
        target=area,
        before=before,
        after=after,
    )
    municipality_touch(municipality=municipality)
    return area


@transaction.atomic
def area_remove(*, area: Area, by) -> None:
    """Delete the area; people's profiles lose it (``on_delete=SET_NULL``)."""
    municipality = area.municipality
    _require_admin(by, municipality)
    audit_record(
        actor=by,
        municipality=municipality,
        action="area.remove",
        target=area,
        before={"name": area.name},
    )
    area.delete()
    municipality_touch(municipality=municipality)
