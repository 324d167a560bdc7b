"""Uploaded files: written only for writes that succeed, and served only as
what they are."""

import functools
import mimetypes
from collections.abc import Callable
from contextvars import ContextVar

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

IMAGE_MAX_AGE = 300  # seconds a browser may keep an image before it asks again

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


def image_response(image: FieldFile, *, public: bool) -> FileResponse:
    """The stored ``image`` (checked to be one when it was uploaded).

    ``nosniff`` and a sandboxing CSP keep a browser from treating it as
    anything else; ``public`` lets shared caches keep it too.
    """
    if not image:
        raise Http404(_("Fant ikke bildet."))
    try:
        handle = image.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Fant ikke bildet.")) from error
    content_type = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, public=public, private=not public, max_age=IMAGE_MAX_AGE)
    return response
