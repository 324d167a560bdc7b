"""Uploaded files: written only for writes that succeed, images kept without
their metadata, and everything served only as what its bytes say it is."""

import functools
import io
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

IMAGE_MAX_AGE = 300  # seconds a browser may keep an image before it asks again
SNIFF_BYTES = 2048

# The image types we accept and serve, by Pillow's name: their MIME type,
# their file extension and how they are written anew.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg", {"quality": 90}),
    "PNG": ("image/png", ".png", {}),
    "WEBP": ("image/webp", ".webp", {"quality": 90}),
}
IMAGE_TYPES = frozenset(mime for mime, _extension, _options in IMAGE_FORMATS.values())
# What of an image's own information is kept: how its colours are meant, and
# which palette colour is transparent. Everything else (EXIF with the GPS
# position, camera and time; XMP; comments) is dropped.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")

_written: ContextVar[list[FieldFile] | None] = ContextVar("medspill_written_files", default=None)


def remember_written(file: FieldFile) -> None:
    """Note a file a service has just written to storage (see ``removes_files_on_failure``)."""
    written = _written.get()
    if written is not None:
        written.append(file)


def removes_files_on_failure[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """When ``service`` fails, delete the files it wrote, as the database rolls
    back its rows: an edit conflict or a refused form leaves no file behind."""

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        written: list[FieldFile] = []
        token = _written.set(written)
        try:
            return service(*args, **kwargs)
        except BaseException:
            for file in written:
                file.storage.delete(file.name)
            raise
        finally:
            _written.reset(token)

    return wrapper


def sniff_content_type(file) -> str | None:
    """The type the file's first bytes say it is, or None when unknown; the
    file is rewound. A name or a sender's content type may say anything."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def image_without_metadata(upload: UploadedFile) -> SimpleUploadedFile:
    """The uploaded JPEG, PNG or WebP drawn anew from its pixels, in its own format.

    The EXIF orientation is applied to the pixels first, so the picture stands
    as the camera meant; then only ``KEPT_IMAGE_INFO`` goes along. The name
    keeps its stem and gets the extension of what the bytes are. Anything
    else, an unreadable image, or one with more pixels than Pillow will open
    safely, raises ``ValidationError``.
    """
    name = upload.name or _("uten navn")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as source:
                # Phones write their JPEGs as MPO (a JPEG with more pictures after it).
                image_format = "JPEG" if source.format == "MPO" else source.format
                if image_format not in IMAGE_FORMATS:
                    raise _not_an_image(name)
                image = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("«%(name)s» har for mange bildepunkter. Gjør bildet mindre og prøv igjen.")
            % {"name": name},
            code="too_many_pixels",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise _not_an_image(name) from error
    image.info = {key: image.info[key] for key in KEPT_IMAGE_INFO if key in image.info}
    content_type, extension, options = IMAGE_FORMATS[image_format]
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    stem = PurePath(upload.name or "bilde").stem or "bilde"
    clean = SimpleUploadedFile(stem + extension, buffer.getvalue(), content_type=content_type)
    clean.without_metadata = True
    return clean


def image_stored_clean(upload: UploadedFile) -> UploadedFile:
    """What the services store: ``upload`` without metadata, drawn anew only
    if no form did it already."""
    if getattr(upload, "without_metadata", False):
        return upload
    return image_without_metadata(upload)


def _not_an_image(name: str) -> ValidationError:
    return ValidationError(
        _(
            "«%(name)s» er ikke et bilde vi kan bruke. Bruk JPEG, PNG eller WebP. "
            "Vi sjekker hva filen inneholder, ikke bare navnet."
        )
        % {"name": name},
        code="not_an_image",
    )


def image_response(image: FieldFile, *, public: bool) -> FileResponse:
    """The stored ``image``, typed by what its bytes are, never by its name.

    ``nosniff`` and a sandboxing CSP keep a browser from treating it as
    anything else (a file that is not one of our image types goes out as
    plain bytes); ``public`` lets shared caches keep it too.
    """
    if not image:
        raise Http404(_("Fant ikke bildet."))
    try:
        handle = image.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Fant ikke bildet.")) from error
    content_type = sniff_content_type(handle)
    if content_type not in IMAGE_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, public=public, private=not public, max_age=IMAGE_MAX_AGE)
    return response
