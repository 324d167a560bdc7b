"""WCAG 1.4.10 (reflow): at 320 and 360 px no element on any crawled page,
for any role, sticks out at the right or is cut off inside its own box."""

import pytest

from tests.gates.conftest import CRAWL_ROLES, REFLOW_WIDTHS


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
@pytest.mark.parametrize("role", CRAWL_ROLES)
def test_nothing_is_cut_off_or_wider_than_a_phone(crawl, role, width):
    failures = [
        f"{report.url} [{report.state}]:\n    " + "\n    ".join(report.reflow[width][:8])
        for report in crawl.pages
        if report.role == role and report.reflow[width]
    ]

    assert not failures, f"Cut off or too wide at {width}px:\n" + "\n".join(failures)
