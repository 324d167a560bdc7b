"""The personal-data pages in the browser: Mine data (before and after the
download is made, with and without JavaScript), deleting one's account (and
its error state), an administrator's anonymisation and the privacy page have
0 axe violations at 1280 and 320 px, do not scroll sideways and are valid
HTML. The crawl (test_accessibility, test_html_validity) reaches them too;
this file pins the states a crawl does not."""

import shutil
import subprocess

import pytest

from tests.gates.conftest import axe_violations, describe, overflows
from tests.gates.test_html_validity import VNU

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, name: str, saved: list) -> list[str]:
    problems = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        if violations:
            problems.append(f"{name} at {width}px:\n{describe(violations)}")
        if width == 320 and overflows(page):
            problems.append(f"{name} scrolls sideways at 320px: {overflows(page)}")
    page.set_viewport_size({"width": 1280, "height": 900})
    saved.append((name, page.content()))
    return problems


def _vnu(saved: list, tmp_path) -> str:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("java or vnu.jar is missing")
    for index, (_name, html) in enumerate(saved):
        (tmp_path / f"{index:02d}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own jar on our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def test_the_personal_data_pages_pass_axe_and_vnu(open_page, live_server, demo, tmp_path):
    base = live_server.url
    saved, problems = [], []

    page, _console = open_page("citizen")
    page.goto(f"{base}/konto/mine-data/")
    problems += _check(page, "mine data", saved)
    page.get_by_role("button", name="Lag en fil med alle dataene mine").click()
    page.get_by_role("link", name="Last ned filen").wait_for()
    problems += _check(page, "mine data, file ready (htmx)", saved)

    page.goto(f"{base}/konto/slett-konto/")
    problems += _check(page, "delete account", saved)
    page.get_by_role("button", name="Slett kontoen min for godt").click()
    page.wait_for_load_state()
    assert "Skriv passordet" in page.content() or "Feltet" in page.content()
    problems += _check(page, "delete account, empty form", saved)

    page, _console = open_page("staff")
    page.goto(f"{base}/konto/slett-konto/")
    problems += _check(page, "delete account, owner of processes", saved)

    page, _console = open_page("admin")
    page.goto(f"{base}/konto/anonymiser-konto/")
    problems += _check(page, "anonymise", saved)
    page.get_by_role("button", name="Anonymiser kontoen").click()
    page.wait_for_load_state()
    problems += _check(page, "anonymise, empty form", saved)

    page, _console = open_page()
    page.goto(f"{base}/personvern/")
    problems += _check(page, "privacy", saved)

    assert problems == [], "\n".join(problems)
    assert _vnu(saved, tmp_path) == ""


def test_mine_data_makes_the_file_without_javascript(open_page, live_server, demo):
    page, _console = open_page("citizen", javascript=False)
    page.goto(f"{live_server.url}/konto/mine-data/")
    page.get_by_role("button", name="Lag en fil med alle dataene mine").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Last ned filen").count() == 1
