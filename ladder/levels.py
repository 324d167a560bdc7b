from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The four steps of the samskapingstrapp, lowest first."""

    DIRECTED = 1, _("1 Styrt samskaping (informasjon)")
    ACCOUNTABLE = 2, _("2 Ansvarliggjørende samskaping (medvirkning)")
    EQUAL = 3, _("3 Likeverdig samskaping (samarbeid)")
    FACILITATING = 4, _("4 Fasiliterende samskaping (samskaping)")


class CitizenAction(models.TextChoices):
    """What a citizen may do in a process; the level decides which."""

    READ = "read", _("lese")
    FOLLOW = "follow", _("følge prosessen")
    ASK = "ask", _("stille spørsmål")
    LOG_NEED = "log_need", _("melde behov")
    SUPPORT_NEED = "support_need", _("støtte behov")
    PROPOSE_SOLUTION = "propose_solution", _("foreslå løsninger")
    COMMENT = "comment", _("kommentere")
    JOIN_GROUP = "join_group", _("delta i arbeidsgrupper")
    RUN_ROUND = "run_round", _("starte runder")
    RECORD_TEST_ROUND = "record_test_round", _("registrere testrunder")


@dataclass(frozen=True)
class LevelInfo:
    """What a step means, in the portal's own words: for staff choosing a level
    and for citizens reading what the process lets them do."""

    explanation: Promise
    for_citizens: Promise
    methods: Promise


LEVEL_INFO: dict[int, LevelInfo] = {
    Level.DIRECTED: LevelInfo(
        explanation=_(
            "Kommunen har bestemt hva som skal skje, og forteller innbyggerne om planer, "
            "tiltak og beslutninger underveis."
        ),
        for_citizens=_(
            "Du kan lese om prosessen, følge den og stille spørsmål, men du gir ikke innspill "
            "til løsningen her."
        ),
        methods=_("Typiske arbeidsformer: informasjonsmøter, nyhetssaker og oppslag."),
    ),
    Level.ACCOUNTABLE: LevelInfo(
        explanation=_(
            "Kommunen ber om innbyggernes behov og forslag og tar hensyn til dem, men det er "
            "kommunen som bestemmer."
        ),
        for_citizens=_(
            "Du kan melde behov, støtte andres behov, foreslå løsninger og kommentere. "
            "Kommunen svarer på hvert innspill og sier hva som ble gjort med det."
        ),
        methods=_(
            "Typiske arbeidsformer: spørreundersøkelser, behovskartlegging, folkemøter og høringer."
        ),
    ),
    Level.EQUAL: LevelInfo(
        explanation=_(
            "Innbyggerne og kommunen utvikler løsningene sammen, som likeverdige parter."
        ),
        for_citizens=_(
            "I tillegg til å gi innspill kan du bli med i arbeidsgrupper som skriver løsninger "
            "og testplaner sammen med kommunens ansatte."
        ),
        methods=_(
            "Typiske arbeidsformer: arbeidsgrupper, verksteder, samarbeid med lag og "
            "foreninger, og partnerskap."
        ),
    ),
    Level.FACILITATING: LevelInfo(
        explanation=_(
            "Innbyggerne planlegger og gjennomfører selv, og deler ansvaret med kommunen. "
            "Kommunen sørger for rammer, mandat og fasilitering."
        ),
        for_citizens=_(
            "Innbyggere som er utnevnt til medskapere, kan også starte runder og registrere "
            "testrunder selv."
        ),
        methods=_(
            "Typiske arbeidsformer: innbyggere planlegger og gjennomfører tiltak, med "
            "kommunen som tilrettelegger."
        ),
    ),
}
