"""Faults get a page in Norwegian with a way onwards, never a bare status."""

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
def test_an_unknown_address_gets_the_norwegian_404_page(client, municipality):
    response = client.get("/finnes-ikke/")

    assert response.status_code == 404
    assert "Fant ikke siden" in response.text
    assert "Til forsiden" in response.text
    assert '<html lang="nb"' in response.text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.portal.urls_raising")
def test_a_refused_request_gets_the_norwegian_403_page(client, municipality):
    response = client.get("/ingen-adgang/")

    assert response.status_code == 403
    assert "Ingen tilgang" in response.text
    assert "Du har ikke tilgang til denne siden." in response.text


@pytest.mark.django_db
def test_a_form_sent_without_a_valid_csrf_token_gets_the_norwegian_403_page(municipality):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/konto/logg-inn/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert "Ingen tilgang" in response.text
    assert "Forbidden" not in response.text


@pytest.mark.django_db
def test_an_oversize_body_gets_the_norwegian_413_page(client, municipality, settings):
    too_big = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1

    response = client.post(
        "/konto/registrer/",
        "full_name=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(too_big),
    )

    assert response.status_code == 413
    assert "Det du sendte, var for stort" in response.text


@pytest.mark.django_db
def test_an_oversize_upload_gets_the_413_page_too(client, municipality, settings):
    response = client.post(
        "/konto/registrer/",
        b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )

    assert response.status_code == 413


@pytest.mark.django_db
def test_a_wrong_method_gets_the_norwegian_405_page(client, municipality):
    response = client.post("/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "Dette går ikke an her" in response.text


@pytest.mark.django_db
def test_logging_out_with_get_is_a_wrong_method(client, citizen):
    client.force_login(citizen)

    response = client.get("/konto/logg-ut/")

    assert response.status_code == 405
    assert client.get("/").context["user"].is_authenticated
