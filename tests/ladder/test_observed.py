"""The observed level and its warnings, from plain facts: no database."""

from datetime import UTC, datetime, timedelta

from ladder.levels import Level
from ladder.observed import ProcessFacts, observe

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)
FRAMED = {"has_mandate": True, "has_budget": True, "has_facilitator": True}


def facts(**values) -> ProcessFacts:
    return ProcessFacts(**{"claimed_level": Level.ACCOUNTABLE, **values})


def test_nothing_from_citizens_is_information():
    seen = observe(facts(claimed_level=Level.DIRECTED))
    assert seen.level == Level.DIRECTED
    assert "Ingen innbyggere har gitt innspill" in seen.reasons[0]
    assert seen.warnings == []


def test_citizens_who_only_comment_on_staff_solutions_give_medvirkning():
    seen = observe(facts(citizen_comments=5, first_citizen_input_at=T0))
    assert seen.level == Level.ACCOUNTABLE
    assert "kommentert løsninger kommunen har skrevet" in seen.reasons[0]


def test_citizen_solutions_never_tested_stay_medvirkning():
    seen = observe(facts(citizen_needs=3, citizen_solutions=2, inputs_total=5, inputs_answered=5))
    assert seen.level == Level.ACCOUNTABLE
    assert "ingen av løsningene deres er testet" in seen.reasons[0]


def test_citizen_solutions_that_were_tested_give_samarbeid():
    seen = observe(
        facts(claimed_level=Level.EQUAL, citizen_solutions=2, citizen_solutions_tested=1)
    )
    assert seen.level == Level.EQUAL
    assert seen.matches_claim
    assert seen.warnings == []


def test_citizens_who_record_test_rounds_give_samskaping():
    seen = observe(
        facts(claimed_level=Level.FACILITATING, test_rounds_recorded_by_citizens=2, **FRAMED)
    )
    assert seen.level == Level.FACILITATING
    assert "2 testrunder" in seen.reasons[0]
    assert seen.warnings == []


def test_a_claim_above_the_behaviour_is_warned_about():
    seen = observe(facts(claimed_level=Level.EQUAL, citizen_needs=1))
    assert not seen.matches_claim
    assert any("ligner trinn" in warning for warning in seen.warnings)


def test_first_citizen_input_after_a_solution_was_selected():
    late = facts(
        first_solution_selected_at=T0,
        first_citizen_input_at=T0 + timedelta(days=1),
        citizen_needs=1,
    )
    early = facts(
        first_solution_selected_at=T0,
        first_citizen_input_at=T0 - timedelta(days=1),
        citizen_needs=1,
    )
    never = facts(first_solution_selected_at=T0)
    message = "etter at en løsning allerede var valgt"
    assert any(message in warning for warning in observe(late).warnings)
    assert any(message in warning for warning in observe(never).warnings)
    assert not any(message in warning for warning in observe(early).warnings)


def test_no_citizen_solution_tested_on_a_collaborative_claim():
    untested = facts(claimed_level=Level.EQUAL, citizen_solutions=3, first_solution_selected_at=T0)
    tested = facts(
        claimed_level=Level.EQUAL,
        citizen_solutions=3,
        citizen_solutions_tested=1,
        first_solution_selected_at=T0,
    )
    message = "Ingen løsning som innbyggere har foreslått, er testet."
    assert message in observe(untested).warnings
    assert message not in observe(tested).warnings
    # On step 2 the municipality decides what is tested: no warning.
    assert (
        message not in observe(facts(citizen_solutions=3, first_solution_selected_at=T0)).warnings
    )


def test_citizens_only_in_the_last_round_is_a_hearing():
    last = facts(rounds_total=3, round_of_first_citizen_input=3, citizen_needs=1)
    first = facts(rounds_total=3, round_of_first_citizen_input=1, citizen_needs=1)
    assert any("nesten ferdig" in warning for warning in observe(last).warnings)
    assert not any("nesten ferdig" in warning for warning in observe(first).warnings)
    # One round only: "the last round" says nothing yet.
    only = facts(rounds_total=1, round_of_first_citizen_input=1, citizen_needs=1)
    assert not any("nesten ferdig" in warning for warning in observe(only).warnings)


def test_fewer_than_half_of_the_inputs_answered():
    few = facts(citizen_needs=10, inputs_total=10, inputs_answered=4)
    half = facts(citizen_needs=10, inputs_total=10, inputs_answered=5)
    assert (
        "Bare 4 av 10 innspill fra innbyggere har fått et begrunnet svar." in observe(few).warnings
    )
    assert not any("begrunnet svar" in warning for warning in observe(half).warnings)


def test_level_four_without_mandate_budget_or_facilitator():
    bare = observe(facts(claimed_level=Level.FACILITATING, test_rounds_recorded_by_citizens=1))
    assert "Prosessen har ikke oppgitt noe mandat fra kommunen." in bare.warnings
    assert "Prosessen har ikke oppgitt noe budsjett fra kommunen." in bare.warnings
    assert "Prosessen har ikke oppgitt hvem i kommunen som fasiliterer." in bare.warnings
    assert any("flytte kommunens oppgaver" in warning for warning in bare.warnings)
    partly = observe(
        facts(
            claimed_level=Level.FACILITATING,
            test_rounds_recorded_by_citizens=1,
            has_mandate=True,
            has_budget=True,
        )
    )
    assert partly.warnings[0] == "Prosessen har ikke oppgitt hvem i kommunen som fasiliterer."
    # The framing is asked of step 4 only.
    assert observe(facts(claimed_level=Level.EQUAL, citizen_solutions_tested=1)).warnings == []
