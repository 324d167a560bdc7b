"""The host name a request comes in on decides which municipality it sees."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_a_municipality_host_shows_that_municipality(client, municipality, other_municipality):
    response = client.get("/", HTTP_HOST="nordvik.localhost")

    assert response.status_code == 200
    assert "Nordvik kommune" in response.text
    assert "Lillevik kommune" not in response.text


@pytest.mark.django_db
def test_the_host_name_is_matched_without_port_or_case(client, municipality, other_municipality):
    response = client.get("/", HTTP_HOST="Nordvik.Localhost:8000")

    assert "Nordvik kommune" in response.text


@pytest.mark.django_db
def test_an_unknown_host_shows_the_default_municipality(client, municipality, other_municipality):
    response = client.get("/", HTTP_HOST="ukjent.example.org")

    assert response.status_code == 200
    assert "Lillevik kommune" in response.text


@pytest.mark.django_db
@override_settings(MUNICIPALITY_UNKNOWN_HOST="404")
def test_an_unknown_host_is_404_when_the_install_says_so(client, municipality, other_municipality):
    response = client.get("/", HTTP_HOST="ukjent.example.org")

    assert response.status_code == 404
    assert "Fant ikke siden" in response.text


@pytest.mark.django_db
@override_settings(MUNICIPALITY_UNKNOWN_HOST="404")
def test_a_known_host_still_works_when_unknown_hosts_are_404(
    client, municipality, other_municipality
):
    response = client.get("/", HTTP_HOST="nordvik.localhost")

    assert response.status_code == 200
    assert "Nordvik kommune" in response.text
