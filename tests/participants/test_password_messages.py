"""Password rules, and the other messages Django writes for us, in the page's
language: Django 6.1's own bokmål and nynorsk catalogues lack the new
"password too short" message, so the portal's validators carry their own."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from participants.models import User

REGISTER = "/konto/registrer/"

SHORT = {
    "nb": "Passordet er for kort. Det må ha minst 8 tegn.",
    "nn": "Passordet er for kort. Det må ha minst 8 teikn.",
    "en": "This password is too short. It must have at least 8 characters.",
}


def _register(client, language: str, **changes):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = {
        "full_name": "Kari Nordmann",
        "email": "kari@example.org",
        "password1": "Riktig-hest-batteri-42",
        "password2": "Riktig-hest-batteri-42",
        **changes,
    }
    return client.post(REGISTER, data)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_short_password_is_explained_in_the_pages_language(client, municipality, language):
    response = _register(client, language, password1="kort-1", password2="kort-1")

    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
    assert SHORT[language] in response.text
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_a_short_password_on_a_bokmal_page_is_not_explained_in_english(client, municipality):
    response = _register(client, "nb", password1="kort-1", password2="kort-1")

    assert "too short" not in response.text


ERRORS = {
    "similar": {
        "nb": "Passordet ligner for mye på det du har oppgitt som e-postadresse.",
        "nn": "Passordet liknar for mykje på det du har oppgjeve som e-postadresse.",
        "en": "The password is too similar to what you gave as email address.",
    },
    "common": {
        "nb": "Dette passordet er for vanlig.",
        "nn": "Dette passordet er for vanleg.",
        "en": "This password is too common.",
    },
    "numeric": {
        "nb": "Passordet kan ikke bare være tall.",
        "nn": "Passordet kan ikkje berre vere tal.",
        "en": "The password cannot be only digits.",
    },
}

PASSWORDS = {"similar": "kari.nordmann@example.org", "common": "password", "numeric": "4817395062"}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("rule", sorted(ERRORS))
def test_every_password_rule_explains_itself_in_the_active_language(language, rule):
    user = User(email="kari.nordmann@example.org", full_name="Kari Nordmann")

    with translation.override(language), pytest.raises(ValidationError) as raised:
        validate_password(PASSWORDS[rule], user)

    assert ERRORS[rule][language] in raised.value.messages


HELP = {
    "nb": [
        "Passordet kan ikke ligne for mye på navnet eller e-postadressen din.",
        "Passordet må ha minst 8 tegn.",
        "Passordet kan ikke være et vanlig brukt passord.",
        "Passordet kan ikke bestå av bare tall.",
    ],
    "nn": [
        "Passordet kan ikkje likne for mykje på namnet eller e-postadressa di.",
        "Passordet må ha minst 8 teikn.",
        "Passordet kan ikkje vere eit vanleg brukt passord.",
        "Passordet kan ikkje berre bestå av tal.",
    ],
    "en": [
        "The password cannot be too similar to your name or e-mail address.",
        "The password must have at least 8 characters.",
        "The password cannot be a commonly used password.",
        "The password cannot consist of only digits.",
    ],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_four_password_rules_describe_themselves_in_the_active_language(language):
    assert len(get_default_password_validators()) == 4

    with translation.override(language):
        assert password_validators_help_texts() == HELP[language]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "required", "invalid_email"),
    [
        ("nb", "Feltet er påkrevet.", "Oppgi en gyldig e-postadresse"),
        ("nn", "Feltet er påkravd.", "Oppgje ei gyldig e-postadresse."),
        ("en", "This field is required.", "Enter a valid email address."),
    ],
)
def test_djangos_own_field_messages_follow_the_pages_language(
    client, municipality, language, required, invalid_email
):
    response = _register(client, language, full_name="", email="ikke-en-adresse")

    assert required in response.text
    assert invalid_email in response.text
