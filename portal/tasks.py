from celery import shared_task

from portal.services import heartbeat_record


@shared_task
def heartbeat(name: str = "worker") -> None:
    """Proves a worker is alive; beat schedules it and /healthz reports its age."""
    heartbeat_record(name=name)
