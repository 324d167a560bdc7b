"""The municipality's inhabitants per age band (SSB's figures, entered by its
administrator) and where the figures come from: what a process's
participation by age is compared with (``processes.representativity``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participants.models import AgeBand
from portal.audit import audit_changes, audit_record
from portal.models import AgePopulation, Municipality
from portal.rules import municipality_rights_for
from portal.services import municipality_touch


def population_by_age(municipality: Municipality) -> dict[str, int]:
    """``{age band: inhabitants}`` for the bands that have a figure."""
    return dict(
        AgePopulation.objects.filter(municipality=municipality).values_list("age_band", "count")
    )


@transaction.atomic
def population_save(
    *, municipality: Municipality, by, counts: dict[str, int | None], source: str
) -> bool:
    """Store the figure of each band in ``counts`` (``None`` removes it) and
    the source. Bands not in ``counts`` are left as they are. Whether
    anything changed."""
    municipality_rights_for(by, municipality).administer.require()
    unknown = set(counts) - set(AgeBand.values)
    if unknown:
        raise ValidationError(_("Ukjent aldersgruppe: %(bands)s") % {"bands": ", ".join(unknown)})
    if any(count is not None and count < 0 for count in counts.values()):
        raise ValidationError(_("Innbyggertallet kan ikke være negativt."))
    source = " ".join((source or "").split())
    old = population_by_age(municipality)
    before, after = audit_changes(
        {band: old.get(band) for band in counts} | {"source": municipality.population_source},
        dict(counts) | {"source": source},
    )
    if not after:
        return False
    for band, count in counts.items():
        if count is None:
            AgePopulation.objects.filter(municipality=municipality, age_band=band).delete()
        else:
            AgePopulation.objects.update_or_create(
                municipality=municipality, age_band=band, defaults={"count": count}
            )
    if "source" in after:
        Municipality.objects.filter(pk=municipality.pk).update(population_source=source)
        municipality.population_source = source
    audit_record(
        actor=by,
        municipality=municipality,
        action="population.save",
        target=municipality,
        before=before,
        after=after,
    )
    municipality_touch(municipality=municipality)
    return True
