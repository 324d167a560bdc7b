"""The Celery app: `celery -A portal worker` and `celery -A portal beat`."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic schedule lives here, in one place.
app.conf.beat_schedule = {
    "portal-heartbeat": {
        "task": "portal.tasks.heartbeat",
        "schedule": crontab(minute="*/5"),
    },
    # Each municipality's digest goes out in the first run after its digest_hour.
    "notification-digests": {
        "task": "participants.tasks.send_digests",
        "schedule": crontab(minute=0),
    },
    # Personvern: remove what the inventory says is kept no longer.
    "participants-privacy-retention": {
        "task": "participants.tasks.privacy_retention",
        "schedule": crontab(hour=3, minute=17),
    },
    # The day before an arena: every run reminds whom the last one did not.
    "arena-reminders": {
        "task": "processes.tasks.send_arena_reminders",
        "schedule": crontab(minute=30),
    },
    # Rows the outbox's tasks lost (a killed worker, Redis away): see
    # NOTIFICATION_SWEEP_AFTER_SECONDS for how long a row waits first.
    "notifications-sweep": {
        "task": "participants.tasks.sweep_notifications",
        "schedule": crontab(minute="*"),
    },
}
