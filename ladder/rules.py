"""What each step of the samskapingstrapp lets citizens do, written once.

Views, templates and tests all ask ``citizen_may``; staff rights do not depend
on the level. This module takes facts as arguments and imports no other app.
"""

from django.utils.translation import gettext as _

from ladder.levels import CitizenAction, Level

MINIMUM_LEVEL: dict[str, int] = {
    CitizenAction.READ: Level.DIRECTED,
    CitizenAction.FOLLOW: Level.DIRECTED,
    CitizenAction.ASK: Level.DIRECTED,
    CitizenAction.LOG_NEED: Level.ACCOUNTABLE,
    CitizenAction.SUPPORT_NEED: Level.ACCOUNTABLE,
    CitizenAction.PROPOSE_SOLUTION: Level.ACCOUNTABLE,
    CitizenAction.COMMENT: Level.ACCOUNTABLE,
    CitizenAction.JOIN_GROUP: Level.EQUAL,
    CitizenAction.RUN_ROUND: Level.FACILITATING,
    CitizenAction.RECORD_TEST_ROUND: Level.FACILITATING,
}


def citizen_may(action: str, level: int) -> bool:
    return level >= MINIMUM_LEVEL[action]


def citizen_refusal(action: str, level: int) -> str:
    """Why a citizen may not do ``action`` at ``level``, in words for the citizen."""
    return _(
        "Denne prosessen står på trinn «%(level)s» i samskapingstrappa. "
        "Der kan innbyggere ikke %(action)s; det krever trinn «%(needed)s»."
    ) % {
        "level": Level(level).label,
        "action": CitizenAction(action).label,
        "needed": Level(MINIMUM_LEVEL[action]).label,
    }
