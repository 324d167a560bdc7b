"""Demo ground for representativity: Lillevik's areas and inhabitants (made-up
figures in SSB's shape), the demo citizens' optional profiles, and
«Turvei langs elva», a process two people carry. Idempotent."""

from participants.models import AgeBand, StakeholderCategory, User
from participants.profile import profile_update
from portal.models import AgePopulation, Area, Municipality

POPULATION_SOURCE = "Demotall i samme form som SSB, tabell 07459, 1. januar 2026"
AREAS = [
    ("Lillevik sentrum", Area.Kind.TOWN, 3_900),
    ("Vika", Area.Kind.HAMLET, 1_150),
    ("Nordstranda", Area.Kind.HAMLET, 720),
    ("Skogbygda", Area.Kind.HAMLET, 430),
]
AGES = {
    AgeBand.UNDER_18: 1_380,
    AgeBand.FROM_18: 870,
    AgeBand.FROM_30: 1_190,
    AgeBand.FROM_45: 1_720,
    AgeBand.FROM_67: 710,
    AgeBand.FROM_80: 330,
}
# short name: (category, age band, area name); Skogbygda has nobody.
PROFILES = {
    "ingrid": (StakeholderCategory.CITIZEN, AgeBand.FROM_45, "Lillevik sentrum"),
    "ola": (StakeholderCategory.VOLUNTARY, AgeBand.FROM_45, "Vika"),
    "kari": (StakeholderCategory.CITIZEN, AgeBand.FROM_30, "Vika"),
    "ahmed": (StakeholderCategory.BUSINESS, AgeBand.FROM_30, "Lillevik sentrum"),
    "marit": (StakeholderCategory.LOCAL_COUNCIL, AgeBand.FROM_67, "Nordstranda"),
    "jonas": (StakeholderCategory.CHILDREN, AgeBand.UNDER_18, "Lillevik sentrum"),
    "sofie": (StakeholderCategory.CHILDREN, AgeBand.FROM_18, "Lillevik sentrum"),
}

CARRIED_BY_TWO = "turvei-langs-elva"


def seed_population(municipality: Municipality) -> dict[str, Area]:
    areas = {}
    for name, kind, population in AREAS:
        areas[name], _created = Area.objects.update_or_create(
            municipality=municipality, name=name, defaults={"kind": kind, "population": population}
        )
    for age_band, count in AGES.items():
        AgePopulation.objects.update_or_create(
            municipality=municipality, age_band=age_band, defaults={"count": count}
        )
    if not municipality.population_source:
        municipality.population_source = POPULATION_SOURCE
        municipality.save(update_fields=["population_source"])
    return areas


def seed_profiles(municipality: Municipality, people: dict[str, User]) -> None:
    """The demo citizens' profiles, given before they take part, as a person would."""
    areas = seed_population(municipality)
    for short, (category, age_band, area) in PROFILES.items():
        person = people.get(short)
        if person is not None and not person.age_band:
            profile_update(
                user=person,
                municipality=municipality,
                stakeholder_category=category,
                age_band=age_band,
                area=areas[area],
            )
