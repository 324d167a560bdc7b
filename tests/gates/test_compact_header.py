"""On a phone the header is one row, the brand and a "Meny" button that opens
without JavaScript and by keyboard, with the language choice inside; where
there is room the links show as before, with no button."""

import pytest

from tests.gates.conftest import reflow_problems


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_menu_opens_from_a_button(open_page, live_server, demo, javascript):
    page, _console = open_page(javascript=javascript, width=360)
    page.goto(f"{live_server.url}/")
    header = page.locator("header.site-header")
    menu = page.get_by_role("navigation", name="Hovedmeny")

    assert header.bounding_box()["height"] <= 80
    assert not menu.is_visible()
    assert not page.get_by_label("Språk").is_visible()

    page.get_by_text("Meny", exact=True).click()

    assert menu.get_by_role("link", name="Prosesser").is_visible()
    assert page.get_by_label("Språk").is_visible()
    assert page.get_by_role("button", name="Bytt språk").is_visible()
    assert reflow_problems(page) == []


def test_the_menu_button_opens_by_keyboard(open_page, live_server, demo):
    page, _console = open_page(width=320)
    page.goto(f"{live_server.url}/")

    # Skip link, brand, then the menu button.
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("(el => `${el.tagName} ${el.textContent}`)(document.activeElement)")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert focused == "SUMMARY Meny"
    assert page.evaluate("document.activeElement.textContent") == "Prosesser"


def test_on_a_wide_screen_the_links_show_without_a_button(open_page, live_server, demo):
    page, _console = open_page(width=1280)
    page.goto(f"{live_server.url}/")

    assert (
        page.get_by_role("navigation", name="Hovedmeny")
        .get_by_role("link", name="Prosesser")
        .is_visible()
    )
    assert page.get_by_label("Språk").is_visible()
    assert not page.get_by_text("Meny", exact=True).is_visible()
    assert page.locator("header.site-header").bounding_box()["height"] <= 90
