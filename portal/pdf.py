"""Every PDF the portal makes: one HTML template rendered by WeasyPrint.

    pdf_bytes = render_pdf("processes/summary.html", context, request=request)

The document is PDF/UA-1 (tagged: headings, lists, tables and figures keep
their structure), its language is the ``lang`` of the page's ``<html>`` (the
active language), its title is the page's ``<title>`` and its author the
``<meta name="author">`` (templates set the municipality there). Static files
(the stylesheets, the self-hosted Inter fonts from ``@fontsource/inter``) are
read from the static finders and media (the municipality's logo) from the
media storage, never over the network (``portal.pdf_fetch``).

Templates style the print with ``static/css/print.css`` (running header, page
numbers, a table of contents with ``target-counter``, ``break-inside: avoid``
on items); headings ``h1``–``h3`` become the bookmarks.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF/UA document for an HTML page made for print."""
    # WeasyPrint takes 1.7 s to import: loaded here, only a process that makes
    # a PDF pays for it, not every web and worker process that loads the views.
    from weasyprint import HTML

    from portal.pdf_fetch import BASE_URL, PortalFetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render ``template_name`` with ``for_pdf`` set and make it a PDF."""
    context = {**context, "for_pdf": True, "LANGUAGE_CODE": get_language()}
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)
