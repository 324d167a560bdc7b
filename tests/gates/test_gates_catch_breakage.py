"""A deliberately broken page makes each gate red: the gates can fail."""

import pytest
from django.test import Client

from tests.gates.conftest import axe_violations, reflow_problems
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


# Set as content of about:blank, outside the portal's CSP, so inline styles may build the breakage.
CUT_OFF = """<main>
  <div style="overflow: hidden; width: 100px">
    <p style="white-space: nowrap">Samskapingsprosesser</p>
  </div>
  <table style="width: 500px"><tr><td>Siste tilbakemelding</td></tr></table>
</main>"""


def test_the_reflow_check_finds_cut_off_text_and_a_too_wide_table(browser):
    page = browser.new_page(viewport={"width": 320, "height": 600})
    page.set_content(CUT_OFF)

    problems = reflow_problems(page)
    page.close()

    assert any(problem.startswith("div") and "in a 100px box" in problem for problem in problems)
    assert any(problem.startswith("table") and "right edge at 5" in problem for problem in problems)


def test_the_reflow_check_passes_a_page_that_fits(browser):
    page = browser.new_page(viewport={"width": 320, "height": 600})
    page.set_content("<main><p>Samskapingsprosesser</p><table><tr><td>Ja</td></tr></table></main>")

    problems = reflow_problems(page)
    page.close()

    assert problems == []
