"""A write that fails leaves no uploaded file behind, and a replaced cover image
goes once the new one is saved: storage follows the database."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from processes.services import test_rounds as test_round_services
from processes.services.contributions import EditConflict
from processes.services.needs import need_log
from processes.services.processes import process_update
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name: str = "bilde.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored(media: Path) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def test_an_edit_conflict_keeps_no_new_cover_and_the_old_one(media, process, staff):
    process_update(
        process=process, by=staff, version=process.version, cover_image=png(), cover_alt="Vei"
    )
    before = stored(media)
    process.refresh_from_db()

    with pytest.raises(EditConflict):
        process_update(
            process=process, by=staff, version=process.version - 1, cover_image=png("ny.png")
        )

    assert stored(media) == before
    assert len(before) == 1


def test_a_replaced_cover_is_deleted_once_the_new_one_is_saved(
    media, process, staff, django_capture_on_commit_callbacks
):
    process_update(
        process=process, by=staff, version=process.version, cover_image=png(), cover_alt="Vei"
    )
    process.refresh_from_db()
    first = process.cover_image.name

    with django_capture_on_commit_callbacks(execute=True):
        process_update(process=process, by=staff, version=process.version, cover_image=png("2.png"))

    process.refresh_from_db()
    assert stored(media) == [process.cover_image.name]
    assert process.cover_image.name != first


def test_a_refused_file_takes_the_files_before_it_along(media, process, citizen, staff):
    need = need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")
    solution = solution_propose(
        process=process, author=citizen, title="Gatelys", body="Lys.", needs=[need]
    )
    solution = solution_set_status(
        solution=solution, status="selected", by=staff, text="Test.", version=solution.version
    )
    not_an_image = SimpleUploadedFile("bilde.png", b"<html>nei</html>", content_type="image/png")

    with pytest.raises(ValidationError):
        test_round_services.test_round_record(
            solution=solution,
            by=staff,
            body="Lys i en uke.",
            participant_categories=["citizen"],
            head_count=3,
            held_on="2026-10-01",
            place="Skoleveien",
            findings="Bra.",
            need_results={need: "met"},
            decision="adopt",
            learning="Lys virker.",
            files=[png("foto.png"), not_an_image],
        )

    assert stored(media) == []
