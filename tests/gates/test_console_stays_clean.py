"""No page and no htmx swap logs a CSP violation or a console error: htmx
writes no inline style under ``style-src 'self'``, and the harness notices
when something does (every ``open_page`` test fails on it)."""

from tests.gates.conftest import Console
from tests.gates.test_browser_journeys import demo_process  # noqa: F401 - fixture

# What a person's browser does when they drag a textarea's resize handle.
RESIZE_TEXTAREA = "el => { el.style.height = '12rem'; }"


def test_an_htmx_swap_over_a_resized_textarea_writes_no_inline_style(
    open_page,
    live_server,
    demo_process,  # noqa: F811
):
    page, console = open_page("citizen")
    page.goto(f"{live_server.url}/prosesser/{demo_process.slug}/behov/")
    page.get_by_label("Beskriv behovet").evaluate(RESIZE_TEXTAREA)

    page.get_by_role("button", name="Send inn behovet").click()  # empty: errors swapped in
    page.locator("[aria-invalid='true']").first.wait_for()
    page.wait_for_timeout(200)  # settling happens after the swap

    assert console.problems == []


def test_going_back_after_filtering_the_list_writes_no_inline_style(open_page, live_server, demo):
    page, console = open_page()
    page.goto(f"{live_server.url}/prosesser/")
    page.locator("main h1").evaluate(RESIZE_TEXTAREA)  # any element with a style attribute
    page.get_by_label("Søk").fill("skole")
    with page.expect_response(lambda response: "q=skole" in response.url):
        page.get_by_role("button", name="Vis prosesser").click()
    page.wait_for_url("**q=skole**")

    page.go_back()
    page.wait_for_url(f"{live_server.url}/prosesser/")
    page.locator("#resultater").wait_for()

    assert console.problems == []


def test_the_harness_sees_an_inline_style_the_csp_blocks(browser, live_server, settings):
    settings.ROOT_URLCONF = "tests.gates.broken.urls"
    context = browser.new_context()
    console = Console()
    console.listen(context)
    page = context.new_page()

    page.goto(f"{live_server.url}/odelagt/stil/")
    page.wait_for_timeout(200)
    context.close()

    assert any("style-src-attr" in text for text in console.csp_violations), console.problems
