"""The process summary for politicians, on screen and as PDF (processes.summary)."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from portal.http import render_page
from portal.pagecache import page_cache
from processes.models import SummaryPdf
from processes.selectors import summary_page_version
from processes.services.summaries import (
    summary_context,
    summary_pdf_columns,
    summary_pdf_current,
    summary_pdf_request,
    summary_pdf_retry,
)
from processes.views.access import process_for

TEMPLATE = "processes/summary.html"


@require_safe
@page_cache(version=summary_page_version)
def summary(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug, **summary_pdf_columns())
    # The request came to one of the municipality's own host names.
    base_url = request.build_absolute_uri("/").removesuffix("/")
    context = {**summary_context(process, base_url=base_url), "pdf": summary_pdf_current(process)}
    return render_page(request, TEMPLATE, context)


@require_safe
def summary_pdf_status(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug, **summary_pdf_columns())
    context = {"process": process, "pdf": summary_pdf_current(process)}
    return render_page(request, "processes/summary/_pdf_status.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def summary_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The PDF of the current version at once if it is built; otherwise its
    build is asked for and the visitor waits on the summary page. A POST
    retries a failed build."""
    process = process_for(request, slug)
    row = summary_pdf_request(process)
    if request.method == "POST" and row.status == SummaryPdf.Status.FAILED:
        row = summary_pdf_retry(row)
    if request.method != "POST" and row.status == SummaryPdf.Status.READY:
        return FileResponse(
            row.file.open("rb"),
            content_type="application/pdf",
            filename=f"{process.slug}-sammendrag.pdf",
        )
    return redirect(reverse("processes:summary", args=[slug]) + "#pdf")
