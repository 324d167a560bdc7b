"""Run Django in a fresh Python process, for what one process cannot fake:
settings read at start-up and services that are really unreachable."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Everything the settings read from the environment that a test must control.
SETTINGS_VARIABLES = (
    "MEDSPILL_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_REDIS_URL",
    "SMTP_HOST",
    "SQLITE_PATH",
    "PROXY_COUNT",
)


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``code`` in a new interpreter with ``env`` on top of a clean environment."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


GET_HEALTHZ = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code)
print(response.content.decode())
"""
