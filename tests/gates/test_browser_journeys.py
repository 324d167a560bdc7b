"""What people do, in a real browser: with JavaScript (htmx swaps a region,
focus moves, the live region speaks), without it (plain POST, full page), and
by keyboard alone."""

import re

import pytest

from tests.gates.conftest import ACCOUNTS, processes_demo

# Function forms only: a string expression would be eval'ed, which the CSP forbids.
SUMMARY_FOCUSED = "() => document.activeElement.matches('[data-error-summary]')"
ANNOUNCED = "text => document.getElementById('kunngjoring').textContent.includes(text)"
# After a change that reloads the page, focus is on its message.
MESSAGE_FOCUSED = (
    "text => document.activeElement.closest('#meldinger') !== null"
    " && document.activeElement.textContent.includes(text)"
)
FOCUS_VISIBLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || !el.matches(':focus-visible')) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
        || style.boxShadow !== 'none';
}"""


@pytest.fixture
def demo_process(demo):
    """An open demo process in Lillevik owned by ansatt@, with its needs."""
    if processes_demo() is None:
        pytest.fail("processes.demo.seed_processes is not there yet")
    from processes.models import Process

    process = (
        Process.objects.filter(
            municipality__slug="lillevik",
            status=Process.Status.OPEN,
            owners__email=ACCOUNTS["staff"],
            needs_count__gte=2,
        )
        .order_by("pk")
        .first()
    )
    if process is None:
        pytest.fail("the demo has no open Lillevik process owned by ansatt@ with needs")
    return process


STATE = """() => ({
    announced: document.getElementById('kunngjoring').textContent,
    active: document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : null,
})"""


def _wait_until(page, predicate: str, arg=None, what: str = "") -> None:
    """Wait up to 5 s; on failure say what the live region and focus were."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(predicate, arg=arg, timeout=5_000)
    except PlaywrightTimeout:
        state = page.evaluate(STATE)
        raise AssertionError(f"{what or predicate} did not happen: {state}") from None


def _goto(page, url: str):
    response = page.goto(url)
    if response is not None and response.status == 404:
        pytest.fail(f"{url} answers 404: the page is not there yet")
    return response


def _supportable_need(process, email: str):
    from processes.models import Need

    return (
        Need.objects.filter(process=process)
        .exclude(author__email=email)
        .exclude(supports__user__email=email)
        .exclude(status=Need.Status.MERGED)
        .order_by("-created_at")
        .first()
    )


def test_a_citizen_logs_a_need_and_supports_another_with_htmx(open_page, live_server, demo_process):
    page, _console = open_page("citizen")
    url = f"{live_server.url}/prosesser/{demo_process.slug}/behov/"
    _goto(page, url)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    page.get_by_label("Beskriv behovet").fill("Benker langs turstien, så eldre kan hvile.")
    page.get_by_label("Hvem har dette behovet?").fill("Eldre som går tur")
    page.get_by_role("button", name="Send inn behovet").click()

    # The person lands on the new need's page, its reference in the message.
    page.wait_for_url(re.compile(r"/behov/\d+/$"))
    _wait_until(page, MESSAGE_FOCUSED, "registrert med referanse", "the message with focus")
    assert "Benker langs turstien" in page.locator("main").inner_text()
    page.goto(url)
    navigations.clear()

    other = _supportable_need(demo_process, ACCOUNTS["citizen"])
    if other is None:
        pytest.fail("no other need to support in the demo process")
    button = page.locator(f"#need-support-{other.pk}").get_by_role(
        "button", name=re.compile("Jeg har også dette behovet")
    )
    button.click()
    page.locator(f"#need-support-{other.pk}").get_by_text("støtten er registrert").wait_for()
    assert page.url == url and navigations == []


def test_a_citizen_logs_a_need_and_supports_another_without_javascript(
    open_page, live_server, demo_process
):
    page, _console = open_page("citizen", javascript=False)
    url = f"{live_server.url}/prosesser/{demo_process.slug}/behov/"
    _goto(page, url)

    page.get_by_label("Beskriv behovet").fill("Sykkelparkering under tak ved stasjonen.")
    page.get_by_label("Hvem har dette behovet?").fill("Pendlere")
    with page.expect_navigation():
        page.get_by_role("button", name="Send inn behovet").click()

    assert page.locator("#meldinger").inner_text().strip() != ""
    assert page.get_by_text("Sykkelparkering under tak ved stasjonen.").count() >= 1

    other = _supportable_need(demo_process, ACCOUNTS["citizen"])
    if other is None:
        pytest.fail("no other need to support in the demo process")
    _goto(page, f"{live_server.url}/prosesser/{demo_process.slug}/behov/{other.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Jeg har også dette behovet")).click()

    assert "støtten er registrert" in page.locator("#meldinger").inner_text()


def _proposed_solution(process):
    from processes.models import Solution

    return (
        Solution.objects.filter(process=process, status=Solution.Status.PROPOSED)
        .order_by("pk")
        .first()
    )


def test_staff_select_a_solution_for_test_and_record_a_test_round(
    open_page, live_server, demo_process
):
    solution = _proposed_solution(demo_process)
    assert solution is not None, "the demo process must have a proposed solution"
    page, _console = open_page("staff")
    _goto(page, f"{live_server.url}/prosesser/{demo_process.slug}/losninger/{solution.pk}/")

    page.get_by_label("Ny status").select_option(label="Valgt for testing")
    page.get_by_label("Begrunnelse").fill("Vi prøver løsningen i fire uker i høst.")
    page.get_by_role("button", name="Endre status").click()
    page.locator("#solution-status").get_by_text("Valgt for testing").first.wait_for()
    _wait_until(page, ANNOUNCED, "", "the announcement")

    _goto(
        page,
        f"{live_server.url}/prosesser/{demo_process.slug}/losninger/{solution.pk}/testrunder/ny/",
    )
    page.get_by_label("Hva ble testet?").fill("En prøveordning i fire uker.")
    page.locator("input[name='participant_categories']").first.check()
    page.get_by_label("Antall deltakere").fill("14")
    page.get_by_label("Når?").fill("2026-10-01")
    page.get_by_label("Sted", exact=True).fill("Biblioteket")
    page.get_by_label("Funn").fill("De fleste ville fortsette.")
    page.locator("input[name='decision']").first.check()
    page.get_by_label("Læring").fill("Start tidligere på dagen.")
    for select in page.locator("select[name^='need_']").all():
        select.select_option(index=1)
    page.get_by_role("button", name="Registrer testrunden").click()

    # Staff land on the new test round's page, its reference in the message.
    page.wait_for_url(re.compile(r"/testrunder/\d+/$"))
    _wait_until(page, MESSAGE_FOCUSED, "er registrert", "the message with focus")


def _tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until ``locator`` has focus; fail if it is never reached."""
    handle = locator.element_handle()
    for _press in range(limit):
        page.keyboard.press("Tab")
        if handle.evaluate("el => el === document.activeElement"):
            assert page.evaluate(FOCUS_VISIBLE), "focus is not visible on the focused control"
            return
    raise AssertionError(f"never reached by Tab: {locator}")


def test_a_citizen_logs_a_need_by_keyboard_alone(open_page, live_server, demo_process):
    page, _console = open_page("citizen")
    _goto(page, f"{live_server.url}/prosesser/{demo_process.slug}/behov/")

    submit = page.get_by_role("button", name="Send inn behovet")
    _tab_to(page, submit)
    page.keyboard.press("Enter")  # empty: htmx swaps in the errors
    _wait_until(page, SUMMARY_FOCUSED, what="focus on the error summary")
    page.keyboard.press("Tab")  # its first link leads to the first field to correct
    page.keyboard.press("Enter")
    first_invalid = page.locator("[aria-invalid='true']").first
    assert first_invalid.evaluate("el => el === document.activeElement")

    page.keyboard.type("Lys i lysløypa hele vinteren.")
    _tab_to(page, page.get_by_label("Hvem har dette behovet?"))
    page.keyboard.type("Skiløpere etter jobb")
    _tab_to(page, page.get_by_role("button", name="Send inn behovet"))
    page.keyboard.press("Enter")

    # The new need's page, with focus on the message that gives its reference.
    page.wait_for_url(re.compile(r"/behov/\d+/$"))
    _wait_until(page, MESSAGE_FOCUSED, "registrert med referanse", "the message with focus")
    assert "Lys i lysløypa" in page.locator("main").inner_text()


def test_staff_change_a_solution_s_status_by_keyboard_alone(open_page, live_server, demo_process):
    solution = _proposed_solution(demo_process)
    assert solution is not None, "the demo process must have a proposed solution"
    page, _console = open_page("staff")
    _goto(page, f"{live_server.url}/prosesser/{demo_process.slug}/losninger/{solution.pk}/")

    _tab_to(page, page.get_by_role("button", name="Endre status"))
    page.keyboard.press("Enter")  # no reason given: the error summary gets focus
    _wait_until(page, SUMMARY_FOCUSED, what="focus on the error summary")

    _tab_to(page, page.get_by_label("Ny status"))
    page.get_by_label("Ny status").select_option(label="Valgt for testing")
    _tab_to(page, page.get_by_label("Begrunnelse"))
    page.keyboard.type("Vi tester den i vinter.")
    _tab_to(page, page.get_by_role("button", name="Endre status"))
    page.keyboard.press("Enter")

    _wait_until(page, MESSAGE_FOCUSED, "Valgt for testing", "focus on the message")
