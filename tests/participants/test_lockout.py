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


SPRAYER = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.mark.django_db
def test_fifty_failed_logins_to_different_accounts_block_that_address_with_429(
    client, citizen, password, settings
):
    assert settings.LOGIN_ADDRESS_RATE == "50/h"
    answers = [
        client.post(
            LOGIN, {"username": f"person{n}@example.org", "password": "Sommer2026"}, **SPRAYER
        ).status_code
        for n in range(50)
    ]

    blocked = client.post(LOGIN, {"username": citizen.email, "password": password}, **SPRAYER)

    assert answers == [200] * 50  # no single account got near the axes lockout
    assert blocked.status_code == 429
    assert "For mange forespørsler" in blocked.text
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_an_address_blocked_for_spraying_does_not_block_another_address(
    client, citizen, password, settings
):
    settings.LOGIN_ADDRESS_RATE = "3/h"
    for n in range(3):
        client.post(LOGIN, {"username": f"person{n}@example.org", "password": "feil"}, **SPRAYER)

    login = {"username": citizen.email, "password": password}

    assert client.post(LOGIN, login, **SPRAYER).status_code == 429
    assert client.post(LOGIN, login, REMOTE_ADDR="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_successful_logins_and_blank_forms_from_a_shared_address_do_not_count(
    client, citizen, staff, password, settings
):
    settings.LOGIN_ADDRESS_RATE = "3/h"
    for _round in range(3):
        for person in (citizen, staff):
            login = {"username": person.email, "password": password}
            assert client.post(LOGIN, login, **SPRAYER).status_code == 302
            client.post("/konto/logg-ut/", **SPRAYER)
        assert client.post(LOGIN, {}, **SPRAYER).status_code == 200

    login = {"username": citizen.email, "password": password}
    assert client.post(LOGIN, login, **SPRAYER).status_code == 302
