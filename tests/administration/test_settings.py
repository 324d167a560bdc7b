"""The municipality's settings: every field saved and audited, a bad logo
refused in Norwegian with the rest kept, and every change shown at once, on
cached pages too."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.models import AuditEntry, Municipality
from tests.images import has_metadata, photo

pytestmark = pytest.mark.django_db


def _data(**changes) -> dict:
    data = {
        "name": "Lillevik kommune",
        "contact_email": "postmottak@lillevik.kommune.example",
        "contact_phone": "11 22 33 44",
        "contact_address": "Torget 1, 9999 Lillevik",
        "feedback_promise_days": "14",
        "written_standard": "nb",
        "default_process_level": "2",
        "foundation_need_name": "",
        "foundation_anchoring_name": "",
        "foundation_driver_name": "",
        "foundation_team_name": "",
        "foundation_resources_name": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin(admin_user, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return client_as(admin_user)


def _post(client, **changes):
    return client.post(reverse("administration:settings"), _data(**changes))


def test_every_setting_is_saved_and_audited(admin, municipality):
    response = _post(
        admin,
        name="Lillevik herad",
        feedback_promise_days="21",
        written_standard="nn",
        default_process_level="3",
        foundation_driver_name="Eldsjel",
    )

    assert response.status_code == 302
    fresh = Municipality.objects.get(pk=municipality.pk)
    assert (fresh.name, fresh.feedback_promise_days, fresh.written_standard) == (
        "Lillevik herad",
        21,
        "nn",
    )
    assert fresh.default_process_level == 3
    assert fresh.foundation_names["driver"] == "Eldsjel"
    entry = AuditEntry.objects.get(action="municipality.update")
    assert entry.before["name"] == "Lillevik kommune" and entry.after["name"] == "Lillevik herad"
    assert "contact_phone" not in entry.after  # only what changed


def test_a_bad_logo_is_refused_in_norwegian_and_the_typed_values_kept(admin, municipality):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")

    response = admin.post(
        reverse("administration:settings"),
        {**_data(name="Lillevik herad", contact_phone="99 88 77 66"), "logo": fake},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen er ikke et bilde vi kan bruke. Bruk JPEG, PNG eller WebP." in html
    assert 'value="Lillevik herad"' in html and 'value="99 88 77 66"' in html
    fresh = Municipality.objects.get(pk=municipality.pk)
    assert fresh.name == "Lillevik kommune" and not fresh.logo
    assert not AuditEntry.objects.exists()


def test_bad_numbers_are_refused_in_norwegian(admin, municipality):
    for value, message in (("0", "minst én dag"), ("fjorten", "helt antall"), ("400", "høyst 365")):
        html = _post(admin, feedback_promise_days=value).content.decode()
        assert message in html, value
    assert Municipality.objects.get(pk=municipality.pk).feedback_promise_days == 14


def test_a_logo_is_drawn_anew_without_its_metadata(admin, municipality):
    upload = SimpleUploadedFile("logo.jpg", photo("JPEG"), content_type="image/jpeg")

    response = admin.post(reverse("administration:settings"), {**_data(), "logo": upload})

    assert response.status_code == 302
    fresh = Municipality.objects.get(pk=municipality.pk)
    stored = fresh.logo.read()
    assert not has_metadata(stored)
    assert Image.open(io.BytesIO(stored)).format == "JPEG"
    assert admin.get(reverse("portal:logo")).status_code == 200


def test_the_host_names_are_shown_and_cannot_be_changed(admin, municipality):
    html = admin.get(reverse("administration:settings")).content.decode()

    assert "lillevik.localhost" in html
    assert 'name="hosts' not in html and 'name="slug"' not in html
    _post(admin, slug="annet", hostname="x.example")
    assert Municipality.objects.get(pk=municipality.pk).slug == "lillevik"


def test_name_and_footer_changes_show_at_once_on_cached_pages(
    admin, client, client_as, staff, process
):
    staff_client = client_as(staff)
    pages = [reverse("processes:list"), process.get_absolute_url(), reverse("processes:ladder")]
    for visitor in (client, staff_client):
        for _ in range(2):  # the second answer comes from the cache
            for url in pages:
                assert "11 22 33 44" in visitor.get(url).content.decode()

    _post(admin, name="Lillevik herad", contact_phone="99 88 77 66")

    for visitor in (client, staff_client):
        for url in pages:
            html = visitor.get(url).content.decode()
            assert "99 88 77 66" in html and "11 22 33 44" not in html, url
            assert "Lillevik herad" in html, url


def test_a_change_shows_at_once_with_no_process_at_all(admin, client):
    for _ in range(2):
        client.get(reverse("processes:list"))

    _post(admin, contact_phone="99 88 77 66")

    assert "99 88 77 66" in client.get(reverse("processes:list")).content.decode()


def test_renamed_foundations_show_at_once_on_the_process_page(admin, client, process):
    client.get(reverse("processes:foundations", args=[process.slug]))
    _post(admin, foundation_driver_name="Eldsjel")

    staff_view = admin.get(reverse("processes:foundations", args=[process.slug])).content.decode()
    assert "Eldsjel" in staff_view


def test_a_new_process_starts_on_the_municipality_s_default_step(
    admin, client_as, staff, municipality
):
    from processes.models import Process

    _post(admin, default_process_level="3")
    client = client_as(staff)
    assert "trinn 3" in client.get(reverse("processes:create")).content.decode()

    response = client.post(
        reverse("processes:create"),
        {
            "title": "Nytt bibliotek",
            "summary": "Hva trenger et bibliotek?",
            "problem_statement": "Biblioteket er for lite.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    process = Process.objects.get(title="Nytt bibliotek")
    assert (process.level, process.target_level) == (3, 3)
    assert process.level_changes.get().to_level == 3
