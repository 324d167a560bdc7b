"""Anonymous visitors get whole pages from the cache (``portal.pagecache``),
keyed on the process's version and the query parameters the page reads; the
CSRF token, the CSP and the headers are still made per response, and a flash
message is never cached or hidden by a cached copy."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from participants.services import verification_url
from portal.csrf import PLACEHOLDER
from processes.services.needs import need_log

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'"x-csrftoken": "([^"]+)"')


def without_token(html: str) -> str:
    """The page with the visitor's CSRF token (the same in every form) taken out."""
    return html.replace(TOKEN.search(html).group(1), "")


@pytest.fixture
def needs_url(process, citizen):
    for number in range(30):
        need_log(process=process, author=citizen, body=f"Behov {number}", who_has_need="Alle")
    return reverse("processes:needs", args=[process.slug])


def test_a_second_anonymous_view_asks_only_for_the_process_version(
    needs_url, django_assert_num_queries
):
    client = Client()
    first = client.get(needs_url)

    with django_assert_num_queries(1):
        second = client.get(needs_url)

    assert second.status_code == 200
    assert without_token(second.text) == without_token(first.text)


def test_query_parameters_the_page_does_not_read_share_one_copy(
    needs_url, django_assert_num_queries
):
    client = Client()
    client.get(needs_url + "?x=1")

    with django_assert_num_queries(1):
        page = client.get(needs_url + "?utm=foo&fbclid=bar").text

    assert "utm" not in page
    assert "x=1" not in page


def test_a_parameter_the_page_reads_gets_its_own_copy(needs_url):
    client = Client()
    first = client.get(needs_url).text

    second = client.get(needs_url + "?side=2&utm=foo").text

    assert "Behov 29" in first
    assert "Behov 29" not in second
    assert "Behov 0" in second
    # Links on the page carry only what the page reads.
    assert 'href="?side=1"' in second
    assert "utm" not in second


def test_signed_in_visitors_get_links_without_unread_parameters(needs_url, as_role):
    page = as_role("citizen").get(needs_url + "?side=2&utm=foo").text

    assert 'href="?side=1"' in page
    assert "utm" not in page


def test_every_copy_gets_its_own_csrf_token_and_cookie(needs_url):
    Client().get(needs_url)
    first, second = Client(), Client()

    responses = [first.get(needs_url), second.get(needs_url)]

    tokens = [set(TOKEN.findall(response.text)) for response in responses]
    assert all(len(found) == 1 for found in tokens)
    assert tokens[0] != tokens[1]
    assert all("csrftoken" in response.cookies for response in responses)
    assert all(PLACEHOLDER not in response.text for response in responses)


def test_a_cached_page_carries_no_nonce_and_its_policy_needs_none(needs_url):
    client = Client()
    for response in (client.get(needs_url), client.get(needs_url)):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "nonce" not in policy
        assert "nonce=" not in response.text
        assert "/static/django_htmx/htmx" in response.text


def test_a_copy_keeps_the_language_and_vary_headers(needs_url):
    client = Client()
    client.cookies["django_language"] = "nn"
    first, second = client.get(needs_url), client.get(needs_url)

    for header in ("Content-Language", "Vary", "Content-Type"):
        assert second[header] == first[header]
    assert second["Content-Language"] == "nn"
    assert {"HX-Request", "Cookie", "Accept-Language"} <= {
        value.strip() for value in second["Vary"].split(",")
    }


def test_each_language_has_its_own_copy(needs_url):
    bokmaal, english = Client(), Client()
    english.cookies["django_language"] = "en"
    bokmaal.get(needs_url)

    page = english.get(needs_url)

    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.text


def test_a_flash_message_is_shown_and_never_cached(needs_url, make_user):
    visitor = Client()
    visitor.get(needs_url)  # a copy in the cache
    user = make_user("ny@example.org", "Ny Bruker", email_verified_at=None)
    visitor.get(verification_url(user=user, base_url=""))  # flashes a message

    with_message = visitor.get(needs_url).text
    after = visitor.get(needs_url).text
    other = Client().get(needs_url).text

    assert "E-postadressen er bekreftet" in with_message
    assert "E-postadressen er bekreftet" not in after
    assert "E-postadressen er bekreftet" not in other


def test_htmx_requests_are_rendered_not_served_from_the_copy(needs_url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Client().get(needs_url)

    with CaptureQueriesContext(connection) as queries:
        Client().get(needs_url, headers={"HX-Request": "true"})

    assert len(queries) > 1


def test_signed_in_visitors_never_get_the_anonymous_copy(needs_url, as_role):
    Client().get(needs_url)

    page = as_role("citizen").get(needs_url).text

    assert "Logg ut Kari Nordmann" in page


def test_a_draft_is_404_every_time(draft_process):
    client = Client()
    url = reverse("processes:needs", args=[draft_process.slug])

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
