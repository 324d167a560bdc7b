"""The report across processes for the council, and a process's open data."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.http import render_page
from portal.pdf import render_pdf
from portal.rules import municipality_rights_for
from processes import open_data
from processes.report import period_form, report_for
from processes.views.access import process_for, refuse


def _report(request: HttpRequest):
    """The period form as asked, and the report when the period is valid."""
    form = period_form(request.GET)
    if not form.is_valid():
        return form, None
    return form, report_for(
        user=request.user,
        municipality=request.municipality,
        start=form.cleaned_data["fra"],
        end=form.cleaned_data["til"],
    )


@never_cache
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    """Every process the reader may see, for a period (this year so far unless asked)."""
    verdict = municipality_rights_for(request.user, request.municipality).see_report
    if not verdict:
        return refuse(request, verdict)
    form, result = _report(request)
    return render_page(request, "processes/report.html", {"form": form, "report": result})


@never_cache
@require_safe
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The same report as a tagged PDF for the council; a bad period gets the
    page with its errors. A few processes' rows: built in the request."""
    verdict = municipality_rights_for(request.user, request.municipality).see_report
    if not verdict:
        return refuse(request, verdict)
    form, result = _report(request)
    if result is None:
        return render_page(request, "processes/report.html", {"form": form, "report": None})
    document = render_pdf("processes/report_pdf.html", {"report": result}, request=request)
    response = HttpResponse(document, content_type="application/pdf")
    name = f"rapport-{result.start:%Y-%m-%d}-{result.end:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def data_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The open data files of a process, and what each column holds."""
    process = process_for(request, slug)
    context = {
        "process": process,
        "columns": open_data.COLUMNS,
        "timeline_column": open_data.TIMELINE_COLUMN,
        "timeline_columns": open_data.TIMELINE_COLUMNS,
    }
    return render_page(request, "processes/open_data.html", context)


@require_safe
def data_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    process = process_for(request, slug)
    response = StreamingHttpResponse(
        open_data.csv_lines(process), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-innspill.csv"'
    return response


@require_safe
def data_json(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    process = process_for(request, slug)
    url = request.build_absolute_uri(process.get_absolute_url())
    response = StreamingHttpResponse(
        open_data.json_chunks(process, url=url), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-innspill.json"'
    return response
