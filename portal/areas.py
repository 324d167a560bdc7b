"""The municipality's areas (grender, tettsteder, bydeler): add, rename and
remove, each audited. Removing an area clears it from people's profiles and
from the processes that name it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import audit_record
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


@transaction.atomic
def area_create(*, municipality, by, name: str, kind: str = Area.Kind.HAMLET) -> Area:
    _require_admin(by, municipality)
    area = Area(municipality=municipality, name=_clean_name(municipality=municipality, name=name))
    area.kind = kind
    area.full_clean(validate_constraints=False)
    _save(area)
    audit_record(
        actor=by,
        municipality=municipality,
        action="area.create",
        target=area,
        after={"name": area.name, "kind": area.kind},
    )
    municipality_touch(municipality=municipality)
    return area


@transaction.atomic
def area_rename(*, area: Area, by, name: str) -> Area:
    municipality = area.municipality
    _require_admin(by, municipality)
    name = _clean_name(municipality=municipality, name=name, exclude=area)
    before = area.name
    if before == name:
        return area
    area.name = name
    _save(area, update_fields=["name"])
    audit_record(
        actor=by,
        municipality=municipality,
        action="area.rename",
        target=area,
        before={"name": before},
        after={"name": name},
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
