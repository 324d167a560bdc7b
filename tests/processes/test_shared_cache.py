"""Signed-in visitors share cached pieces of pages, but never one another's state:
whose support it is, who wrote what, who owns the process, who may moderate."""

import pytest
from django.test import Client
from django.urls import reverse

from processes.services.comments import comment_add
from processes.services.needs import need_log, need_support

pytestmark = pytest.mark.django_db

WITHDRAW = "Jeg har likevel ikke dette behovet"
SUPPORT = "Jeg har også dette behovet"
OWN = "Du meldte dette behovet."


@pytest.fixture
def neighbour(make_user):
    return make_user("ola@example.org", "Ola Nabo")


@pytest.fixture
def need(process, neighbour):
    return need_log(
        process=process, author=neighbour, body="Lys i undergangen", who_has_need="Alle"
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def support_part(html: str, need) -> str:
    start = html.index(f'id="need-support-{need.pk}"')
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize("page", ["processes:needs", "processes:need"])
def test_each_visitor_sees_their_own_support_state(page, process, need, citizen, neighbour, staff):
    url = (
        reverse(page, args=[process.slug]) if page == "processes:needs" else need.get_absolute_url()
    )
    need_support(need=need, user=citizen)
    views = {}
    # The supporter renders first, so the others would get their copy if it leaked.
    for name, user in (("supporter", citizen), ("author", neighbour), ("other", staff)):
        views[name] = support_part(client_for(user).get(url).text, need)

    assert WITHDRAW in views["supporter"]
    assert OWN in views["author"] and WITHDRAW not in views["author"]
    assert SUPPORT in views["other"] and WITHDRAW not in views["other"]
    assert all("1 har også dette behovet" in view for view in views.values())


def test_a_support_shows_in_the_shared_list_at_once(process, need, citizen, staff):
    url = reverse("processes:needs", args=[process.slug])
    reader = client_for(staff)
    assert "0 har også dette behovet" in reader.get(url).text

    need_support(need=need, user=citizen)

    assert "1 har også dette behovet" in reader.get(url).text


def test_the_owners_links_and_status_form_stay_with_the_owner(
    process, staff, staff_non_owner, citizen
):
    url = reverse("processes:detail", args=[process.slug])
    owner_page = client_for(staff).get(url).text
    others = [client_for(user).get(url).text for user in (staff_non_owner, citizen)]

    assert "Rediger prosessen" in owner_page and "Endre status" in owner_page
    assert all("Rediger prosessen" not in page and "Endre status" not in page for page in others)


def test_moderation_and_reporting_follow_the_visitor(
    process, need, neighbour, citizen, staff_non_owner
):
    comment_add(target=need, author=neighbour, body="Det er mørkt om vinteren.")
    url = need.get_absolute_url()
    # Staff first: their hide form must not reach the citizen or the comment's author.
    staff_page = client_for(staff_non_owner).get(url).text
    citizen_page = client_for(citizen).get(url).text
    author_page = client_for(neighbour).get(url).text

    assert "Skjul kommentaren" in staff_page
    assert "Skjul kommentaren" not in citizen_page
    assert "Meld fra om kommentaren" in citizen_page
    assert "Meld fra om kommentaren" not in author_page
    assert "Skjul kommentaren" not in author_page


def test_every_visitor_gets_their_own_csrf_token_in_a_shared_piece(process, need, citizen, staff):
    url = reverse("processes:needs", args=[process.slug])
    first = client_for(citizen).get(url)
    second = client_for(staff).get(url)
    marker = 'name="csrfmiddlewaretoken" value="'

    def token(response) -> str:
        html = response.text
        start = html.index(marker, html.index(f'id="need-support-{need.pk}"')) + len(marker)
        return html[start : html.index('"', start)]

    assert token(first) != token(second)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
