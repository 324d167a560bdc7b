"""A form sent with mistakes puts focus on its error summary, whose links
lead to the fields: after an htmx swap, on a full page, and without
JavaScript."""

import pytest

from tests.gates.test_browser_journeys import demo_process  # noqa: F401 - fixture

SUMMARY_FOCUSED = "() => document.activeElement.matches('[data-error-summary]')"


def _summary_links(page) -> list[str]:
    return page.locator("[data-error-summary] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def _invalid_field_ids(page) -> list[str]:
    return page.locator("[aria-invalid='true']").evaluate_all("els => els.map(el => '#' + el.id)")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_a_registration_with_mistakes_puts_focus_on_the_error_summary(
    open_page, live_server, demo, javascript
):
    page, _console = open_page(javascript=javascript)
    page.goto(f"{live_server.url}/konto/registrer/")

    with page.expect_navigation():
        page.get_by_role("button", name="Opprett konto").click()
    page.wait_for_function(SUMMARY_FOCUSED, timeout=5_000)

    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading").inner_text() == "Noe må rettes før vi kan lagre"
    assert _summary_links(page) == _invalid_field_ids(page)
    assert len(_summary_links(page)) == 4


def test_a_link_in_the_error_summary_puts_focus_in_its_field(open_page, live_server, demo):
    page, _console = open_page()
    page.goto(f"{live_server.url}/konto/registrer/")
    page.get_by_label("Fullt navn").fill("Kari Nordmann")
    with page.expect_navigation():
        page.get_by_role("button", name="Opprett konto").click()

    page.locator("[data-error-summary] a", has_text="E-postadresse").click()

    assert page.evaluate("document.activeElement.id") == "id_email"


def test_an_htmx_form_with_mistakes_puts_focus_on_the_error_summary(
    open_page,
    live_server,
    demo_process,  # noqa: F811
):
    page, _console = open_page("citizen")
    url = f"{live_server.url}/prosesser/{demo_process.slug}/behov/"
    page.goto(url)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    page.get_by_role("button", name="Send inn behovet").click()
    page.wait_for_function(SUMMARY_FOCUSED, timeout=5_000)

    assert navigations == []  # htmx swapped the form in place
    assert _summary_links(page) == _invalid_field_ids(page) == ["#id_body", "#id_who_has_need"]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_body"


def test_the_same_form_without_javascript_puts_focus_on_the_error_summary(
    open_page,
    live_server,
    demo_process,  # noqa: F811
):
    page, _console = open_page("citizen", javascript=False)
    page.goto(f"{live_server.url}/prosesser/{demo_process.slug}/behov/")

    with page.expect_navigation():
        page.get_by_role("button", name="Send inn behovet").click()
    page.wait_for_function(SUMMARY_FOCUSED, timeout=5_000)

    assert _summary_links(page) == ["#id_body", "#id_who_has_need"]
