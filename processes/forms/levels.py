"""Forms for a process's step: the change itself and the questionnaire that
suggests one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ladder.levels import Level
from ladder.questionnaire import QUESTIONS
from processes.models import TEXT_MAX, Process


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Trinn i samskapingstrappa"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    target_level = forms.TypedChoiceField(
        label=_("Mål for trinn"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Trinnet prosessen skal nå. Det kan være høyere enn trinnet den står på nå."),
    )
    justification = forms.CharField(
        label=_("Begrunnelse"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Hvorfor passer dette trinnet for prosessen? Alle som følger prosessen, ser "
            "begrunnelsen i historikken."
        ),
        error_messages={"required": _("Skriv hvorfor prosessen får dette trinnet.")},
    )
    # Set by the button of the preview shown before a level is lowered.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, process: Process, suggested: int | None = None, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {"level": suggested or process.level, "target_level": process.target_level},
        )
        super().__init__(*args, **kwargs)

    def lowers(self, process: Process) -> bool:
        return self.is_valid() and self.cleaned_data["level"] < process.level


class QuestionnaireForm(forms.Form):
    """Sent with GET: its answers only pre-select a step in ``LevelForm``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                choices=[(value, text) for value, text, _level in question.answers],
                widget=forms.RadioSelect,
            )
