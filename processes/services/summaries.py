"""The summary's PDF, built once per process version and language.

``summary_pdf_request`` finds or creates the ``SummaryPdf`` row of the
process's current version; the unique row is the lock, so of two requests for
the same version only the one that created it queues a build (with eager
tasks, the embedded default, the build runs inline). ``summary_pdf_retry``
queues a failed build again, once however many ask. ``summary_pdf_build`` is
what the task runs.
"""

import time

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation

from portal.pdf import render_pdf
from portal.selectors import municipality_base_url
from processes.models import Process, SummaryPdf
from processes.summary import summary_sections

TEMPLATE = "processes/summary.html"


def summary_context(process: Process, *, base_url: str | None = None) -> dict:
    """What the summary's template shows; ``base_url`` starts the links back to
    the portal (the page takes it from its request; the PDF's build looks it up)."""
    return {
        "process": process,
        "sections": summary_sections(process),
        "made_at": timezone.now(),
        "base_url": base_url or municipality_base_url(process.municipality),
        "for_pdf": False,
        "pdf": None,
    }


def _queue(row: SummaryPdf) -> None:
    """With eager tasks (the embedded default) the build runs inline, now."""
    from portal.celery import app
    from processes.tasks import build_summary_pdf

    if app.conf.task_always_eager:
        summary_pdf_build(row.pk)
    else:
        transaction.on_commit(lambda: build_summary_pdf.delay(row.pk))


_LATEST_PDF_FIELDS = ("pk", "version", "status", "size")


def summary_pdf_columns() -> dict:
    """Annotations for the process's own query (``process_for``): its latest
    PDF in the active language, which ``summary_pdf_current`` reads."""
    latest = SummaryPdf.objects.filter(
        process=OuterRef("pk"), language=translation.get_language()
    ).order_by("-pk")
    return {f"latest_pdf_{name}": Subquery(latest.values(name)[:1]) for name in _LATEST_PDF_FIELDS}


def summary_pdf_current(process: Process) -> SummaryPdf | None:
    """The PDF of the process's current version in the active language, if one
    was asked for: its latest PDF, read with the process (``summary_pdf_columns``),
    when that is of the current version."""
    if process.latest_pdf_pk is None or process.latest_pdf_version != process.content_version:
        return None
    fields = {name: getattr(process, f"latest_pdf_{name}") for name in _LATEST_PDF_FIELDS}
    return SummaryPdf(process=process, language=translation.get_language(), **fields)


def summary_pdf_request(process: Process) -> SummaryPdf:
    """The row of the current version, its build queued if it is new."""
    key = {
        "process": process,
        "version": process.content_version,
        "language": translation.get_language(),
    }
    row = SummaryPdf.objects.filter(**key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            row = SummaryPdf.objects.create(**key)
    except IntegrityError:
        return SummaryPdf.objects.get(**key)
    _queue(row)
    row.refresh_from_db()
    return row


def summary_pdf_retry(row: SummaryPdf) -> SummaryPdf:
    claimed = SummaryPdf.objects.filter(pk=row.pk, status=SummaryPdf.Status.FAILED).update(
        status=SummaryPdf.Status.PENDING, error=""
    )
    if claimed:
        _queue(row)
    row.refresh_from_db()
    return row


def summary_pdf_build(pk: int) -> None:
    with transaction.atomic():
        row = (
            SummaryPdf.objects.select_for_update()
            .select_related("process__municipality")
            .filter(pk=pk, status=SummaryPdf.Status.PENDING)
            .first()
        )
        if row is None:
            return
        started = time.perf_counter()
        try:
            with translation.override(row.language):
                pdf = render_pdf(TEMPLATE, summary_context(row.process))
        except Exception as error:  # noqa: BLE001 - the page shows it; the row can be retried
            row.status = SummaryPdf.Status.FAILED
            row.error = f"{type(error).__name__}: {error}"[:2000]
            row.builds += 1
            row.save(update_fields=["status", "error", "builds", "updated_at"])
            return
        row.file.save(f"{row.process.slug}-{row.pk}.pdf", ContentFile(pdf), save=False)
        row.size = len(pdf)
        row.build_seconds = time.perf_counter() - started
        row.status = SummaryPdf.Status.READY
        row.builds += 1
        row.save()
