"""Beat's nightly retention run: constructed old data goes, fresh data stays,
and a second run removes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from participants.models import DataExport, Notification, NotificationState, User
from participants.privacy import retention_run
from portal.celery import app
from portal.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _attempt(username: str, when):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
    return attempt


def _audit(municipality, when):
    entry = AuditEntry.objects.create(
        municipality=municipality,
        action="x",
        target_type="x",
        target_id="1",
        target_label="x",
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def old_and_fresh(db, make_user, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    now = timezone.now()
    long_ago = now - timedelta(days=400)
    data = {"now": now}
    data["old_unconfirmed"] = make_user("gammel@example.org", "Gammel", email_verified_at=None)
    User.objects.filter(pk=data["old_unconfirmed"].pk).update(date_joined=now - timedelta(days=8))
    data["fresh_unconfirmed"] = make_user("ny@example.org", "Ny", email_verified_at=None)
    data["active"] = make_user("aktiv@example.org", "Aktiv", last_login=now)
    expired = DataExport.objects.create(
        user=data["active"],
        status=DataExport.Status.READY,
        expires_at=now - timedelta(hours=1),
    )
    expired.file.save("gammel.zip", ContentFile(b"zip"), save=True)
    data["expired_file"] = expired.file.path
    data["fresh_export"] = DataExport.objects.create(
        user=data["active"], status=DataExport.Status.READY, expires_at=now + timedelta(days=3)
    )
    data["old_attempt"] = _attempt("a@example.org", now - timedelta(days=31))
    data["fresh_attempt"] = _attempt("b@example.org", now - timedelta(days=1))
    old_read = Notification.objects.create(
        recipient=data["active"], kind="x", state=NotificationState.SENT, read_at=long_ago
    )
    data["old_read"] = old_read
    data["unread"] = Notification.objects.create(
        recipient=data["active"], kind="x", state=NotificationState.SENT, created_at=long_ago
    )
    data["fresh_read"] = Notification.objects.create(
        recipient=data["active"], kind="x", state=NotificationState.SENT, read_at=now
    )
    data["old_audit"] = _audit(municipality, now - timedelta(days=365 * 11))
    data["fresh_audit"] = _audit(municipality, now - timedelta(days=365 * 9))
    old_session = SessionStore()
    old_session["x"] = 1
    old_session.create()
    Session.objects.filter(session_key=old_session.session_key).update(
        expire_date=now - timedelta(days=1)
    )
    data["old_session"] = old_session.session_key
    fresh_session = SessionStore()
    fresh_session["x"] = 1
    fresh_session.create()
    data["fresh_session"] = fresh_session.session_key
    return data


def test_old_data_is_removed_and_fresh_data_kept(old_and_fresh):
    import os

    from axes.models import AccessAttempt

    data = old_and_fresh
    counts = retention_run()

    assert not User.objects.filter(pk=data["old_unconfirmed"].pk).exists()
    assert User.objects.filter(pk=data["fresh_unconfirmed"].pk).exists()
    assert User.objects.filter(pk=data["active"].pk).exists()
    assert list(DataExport.objects.values_list("pk", flat=True)) == [data["fresh_export"].pk]
    assert not os.path.exists(data["expired_file"])
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [data["fresh_attempt"].pk]
    assert set(Notification.objects.values_list("pk", flat=True)) == {
        data["unread"].pk,
        data["fresh_read"].pk,
    }
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [data["fresh_audit"].pk]
    assert not Session.objects.filter(session_key=data["old_session"]).exists()
    assert Session.objects.filter(session_key=data["fresh_session"]).exists()
    assert counts["unconfirmed_registrations"] == 1
    assert counts["data_exports"] == 1
    assert counts["participants.Notification"] == 1


def test_a_second_run_removes_nothing(old_and_fresh):
    retention_run()
    again = retention_run()
    assert {name: count for name, count in again.items() if count} == {}


def test_each_run_logs_counts_not_content(old_and_fresh, caplog):
    with caplog.at_level("INFO", logger="medspill.privacy"):
        retention_run()
    logged = caplog.text
    assert "unconfirmed_registrations=1" in logged
    assert "gammel@example.org" not in logged
    assert "Gammel" not in logged


def test_beat_runs_the_retention_every_night():
    entries = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "participants.tasks.privacy_retention" in entries


def test_an_inactive_account_is_warned_then_deleted_if_still_inactive(
    make_user, municipality, settings, django_capture_on_commit_callbacks
):
    from processes.models import Contribution, Need, Process, Round
    from processes.services.contributions import contribution_add

    municipality.inactive_account_months = 12
    municipality.save(update_fields=["inactive_account_months"])
    now = timezone.now()
    sleeper = make_user("sover@example.org", "Sovende Sara", last_login=now - timedelta(days=400))
    User.objects.filter(pk=sleeper.pk).update(date_joined=now - timedelta(days=800))
    awake = make_user("vaken@example.org", "Våken", last_login=now - timedelta(days=30))
    process = Process.objects.create(
        municipality=municipality,
        title="T",
        slug="t",
        summary="s",
        problem_statement="p",
        status=Process.Status.OPEN,
    )
    Round.objects.create(process=process, number=1)
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Benker", who_has_need="Eldre"),
        process=process,
        author=sleeper,
        status=Need.Status.RECEIVED,
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = retention_run()
    assert first["inactive_warned"] == 1
    warning = Notification.objects.get(kind="inactive_account_warning")
    assert warning.recipient == sleeper
    assert [message.to for message in mail.outbox] == [["sover@example.org"]]
    assert "Sovende Sara" in mail.outbox[0].body
    # The next night: warned already, not yet past the grace period.
    assert retention_run()["inactive_deleted"] == 0
    assert User.objects.filter(pk=sleeper.pk).exists()

    later = now + timedelta(days=settings.INACTIVE_ACCOUNT_GRACE_DAYS + 1)
    with time_machine.travel(later):
        counts = retention_run()
    assert counts["inactive_deleted"] == 1
    assert not User.objects.filter(pk=sleeper.pk).exists()
    assert User.objects.filter(pk=awake.pk).exists()
    need.refresh_from_db()
    assert need.author is None
    with time_machine.travel(later):
        assert retention_run()["inactive_deleted"] == 0


def test_logging_in_after_the_warning_keeps_the_account(make_user, settings):
    now = timezone.now()
    person = make_user("kari@example.org", "Kari", last_login=now - timedelta(days=2000))
    retention_run()
    person.refresh_from_db()
    assert person.inactive_warning_sent_at is not None
    User.objects.filter(pk=person.pk).update(last_login=timezone.now() + timedelta(seconds=1))
    with time_machine.travel(now + timedelta(days=settings.INACTIVE_ACCOUNT_GRACE_DAYS + 1)):
        counts = retention_run()
    assert counts["inactive_warnings_cleared"] == 1
    assert User.objects.filter(pk=person.pk).exists()
