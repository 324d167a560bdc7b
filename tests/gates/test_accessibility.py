"""0 axe-core violations (WCAG 2.1 A and AA) on every page, for every role,
at 1280 px and 320 px, also in the error states of every form; no sideways
scrolling at 320 px; no CSP violation while crawling."""

import pytest

from tests.gates.conftest import CRAWL_ROLES, describe


def test_the_crawl_reaches_the_site(crawl):
    assert len(crawl.pages) >= 4 * 3
    assert {report.role for report in crawl.pages} == set(CRAWL_ROLES)


@pytest.mark.parametrize("role", CRAWL_ROLES)
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


@pytest.mark.parametrize("role", CRAWL_ROLES)
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
