"""Deliver outbox rows: claimed in a batch under advisory locks, each sent and marked at once.

``deliver(ids)`` claims the pending rows among ``ids`` and up to
``NOTIFICATION_DRAIN`` other pending rows that are due, the oldest first (so a
worker behind a queue of one-row tasks sends in batches, and the tasks for
rows it took find nothing left to do). A row is claimed with a session-level
advisory lock on PostgreSQL (``pg_try_advisory_lock``): a row another worker
holds is being sent, and is skipped for the next due one, so workers send
side by side; after the lock the row is read again, so one no longer pending
(sent meanwhile) is skipped too. Each row is handed to its channel and
marked sent in its own statement right after the channel returns, so a task
that runs twice never sends twice. A killed worker's connection closes and
PostgreSQL drops its locks at once: its rows are free for the next task or
the sweeper. A duplicate can only come from a worker that dies between the
server's acceptance and that one update (or a PostgreSQL crash that forgets
the last marks: they are committed without waiting for the disk).

What a failure does:

- temporary (a 4xx answer, no connection, anything unexpected): the row stays
  pending with ``attempts`` and ``last_error``, and the task retries it with
  backoff; after ``NOTIFICATION_MAX_ATTEMPTS`` it is ``FAILED``. When the
  server cannot be reached at all the rest of the batch waits for the retry.
- permanent for the address (a 5xx answer to the recipient or the message):
  the row is ``FAILED`` and the person's address is marked failing
  (``User.email_failing_since``): the portal shows it to them, and their rows
  are ``NOT_MAILED`` (still in the inbox) until they ask to try again.

Channels: a channel renders and sends one notification, through ``send``.
E-mail is the only one today (``EmailChannel``, Django's default mailer from
``MAILERS``); an SMS or push channel is one more class with ``send`` and
``close``, and ``channel_for`` choosing it.
"""

import logging
import smtplib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.core.signals import setting_changed
from django.db import DatabaseError, connection
from django.dispatch import receiver
from django.utils import timezone, translation

from participants import account_emails, unsubscribe
from participants.models import Notification, NotificationState, User
from portal.emails import make_message
from portal.language import reader_language
from portal.selectors import municipality_base_url

logger = logging.getLogger(__name__)

HEADER = "X-Medspill-Notification-Id"


def headers(notification: Notification) -> dict[str, str]:
    """The headers one notification's e-mail carries, besides the usual ones:
    its id, and one-click unsubscribe for what a person's choices send."""
    return {HEADER: str(notification.pk), **unsubscribe.headers(notification)}


def context(notification: Notification) -> dict:
    """What the templates of a kind see: the row, its person and its facts."""
    return {
        "notification": notification,
        "recipient": notification.recipient,
        **notification.facts,
        **account_emails.context(notification),
    }


class EmailChannel:
    """E-mail through Django's default mailer.

    The connection stays open from one task to the next in a worker process
    (a task often carries one row: a new SMTP session for each would cost
    more than the message). One idle for a while is asked with NOOP first.
    """

    IDLE_SECONDS = 30

    def __init__(self) -> None:
        self.connection = None
        self.used_at = 0.0

    def open(self) -> None:
        self.connection = mailers.default
        self.connection.open()
        self.used_at = time.monotonic()

    def _check(self) -> None:
        if self.connection is None:
            self.open()
            return
        session = getattr(self.connection, "connection", None)  # smtplib.SMTP, when SMTP
        if session is not None and time.monotonic() - self.used_at > self.IDLE_SECONDS:
            try:
                session.noop()
            except (smtplib.SMTPException, OSError):
                self.close()
                self.open()

    def send(self, notification: Notification) -> None:
        with translation.override(
            reader_language(notification.recipient, notification.municipality)
        ):
            message = make_message(
                f"notifications/{notification.kind}",
                notification.address,
                context(notification),
                headers=headers(notification),
            )
        self._check()
        self.connection.send_messages([message])
        self.used_at = time.monotonic()

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is None:
            return
        try:
            connection.close()
        except Exception:  # a dead connection may fail to say goodbye
            logger.debug("closing the mail connection failed", exc_info=True)


# The channels of this thread, kept open between tasks (a thread of its own
# for each, as an eager task in a threaded web server runs in its request's).
_local = threading.local()


def _channels() -> dict[str, EmailChannel]:
    if not hasattr(_local, "channels"):
        _local.channels = {}
    return _local.channels


def channel_for(notification: Notification) -> EmailChannel:
    return _channels().setdefault("email", EmailChannel())


def send(notification: Notification) -> None:
    """The one sending function: the notification's channel sends it."""
    channel_for(notification).send(notification)


def close_channels() -> None:
    """After a failure, or when the process is done: every channel starts afresh."""
    for channel in _channels().values():
        channel.close()


@receiver(setting_changed)
def _mailers_changed(*, setting: str, **kwargs) -> None:
    if setting in ("MAILERS", "EMAIL_BACKEND"):
        close_channels()


class Unreachable(Exception):
    """No server to talk to: the rest of the batch waits for the retry too."""


@dataclass
class Failure:
    error: str
    permanent: bool = False
    unreachable: bool = False


def classify(error: Exception) -> Failure:
    """Sort a sending error into temporary, permanent for the address, or unreachable."""
    text = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        permanent = bool(answers) and all(code >= 500 for code, _message in answers)
        return Failure(_answer(*answers[0]) if answers else text, permanent=permanent)
    if isinstance(error, smtplib.SMTPDataError):
        return Failure(_answer(error.smtp_code, error.smtp_error), permanent=error.smtp_code >= 500)
    if isinstance(
        error,
        smtplib.SMTPServerDisconnected
        | smtplib.SMTPConnectError
        | smtplib.SMTPHeloError
        | smtplib.SMTPAuthenticationError,
    ):
        # Not the address's fault: our server or our credentials.
        return Failure(text, unreachable=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return Failure(text)  # e.g. our sender refused, or 421: try again later
    if isinstance(error, OSError):
        return Failure(text, unreachable=True)  # refused, reset, timed out
    return Failure(text)


def _answer(code: int, message: bytes | str) -> str:
    """The server's answer as it said it: "550 5.1.1 No such user"."""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {message}"[:500]


@dataclass
class Outcome:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    not_mailed: list[int] = field(default_factory=list)


# The advisory lock of row ``pk`` is ``_LOCK_SPACE + pk``: a key space of its own.
_LOCK_SPACE = 0x4D53 << 40

# How far past ``NOTIFICATION_DRAIN`` rows a claim looks: a worker beside
# others skips the rows they hold and takes the next due ones, so workers
# send side by side instead of queueing behind one batch.
DRAIN_REACH = 4

# Its own ids first, then the oldest due rows, each with whether its lock was
# got. Every candidate is tried, and the ones beyond what the task takes are
# let go at once: a LIMIT after the locking function would not bound which
# rows it locks (PostgreSQL may run the function before the LIMIT).
_CLAIM = """
WITH candidates AS MATERIALIZED (
    (SELECT id, queued_at, 0 AS rank FROM {table}
     WHERE id = ANY(%(ids)s) AND state = %(pending)s)
    UNION ALL
    (SELECT id, queued_at, 1 FROM {table}
     WHERE state = %(pending)s AND queued_at <= %(now)s AND NOT id = ANY(%(ids)s)
     ORDER BY queued_at LIMIT %(reach)s)
)
SELECT id, pg_try_advisory_lock(%(space)s + id) FROM candidates ORDER BY rank, queued_at, id
"""

_UNLOCK = "SELECT pg_advisory_unlock(%s + id) FROM unnest(%s::bigint[]) AS id"


@contextmanager
def _claimed(ids: list[int]) -> Iterator[list[Notification]]:
    """The rows this worker may send: its ``ids`` and the drained ones, oldest
    first, locked until the block ends (or the connection dies)."""
    if connection.vendor != "postgresql":  # the embedded default: one process
        yield _pending(ids)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            _CLAIM.format(table=connection.ops.quote_name(Notification._meta.db_table)),
            {
                "ids": list(ids),
                "pending": NotificationState.PENDING,
                "now": timezone.now(),
                "reach": settings.NOTIFICATION_DRAIN * DRAIN_REACH,
                "space": _LOCK_SPACE,
            },
        )
        got = [pk for pk, is_locked in cursor.fetchall() if is_locked]
        take = len(ids) + settings.NOTIFICATION_DRAIN
        locked, surplus = got[:take], got[take:]
        if surplus:
            cursor.execute(_UNLOCK, [_LOCK_SPACE, surplus])
        if not locked:  # a task whose rows were drained by another: nothing to undo
            yield []
            return
        # Each row's mark is a commit of its own; not waiting for its WAL
        # flush makes it a fraction of the cost. A PostgreSQL crash could
        # then forget the last marks: those rows are sent again, never lost.
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield _pending(locked)
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
                cursor.execute(_UNLOCK, [_LOCK_SPACE, locked])
        except DatabaseError:  # a dead connection has dropped its locks already
            logger.warning("releasing the notification locks failed", exc_info=True)


def _pending(ids: list[int]) -> list[Notification]:
    """Read after the lock: a row sent meanwhile is no longer pending."""
    rows = list(
        Notification.objects.select_related("recipient", "municipality")
        .filter(pk__in=ids, state=NotificationState.PENDING)
        .order_by("queued_at", "pk")
    )
    base_urls: dict[int | None, str] = {}
    for row in rows:  # one look-up per municipality, not per message
        if row.municipality_id not in base_urls:
            base_urls[row.municipality_id] = municipality_base_url(row.municipality)
        row.__dict__["base_url"] = base_urls[row.municipality_id]
    return rows


def _mark(notification: Notification, **changes) -> None:
    Notification.objects.filter(pk=notification.pk).update(**changes)


_MARK_SENT = (
    "UPDATE {table} SET state = %s, sent_at = %s, attempts = attempts + 1, last_error = ''"
    " WHERE id = %s"
)


def _mark_sent(notification: Notification) -> None:
    """Marked at once, in a statement of its own: the window for a duplicate is
    this one UPDATE. Written out, it costs half of what the ORM's update does
    (it runs once for every message the outbox sends)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _MARK_SENT.format(table=connection.ops.quote_name(Notification._meta.db_table)),
            [
                NotificationState.SENT.value,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                notification.pk,
            ],
        )


def _mark_address_failing(user: User, error: str) -> None:
    User.objects.filter(pk=user.pk, email=user.email).update(
        email_failing_since=timezone.now(), email_failure=error
    )


def _address_works(user: User) -> None:
    if user.email_failing_since is not None:
        User.objects.filter(pk=user.pk).update(email_failing_since=None, email_failure="")


def deliver(ids: list[int], *, retry_in: float = 0) -> Outcome:
    """Send each pending notification among ``ids`` (and the drained ones) once;
    say what became of each.

    ``retry_in``: seconds until the task's retry, so the sweeper and other
    workers leave a row waiting for its retry alone until then.
    """
    outcome = Outcome()
    with _claimed(list(dict.fromkeys(ids))) as rows:
        for position, notification in enumerate(rows):
            try:
                _deliver_one(notification, outcome, retry_in)
            except Unreachable:
                rest = [row.pk for row in rows[position + 1 :]]
                Notification.objects.filter(pk__in=rest).update(
                    queued_at=timezone.now() + timedelta(seconds=retry_in)
                )
                outcome.retry.extend(rest)
                break
    return outcome


def _deliver_one(notification: Notification, outcome: Outcome, retry_in: float) -> None:
    pk = notification.pk
    recipient = notification.recipient
    if account_emails.obsolete(notification) or (
        recipient is not None
        and recipient.email_failing_since is not None
        and not notification.to_address
        and not account_emails.asked_for(notification)
    ):
        _mark(notification, state=NotificationState.NOT_MAILED)
        outcome.not_mailed.append(pk)
        return
    try:
        send(notification)
    except Exception as error:
        failure = classify(error)
        _failed(notification, failure, outcome, retry_in)
        if failure.unreachable:
            raise Unreachable(failure.error) from error
        return
    _mark_sent(notification)
    if recipient is not None and not notification.to_address:
        _address_works(recipient)
    outcome.sent.append(pk)


def _failed(notification, failure: Failure, outcome: Outcome, retry_in: float) -> None:
    logger.warning("notification %s not sent: %s", notification.pk, failure.error)
    close_channels()
    attempts = notification.attempts + 1
    if failure.permanent or attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        _mark(
            notification,
            state=NotificationState.FAILED,
            attempts=attempts,
            last_error=failure.error,
        )
        if failure.permanent and notification.recipient and not notification.to_address:
            _mark_address_failing(notification.recipient, failure.error)
        outcome.failed.append(notification.pk)
        return
    _mark(
        notification,
        attempts=attempts,
        last_error=failure.error,
        queued_at=timezone.now() + timedelta(seconds=retry_in),
    )
    outcome.retry.append(notification.pk)


def retry_delay(retries: int) -> float:
    """Seconds before retry number ``retries + 1``: doubling, up to a ceiling."""
    base = settings.NOTIFICATION_RETRY_SECONDS
    return min(base * 2**retries, settings.NOTIFICATION_RETRY_MAX_SECONDS)


def sweep(*, older_than: float | None = None, batch: int | None = None) -> list[list[int]]:
    """The pending rows nobody is delivering (a lost message, a killed worker,
    Redis away), oldest first, in batches of ids; each batch's ``queued_at``
    moves to now, so the next sweep leaves them to the task they get."""
    if older_than is None:
        older_than = settings.NOTIFICATION_SWEEP_AFTER_SECONDS
    size = batch or settings.NOTIFICATION_SWEEP_BATCH
    cutoff = timezone.now() - timedelta(seconds=older_than)
    stale = Notification.objects.filter(state=NotificationState.PENDING, queued_at__lte=cutoff)
    ids = list(stale.order_by("queued_at", "pk").values_list("pk", flat=True))
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def mark_queued(ids: list[int]) -> None:
    Notification.objects.filter(pk__in=ids, state=NotificationState.PENDING).update(
        queued_at=timezone.now()
    )
