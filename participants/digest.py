"""The daily digest and the inbox's retention.

A notification for a group the person wants as a digest is written with
state ``DIGEST``. Once an hour (``portal.celery``) ``digests_send`` looks at
every municipality whose digest hour has come today, and makes ONE ``digest``
notification per person there holding every waiting item; the items become
``DIGESTED`` and point at it, in the same transaction. A person who already
had today's digest gets no second one: what comes later waits for tomorrow.
Running it twice, or in two workers at once, sends nothing twice.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from participants.models import Notification, NotificationState, User
from participants.outbox import notify
from portal.models import Municipality

logger = logging.getLogger(__name__)

DIGEST_KIND = "digest"
# A message with more than one item (processes.notifications writes it).
COMBINED_KIND = "changes"


def _day_start(now: datetime) -> datetime:
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def digest_items(notifications) -> tuple[list[dict], list[str]]:
    """The items of a digest and the groups they came from, oldest first."""
    items, groups = [], []
    for notification in notifications:
        facts = notification.facts or {}
        if notification.kind == COMBINED_KIND:
            items.extend(facts.get("items", []))
        else:
            items.append({"kind": notification.kind, **facts})
        groups.extend(facts.get("groups", []))
    for item in items:
        item.pop("groups", None)
    return items, sorted(set(groups))


def digests_send(*, now: datetime | None = None) -> int:
    """Make today's digest for every person whose municipality's hour has come;
    returns how many were made."""
    now = now or timezone.now()
    hour, day_start = timezone.localtime(now).hour, _day_start(now)
    due = {m.pk: m for m in Municipality.objects.filter(digest_hour__lte=hour)}
    waiting = (
        Notification.objects.filter(
            state=NotificationState.DIGEST, municipality_id__in=due, recipient__isnull=False
        )
        .values_list("recipient_id", "municipality_id")
        .distinct()
    )
    made = 0
    for recipient_id, municipality_id in list(waiting):
        made += _digest_make(
            recipient_id=recipient_id,
            municipality=due[municipality_id],
            now=now,
            day_start=day_start,
        )
    if made:
        logger.info("Made %d digests", made)
    return made


@transaction.atomic
def _digest_make(*, recipient_id: int, municipality, now, day_start) -> int:
    # The person's row lock makes two runs at once take turns: the second finds
    # today's digest made and the items taken.
    user = User.objects.select_for_update().filter(pk=recipient_id, is_active=True).first()
    if user is None:
        return 0
    mine = Notification.objects.filter(recipient=user, municipality=municipality)
    if mine.filter(kind=DIGEST_KIND, created_at__gte=day_start).exists():
        return 0
    rows = list(
        mine.select_for_update()
        .filter(state=NotificationState.DIGEST, created_at__lte=now)
        .order_by("created_at", "pk")
    )
    if not rows:
        return 0
    items, groups = digest_items(rows)
    digest = notify(
        kind=DIGEST_KIND,
        recipient=user,
        facts={"items": items, "groups": groups, "count": len(items)},
        municipality=municipality,
        in_inbox=False,
    )
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
        state=NotificationState.DIGESTED, digest=digest
    )
    return 1
