"""Production mode refuses to start half-configured, and starts when complete."""

import pytest

from tests.helpers import run_python

START = "import django; django.setup(); print('started')"

COMPLETE = {
    "MEDSPILL_ENV": "production",
    "SECRET_KEY": "a-long-random-secret-key-for-this-test-only-0123456789",
    "ALLOWED_HOSTS": "medspill.lillevik.kommune.example",
    "SMTP_HOST": "smtp.lillevik.kommune.example",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SMTP_HOST"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = {k: v for k, v in COMPLETE.items() if k != missing}
    env["SQLITE_PATH"] = str(tmp_path / "db.sqlite3")

    result = run_python(START, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr
    assert "started" not in result.stdout


def test_production_refuses_to_start_with_debug_on(tmp_path):
    result = run_python(
        START, {**COMPLETE, "DEBUG": "true", "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_when_secret_hosts_and_smtp_are_set(tmp_path):
    result = run_python(START, {**COMPLETE, "SQLITE_PATH": str(tmp_path / "db.sqlite3")})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_an_unknown_medspill_env_is_refused(tmp_path):
    result = run_python(START, {"MEDSPILL_ENV": "staging"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


# A request as a client may send it straight to gunicorn, claiming HTTPS and
# another address.
FORGED_REQUEST = """
import django
django.setup()
from django.test import Client, RequestFactory
from portal.addresses import client_ip
forged = {"HTTP_HOST": "medspill.lillevik.kommune.example", "REMOTE_ADDR": "203.0.113.7",
          "HTTP_X_FORWARDED_FOR": "198.51.100.9", "HTTP_X_FORWARDED_PROTO": "https"}
request = RequestFactory().get("/", **forged)
print(request.is_secure(), client_ip(request))
"""
FORGED_PAGE_REQUEST = FORGED_REQUEST + 'print(Client().get("/", **forged).status_code)\n'


def test_without_a_proxy_forged_forwarded_headers_are_not_believed(tmp_path):
    env = {**COMPLETE, "PROXY_COUNT": "0", "SQLITE_PATH": str(tmp_path / "db.sqlite3")}

    result = run_python(FORGED_PAGE_REQUEST, env)

    assert result.returncode == 0, result.stderr
    is_secure, address, status = result.stdout.split()
    assert (is_secure, address) == ("False", "203.0.113.7")
    assert status == "301"  # still sent to HTTPS: the header did not pass for it


def test_behind_one_proxy_its_forwarded_headers_are_believed(tmp_path):
    env = {**COMPLETE, "PROXY_COUNT": "1", "SQLITE_PATH": str(tmp_path / "db.sqlite3")}

    result = run_python(FORGED_REQUEST, env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "198.51.100.9"]
