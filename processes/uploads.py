"""Uploads to processes: checked by what the bytes are, never by the file's name.

A browser's content type and a file's extension are whatever the sender chose;
the first bytes are sniffed with ``filetype`` and only images and PDFs pass.
Images (evidence and cover images) are drawn anew from their pixels, so their
EXIF and GPS data never reach storage (``portal.files.image_without_metadata``).
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.files import IMAGE_TYPES, image_without_metadata, sniff_content_type

ALLOWED_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


def evidence_check(upload: UploadedFile) -> str:
    """The sniffed content type of an acceptable evidence file; else ValidationError."""
    name = upload.name or _("uten navn")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("«%(name)s» er for stor (%(size)s). Et vedlegg kan være høyst %(max)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    content_type = sniff_content_type(upload)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "«%(name)s» er ikke et bilde (JPEG, PNG, WebP) eller en PDF. "
                "Vi sjekker hva filen inneholder, ikke bare navnet."
            )
            % {"name": name},
            code="wrong_type",
        )
    return content_type


def evidence_storage_name(content_type: str) -> str:
    """A generated file name: the original name is kept only for display."""
    return f"{uuid.uuid4().hex}{ALLOWED_TYPES[content_type]}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans them as a list."""

    widget = MultipleFileInput
    default_error_messages = {"empty": gettext_lazy("Filen er tom.")}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        if not data:
            data = []
        elif not isinstance(data, list | tuple):
            data = [data]
        if self.required and not data:
            raise ValidationError(self.error_messages["required"], code="required")
        single_clean = super().clean
        files = []
        errors = []
        for upload in (single_clean(item, initial) for item in data):
            try:
                if evidence_check(upload) in IMAGE_TYPES:
                    upload = image_without_metadata(upload)
            except ValidationError as error:
                errors.extend(error.messages)
            files.append(upload)
        if errors:
            raise ValidationError(errors)
        return files
