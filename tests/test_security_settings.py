"""Security settings: the deploy check passes in production, the headers a
browser gets are strict, cookies are guarded, and the login lockout is keyed
on account and address together."""

import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.helpers import REPO, SETTINGS_VARIABLES, run_python

PRODUCTION = {
    "MEDSPILL_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "medspill.lillevik.kommune.example",
    "SMTP_HOST": "smtp.lillevik.kommune.example",
}


def test_the_deploy_check_passes_in_production_without_a_single_warning(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests allow sync ORM calls in their process; a deployment never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(PRODUCTION, SQLITE_PATH=str(tmp_path / "db.sqlite3"))

    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_secure_and_hsts_is_on(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )

    result = run_python(code, {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3")})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "False"]


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_the_content_security_policy_allows_only_our_own_scripts_and_styles(client, municipality):
    response = client.get("/")
    csp = _csp(response)

    assert csp["script-src"][0] == "'self'"
    assert all(value == "'self'" or value.startswith("'nonce-") for value in csp["script-src"])
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_nonce_is_on_the_htmx_script_and_changes_per_response(client, municipality):
    first, second = client.get("/"), client.get("/")
    nonce = next(v for v in _csp(first)["script-src"] if v.startswith("'nonce-"))[7:-1]

    assert f'nonce="{nonce}"' in first.text
    assert _csp(first)["script-src"] != _csp(second)["script-src"]
    assert "<script>" not in first.text  # no inline script without a nonce or src


@pytest.mark.django_db
def test_the_other_security_headers_are_set(client, municipality):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly_and_samesite(client, citizen, password):
    response = client.post(
        "/konto/logg-inn/", {"username": citizen.email, "password": password}, follow=False
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    form = client.get("/konto/logg-inn/")
    csrf = form.cookies.get(settings.CSRF_COOKIE_NAME) or client.cookies[settings.CSRF_COOKIE_NAME]

    assert response.status_code == 302
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["samesite"] == "Lax"
    assert csrf["httponly"]


@pytest.mark.django_db
def test_htmx_posts_carry_the_token_from_the_page_not_from_the_cookie(citizen):
    import json
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    page = client.get("/").text
    headers = json.loads(re.search(r"<body data-hx-headers='([^']+)'>", page).group(1))

    without = client.post("/konto/logg-ut/", HTTP_HX_REQUEST="true")
    with_header = client.post(
        "/konto/logg-ut/", HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=headers["x-csrftoken"]
    )

    assert without.status_code == 403
    assert with_header.status_code == 302


def test_the_lockout_is_keyed_on_account_and_address_together():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5


def _login(client, email: str, password: str):
    return client.post(
        "/konto/logg-inn/",
        {"username": email, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
def test_five_failures_lock_that_account_from_that_address_but_not_another_account(
    client, citizen, make_user, password
):
    other = make_user("ola@example.org", "Ola Nordmann")
    for _attempt in range(5):
        _login(client, citizen.email, "feil-passord")

    locked = _login(client, citizen.email, password)
    still_open = _login(client, other.email, password)

    assert locked.status_code in (403, 429)
    assert "Kontoen er midlertidig låst" in locked.text
    assert still_open.status_code == 302
    assert settings.SESSION_COOKIE_NAME in still_open.cookies


@pytest.mark.django_db
def test_the_locked_account_may_still_log_in_from_another_address(client, citizen, password):
    for _attempt in range(5):
        _login(client, citizen.email, "feil-passord")

    elsewhere = client.post(
        "/konto/logg-inn/",
        {"username": citizen.email, "password": password},
        REMOTE_ADDR="198.51.100.9",
    )

    assert elsewhere.status_code == 302


# --- rate limits -----------------------------------------------------------


def _contribute(request):
    from django.http import HttpResponse

    return HttpResponse("lagret")


def _urlpatterns():
    from django.urls import path

    from portal.ratelimits import contribution_ratelimit
    from portal.urls import urlpatterns as portal_urlpatterns

    return [path("test-innspill/", contribution_ratelimit(_contribute)), *portal_urlpatterns]


# This module doubles as a URLconf for the decorator tests below.
urlpatterns = _urlpatterns()


@pytest.mark.django_db
def test_the_11th_registration_from_one_address_in_an_hour_gets_429_in_norwegian(
    client, municipality
):
    for _attempt in range(10):
        assert client.post("/konto/registrer/", {}).status_code == 200

    blocked = client.post("/konto/registrer/", {})

    assert blocked.status_code == 429
    assert "For mange forespørsler" in blocked.text
    assert '<html lang="nb"' in blocked.text


@pytest.mark.django_db
def test_the_contribution_limit_blocks_posts_past_the_rate_with_429(
    client, citizen, settings, municipality
):
    settings.ROOT_URLCONF = "tests.test_security_settings"
    settings.CONTRIBUTION_RATE = "3/m"
    client.force_login(citizen)

    answers = [client.post("/test-innspill/").status_code for _attempt in range(4)]

    assert answers == [200, 200, 200, 429]
    assert "Du har sendt inn mye på kort tid" in client.post("/test-innspill/").text
    assert client.get("/test-innspill/").status_code == 200  # reading is never limited


@pytest.mark.django_db
def test_the_contribution_limit_counts_each_account_on_its_own(
    client, citizen, politician, settings, municipality
):
    settings.ROOT_URLCONF = "tests.test_security_settings"
    settings.CONTRIBUTION_RATE = "2/m"
    client.force_login(citizen)
    for _attempt in range(2):
        client.post("/test-innspill/")
    client.force_login(politician)

    assert client.post("/test-innspill/").status_code == 200


@pytest.mark.django_db
def test_the_contribution_limit_is_read_from_settings_with_a_default(municipality):
    from portal.ratelimits import contribution_rate

    assert settings.CONTRIBUTION_RATE == "30/m"
    assert contribution_rate("medspill.contributions", None) == "30/m"
