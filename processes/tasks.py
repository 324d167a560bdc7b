"""The processes' thin tasks: periodic work run by Celery beat (portal/celery.py)
and the summary PDFs built on demand."""

from celery import shared_task

from processes.services.arenas import arena_reminders_send
from processes.services.summaries import summary_pdf_build


@shared_task
def send_arena_reminders() -> int:
    """Remind everyone with a seat at an arena that starts tomorrow (once)."""
    return arena_reminders_send()


@shared_task(ignore_result=True)
def build_summary_pdf(pk: int) -> None:
    summary_pdf_build(pk)
