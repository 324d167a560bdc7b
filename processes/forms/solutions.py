from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.forms import IdMultipleChoiceField
from processes.forms.on_behalf import OnBehalfMixin
from processes.models import TEXT_MAX, TITLE_MAX, Need, Solution


class NeedChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, need: Need) -> str:
        return f"{need.reference}: {Truncator(need.body).words(16)}"


def needs_to_choose(process):
    """The needs a solution may address: this process's needs that are not merged."""
    return (
        Need.objects.filter(process=process)
        .exclude(status=Need.Status.MERGED)
        .order_by("created_at", "pk")
    )


class SolutionForm(OnBehalfMixin, forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Beskriv løsningen"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hva går løsningen ut på, og hvordan svarer den på behovene?"),
    )
    needs = NeedChoiceField(
        label=_("Hvilke behov svarer løsningen på?"),
        queryset=Need.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst ett behov som løsningen svarer på.")},
    )

    def __init__(self, *args, process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs_to_choose(process)


class SolutionEditForm(SolutionForm):
    test_plan = forms.CharField(
        label=_("Testplan"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvordan, med hvem og hvor løsningen skal prøves ut."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SolutionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=())
    text = forms.CharField(
        label=_("Begrunnelse"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Den som foreslo løsningen, og de som har behovene, kan lese begrunnelsen."),
        error_messages={
            "required": _("Skriv en begrunnelse. Den som ga innspillet, skal kunne lese hvorfor.")
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, solution: Solution, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Velg status")),
            *status_choices(solution),
        ]


def status_choices(solution: Solution) -> list[tuple[str, str]]:
    """The statuses staff may set by hand. «Testet» comes from recording a test round."""
    allowed = Solution.TRANSITIONS.get(solution.status, set())
    return [
        (value, label)
        for value, label in Solution.Status.choices
        if value in allowed and value != Solution.Status.TESTED
    ]


class SolutionFilterForm(forms.Form):
    """The GET form above a process's list of solutions."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statuser")), *Solution.Status.choices],
        required=False,
        error_messages={"invalid_choice": _("Velg en av statusene i listen.")},
    )
