"""Every page names its icon: the municipality's logo when it has one, else
Medspill's own, so no browser asks for a /favicon.ico that is not there."""

import io

import pytest

ICON_HREF = "() => document.querySelector('link[rel=icon]').href"


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _failed_requests(page) -> list[str]:
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    return failed


def test_a_municipality_without_a_logo_gets_the_default_icon(open_page, live_server, demo):
    page, _console = open_page()
    failed = _failed_requests(page)

    page.goto(f"{live_server.url}/prosesser/")
    icon = page.request.get(page.evaluate(ICON_HREF))
    page.wait_for_timeout(300)  # the browser fetches the icon after the load

    assert icon.status == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert failed == []


@pytest.mark.usefixtures("_media")
def test_a_municipality_with_a_logo_gets_it_as_its_icon(open_page, live_server, demo):
    from django.core.files.base import ContentFile
    from PIL import Image

    from portal.models import Municipality

    png = io.BytesIO()
    Image.new("RGB", (32, 32), "#005b9a").save(png, format="PNG")
    lillevik = Municipality.objects.get(slug="lillevik")
    lillevik.logo.save("lillevik.png", ContentFile(png.getvalue()), save=True)
    page, _console = open_page()
    failed = _failed_requests(page)

    page.goto(f"{live_server.url}/")
    href = page.evaluate(ICON_HREF)
    icon = page.request.get(href)
    page.wait_for_timeout(300)

    assert href == f"{live_server.url}/logo/"
    assert icon.status == 200
    assert icon.headers["content-type"] == "image/png"
    assert failed == []
