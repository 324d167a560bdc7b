"""The ladder's own words: every step explained, every refusal a whole sentence.
No database: ``ladder`` is pure."""

import pytest
from django.utils import translation

from ladder.levels import LEVEL_INFO, CitizenAction, Level
from ladder.rules import MINIMUM_LEVEL, REFUSALS, actions_lost, citizen_may, citizen_refusal

REFUSED = [
    (action, level) for action in CitizenAction for level in Level if not citizen_may(action, level)
]


def test_every_step_has_an_explanation_a_word_to_citizens_and_methods():
    assert set(LEVEL_INFO) == set(Level)
    for info in LEVEL_INFO.values():
        assert str(info.explanation) and str(info.for_citizens) and str(info.methods)


def test_the_methods_are_those_the_ladder_names():
    assert "informasjonsmøter" in str(LEVEL_INFO[Level.DIRECTED].methods)
    assert "folkemøter" in str(LEVEL_INFO[Level.ACCOUNTABLE].methods)
    assert "arbeidsgrupper" in str(LEVEL_INFO[Level.EQUAL].methods)
    assert "gjennomfører tiltak" in str(LEVEL_INFO[Level.FACILITATING].methods)


def test_every_refusal_has_exactly_one_sentence_of_its_own():
    assert set(REFUSALS) == set(REFUSED)


@pytest.mark.parametrize(("action", "level"), REFUSED)
def test_a_refusal_names_the_step_from_which_the_action_is_allowed(action, level):
    text = citizen_refusal(action, level)
    needed = MINIMUM_LEVEL[action]

    assert text.endswith(".")
    assert str(CitizenAction(action).label) in text
    assert f"trinn {needed}," in text
    assert "samskapingstrappa" in text


def test_a_refusal_is_translated_as_a_whole_sentence():
    with translation.override("en"):
        english = citizen_refusal(CitizenAction.LOG_NEED, Level.DIRECTED)
    with translation.override("nn"):
        nynorsk = citizen_refusal(CitizenAction.LOG_NEED, Level.DIRECTED)
    bokmal = citizen_refusal(CitizenAction.LOG_NEED, Level.DIRECTED)

    assert len({english, nynorsk, bokmal}) == 3
    assert "step 2" in english


def test_lowering_from_two_to_one_takes_input_from_citizens():
    assert actions_lost(Level.ACCOUNTABLE, Level.DIRECTED) == [
        CitizenAction.LOG_NEED,
        CitizenAction.SUPPORT_NEED,
        CitizenAction.PROPOSE_SOLUTION,
        CitizenAction.COMMENT,
    ]


def test_lowering_from_four_to_three_takes_rounds_and_test_rounds():
    assert actions_lost(Level.FACILITATING, Level.EQUAL) == [
        CitizenAction.RUN_ROUND,
        CitizenAction.RECORD_TEST_ROUND,
    ]


@pytest.mark.parametrize("level", list(Level))
def test_raising_or_keeping_a_level_takes_nothing(level):
    for higher in Level:
        if higher >= level:
            assert actions_lost(level, higher) == []
