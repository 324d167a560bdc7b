"""Help for choosing a step: five questions to the staff member, a suggested
step and the reasons for it. The suggestion only pre-selects; the choice and
its justification stay with the staff member.

Each answer points at a step. The suggestion is the middle of the four answers
about roles (the lower middle when two are equally near), and never above
what is still open: when almost everything is decided, there is little left
for citizens to shape, whoever does the work.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ladder.levels import Level


@dataclass(frozen=True)
class Question:
    name: str
    text: Promise
    # (answer value, answer text, the step it points at), lowest step first.
    answers: tuple[tuple[str, Promise, int], ...]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "problem",
        _("Hvem definerer problemet?"),
        (
            ("municipality", _("Kommunen"), Level.DIRECTED),
            ("municipality_heard", _("Kommunen, etter å ha hørt innbyggerne"), Level.ACCOUNTABLE),
            ("together", _("Kommunen og innbyggerne sammen"), Level.EQUAL),
            ("citizens", _("Innbyggerne"), Level.FACILITATING),
        ),
    ),
    Question(
        "solutions",
        _("Hvem foreslår løsninger?"),
        (
            ("municipality", _("Kommunen"), Level.DIRECTED),
            (
                "citizens_input",
                _("Innbyggerne gir forslag som kommunen vurderer"),
                Level.ACCOUNTABLE,
            ),
            ("together", _("Kommunen og innbyggerne utvikler dem sammen"), Level.EQUAL),
            ("citizens", _("Innbyggerne utvikler dem selv"), Level.FACILITATING),
        ),
    ),
    Question(
        "decides",
        _("Hvem bestemmer hva som blir gjort?"),
        (
            ("municipality", _("Kommunen, uten innspill"), Level.DIRECTED),
            ("municipality_heard", _("Kommunen, etter innspill"), Level.ACCOUNTABLE),
            ("together", _("Kommunen og innbyggerne sammen"), Level.EQUAL),
            ("citizens", _("Innbyggerne, innenfor rammer kommunen setter"), Level.FACILITATING),
        ),
    ),
    Question(
        "carries_out",
        _("Hvem gjennomfører tiltakene?"),
        (
            ("municipality", _("Kommunen"), Level.DIRECTED),
            ("municipality_tested", _("Kommunen, og innbyggerne prøver dem ut"), Level.ACCOUNTABLE),
            ("together", _("Kommunen og innbyggerne sammen"), Level.EQUAL),
            ("citizens", _("Innbyggerne, med støtte fra kommunen"), Level.FACILITATING),
        ),
    ),
    Question(
        "decided",
        _("Hvor mye er allerede bestemt?"),
        (
            ("almost_all", _("Nesten alt"), Level.DIRECTED),
            ("much", _("Mye: rammene og hovedretningen"), Level.ACCOUNTABLE),
            ("little", _("Lite: bare noen rammer"), Level.EQUAL),
            ("almost_nothing", _("Nesten ingenting"), Level.FACILITATING),
        ),
    ),
)
# The question whose answer caps the suggestion.
CAPPING_QUESTION = "decided"


@dataclass(frozen=True)
class Suggestion:
    level: int
    reasons: list[str]


def _step(question: Question, answer: str) -> tuple[str, int]:
    for value, text, level in question.answers:
        if value == answer:
            return str(text), level
    raise ValueError(f"{answer!r} is not an answer to {question.name!r}")


def suggest_level(answers: dict[str, str]) -> Suggestion:
    """The suggested step for ``answers`` (question name → answer value, every
    question answered) and why, one sentence per answer and one for the result."""
    reasons = []
    role_steps = []
    cap = Level.FACILITATING
    for question in QUESTIONS:
        text, level = _step(question, answers[question.name])
        reasons.append(
            _("«%(question)s» %(answer)s: det peker mot trinn %(level)s.")
            % {"question": question.text, "answer": text, "level": Level(level).label}
        )
        if question.name == CAPPING_QUESTION:
            cap = level
        else:
            role_steps.append(level)
    role_steps.sort()
    middle = role_steps[(len(role_steps) - 1) // 2]
    suggested = min(middle, cap)
    if suggested < middle:
        reasons.append(
            _(
                "Svarene om roller peker mot trinn %(roles)s, men så mye er allerede bestemt at "
                "innbyggerne ikke kan forme mer enn trinn %(level)s tillater."
            )
            % {"roles": Level(middle).label, "level": Level(suggested).label}
        )
    else:
        reasons.append(
            _("De fleste svarene om roller peker mot trinn %(level)s, så det er forslaget.")
            % {"level": Level(suggested).label}
        )
    return Suggestion(level=suggested, reasons=reasons)
