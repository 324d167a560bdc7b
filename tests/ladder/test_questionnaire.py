"""The questionnaire's suggestion, on plain answers. No database."""

import pytest

from ladder.levels import Level
from ladder.questionnaire import QUESTIONS, suggest_level


def _answers(index_by_question: dict[str, int] | None = None, *, default: int) -> dict[str, str]:
    chosen = index_by_question or {}
    return {
        question.name: question.answers[chosen.get(question.name, default)][0]
        for question in QUESTIONS
    }


def test_there_are_the_five_questions_the_issue_asks():
    assert [q.name for q in QUESTIONS] == [
        "problem",
        "solutions",
        "decides",
        "carries_out",
        "decided",
    ]


@pytest.mark.parametrize("level", list(Level))
def test_all_answers_on_one_step_suggest_that_step(level):
    suggestion = suggest_level(_answers(default=level - 1))

    assert suggestion.level == level


def test_the_suggestion_says_why_for_every_answer_and_for_the_result():
    suggestion = suggest_level(_answers(default=1))

    assert len(suggestion.reasons) == len(QUESTIONS) + 1
    assert "Hvem definerer problemet?" in suggestion.reasons[0]
    assert "2 Ansvarliggjørende samskaping" in suggestion.reasons[-1]


def test_when_almost_everything_is_decided_the_suggestion_stays_at_information():
    suggestion = suggest_level(_answers({"decided": 0}, default=3))

    assert suggestion.level == Level.DIRECTED
    assert "allerede bestemt" in suggestion.reasons[-1]


def test_the_middle_of_the_answers_about_roles_decides_rounding_down():
    # Problem and solutions together (3), decisions and work by the municipality (2, 1).
    answers = _answers({"problem": 2, "solutions": 2, "decides": 1, "carries_out": 0}, default=3)

    assert suggest_level(answers).level == Level.ACCOUNTABLE


def test_an_unknown_answer_is_refused():
    answers = _answers(default=0)
    answers["problem"] = "someone"

    with pytest.raises(ValueError, match="problem"):
        suggest_level(answers)
