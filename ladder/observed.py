"""The level a process behaves like, read from plain facts about what happened.

``processes`` keeps the counters and timestamps current and hands them in as
``ProcessFacts``; ``observe`` says which step of the samskapingstrapp the
process shows, why (in words), and what the owners should be warned about
when the claimed step is more than the behaviour. "Citizen side" is input
given as a citizen or for an organisation. This module imports no other app.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ladder.levels import Level

# Below this many inputs the share answered says little.
ANSWER_SHARE_MINIMUM_INPUTS = 4


@dataclass(frozen=True)
class ProcessFacts:
    """What the services counted, as plain values."""

    claimed_level: int
    citizen_needs: int = 0
    citizen_solutions: int = 0
    citizen_comments: int = 0
    citizen_solutions_tested: int = 0
    test_rounds_recorded_by_citizens: int = 0
    # Citizen-side needs and solutions, and how many of them got a reasoned answer.
    inputs_total: int = 0
    inputs_answered: int = 0
    first_citizen_input_at: datetime | None = None
    round_of_first_citizen_input: int | None = None
    first_solution_selected_at: datetime | None = None
    rounds_total: int = 1
    # Level 4: what the municipality frames the process with.
    has_mandate: bool = False
    has_budget: bool = False
    has_facilitator: bool = False


@dataclass(frozen=True)
class Observation:
    """The observed step beside the claimed one, why, and what to warn about."""

    level: int
    claimed: int
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Level(self.level).label

    @property
    def matches_claim(self) -> bool:
        return self.level >= self.claimed


def observed_level(facts: ProcessFacts) -> tuple[int, list[str]]:
    """The highest step the citizens' part in the process reaches, with its reasons."""
    if facts.test_rounds_recorded_by_citizens:
        return Level.FACILITATING, [
            ngettext(
                "Innbyggere har selv gjennomført og registrert %(count)d testrunde.",
                "Innbyggere har selv gjennomført og registrert %(count)d testrunder.",
                facts.test_rounds_recorded_by_citizens,
            )
            % {"count": facts.test_rounds_recorded_by_citizens}
        ]
    if facts.citizen_solutions_tested:
        return Level.EQUAL, [
            ngettext(
                "Innbyggere har foreslått løsninger, og %(count)d av dem er testet.",
                "Innbyggere har foreslått løsninger, og %(count)d av dem er testet.",
                facts.citizen_solutions_tested,
            )
            % {"count": facts.citizen_solutions_tested}
        ]
    if facts.citizen_solutions:
        return Level.ACCOUNTABLE, [
            _(
                "Innbyggere har meldt behov og foreslått løsninger, men ingen av "
                "løsningene deres er testet ennå: kommunen bestemmer hva som prøves."
            )
        ]
    if facts.citizen_needs or facts.citizen_comments:
        return Level.ACCOUNTABLE, [
            _(
                "Innbyggere har meldt behov eller kommentert løsninger kommunen har skrevet, "
                "men ikke foreslått løsninger selv."
            )
        ]
    return Level.DIRECTED, [_("Ingen innbyggere har gitt innspill ennå: kommunen informerer.")]


def ladder_warnings(facts: ProcessFacts, observed: int) -> list[str]:
    """What the owners should know when the process claims more than it shows."""
    claimed = facts.claimed_level
    warnings = []
    if claimed > observed:
        warnings.append(
            _(
                "Prosessen står på trinn «%(claimed)s», men det som har skjedd, "
                "ligner trinn «%(observed)s»."
            )
            % {"claimed": Level(claimed).label, "observed": Level(observed).label}
        )
    if claimed >= Level.ACCOUNTABLE and facts.first_solution_selected_at is not None:
        first = facts.first_citizen_input_at
        if first is None or first > facts.first_solution_selected_at:
            warnings.append(
                _(
                    "Det første innspillet fra innbyggere kom etter at en løsning allerede "
                    "var valgt for testing."
                )
            )
    if (
        claimed >= Level.EQUAL
        and facts.first_solution_selected_at is not None
        and not facts.citizen_solutions_tested
    ):
        warnings.append(_("Ingen løsning som innbyggere har foreslått, er testet."))
    if (
        claimed >= Level.ACCOUNTABLE
        and facts.rounds_total > 1
        and facts.round_of_first_citizen_input == facts.rounds_total
    ):
        warnings.append(
            _(
                "Innbyggerne kom først med i siste runde. Det ligner en nesten ferdig "
                "løsning på høring mer enn samskaping."
            )
        )
    if (
        facts.inputs_total >= ANSWER_SHARE_MINIMUM_INPUTS
        and facts.inputs_answered * 2 < facts.inputs_total
    ):
        warnings.append(
            _("Bare %(answered)d av %(total)d innspill fra innbyggere har fått et begrunnet svar.")
            % {"answered": facts.inputs_answered, "total": facts.inputs_total}
        )
    if claimed == Level.FACILITATING:
        missing = [
            text
            for present, text in (
                (facts.has_mandate, _("Prosessen har ikke oppgitt noe mandat fra kommunen.")),
                (facts.has_budget, _("Prosessen har ikke oppgitt noe budsjett fra kommunen.")),
                (
                    facts.has_facilitator,
                    _("Prosessen har ikke oppgitt hvem i kommunen som fasiliterer."),
                ),
            )
            if not present
        ]
        if missing:
            warnings += missing
            warnings.append(
                _(
                    "På trinn 4 sikrer kommunen rammer, mandat og fasilitering. Samskaping er "
                    "ikke å flytte kommunens oppgaver over på frivillige."
                )
            )
    return warnings


def observe(facts: ProcessFacts) -> Observation:
    level, reasons = observed_level(facts)
    return Observation(
        level=level,
        claimed=facts.claimed_level,
        reasons=reasons,
        warnings=ladder_warnings(facts, level),
    )
