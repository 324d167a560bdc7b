"""Demo organisations with members, input given on their behalf, and a full
stakeholder map for «Møteplass for ungdom». Idempotent: what exists is kept."""

from participants.models import Organisation, OrganisationMember, StakeholderCategory, User
from participants.organisations import organisation_register, organisation_set_contact
from portal.models import Municipality
from processes.models import Contribution, Need, Process, StakeholderEntry
from processes.services.comments import comment_add
from processes.services.needs import need_log
from processes.services.stakeholders import stakeholder_add, stakeholder_set_state

C = StakeholderCategory
Role, State = StakeholderEntry.Role, StakeholderEntry.State
MAP_PROCESS = "moteplass-for-ungdom"

# name, category, leader, other members (short name, role), description.
ORGANISATIONS = [
    (
        "Lillevik idrettslag",
        C.VOLUNTARY,
        "ola",
        [("jonas", OrganisationMember.Role.MEMBER), ("sofie", OrganisationMember.Role.CONTACT)],
        "Fotball, ski og friidrett for alle aldre.",
    ),
    (
        "Vika grendeutvalg",
        C.LOCAL_COUNCIL,
        "marit",
        [("kari", OrganisationMember.Role.MEMBER)],
        "Grendeutvalget for Vika og Nordstranda.",
    ),
    (
        "Lillevik Næringsforening",
        C.BUSINESS,
        "ahmed",
        [],
        "Butikkene og bedriftene i sentrum.",
    ),
]

# (kind, who, category, role, state, note): who is a short name, an
# organisation's name, or empty for a whole category.
MAP = [
    ("person", "sofie", C.CHILDREN, Role.DRIVER, State.ENGAGED, "Startet underskriftskampanjen."),
    ("person", "jonas", C.CHILDREN, Role.PARTICIPANT, State.INVITED, ""),
    (
        "organisation",
        "Lillevik idrettslag",
        "",
        Role.RESOURCE,
        State.ENGAGED,
        "Låner ut hallen.",
    ),
    ("organisation", "Vika grendeutvalg", "", Role.PARTICIPANT, State.INVITED, ""),
    ("organisation", "Lillevik Næringsforening", "", Role.RESOURCE, State.DECLINED, ""),
    ("category", "", C.POLITICIAN, Role.DECISION_MAKER, State.ENGAGED, "Oppvekstutvalget."),
    ("category", "", C.CHILDREN, Role.PARTICIPANT, State.ENGAGED, ""),
    ("category", "", C.ELDERLY, Role.PARTICIPANT, State.TO_INVITE, "Nabolaget rundt lokalet."),
]

# The path from "to invite" to each state.
STEPS = {
    State.TO_INVITE: [],
    State.INVITED: [State.INVITED],
    State.ENGAGED: [State.INVITED, State.ENGAGED],
    State.DECLINED: [State.INVITED, State.DECLINED],
}


def _organisations(municipality: Municipality, people: dict[str, User], staff: User) -> dict:
    found = {}
    for name, category, leader, members, description in ORGANISATIONS:
        organisation = Organisation.objects.filter(municipality=municipality, name=name).first()
        if organisation is None:
            organisation = organisation_register(
                municipality=municipality,
                by=people[leader],
                name=name,
                category=category,
                description=description,
            )
            organisation_set_contact(organisation=organisation, by=staff, contact=staff)
        for short, role in members:
            OrganisationMember.objects.get_or_create(
                organisation=organisation, person=people[short], defaults={"role": role}
            )
        found[name] = organisation
    return found


def _input_on_behalf(process: Process, people: dict[str, User], organisations: dict) -> None:
    if Contribution.objects.filter(process=process, organisation__isnull=False).exists():
        return
    sports = organisations["Lillevik idrettslag"]
    need = need_log(
        process=process,
        author=people["ola"],
        body="Ungdommene som trener hos oss, har ingen plass å være mellom skolen og treningen.",
        who_has_need="Ungdom som venter på trening",
        organisation=sports,
    )
    comment_add(
        target=need,
        author=people["marit"],
        body="Det samme ser vi i Vika: bussen går bare hver time.",
        organisation=organisations["Vika grendeutvalg"],
    )
    other = Need.objects.filter(process=process, organisation__isnull=True).first()
    if other is not None:
        comment_add(
            target=other,
            author=people["ahmed"],
            body="Butikkene i sentrum kan bidra med åpningstider og et sted å sitte.",
            organisation=organisations["Lillevik Næringsforening"],
        )


def _map(process: Process, people: dict[str, User], organisations: dict, owner: User) -> None:
    if StakeholderEntry.objects.filter(process=process).exists():
        return
    for kind, who, category, role, state, note in MAP:
        entry = stakeholder_add(
            process=process,
            by=owner,
            role=role,
            person=people[who] if kind == "person" else None,
            organisation=organisations[who] if kind == "organisation" else None,
            category=category,
            note=note,
        )
        for step in STEPS[state]:
            stakeholder_set_state(entry=entry, by=owner, state=step)


def seed_stakeholders(municipality: Municipality, people: dict[str, User], owner: User) -> None:
    organisations = _organisations(municipality, people, owner)
    process = Process.objects.filter(municipality=municipality, slug=MAP_PROCESS).first()
    if process is None or process.status != Process.Status.OPEN:
        return
    _input_on_behalf(process, people, organisations)
    _map(process, people, organisations, owner)
