"""The outbox: one task per transaction after commit, nothing for what was
rolled back, a failing address left alone, the sweeper's batches, and a task
that drains other due rows but never one another worker holds.

Tasks run eagerly here, as on the embedded default; Celery's own
``task_prerun`` signal tells which ids each task was given.
"""

import pytest
from celery.signals import task_prerun
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from participants.models import Notification, NotificationState
from participants.outbox import notify
from participants.tasks import sweep_notifications
from tests.delivery_support import SmtpRecorder

BASE_URL = "http://testserver/"


@pytest.fixture
def tasks():
    """The ids each delivery task was started with, in order."""
    started: list[list[int]] = []

    def record(sender=None, args=None, **kwargs):
        if sender.name == "participants.tasks.deliver_notifications":
            started.append(list(args[0]))

    task_prerun.connect(record, weak=False)
    yield started
    task_prerun.disconnect(record)


def _notify(person) -> Notification:
    return notify(kind="registration_attempt", recipient=person, facts={"base_url": BASE_URL})


def _unqueued(person) -> Notification:
    """A pending row whose task was lost: in the outbox, in no queue."""
    return Notification.objects.create(
        kind="registration_attempt", recipient=person, facts={"base_url": BASE_URL}
    )


@pytest.mark.django_db(transaction=True)
def test_every_notification_of_one_transaction_goes_in_one_task(tasks, citizen, mailoutbox):
    with transaction.atomic():
        ids = [_notify(citizen).pk for _ in range(3)]
        assert tasks == []  # nothing before the commit

    assert tasks == [ids]
    assert len(mailoutbox) == 3
    assert {m.extra_headers["X-Medspill-Notification-Id"] for m in mailoutbox} == set(map(str, ids))


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_queues_nothing_and_leaves_nothing_for_the_next(
    tasks, citizen, mailoutbox
):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(citizen)
        _notify(citizen)
        raise RuntimeError("the change failed")
    assert tasks == []
    assert not Notification.objects.exists()

    with transaction.atomic():
        kept = [_notify(citizen).pk, _notify(citizen).pk]

    assert tasks == [kept]
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_inner_block_leaves_its_rows_out_of_the_task(tasks, citizen, mailoutbox):
    with transaction.atomic():
        try:
            with transaction.atomic():
                _notify(citizen)  # the transaction's first: then rolled back
                raise ValueError
        except ValueError:
            pass
        first = _notify(citizen).pk
        with transaction.atomic():
            second = _notify(citizen).pk

    assert tasks == [[first, second]]
    assert Notification.objects.count() == 2
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_notification_is_queued_at_once(tasks, citizen):
    row = _notify(citizen)

    assert tasks == [[row.pk]]
    row.refresh_from_db()
    assert row.state == NotificationState.SENT


@pytest.mark.django_db
def test_a_failing_address_gets_no_mail_but_keeps_its_inbox(
    citizen, mailoutbox, django_capture_on_commit_callbacks
):
    citizen.email_failing_since = timezone.now()
    citizen.save(update_fields=["email_failing_since"])

    with django_capture_on_commit_callbacks(execute=True):
        row = notify(kind="registration_attempt", recipient=citizen, facts={"base_url": BASE_URL})

    row.refresh_from_db()
    assert row.state == NotificationState.NOT_MAILED
    assert row.in_inbox
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_link_the_person_asks_for_is_sent_even_to_a_failing_address_and_clears_the_mark(
    citizen, mailoutbox, django_capture_on_commit_callbacks
):
    from participants.services import user_send_password_reset

    citizen.email_failing_since = timezone.now()
    citizen.email_failure = "550 5.1.1 No such user here"
    citizen.save(update_fields=["email_failing_since", "email_failure"])

    with django_capture_on_commit_callbacks(execute=True):
        user_send_password_reset(user=citizen, protocol="http", domain="testserver")

    assert len(mailoutbox) == 1
    citizen.refresh_from_db()
    assert (citizen.email_failing_since, citizen.email_failure) == (None, "")


@pytest.mark.django_db
def test_a_verification_mail_whose_account_was_verified_meanwhile_is_not_sent(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    from participants.services import user_send_verification

    person = make_user("ny@example.org", "Ny Person", email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_send_verification(user=person, base_url=BASE_URL)
    person.email_verified_at = timezone.now()
    person.save(update_fields=["email_verified_at"])
    for callback in callbacks:
        callback()

    assert mailoutbox == []
    assert Notification.objects.get().state == NotificationState.NOT_MAILED


@pytest.mark.django_db
def test_a_task_that_runs_twice_mails_once(citizen, mailoutbox, django_capture_on_commit_callbacks):
    from participants.tasks import deliver_notifications

    with django_capture_on_commit_callbacks(execute=True):
        row = _notify(citizen)
    deliver_notifications.apply(args=[[row.pk]])

    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert (row.state, row.attempts) == (NotificationState.SENT, 1)


@pytest.mark.django_db
def test_the_sweeper_queues_old_pending_rows_in_batches_and_leaves_fresh_ones(
    tasks, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # a lost broker message
        old = [_notify(citizen).pk for _ in range(5)]
        fresh = _notify(citizen).pk
    Notification.objects.filter(pk__in=old).update(
        queued_at=timezone.now() - timezone.timedelta(minutes=10)
    )

    swept_at = timezone.now()
    # No draining here: each task sends only the batch it was given.
    with override_settings(NOTIFICATION_SWEEP_BATCH=2, NOTIFICATION_DRAIN=0):
        queued = sweep_notifications()

    assert queued == 5
    # Each batch is marked before its task is queued (the eager task then
    # sends it): an UPDATE still holding the rows would make the worker skip them.
    assert all(row.queued_at >= swept_at for row in Notification.objects.filter(pk__in=old))
    assert tasks == [old[0:2], old[2:4], old[4:5]]
    assert len(mailoutbox) == 5
    assert Notification.objects.get(pk=fresh).state == NotificationState.PENDING
    assert sweep_notifications() == 0  # rerunning it queues nothing more


@pytest.mark.django_db
def test_eagerly_a_temporary_failure_leaves_the_row_for_its_retry_not_the_request(
    citizen, django_capture_on_commit_callbacks
):
    smtp = SmtpRecorder().start()
    smtp.answer_451_times(1)
    mailers = {
        "default": {
            "BACKEND": "portal.mail.SmtpEmailBackend",
            "OPTIONS": {"host": smtp.host, "port": smtp.port, "use_tls": False, "timeout": 5},
        }
    }
    try:
        with override_settings(MAILERS=mailers, NOTIFICATION_RETRY_SECONDS=30):
            with django_capture_on_commit_callbacks(execute=True):
                row = _notify(citizen)  # the 451 does not reach the caller
            row.refresh_from_db()
            assert (row.state, row.attempts) == (NotificationState.PENDING, 1)
            assert row.last_error.startswith("451 4.7.1")
            assert row.queued_at > timezone.now()  # the sweeper waits for its retry
            assert sweep_notifications(older_than=0) == 0

            assert sweep_notifications(older_than=-60) == 1
    finally:
        smtp.stop()
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (NotificationState.SENT, 2, "")
    assert smtp.count([row.pk]) == {"expected": 1, "received": 1, "lost": 0, "duplicates": 0}


@pytest.mark.django_db(transaction=True)
def test_with_no_mail_server_the_batch_waits_and_only_the_first_row_counts_a_try(citizen):
    from tests.delivery_support import free_port

    mailers = {
        "default": {
            "BACKEND": "portal.mail.SmtpEmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "use_tls": False, "timeout": 2},
        }
    }
    with override_settings(MAILERS=mailers), transaction.atomic():
        ids = [_notify(citizen).pk for _ in range(3)]

    rows = Notification.objects.filter(pk__in=ids).order_by("pk")
    assert [row.state for row in rows] == [NotificationState.PENDING] * 3
    assert [row.attempts for row in rows] == [1, 0, 0]
    assert "Connection refused" in rows[0].last_error


@pytest.mark.django_db
def test_a_task_also_sends_other_due_rows_but_not_those_waiting_for_a_retry(citizen, mailoutbox):
    from participants.delivery import deliver

    due = [_unqueued(citizen).pk for _ in range(3)]
    waiting = _unqueued(citizen).pk
    Notification.objects.filter(pk=waiting).update(
        queued_at=timezone.now() + timezone.timedelta(minutes=5)
    )

    with override_settings(NOTIFICATION_DRAIN=10):
        outcome = deliver([due[0]])

    assert sorted(outcome.sent) == due
    assert Notification.objects.get(pk=waiting).state == NotificationState.PENDING
    assert len(mailoutbox) == 3


def _other_worker():
    """Another worker's database session: a second connection of its own."""
    import psycopg
    from django.db import connection

    settings_dict = connection.settings_dict
    return psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
        autocommit=True,
    )


@pytest.mark.django_db
def test_a_row_another_worker_holds_is_left_to_it_and_sent_once_it_lets_go(citizen, mailoutbox):
    """The other worker is a second connection holding the row's advisory lock."""
    from participants.delivery import _LOCK_SPACE, deliver

    held, free = _unqueued(citizen).pk, _unqueued(citizen).pk
    other = _other_worker()
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [_LOCK_SPACE + held])
        assert deliver([held, free]).sent == [free]
        assert Notification.objects.get(pk=held).state == NotificationState.PENDING
    finally:
        other.close()  # a worker that dies lets go the same way

    assert deliver([held]).sent == [held]
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_a_worker_beside_another_skips_the_rows_it_holds_and_drains_the_next_due_ones(
    citizen, mailoutbox
):
    """Two workers send side by side: the second takes the next batch instead
    of finding the first one's batch locked and sending only its own row."""
    from participants.delivery import _LOCK_SPACE, deliver

    rows = [_unqueued(citizen).pk for _ in range(6)]
    held, due, own = rows[:2], rows[2:4], rows[5]
    other = _other_worker()
    try:
        for pk in held:
            other.execute("SELECT pg_advisory_lock(%s)", [_LOCK_SPACE + pk])
        with override_settings(NOTIFICATION_DRAIN=2):
            outcome = deliver([own])
        still = Notification.objects.filter(pk__in=[*held, rows[4]])
        assert sorted(outcome.sent) == sorted([*due, own])
        assert set(still.values_list("state", flat=True)) == {NotificationState.PENDING}
        # No lock is left behind on a row the claim looked at but did not take.
        free = other.execute(
            "SELECT pg_try_advisory_lock(%s), pg_try_advisory_lock(%s)",
            [_LOCK_SPACE + rows[4], _LOCK_SPACE + own],
        ).fetchone()
        assert free == (True, True)
    finally:
        other.close()
    assert len(mailoutbox) == 3
