"""What ``processes`` hands ``ladder``: a process's stored counters and
timestamps as plain facts, and what the ladder makes of them."""

from django.utils.translation import gettext as _

from ladder.foundations import FACTORS, PRODUCT_MAX, assess
from ladder.observed import Observation, ProcessFacts, observe
from processes.models import FoundationScore, Process

# The columns ``process_facts`` reads: lists of many processes load only these.
FACT_FIELDS = (
    "level",
    "budget",
    "mandate",
    "facilitator",
    "citizen_needs_count",
    "citizen_solutions_count",
    "citizen_comments_count",
    "citizen_solutions_tested_count",
    "citizen_test_rounds_count",
    "citizen_inputs_answered_count",
    "rounds_count",
    "first_citizen_input_at",
    "first_citizen_input_round",
    "first_solution_selected_at",
)


def process_facts(process: Process) -> ProcessFacts:
    return ProcessFacts(
        claimed_level=process.level,
        citizen_needs=process.citizen_needs_count,
        citizen_solutions=process.citizen_solutions_count,
        citizen_comments=process.citizen_comments_count,
        citizen_solutions_tested=process.citizen_solutions_tested_count,
        test_rounds_recorded_by_citizens=process.citizen_test_rounds_count,
        inputs_total=process.citizen_needs_count + process.citizen_solutions_count,
        inputs_answered=process.citizen_inputs_answered_count,
        first_citizen_input_at=process.first_citizen_input_at,
        round_of_first_citizen_input=process.first_citizen_input_round,
        first_solution_selected_at=process.first_solution_selected_at,
        rounds_total=process.rounds_count,
        has_mandate=bool(process.mandate.strip()),
        has_budget=bool(process.budget.strip()),
        has_facilitator=bool(process.facilitator.strip()),
    )


def process_observation(process: Process) -> Observation:
    return observe(process_facts(process))


def foundations_summary(score: FoundationScore, names: dict[str, str]) -> dict:
    """One scoring as the pages show it: each factor under the municipality's
    name, the product, and in words which factor sinks it."""
    assessment = assess(score.scores)
    sinking = ", ".join(f"«{names[factor]}»" for factor in assessment.sinking)
    if assessment.zero:
        verdict = _(
            "%(factors)s er vurdert til 0, så produktet blir 0: prosessen lykkes neppe "
            "før dette er på plass."
        ) % {"factors": sinking}
    elif sinking:
        verdict = _("Det som trekker produktet mest ned, er %(factors)s.") % {"factors": sinking}
    else:
        verdict = _("Alle fem fundamentene er helt på plass.")
    return {
        "score": score,
        "factors": [(names[factor], score.scores[factor]) for factor in FACTORS],
        "product": assessment.product,
        "product_max": PRODUCT_MAX,
        "verdict": verdict,
    }


def foundations_current(process: Process) -> dict | None:
    """The newest scoring of de 5 fundamentene, summed up, or ``None`` (read
    with the process: ``processes.selectors.process_get_for_user``)."""
    score = process.current_foundations
    if score is None:
        return None
    return foundations_summary(score, process.municipality.foundation_names)
