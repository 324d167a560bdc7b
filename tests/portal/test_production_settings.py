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
