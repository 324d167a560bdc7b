"""Uploaded photos keep their pixels and lose their metadata: a cover image,
a municipality's logo and a test round's evidence never store where a photo
was taken, and they stand as the camera meant."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.models import Municipality
from processes.models import Process
from processes.uploads import MultipleFileField
from tests.images import TURNED, has_metadata, photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _stored(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _assert_upright(data: bytes, fmt: str) -> None:
    """The photo made by ``photo(orientation=TURNED)``, its pixels turned: now
    20 wide and 40 high, with its blue half on top."""
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == fmt
        assert image.size == (20, 40)
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
    assert top[2] > 200 and top[0] < 60  # blue
    assert bottom[0] > 200 and bottom[2] < 60  # red


def test_the_test_photo_really_holds_a_gps_position():
    assert has_metadata(photo())


def _create_process(client, cover) -> Process:
    data = {
        "title": "Trygg skolevei",
        "summary": "Hvordan kan vi gjøre det tryggere å gå og sykle til skolen?",
        "problem_statement": "Foreldre kjører barna fordi veien oppleves utrygg.",
        "cover_alt": "Skoleveien om morgenen",
        "cover_image": cover,
    }
    response = client.post(reverse("processes:create"), data)
    assert response.status_code == 302, response.text
    return Process.objects.get()


def test_a_cover_photo_is_stored_without_its_gps_position_and_upright(client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("fra-telefonen.jpg", photo(orientation=TURNED), "image/jpeg")

    process = _create_process(client, upload)

    stored = _stored(process.cover_image)
    assert not has_metadata(stored)
    _assert_upright(stored, "JPEG")


def test_a_png_cover_named_jpg_is_stored_as_a_png_without_its_metadata(client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("forside.jpg", photo("PNG"), content_type="image/jpeg")

    process = _create_process(client, upload)

    assert process.cover_image.name.endswith(".png")
    assert not has_metadata(_stored(process.cover_image))


def test_a_gif_cover_is_refused_in_norwegian_and_the_text_kept(client, staff):
    client.force_login(staff)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "GIF")

    response = client.post(
        reverse("processes:create"),
        {
            "title": "Trygg skolevei",
            "summary": "Min egen tekst",
            "problem_statement": "Foreldre kjører barna.",
            "cover_alt": "Et bilde",
            "cover_image": SimpleUploadedFile("anim.gif", buffer.getvalue(), "image/gif"),
        },
    )

    assert response.status_code == 200
    assert "«anim.gif» er ikke et bilde vi kan bruke" in response.text
    assert "Min egen tekst" in response.text
    assert not Process.objects.exists()


def test_a_logo_uploaded_in_the_admin_is_stored_without_its_metadata(
    client, make_user, municipality
):
    root = make_user("drift@medspill.example", "Drift", is_staff=True, is_superuser=True)
    client.force_login(root)
    data = {
        "name": "Sørvik kommune",
        "slug": "sorvik",
        "logo": SimpleUploadedFile("logo.webp", photo("WEBP", orientation=TURNED), "image/webp"),
        "feedback_promise_days": "14",
        "written_standard": "nb",
        "default_process_level": "2",
        "digest_hour": "7",
        "inactive_account_months": "36",
        "hosts-TOTAL_FORMS": "0",
        "hosts-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("admin:portal_municipality_add"), data)

    assert response.status_code == 302, response.text
    stored = _stored(Municipality.objects.get(slug="sorvik").logo)
    assert not has_metadata(stored)
    _assert_upright(stored, "WEBP")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_evidence_photos_are_kept_without_their_metadata(fmt):
    upload = SimpleUploadedFile("funn.bin", photo(fmt, orientation=TURNED))

    (cleaned,) = MultipleFileField(required=False).clean([upload])

    data = cleaned.read()
    assert not has_metadata(data)
    _assert_upright(data, fmt)
    assert cleaned.name == "funn" + {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt]


def test_an_image_too_big_to_open_safely_is_refused_in_norwegian(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    upload = SimpleUploadedFile("kjempebilde.png", photo("PNG", size=(40, 20)))

    with pytest.raises(ValidationError, match="«kjempebilde.png» har for mange bildepunkter"):
        MultipleFileField(required=False).clean([upload])


def test_the_services_drop_metadata_for_callers_without_a_form(municipality, staff):
    """A task or an import calls the services directly: they clean images too."""
    from processes.services.processes import process_create

    process = process_create(
        municipality=municipality,
        by=staff,
        title="Fra import",
        summary="S",
        problem_statement="P",
        level=2,
        target_level=2,
        cover_alt="Et bilde",
        cover_image=SimpleUploadedFile("bilde.jpg", photo(), content_type="image/jpeg"),
    )
    assert not has_metadata(_stored(process.cover_image))
