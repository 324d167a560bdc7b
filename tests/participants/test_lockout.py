"""Repeated failures lock an account out from that address, and only there."""

import pytest

LOGIN = "/konto/logg-inn/"


def _fail(client, email: str, times: int, **extra) -> None:
    for _ in range(times):
        client.post(LOGIN, {"username": email, "password": "feil-passord"}, **extra)


@pytest.mark.django_db
def test_five_failures_lock_the_account_out_even_with_the_right_password(
    client, citizen, password, settings
):
    assert settings.AXES_FAILURE_LIMIT == 5
    _fail(client, citizen.email, 5)

    response = client.post(LOGIN, {"username": citizen.email, "password": password})

    assert response.status_code == 429
    assert "Kontoen er midlertidig låst" in response.text
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_four_failures_do_not_lock_the_account_out(client, citizen, password):
    _fail(client, citizen.email, 4)

    response = client.post(LOGIN, {"username": citizen.email, "password": password})

    assert response.status_code == 302


@pytest.mark.django_db
def test_another_account_from_the_same_address_can_still_log_in(client, citizen, staff, password):
    _fail(client, citizen.email, 5)

    response = client.post(LOGIN, {"username": staff.email, "password": password})

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_same_account_from_another_address_can_still_log_in(client, citizen, password):
    _fail(client, citizen.email, 5, REMOTE_ADDR="203.0.113.7")

    response = client.post(
        LOGIN, {"username": citizen.email, "password": password}, REMOTE_ADDR="198.51.100.9"
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, citizen, password):
    _fail(client, citizen.email, 5)

    response = client.post(
        LOGIN,
        {"username": citizen.email, "password": password},
        HTTP_X_FORWARDED_FOR="192.0.2.55",
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_changing_the_case_of_the_address_does_not_escape_the_lockout(client, citizen, password):
    for variant in ("KARI@example.org", "Kari@Example.org", "kari@EXAMPLE.org"):
        _fail(client, variant, 2)

    response = client.post(LOGIN, {"username": citizen.email, "password": password})

    assert response.status_code == 429
