"""Where a PDF may read from: static files from the finders, media from the storage.

WeasyPrint asks its URL fetcher for every stylesheet, font and image a PDF
template names. ``PortalFetcher`` answers from the static finders (or the
collected files) and the media storage, and refuses every other URL, so a PDF
never fetches from a CDN or from an address found in someone's input. This
module imports WeasyPrint; ``portal.pdf`` imports it only when it makes a PDF.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The base every relative URL in a PDF template resolves against.
BASE_URL = "http://pdf.invalid/"


class RefusedURL(ValueError):
    """A PDF asked for something that is neither a static file nor media."""


class PortalFetcher(URLFetcher):
    """Static files from the finders and media from the storage; nothing else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.netloc != urlsplit(BASE_URL).netloc:
            raise RefusedURL(url)
        path = unquote(parts.path)
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if path.startswith(settings.STATIC_URL):
            name = path.removeprefix(settings.STATIC_URL)
            # Collected (hashed) names live in STATIC_ROOT; sources in the finders.
            found = finders.find(name)
            if not found and staticfiles_storage.exists(name):
                found = staticfiles_storage.path(name)
            if not found:
                raise RefusedURL(url)
            with open(found, "rb") as handle:
                body = handle.read()
        elif path.startswith(settings.MEDIA_URL):
            with default_storage.open(path.removeprefix(settings.MEDIA_URL), "rb") as handle:
                body = handle.read()
        else:
            raise RefusedURL(url)
        return URLFetcherResponse(url, body, headers={"Content-Type": mime_type})
