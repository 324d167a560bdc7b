"""Serving uploaded images: only those a model points at, never run as a page."""

import mimetypes

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

IMAGE_MAX_AGE = 300  # seconds a browser may keep an image before it asks again


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
