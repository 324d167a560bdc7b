"""The process page at a glance, as a person sees it at 1280 and 320 px: the
current round's three steps side by side with the current one named, the key
figures as cards, the handlingsrom in two columns on a wide screen and one on
a phone, and nothing wider than the window."""

import pytest

from tests.gates.conftest import overflows, processes_demo

BOXES = """selector => [...document.querySelectorAll(selector)].map(el => {
    const box = el.getBoundingClientRect();
    return {top: Math.round(box.top), left: Math.round(box.left), right: Math.round(box.right),
            text: el.innerText.trim()};
})"""

LINES = "selector => [...document.querySelectorAll(selector)].map(el => el.getClientRects().length)"


@pytest.fixture
def process_url(demo, live_server):
    if processes_demo() is None:
        pytest.fail("processes.demo.seed_processes is not there")
    from processes.models import Process

    process = Process.objects.get(municipality__slug="lillevik", slug="moteplass-for-ungdom")
    return live_server.url + process.get_absolute_url()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_current_round_s_steps_stand_in_one_row_with_the_current_one_named(
    open_page, process_url, width
):
    page, _console = open_page(width=width)
    page.goto(process_url)

    steps = page.evaluate(BOXES, ".blt-round--current .blt-step")
    current = page.locator('[aria-current="step"]')

    assert [step["text"].split()[0] for step in steps] == ["Behov", "Løsning", "Test"]
    assert len({step["top"] for step in steps}) == 1
    assert all(step["right"] <= width for step in steps)
    assert current.count() == 1 and "Nå" in current.inner_text()
    # Labels are whole words: a label cut as "Løsnin g" takes two lines.
    lines = page.evaluate(LINES, ".blt-step__label")
    assert set(lines) == {1}
    assert overflows(page) == []


def test_the_handlingsrom_has_two_columns_on_a_wide_screen_and_one_on_a_phone(
    open_page, process_url
):
    wide, _console = open_page(width=1280)
    wide.goto(process_url)
    narrow, _console = open_page(width=320)
    narrow.goto(process_url)

    wide_terms = wide.evaluate(BOXES, ".handlingsrom dt")
    narrow_terms = narrow.evaluate(BOXES, ".handlingsrom dt")

    assert len({term["left"] for term in wide_terms}) == 2
    assert wide_terms[0]["top"] == wide_terms[1]["top"]
    assert len({term["left"] for term in narrow_terms}) == 1


def test_the_key_figures_are_four_cards_two_a_row_on_a_phone(open_page, process_url):
    page, _console = open_page(width=320)
    page.goto(process_url)

    cards = page.evaluate(BOXES, ".key-figures > .ds-card")

    assert len(cards) == 4
    assert len({card["top"] for card in cards}) == 2
    assert "venter på svar" in cards[3]["text"]
