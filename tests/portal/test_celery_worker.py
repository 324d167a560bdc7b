"""A task travels from the web process through Redis to a real worker,
which writes to PostgreSQL: the path every notification takes."""

import pytest

from portal.models import Heartbeat
from portal.tasks import heartbeat

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]


@pytest.fixture(scope="module")
def running_worker(django_db_setup, django_db_blocker):
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    assert not app.conf.task_always_eager, "a real worker needs eager mode off"
    with django_db_blocker.unblock():
        app.control.purge()  # nothing left over from an earlier run
        with start_worker(app, perform_ping_check=False, loglevel="WARNING") as worker:
            yield worker


@pytest.mark.django_db(transaction=True)
def test_a_task_goes_through_redis_to_a_worker_that_writes_to_postgresql(running_worker):
    result = heartbeat.delay("test")

    result.get(timeout=30)
    beat = Heartbeat.objects.get(name="test")
    assert beat.beat_at is not None
    assert result.successful()
