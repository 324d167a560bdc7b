"""A long text field says how many characters are left, tells screen readers
politely once the person pauses, and never cuts a paste: the server says the
text is too long and keeps all of it."""

import pytest

from processes.models import TEXT_MAX
from tests.gates.test_browser_journeys import demo_process  # noqa: F401 - fixture

NBSP = "\xa0"
LIVE = "#id_body_count_live"


@pytest.fixture
def need_page(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}/prosesser/{demo_process.slug}/behov/")
    return page


def _count(page) -> str:
    return page.locator("#id_body_count").inner_text()


def test_the_field_shows_how_many_characters_are_left_as_the_person_types(need_page):
    field = need_page.get_by_label("Beskriv behovet")
    assert _count(need_page) == f"10{NBSP}000 tegn igjen"

    field.press_sequentially("Lys i undergangen")

    assert _count(need_page) == f"9{NBSP}983 tegn igjen"
    describedby = field.get_attribute("aria-describedby").split()
    assert "id_body_count" in describedby


def test_screen_readers_hear_the_count_politely_after_a_pause_not_every_keystroke(need_page):
    field = need_page.get_by_label("Beskriv behovet")
    live = need_page.locator(LIVE)
    assert live.get_attribute("aria-live") == "polite"

    field.press_sequentially("Lys")
    assert live.text_content() == ""  # not while typing

    need_page.wait_for_function(
        f"() => document.querySelector('{LIVE}').textContent === '9{NBSP}997 tegn igjen'",
        timeout=3_000,
    )
    assert need_page.locator("[aria-live]", has_text="tegn igjen").count() == 1


def test_a_paste_over_the_limit_is_kept_whole_and_the_server_keeps_it_with_an_error(need_page):
    too_long = ("Lys i undergangen. " * 600)[: TEXT_MAX + 50]
    field = need_page.get_by_label("Beskriv behovet")
    field.focus()

    need_page.keyboard.insert_text(too_long)  # as a paste arrives: one input event

    assert len(field.input_value()) == TEXT_MAX + 50
    assert _count(need_page) == "50 tegn for mye"
    need_page.get_by_label("Hvem har dette behovet?").fill("Alle som går til skolen")
    need_page.get_by_role("button", name="Send inn behovet").click()
    need_page.locator("#id_body_error").wait_for()

    assert need_page.get_by_label("Beskriv behovet").input_value() == too_long
    error = need_page.locator("#id_body_error").inner_text()
    assert "Teksten kan være på høyst" in error
    assert "Nå er den 10050 tegn." in error
    assert _count(need_page) == "50 tegn for mye"
