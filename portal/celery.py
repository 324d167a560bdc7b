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
}
