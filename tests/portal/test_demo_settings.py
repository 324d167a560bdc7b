"""`make demo` runs with DEBUG off: the portal's own error pages in the page's
language, static files still served (WhiteNoise), on 127.0.0.1 and localhost."""

import json

import pytest

from tests.helpers import run_python

DEMO_REQUESTS = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from portal.demo import seed_municipalities
seed_municipalities()
client = Client()
answers = {"debug": settings.DEBUG}
for host in ("127.0.0.1", "localhost"):
    missing = client.get("/finnes-ikke/", headers={"host": host})
    static = client.get("/static/css/portal.css", headers={"host": host})
    answers[host] = {
        "missing": [missing.status_code, missing.content.decode()],
        "static": [static.status_code, static.get("Content-Type", "")],
    }
print(json.dumps(answers))
"""


def _demo(tmp_path, **env) -> dict:
    result = run_python(
        DEMO_REQUESTS,
        {"MEDSPILL_ENV": "demo", "SQLITE_PATH": str(tmp_path / "db.sqlite3"), **env},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_answers(tmp_path_factory) -> dict:
    return _demo(tmp_path_factory.mktemp("demo"))


def test_the_demo_runs_with_debug_off(demo_answers):
    assert demo_answers["debug"] is False


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_missing_page_in_the_demo_gets_the_portals_norwegian_404_page(demo_answers, host):
    status, html = demo_answers[host]["missing"]

    assert status == 404
    assert '<html lang="nb"' in html
    assert "Fant ikke siden" in html
    assert "Til forsiden" in html
    assert "Page not found" not in html
    assert "URLconf" not in html  # Django's debug page lists the URL patterns


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_demo_serves_static_files_with_debug_off(demo_answers, host):
    status, content_type = demo_answers[host]["static"]

    assert status == 200
    assert content_type.startswith("text/css")


def test_debug_can_be_switched_on_for_the_demo(tmp_path):
    answers = _demo(tmp_path, DEBUG="true")

    assert answers["debug"] is True
    assert "URLconf" in answers["127.0.0.1"]["missing"][1]
