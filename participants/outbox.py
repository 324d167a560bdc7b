"""The notification outbox: what a change tells people, written with the change.

Every notification is a ``Notification`` row added by ``notify`` inside the
database transaction of the change that causes it, so a change is never
saved without its notifications, nor a notification without its change.

All the rows one transaction adds go to the worker as one task, queued after
commit (``queue_after_commit``). A rolled-back transaction queues nothing; a
rolled-back inner block (a savepoint) leaves its rows out of the task, since
they no longer exist when the task is queued. If the broker is away then,
the request goes on: the rows wait in the outbox, and the sweeper
(``participants.tasks.sweep_notifications``) queues them when it is back.
``participants.delivery`` claims each row under a lock, reads it again and
marks it sent right after sending, so a task that runs twice never mails twice.
"""

import logging

from django.db import transaction

from participants.models import Notification, NotificationState, User

logger = logging.getLogger(__name__)

# The batch of the connection's current transaction lives on the connection
# (one per thread), under this name.
_BATCH = "_medspill_outbox_batch"


def notify(
    *,
    kind: str,
    recipient: User | None = None,
    to_address: str = "",
    facts: dict | None = None,
    municipality=None,
    process=None,
    contribution=None,
    in_inbox: bool = True,
    state: str = NotificationState.PENDING,
) -> Notification:
    """Add one notification for one person (or one address) to the outbox."""
    if recipient is None and not to_address:
        raise ValueError("A notification needs a recipient or an address.")
    notification = Notification.objects.create(
        kind=kind,
        recipient=recipient,
        to_address=to_address,
        facts=facts or {},
        municipality=municipality,
        process=process,
        contribution=contribution,
        in_inbox=in_inbox and recipient is not None,
        state=state,
    )
    if notification.state == NotificationState.PENDING:
        queue_after_commit([notification.pk])
    return notification


class _Batch:
    """The ids one transaction queues, sent as one task after its commit."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.queued = False

    def queue(self) -> None:
        # Registered once for every notify, in whatever block it ran in, so
        # the batch is queued as long as any of them committed; the first to
        # run queues it, the others find it done.
        if self.queued:
            return
        self.queued = True
        connection = transaction.get_connection()
        if connection.__dict__.get(_BATCH) is self:
            del connection.__dict__[_BATCH]
        ids = self._committed()
        if ids:
            publish(ids)

    def _committed(self) -> list[int]:
        """The ids whose rows were committed. A lone id is: its own callback ran.
        Of more, a rolled-back savepoint's rows are gone, and so are those of a
        rolled-back transaction before this one (whose batch nobody queued)."""
        if len(self.ids) == 1:
            return self.ids
        existing = set(Notification.objects.filter(pk__in=self.ids).values_list("pk", flat=True))
        # Once each: SQLite gives a rolled-back row's id to the next row.
        return [pk for pk in dict.fromkeys(self.ids) if pk in existing]


def queue_after_commit(ids: list[int]) -> None:
    """Queue ``ids`` with every other id of this transaction, once it commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        publish(ids)  # autocommit: the rows are committed already
        return
    batch = connection.__dict__.get(_BATCH)
    if batch is None or batch.queued:
        batch = connection.__dict__[_BATCH] = _Batch()
    batch.ids.extend(ids)
    transaction.on_commit(batch.queue)


def publish(ids: list[int]) -> None:
    """Send the task; with the broker away, leave the rows to the sweeper."""
    from participants.tasks import deliver_notifications

    try:
        deliver_notifications.delay(ids)
    except Exception as error:
        logger.warning("could not queue %d notification(s), the sweeper will: %s", len(ids), error)
