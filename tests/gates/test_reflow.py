"""WCAG 1.4.10 (reflow): at 320 and 360 px no element on any crawled page,
for any role, sticks out at the right or is cut off inside its own box; the
audit log (admins only, so outside the crawl) stacks its columns."""

import pytest

from tests.gates.conftest import ACCOUNTS, REFLOW_WIDTHS, SCANNED_ROLES, reflow_problems


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
@pytest.mark.parametrize("role", SCANNED_ROLES)
def test_nothing_is_cut_off_or_wider_than_a_phone(crawl, role, width):
    failures = [
        f"{report.url} [{report.state}]:\n    " + "\n    ".join(report.reflow[width][:8])
        for report in crawl.pages
        if report.role == role and report.reflow[width]
    ]

    assert not failures, f"Cut off or too wide at {width}px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
def test_the_audit_log_stacks_its_columns_on_a_phone(open_page, live_server, demo, width):
    from participants.models import User
    from portal.audit import audit_record

    admin = User.objects.get(email=ACCOUNTS["admin"])
    municipality = admin.memberships.get().municipality
    audit_record(
        actor=admin,
        municipality=municipality,
        action="process.status",
        target=municipality,
        before={"status": "draft", "tittel": "Samskapingsprosesser i kommunen"},
        after={"status": "open", "tittel": "Samskapingsprosesser i kommunen"},
    )
    page, _console = open_page("admin", width=width)
    page.goto(f"{live_server.url}/revisjonslogg/")
    cell = page.locator("tbody td").last

    label = cell.evaluate("td => getComputedStyle(td, '::before').content")

    assert label.startswith('"Endringer"')
    assert cell.is_visible()
    assert reflow_problems(page) == []


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
def test_the_role_pages_reflow_on_a_phone(open_page, live_server, demo, width):
    from tests.gates.conftest import ROLE_PAGES, seed_work_to_show

    seed_work_to_show()
    failures = []
    for role, path in ROLE_PAGES:
        page, _console = open_page(role, width=width)
        page.goto(f"{live_server.url}{path}")
        if problems := reflow_problems(page):
            failures.append(f"{path} as {role}:\n    " + "\n    ".join(problems[:8]))

    assert not failures, f"Cut off or too wide at {width}px:\n" + "\n".join(failures)
