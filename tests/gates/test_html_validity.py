"""Every crawled page (and error state) is valid HTML according to vnu."""

import os
import shutil
import subprocess

import pytest

from tests.gates.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_crawled_page_is_valid_html(crawl):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        if os.environ.get("MEDSPILL_REQUIRE_SERVICES") == "1":
            pytest.fail("java or vnu.jar is missing (MEDSPILL_REQUIRE_SERVICES=1)")
        pytest.skip("java or node_modules/vnu-jar is missing: apt-get install default-jre-headless")
    saved = sorted(crawl.html_dir.glob("*.html"))
    assert saved, "the crawl saved no pages"

    result = subprocess.run(  # noqa: S603 - our own jar on our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "text", str(crawl.html_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_role_pages_are_valid_html(open_page, live_server, demo, tmp_path):
    from tests.gates.conftest import ROLE_PAGES, seed_work_to_show

    java = shutil.which("java")
    if java is None or not VNU.exists():
        if os.environ.get("MEDSPILL_REQUIRE_SERVICES") == "1":
            pytest.fail("java or vnu.jar is missing (MEDSPILL_REQUIRE_SERVICES=1)")
        pytest.skip("java or node_modules/vnu-jar is missing")
    seed_work_to_show()
    for number, (role, path) in enumerate(ROLE_PAGES):
        page, _console = open_page(role)
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        (tmp_path / f"{number:02d}.html").write_text(page.content(), encoding="utf-8")

    result = subprocess.run(  # noqa: S603 - our own jar on our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
