"""Demo data: two fictional municipalities and one account per role.

Idempotent: running it again changes nothing but what it owns.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from participants.models import Invitation, Role, User
from participants.services import membership_grant
from portal.models import Municipality, MunicipalityHost

DEMO_PASSWORD = "demo-passord-2026"

MUNICIPALITIES = [
    {
        "slug": "lillevik",
        "name": "Lillevik kommune",
        "is_default": True,
        "contact_email": "postmottak@lillevik.kommune.example",
        "contact_phone": "11 22 33 44",
        "contact_address": "Torget 1, 9999 Lillevik",
        "hosts": ["lillevik.localhost", "localhost", "127.0.0.1", "testserver"],
    },
    {
        "slug": "nordvik",
        "name": "Nordvik kommune",
        "is_default": False,
        "contact_email": "postmottak@nordvik.kommune.example",
        "contact_phone": "55 66 77 88",
        "contact_address": "Rådhusgata 3, 9998 Nordvik",
        "hosts": ["nordvik.localhost"],
    },
]

# (e-mail, name, role in Lillevik; None is a citizen)
ACCOUNTS = [
    ("innbygger@demo.medspill.no", "Ingrid Innbygger", None),
    ("ansatt@demo.medspill.no", "Anders Ansatt", Role.STAFF),
    ("politiker@demo.medspill.no", "Pia Politiker", Role.POLITICIAN),
    ("admin@demo.medspill.no", "Ada Admin", Role.ADMIN),
]


@transaction.atomic
def seed_municipalities() -> dict[str, Municipality]:
    municipalities = {}
    for data in MUNICIPALITIES:
        data = dict(data)
        hosts = data.pop("hosts")
        municipality, _ = Municipality.objects.update_or_create(
            slug=data.pop("slug"), defaults=data
        )
        for host in hosts:
            MunicipalityHost.objects.update_or_create(
                hostname=host, defaults={"municipality": municipality}
            )
        municipalities[municipality.slug] = municipality
    return municipalities


@transaction.atomic
def seed_accounts(municipality: Municipality) -> dict[str, User]:
    users = {}
    for email, name, role in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
        user.full_name = name
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role:
            membership_grant(user=user, municipality=municipality, role=role)
        users[email] = user
    _seed_invitation(municipality, users["admin@demo.medspill.no"])
    return users


# A person the demo admin has invited and who has not answered yet (no e-mail is sent).
INVITED = ("ny.ansatt@demo.medspill.no", Role.STAFF)


def _seed_invitation(municipality: Municipality, admin: User) -> None:
    email, role = INVITED
    invitation = Invitation.objects.filter(municipality=municipality, email=email).first()
    if invitation is None:
        invitation = Invitation(municipality=municipality, email=email, role=role)
    invitation.invited_by = admin
    invitation.accepted_at = invitation.withdrawn_at = None
    invitation.expires_at = timezone.now() + timedelta(days=14)
    invitation.save()
