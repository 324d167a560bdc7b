"""A deliberately broken page makes each gate red: the gates can fail."""

import pytest
from django.test import Client

from tests.gates.conftest import axe_violations
from tests.test_authorization_matrix import (  # noqa: F401 - fixtures
    ALLOWED,
    OK,
    managers,
    role_mismatches,
    role_users,
    row,
    world,
)
from tests.test_hostile_input import hostile_posts

BROKEN = "tests.gates.broken.urls"


def test_axe_finds_an_image_without_alt(open_page, live_server, settings):
    settings.ROOT_URLCONF = BROKEN
    page, _console = open_page()

    page.goto(f"{live_server.url}/odelagt/bilde/")
    violations = axe_violations(page)

    assert "image-alt" in {violation["id"] for violation in violations}


@pytest.mark.django_db
def test_the_matrix_flags_a_page_that_forgot_its_permission_check(world, settings):  # noqa: F811
    settings.ROOT_URLCONF = BROKEN

    wrong = role_mismatches("/odelagt/aapen/", row(managers(OK), managers(ALLOWED)), world)

    assert "GET /odelagt/aapen/ as citizen: expected 403, got 200 " in wrong
    assert "GET /odelagt/aapen/ as anonymous: expected 302 to login, got 200 " in wrong


@pytest.mark.django_db
def test_hostile_input_flags_a_form_that_breaks_on_long_text(municipality, settings):
    settings.ROOT_URLCONF = BROKEN

    with pytest.raises(ValueError, match="too long"):
        hostile_posts(Client(), "/odelagt/skjema/", ["body"], examples=50)


@pytest.mark.django_db
def test_hostile_input_flags_a_500_response_too(municipality, settings):
    settings.ROOT_URLCONF = BROKEN

    with pytest.raises(AssertionError):
        hostile_posts(Client(raise_request_exception=False), "/odelagt/skjema/", ["body"], 50)
