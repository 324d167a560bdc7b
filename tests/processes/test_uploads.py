"""Evidence files are checked by what they contain, not by their names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from processes.uploads import MultipleFileField, evidence_check, evidence_storage_name

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_real_images_are_accepted_with_their_sniffed_type(fmt, mime):
    upload = SimpleUploadedFile("foto.bin", image_bytes(fmt), content_type="application/x-anything")
    assert evidence_check(upload) == mime
    assert upload.read(4) == image_bytes(fmt)[:4]  # the file is rewound for storing


def test_a_real_pdf_is_accepted():
    assert evidence_check(SimpleUploadedFile("rapport.pdf", MINIMAL_PDF)) == "application/pdf"


def test_a_pdf_made_by_weasyprint_is_accepted():
    weasyprint = pytest.importorskip("weasyprint")
    pdf = weasyprint.HTML(string="<p>Funn fra testrunden</p>").write_pdf()
    assert evidence_check(SimpleUploadedFile("funn.pdf", pdf)) == "application/pdf"


def test_a_png_name_on_html_content_is_refused_with_a_norwegian_message_naming_the_file():
    fake = SimpleUploadedFile(
        "skjermbilde.png",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        content_type="image/png",
    )
    with pytest.raises(ValidationError) as error:
        evidence_check(fake)
    message = error.value.messages[0]
    assert "«skjermbilde.png»" in message
    assert "ikke et bilde" in message


def test_plain_text_is_refused():
    with pytest.raises(ValidationError, match="notat.pdf"):
        evidence_check(SimpleUploadedFile("notat.pdf", b"bare tekst"))


def test_a_gif_is_refused_though_it_is_an_image():
    with pytest.raises(ValidationError):
        evidence_check(SimpleUploadedFile("anim.gif", image_bytes("GIF")))


def test_an_eleven_megabyte_file_is_refused(settings):
    big = SimpleUploadedFile("stor.pdf", MINIMAL_PDF + b"0" * (11 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        evidence_check(big)
    assert "«stor.pdf» er for stor" in error.value.messages[0]


def test_the_limit_comes_from_settings(settings):
    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="for stor"):
        evidence_check(SimpleUploadedFile("bilde.png", image_bytes("PNG") + b"0" * 200))


def test_stored_names_are_generated_with_the_extension_of_the_sniffed_type():
    first, second = evidence_storage_name("image/png"), evidence_storage_name("image/png")
    assert first != second
    assert first.endswith(".png") and evidence_storage_name("application/pdf").endswith(".pdf")


def test_the_multiple_file_field_cleans_a_list_and_reports_every_bad_file():
    field = MultipleFileField(required=False)
    good = SimpleUploadedFile("a.png", image_bytes("PNG"))
    pdf = SimpleUploadedFile("b.pdf", MINIMAL_PDF)
    image, document = field.clean([good, pdf])
    assert (image.name, image.read(8)) == ("a.png", image_bytes("PNG")[:8])  # drawn anew
    assert document is pdf
    assert field.clean([]) == []
    assert field.clean(None) == []
    bad_one = SimpleUploadedFile("x.png", b"<html>")
    bad_two = SimpleUploadedFile("y.jpg", b"hei")
    with pytest.raises(ValidationError) as error:
        field.clean([good, bad_one, bad_two])
    assert len(error.value.messages) == 2


def test_the_multiple_file_widget_lets_people_pick_several_files():
    html = MultipleFileField(required=False).widget.render("files", None)
    assert "multiple" in html
