from django.db import models
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
    RUN_ROUND = "run_round", _("kjøre runder")
    RECORD_TEST_ROUND = "record_test_round", _("registrere testrunder")
