"""A form sent with mistakes opens with an error summary that links to each
field and holds the page's only autofocus (browser behaviour: tests/gates)."""

import re

import pytest


@pytest.mark.django_db
def test_the_error_summary_links_each_mistake_to_its_field(client, municipality):
    page = client.post("/konto/registrer/", {"full_name": "Kari"}).text

    summary = page[
        page.index("data-error-summary") : page.index("</ul>", page.index("data-error-summary"))
    ]
    assert re.findall(r'href="#(\w+)"', summary) == ["id_email", "id_password1", "id_password2"]
    assert 'id="id_email"' in page


@pytest.mark.django_db
def test_a_field_with_its_own_autofocus_gives_way_to_the_error_summary(client, citizen):
    fresh = client.get("/konto/logg-inn/").text
    page = client.post("/konto/logg-inn/", {"username": citizen.email, "password": "feil"}).text

    assert fresh.count("autofocus") == 1
    assert page.count("autofocus") == 1
    assert re.search(r"<div [^>]*data-error-summary[^>]*autofocus", page)
