"""``portal.pagecache.page_cache`` keeps only what any visitor may be shown:
a 200 that flashed no message and set no cookie."""

import pytest
from django.test import Client

from tests.portal import urls_page_cache

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.urls_page_cache")]


@pytest.fixture(autouse=True)
def _calls():
    urls_page_cache.calls.clear()


def test_a_plain_page_is_rendered_once():
    first, second = Client().get("/plain/"), Client().get("/plain/")

    assert first.text == second.text == "<p>1</p>"
    assert urls_page_cache.calls == ["plain"]


def test_a_page_that_flashed_a_message_is_not_kept():
    first, second = Client().get("/flashes/"), Client().get("/flashes/")

    assert urls_page_cache.calls == ["flashes_once", "flashes_once"]
    assert first.text != second.text


def test_a_page_that_set_a_cookie_is_not_kept():
    Client().get("/sets-cookie/")

    response = Client().get("/sets-cookie/")

    assert response.cookies["seen"].value == "yes"
    assert urls_page_cache.calls == ["sets_cookie", "sets_cookie"]


def test_a_404_is_not_kept():
    assert Client().get("/missing/").status_code == 404
    assert Client().get("/missing/").status_code == 404
    assert urls_page_cache.calls == ["missing", "missing"]


def test_a_head_request_is_served_but_never_stored():
    client = Client()
    client.head("/plain/")
    client.get("/plain/")

    assert urls_page_cache.calls == ["plain", "plain"]
