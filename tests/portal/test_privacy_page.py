"""The privacy page of each municipality, from the inventory of personal data
and the municipality's own settings, in bokmål, nynorsk and English."""

import pytest
from django.urls import reverse

from participants.personal_data import PURPOSES

pytestmark = pytest.mark.django_db


def test_the_page_names_the_controller_and_its_data_protection_officer(client, municipality):
    municipality.contact_email = "postmottak@lillevik.kommune.no"
    municipality.contact_phone = "12 34 56 78"
    municipality.contact_address = "Rådhusgata 1, 9999 Lillevik"
    municipality.dpo_name = "Pia Personvern"
    municipality.dpo_email = "personvernombud@lillevik.kommune.no"
    municipality.save()

    html = client.get(reverse("portal:privacy")).content.decode()

    assert "Lillevik kommune er behandlingsansvarlig" in html
    for value in (
        "postmottak@lillevik.kommune.no",
        "12 34 56 78",
        "Rådhusgata 1, 9999 Lillevik",
        "Pia Personvern",
        'href="mailto:personvernombud@lillevik.kommune.no"',
    ):
        assert value in html


def test_every_purpose_of_the_inventory_is_on_the_page_with_its_basis_and_retention(
    client, municipality, settings
):
    settings.NOTIFICATION_INBOX_DAYS = 180
    html = client.get(reverse("portal:privacy")).content.decode()
    for purpose in PURPOSES.values():
        assert str(purpose.title) in html
    assert "artikkel 6 nr. 1 bokstav e" in html
    assert "artikkel 6 nr. 1 bokstav c" in html
    assert "36 måneder" in html  # the municipality's inactive_account_months
    assert "Slettes 180 dager etter at du har lest dem." in html
    assert "Slettes etter 7 dager" in html
    assert "%(" not in html


def test_the_page_says_who_receives_the_data_the_rights_and_how_to_complain(client, municipality):
    html = client.get(reverse("portal:privacy")).content.decode()
    assert "Hvem får opplysningene" in html
    assert "Ingen. Opplysningene deles ikke med andre" in html
    for right in ("Innsyn", "Dataportabilitet", "Retting", "Sletting", "Protest"):
        assert f"<strong>{right}</strong>" in html
    assert reverse("participants:my_data") in html
    assert reverse("participants:account_delete") in html
    assert "Datatilsynet" in html
    assert "https://www.datatilsynet.no/" in html


def test_each_municipality_shows_its_own_settings(client, municipality, other_municipality):
    other_municipality.inactive_account_months = 24
    other_municipality.dpo_name = "Nils Ombud"
    other_municipality.save()

    html = client.get(reverse("portal:privacy"), HTTP_HOST="nordvik.localhost").text

    assert "Nordvik kommune er behandlingsansvarlig" in html
    assert "24 måneder" in html
    assert "Nils Ombud" in html
    assert "Lillevik kommune er behandlingsansvarlig" not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Personvernerklæring", "Rettslig grunnlag", "Klage til Datatilsynet"]),
        ("nn", ["Personvernerklæring", "Rettsleg grunnlag", "Behandlingsansvarleg"]),
        ("en", ["Privacy notice", "Legal basis", "Complain to Datatilsynet", "36 months"]),
    ],
)
def test_the_page_is_in_bokmal_nynorsk_and_english(client, municipality, language, expected):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(reverse("portal:privacy")).content.decode()
    for text in expected:
        assert text in html
