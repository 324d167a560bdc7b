"""Pages render a placeholder for the CSRF token; the visitor's own token goes
out in its place, so cached HTML never carries one visitor's token to another."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

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


# User text can never hold the placeholder: escaping changes it ------------

# The placeholder as a person would type it: plain text, not marked safe.
TYPED = "<medspill-csrf-token-placeholder>"
REAL_POSITIONS = re.compile(r'(?:name="csrfmiddlewaretoken" value="|"x-csrftoken": ")([^"]+)"')


def assert_token_only_in_its_places(html: str) -> None:
    """The visitor's token is where the templates put it, and nowhere else."""
    found = REAL_POSITIONS.findall(html)
    assert found, "the page has no token at all"
    (token,) = set(found)
    assert html.count(token) == len(found)


def test_a_comment_holding_the_placeholder_shows_it_as_text_not_as_a_token(
    citizen, staff, municipality
):
    from django.urls import reverse

    from processes.models import Process
    from processes.services.needs import need_log
    from tests.processes.conftest import _make_process

    process = _make_process(
        municipality=municipality,
        owner=staff,
        slug="trygg-skolevei",
        title="Trygg skolevei",
        status=Process.Status.OPEN,
    )
    need = need_log(process=process, author=citizen, body="Lys i undergangen", who_has_need="Alle")
    author = Client()
    author.force_login(citizen)
    body = f"Se her: {TYPED} og {TYPED}"

    response = author.post(
        reverse("processes:comment_create", args=[process.slug, need.pk]), {"body": body}
    )
    assert response.status_code == 302
    reader = Client()
    reader.force_login(staff)

    for visitor in (author, reader, Client()):
        html = visitor.get(need.get_absolute_url()).content.decode()
        assert_token_only_in_its_places(html)
        assert html.count(escape(PLACEHOLDER)) == 2  # shown as the text it was


def test_a_next_parameter_holding_the_placeholder_is_not_filled_in():
    from urllib.parse import quote

    html = Client().get(f"/konto/logg-inn/?next={quote(TYPED)}").content.decode()

    assert_token_only_in_its_places(html)
    assert f'name="next" value="{escape(PLACEHOLDER)}"' in html


def test_the_placeholder_is_changed_by_escaping_and_left_alone_by_the_templates():
    from django.template import Context, Template

    template = Template(
        '{% csrf_token %}<b data-x=\'{"x-csrftoken": "{{ csrf_token }}"}\'>{{ text }}</b>'
    )
    html = template.render(Context({"csrf_token": PLACEHOLDER, "text": TYPED}))

    assert TYPED == PLACEHOLDER
    assert type(TYPED) is str and escape(TYPED) != TYPED
    assert html.count(TYPED) == 2
    assert f'<b data-x=\'{{"x-csrftoken": "{PLACEHOLDER}"}}\'>' in html
