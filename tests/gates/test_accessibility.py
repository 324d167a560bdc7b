"""0 axe-core violations (WCAG 2.1 A and AA) on every page, for every role,
at 1280 px and 320 px, also in the error states of every form; no sideways
scrolling at 320 px; no CSP violation while crawling."""

import pytest

from tests.gates.conftest import (
    CRAWL_ROLES,
    ROLE_PAGES,
    SCANNED_ROLES,
    axe_violations,
    describe,
    overflows,
    seed_work_to_show,
)


def test_the_crawl_reaches_the_site(crawl):
    assert len(crawl.pages) >= 4 * 3
    assert {report.role for report in crawl.pages} == set(SCANNED_ROLES)


# Pages every signed-in role must have been scanned on (linked from the menu,
# Mine data and the footer); test_privacy_pages.py covers their other states.
SIGNED_IN_PAGES = ("/konto/mine-data/", "/konto/slett-konto/", "/personvern/")


@pytest.mark.parametrize("role", [role for role in CRAWL_ROLES if role != "anonymous"])
def test_the_crawl_scans_the_personal_data_pages(crawl, role):
    from urllib.parse import urlsplit

    scanned = {urlsplit(report.url).path for report in crawl.pages if report.role == role}
    assert set(SIGNED_IN_PAGES) <= scanned


@pytest.mark.parametrize("role", SCANNED_ROLES)
def test_every_page_has_no_axe_violations(crawl, role):
    failures = []
    for report in crawl.pages:
        if report.role != role:
            continue
        for width, violations in report.violations.items():
            if violations:
                failures.append(
                    f"{report.url} [{report.state}] at {width}px:\n{describe(violations)}"
                )

    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", SCANNED_ROLES)
def test_no_page_scrolls_sideways_at_320px(crawl, role):
    wide = [
        f"{report.url} [{report.state}]: {', '.join(report.overflow_at_320)}"
        for report in crawl.pages
        if report.role == role and report.overflow_at_320
    ]

    assert not wide, "Pages wider than 320px:\n" + "\n".join(wide)


def test_empty_forms_were_sent_and_scanned(crawl):
    assert crawl.forms_sent >= 1
    assert any(report.state.startswith("empty form") for report in crawl.pages)


def test_no_csp_violation_or_console_error_while_crawling(crawl):
    assert crawl.console == [], "\n".join(crawl.console)


@pytest.mark.parametrize(("role", "path"), ROLE_PAGES)
def test_the_role_pages_have_no_axe_violations(open_page, live_server, demo, role, path):
    seed_work_to_show()
    page, _console = open_page(role)
    page.goto(f"{live_server.url}{path}")
    failures = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        if violations := axe_violations(page):
            failures.append(f"{path} as {role} at {width}px:\n{describe(violations)}")
        if width == 320 and (wide := overflows(page)):
            failures.append(f"{path} as {role} is wider than 320px: {', '.join(wide)}")

    assert page.url.endswith(path)
    assert not failures, "\n".join(failures)
