"""A verified person logs in with e-mail and password and logs out with a button."""

import pytest

LOGIN = "/konto/logg-inn/"
LOGOUT = "/konto/logg-ut/"


@pytest.mark.django_db
def test_a_verified_user_logs_in_with_email_and_password(client, citizen, password):
    response = client.post(LOGIN, {"username": "Kari@Example.org ", "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"] == citizen


@pytest.mark.django_db
def test_logging_in_returns_to_the_page_that_asked(client, citizen, password):
    response = client.post(
        LOGIN, {"username": citizen.email, "password": password, "next": "/personvern/"}
    )

    assert response["Location"] == "/personvern/"


@pytest.mark.django_db
def test_logging_in_never_redirects_to_another_site(client, citizen, password):
    response = client.post(
        LOGIN,
        {"username": citizen.email, "password": password, "next": "https://evil.example/"},
    )

    assert response["Location"] == "/"


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_norwegian_and_keeps_the_address(client, citizen):
    response = client.post(LOGIN, {"username": citizen.email, "password": "feil"})

    assert response.status_code == 200
    assert "Feil e-postadresse eller passord." in response.text
    assert f'value="{citizen.email}"' in response.text
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_logging_out_with_the_button_ends_the_session(client, citizen, password):
    client.post(LOGIN, {"username": citizen.email, "password": password})
    page = client.get("/")
    assert "Logg ut Kari Nordmann" in page.text

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated
