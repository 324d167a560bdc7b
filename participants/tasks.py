"""Thin tasks: the outbox's delivery and its sweeper, the daily digests,
Mine data downloads and the nightly retention run.

Both are safe to run twice: a row is claimed under a lock, read again, and
marked sent right after it was sent (``participants.delivery``). ``acks_late`` with
``reject_on_worker_lost`` (and prefetch 1, in the settings) puts a task back
in the queue when its worker dies; what Redis still loses, the sweeper finds.
"""

from celery import shared_task

from participants import delivery, digest


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, ignore_result=True
)
def deliver_notifications(self, ids: list[int]) -> int:
    """Send the outbox rows ``ids`` that are still pending; retry the ones that
    failed for now (4xx, no connection) with backoff. Each row's own attempts
    end the retries (``NOTIFICATION_MAX_ATTEMPTS``). Run eagerly (no Redis),
    a failed row waits for the sweeper instead of holding up the request."""
    wait = delivery.retry_delay(self.request.retries)
    outcome = delivery.deliver(ids, retry_in=wait)
    if outcome.retry and not self.request.is_eager:
        raise self.retry(args=[outcome.retry], countdown=wait)
    return len(outcome.sent)


@shared_task(ignore_result=True)
def sweep_notifications(older_than: float | None = None) -> int:
    """Queue again the rows left pending longer than ``older_than`` seconds
    (``NOTIFICATION_SWEEP_AFTER_SECONDS``), in batches; returns how many."""
    queued = 0
    for ids in delivery.sweep(older_than=older_than):
        # Marked before the task is queued: an UPDATE still holding the rows
        # when the worker claims them would make it skip them as taken.
        delivery.mark_queued(ids)
        deliver_notifications.delay(ids)
        queued += len(ids)
    return queued


@shared_task
def send_digests() -> int:
    """Hourly: today's digest for every person whose municipality's hour has come."""
    return digest.digests_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def build_data_export(export_id: int, base_url: str) -> None:
    """Build a Mine data download (safe to run twice: a built one is left alone)."""
    from participants.privacy import data_export_build

    data_export_build(export_id=export_id, base_url=base_url)


@shared_task
def privacy_retention() -> dict[str, int]:
    """Beat's nightly run: remove what the inventory says is kept no longer."""
    from participants.privacy import retention_run

    return retention_run()
