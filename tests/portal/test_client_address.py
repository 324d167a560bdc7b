"""Behind our own proxies the lockout and the rate limits see each visitor's
address; a forged X-Forwarded-For entry changes nothing."""

import pytest
from django.test import RequestFactory

from portal.addresses import UNKNOWN, client_ip

PROXY = "10.0.0.2"


def address(settings, proxies: int, forwarded: str | None) -> str:
    settings.PROXY_COUNT = proxies
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.55", PROXY),  # no proxies of ours: the header is the client's own
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "192.0.2.55, 198.51.100.9", "198.51.100.9"),  # forged entry on the left
        (2, "198.51.100.9, 10.0.0.1", "198.51.100.9"),
        (2, "198.51.100.9", PROXY),  # not through both proxies
        (1, None, PROXY),
        (1, "ikke en adresse", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
    ids=["no proxies", "one", "forged left", "two", "too short", "none", "garbage", "ipv6"],
)
def test_the_client_is_the_entry_our_first_proxy_wrote(settings, proxies, forwarded, expected):
    assert address(settings, proxies, forwarded) == expected


def test_a_request_without_any_address_gets_the_placeholder(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == UNKNOWN


@pytest.mark.django_db
def test_a_registration_without_a_socket_address_is_limited_not_broken(client, municipality):
    for _attempt in range(10):
        assert client.post("/konto/registrer/", {}, REMOTE_ADDR="").status_code == 200
    assert client.post("/konto/registrer/", {}, REMOTE_ADDR="").status_code == 429


LOGIN = "/konto/logg-inn/"


@pytest.mark.django_db
def test_behind_a_proxy_a_lockout_keeps_to_the_visitors_address(
    client, settings, citizen, password
):
    settings.PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.55"}
    owner = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    for _ in range(5):
        client.post(LOGIN, {"username": citizen.email, "password": "feil"}, **attacker)

    locked = client.post(LOGIN, {"username": citizen.email, "password": password}, **attacker)
    forged = client.post(
        LOGIN,
        {"username": citizen.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.9, 192.0.2.55",
    )
    allowed = client.post(LOGIN, {"username": citizen.email, "password": password}, **owner)

    assert locked.status_code == 429
    assert forged.status_code == 429
    assert allowed.status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_registration_limit_counts_per_visitor(client, settings, municipality):
    settings.PROXY_COUNT = 1
    busy = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.55"}
    for _attempt in range(10):
        assert client.post("/konto/registrer/", {}, **busy).status_code == 200

    assert client.post("/konto/registrer/", {}, **busy).status_code == 429
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post("/konto/registrer/", {}, **other).status_code == 200
