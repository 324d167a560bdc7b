"""What each step of the samskapingstrapp lets citizens do, written once.

Views, templates and tests all ask ``citizen_may``; staff rights do not depend
on the level. This module takes facts as arguments and imports no other app.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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

# Why a citizen may not do an action on a step, as whole sentences (one per
# action and step where it is refused), so every language translates a sentence
# and never a glued fragment.
REFUSALS: dict[tuple[str, int], Promise] = {
    (CitizenAction.LOG_NEED, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "melde behov. Det kan de fra trinn 2, Ansvarliggjørende samskaping."
    ),
    (CitizenAction.SUPPORT_NEED, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "støtte behov. Det kan de fra trinn 2, Ansvarliggjørende samskaping."
    ),
    (CitizenAction.PROPOSE_SOLUTION, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "foreslå løsninger. Det kan de fra trinn 2, Ansvarliggjørende samskaping."
    ),
    (CitizenAction.COMMENT, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "kommentere. Det kan de fra trinn 2, Ansvarliggjørende samskaping."
    ),
    (CitizenAction.JOIN_GROUP, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "delta i arbeidsgrupper. Det kan de fra trinn 3, Likeverdig samskaping."
    ),
    (CitizenAction.JOIN_GROUP, Level.ACCOUNTABLE): _(
        "På dette trinnet i samskapingstrappa gir innbyggere innspill, men de kan ikke delta i "
        "arbeidsgrupper. Det kan de fra trinn 3, Likeverdig samskaping."
    ),
    (CitizenAction.RUN_ROUND, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "starte runder. Det kan medskapere fra trinn 4, Fasiliterende samskaping."
    ),
    (CitizenAction.RUN_ROUND, Level.ACCOUNTABLE): _(
        "På dette trinnet i samskapingstrappa gir innbyggere innspill, men de kan ikke starte "
        "runder. Det kan medskapere fra trinn 4, Fasiliterende samskaping."
    ),
    (CitizenAction.RUN_ROUND, Level.EQUAL): _(
        "På dette trinnet i samskapingstrappa utvikler innbyggere løsninger sammen med kommunen, "
        "men de kan ikke starte runder. Det kan medskapere fra trinn 4, Fasiliterende samskaping."
    ),
    (CitizenAction.RECORD_TEST_ROUND, Level.DIRECTED): _(
        "På dette trinnet i samskapingstrappa kan innbyggere lese og følge prosessen, men ikke "
        "registrere testrunder. Det kan medskapere fra trinn 4, Fasiliterende samskaping."
    ),
    (CitizenAction.RECORD_TEST_ROUND, Level.ACCOUNTABLE): _(
        "På dette trinnet i samskapingstrappa gir innbyggere innspill, men de kan ikke registrere "
        "testrunder. Det kan medskapere fra trinn 4, Fasiliterende samskaping."
    ),
    (CitizenAction.RECORD_TEST_ROUND, Level.EQUAL): _(
        "På dette trinnet i samskapingstrappa utvikler innbyggere løsninger sammen med kommunen, "
        "men de kan ikke registrere testrunder. Det kan medskapere fra trinn 4, "
        "Fasiliterende samskaping."
    ),
}


def citizen_may(action: str, level: int) -> bool:
    return level >= MINIMUM_LEVEL[action]


def citizen_refusal(action: str, level: int) -> str:
    """Why a citizen may not do ``action`` at ``level``, in words for the citizen."""
    return str(REFUSALS[action, level])


def actions_lost(from_level: int, to_level: int) -> list[str]:
    """What citizens may do on ``from_level`` but no longer on ``to_level``
    (nothing when the level goes up or stays), in the order of ``CitizenAction``."""
    return [
        action
        for action in CitizenAction
        if citizen_may(action, from_level) and not citizen_may(action, to_level)
    ]
