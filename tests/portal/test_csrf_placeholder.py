"""Pages render a placeholder for the CSRF token; the visitor's own token goes
out in its place, so cached HTML never carries one visitor's token to another."""

import re

import pytest
from django.test import Client

from portal.csrf import PLACEHOLDER

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tokens(html: str) -> set[str]:
    return set(TOKEN.findall(html)) | set(re.findall(r'"x-csrftoken": "([^"]+)"', html))


def test_every_token_on_the_page_is_the_visitors_own_and_it_works(citizen, password):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    html = client.get("/").content.decode()
    found = tokens(html)
    assert PLACEHOLDER not in html
    assert len(found) == 1
    response = client.post("/konto/logg-ut/", {"csrfmiddlewaretoken": found.pop()})
    assert response.status_code == 302


def test_two_visitors_get_different_tokens_and_one_cookie_each():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_response, second_response = first.get("/"), second.get("/")
    assert "csrftoken" in first_response.cookies
    assert "Cookie" in first_response["Vary"]
    assert tokens(first_response.content.decode()) != tokens(second_response.content.decode())


def test_a_forged_token_is_still_refused(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    client.get("/")
    response = client.post("/konto/logg-ut/", {"csrfmiddlewaretoken": PLACEHOLDER})
    assert response.status_code == 403


def test_a_page_without_a_form_does_not_set_the_csrf_cookie():
    response = Client().get("/healthz")
    assert "csrftoken" not in response.cookies
