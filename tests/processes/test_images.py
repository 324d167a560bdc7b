"""Cover images and municipality logos are served by the portal itself, in
production as in development, and only to those who may see them."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_cover_image_is_served_and_shown_with_its_alt_text(client, process):
    process.cover_image.save("skolevei.png", ContentFile(PNG), save=False)
    process.cover_alt = "Barn på vei til skolen"
    process.save()
    url = reverse("processes:cover", args=[process.slug])

    response = client.get(url)
    page = client.get(process.get_absolute_url()).text

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"]
    assert f'src="{url}" alt="Barn på vei til skolen"' in page


def test_a_process_without_a_cover_image_answers_404(client, process):
    assert client.get(reverse("processes:cover", args=[process.slug])).status_code == 404


def test_a_drafts_cover_is_for_staff_and_never_stored_by_shared_caches(
    client, draft_process, citizen, staff
):
    draft_process.cover_alt = "Skisse av biblioteket"
    draft_process.cover_image.save("utkast.png", ContentFile(PNG), save=True)
    url = reverse("processes:cover", args=[draft_process.slug])

    client.force_login(citizen)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_logo_is_the_one_of_the_municipality_at_this_address(municipality, other_municipality):
    municipality.logo.save("lillevik.png", ContentFile(PNG), save=True)

    here = Client().get(reverse("portal:logo"))
    there = Client(HTTP_HOST="nordvik.localhost").get(reverse("portal:logo"))
    page = Client().get("/").text

    assert here.status_code == 200
    assert b"".join(here.streaming_content) == PNG
    assert there.status_code == 404
    assert f'src="{reverse("portal:logo")}"' in page


def test_a_missing_file_answers_404_not_500(client, process):
    process.cover_image.name = "processes/borte.png"
    process.cover_alt = "Et bilde som er borte"
    process.save()

    assert client.get(reverse("processes:cover", args=[process.slug])).status_code == 404


def test_a_png_stored_under_a_jpg_name_is_served_as_a_png(client, process, municipality):
    from tests.images import photo

    process.cover_image.save("forside.jpg", ContentFile(photo("PNG")), save=False)
    process.cover_alt = "Forsiden"
    process.save()
    municipality.logo.save("logo.jpg", ContentFile(photo("PNG")), save=True)

    cover = client.get(reverse("processes:cover", args=[process.slug]))
    logo = client.get(reverse("portal:logo"))

    assert cover["Content-Type"] == "image/png"
    assert logo["Content-Type"] == "image/png"


def test_a_stored_file_that_is_no_image_is_served_as_plain_bytes(client, process):
    process.cover_image.save("forside.png", ContentFile(b"<html><script>1</script>"), save=False)
    process.cover_alt = "Forsiden"
    process.save()

    response = client.get(reverse("processes:cover", args=[process.slug]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
