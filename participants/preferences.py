"""What each person wants by e-mail, per group of notifications.

A person without a row for a group has its default (``NOTIFICATION_DEFAULTS``).
The state a new notification row starts in follows from the choice: sent at
once (pending), kept for the day's digest, or not mailed at all (it stays in
the inbox).
"""

from collections.abc import Iterable

from participants.models import (
    NOTIFICATION_DEFAULTS,
    NotificationChoice,
    NotificationGroup,
    NotificationPreference,
    NotificationState,
)

STATE_BY_CHOICE = {
    NotificationChoice.IMMEDIATE: NotificationState.PENDING,
    NotificationChoice.DIGEST: NotificationState.DIGEST,
    NotificationChoice.OFF: NotificationState.NOT_MAILED,
}
# When one message says things of several groups, the most eager choice wins.
EAGERNESS = [NotificationChoice.IMMEDIATE, NotificationChoice.DIGEST, NotificationChoice.OFF]


def preferences_for(user) -> dict[str, str]:
    """Every group's choice for ``user``, defaults filled in (one query)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("group", "choice"))
    return {group: chosen.get(group, NOTIFICATION_DEFAULTS[group]) for group in NotificationGroup}


def choices_for(user_ids: Iterable[int], groups: Iterable[str]) -> dict[tuple[int, str], str]:
    """``(user_id, group) → choice`` for many people at once (one query)."""
    user_ids, groups = set(user_ids), set(groups)
    chosen = {
        (user_id, group): choice
        for user_id, group, choice in NotificationPreference.objects.filter(
            user_id__in=user_ids, group__in=groups
        ).values_list("user_id", "group", "choice")
    }
    return {
        (user_id, group): chosen.get((user_id, group), NOTIFICATION_DEFAULTS[group])
        for user_id in user_ids
        for group in groups
    }


def most_eager(choices: Iterable[str]) -> str:
    return min(choices, key=EAGERNESS.index)
