"""Every PDF the portal makes: one HTML template rendered by WeasyPrint.

    pdf_bytes = render_pdf("processes/summary.html", context, request=request)

The document is PDF/UA-1 (tagged: headings, lists, tables and figures keep
their structure), its language is the ``lang`` of the page's ``<html>`` (the
active language), its title is the page's ``<title>`` and its author the
``<meta name="author">`` (templates set the municipality there). Static files
(the stylesheets, the self-hosted Inter fonts from ``@fontsource/inter``) are
read from the static finders and media (the municipality's logo) from the
media storage, never over the network: a URL that is neither is refused, so a
PDF never fetches from a CDN or from an address found in someone's input.

Templates style the print with ``static/css/print.css`` (running header, page
numbers, a table of contents with ``target-counter``, ``break-inside: avoid``
on items); headings ``h1``–``h3`` become the bookmarks.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
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


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF/UA document for an HTML page made for print."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render ``template_name`` with ``for_pdf`` set and make it a PDF."""
    context = {**context, "for_pdf": True, "LANGUAGE_CODE": get_language()}
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)
