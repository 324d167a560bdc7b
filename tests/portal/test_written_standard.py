"""The municipality's målform, not the browser, decides the language of a
first visit; English (or the other written standard) comes only when the
visitor chooses it, and their choice is kept."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
NYNORSK_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "nn-NO,nn;q=0.9,en;q=0.5"}


def _lang(response) -> str:
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def _standard(municipality, value: str) -> None:
    from portal.selectors import municipality_changed

    municipality.written_standard = value
    municipality.save()
    municipality_changed()


def test_an_english_browser_opens_a_bokmal_municipality_in_bokmal(municipality):
    response = Client().get(reverse("processes:list"), **ENGLISH_BROWSER)

    assert _lang(response) == "nb"
    assert "Samskapingsprosesser" in response.content.decode()


def test_a_nynorsk_browser_opens_a_bokmal_municipality_in_bokmal(municipality):
    assert _lang(Client().get("/", **NYNORSK_BROWSER)) == "nb"


def test_a_nynorsk_municipality_opens_in_nynorsk(municipality):
    _standard(municipality, "nn")

    for headers in ({}, ENGLISH_BROWSER):
        response = Client().get(reverse("processes:list"), **headers)
        assert _lang(response) == "nn"
        assert "Samskapingsprosessar" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "language"),
    [("nn-NO,nn;q=0.9", "nn"), ("nb-NO,nb;q=0.9,nn;q=0.8", "nb"), ("en-GB,en", "nb"), ("", "nb")],
)
def test_a_neutral_municipality_follows_the_browser_between_bokmal_and_nynorsk(
    municipality, header, language
):
    _standard(municipality, "neutral")

    assert _lang(Client().get("/", HTTP_ACCEPT_LANGUAGE=header)) == language


def test_english_chosen_is_kept_on_every_page(municipality):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"}, **ENGLISH_BROWSER)

    for url in ("/", reverse("processes:list"), reverse("processes:ladder")):
        assert _lang(client.get(url, **ENGLISH_BROWSER)) == "en"


def test_bokmal_chosen_in_a_nynorsk_municipality_is_kept(municipality):
    _standard(municipality, "nn")
    client = Client()
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})

    assert _lang(client.get(reverse("processes:list"))) == "nb"


def test_a_signed_in_person_s_choice_is_kept_on_their_account(municipality, citizen):
    client = Client()
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    citizen.refresh_from_db()
    assert citizen.language == "en"

    elsewhere = Client()  # another device: no cookie
    elsewhere.force_login(citizen)
    assert _lang(elsewhere.get("/")) == "en"
    assert _lang(Client().get("/")) == "nb"  # not for anyone else


def test_a_change_of_standard_shows_at_once_on_cached_pages(municipality, admin_user):
    visitor = Client()
    for _ in range(2):
        assert _lang(visitor.get(reverse("processes:list"))) == "nb"
    admin = Client()
    admin.force_login(admin_user)
    data = {
        "name": municipality.name,
        "feedback_promise_days": "14",
        "written_standard": "nn",
        "default_process_level": "2",
    }
    assert admin.post(reverse("administration:settings"), data).status_code == 302

    assert _lang(visitor.get(reverse("processes:list"))) == "nn"
