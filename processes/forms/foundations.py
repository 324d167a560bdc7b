"""The owners' form for scoring de 5 fundamentene."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ladder.foundations import DESCRIPTIONS, FACTORS, SCORE_MAX, SCORE_MIN
from processes.models import TEXT_MAX


class FoundationsForm(forms.Form):
    note = forms.CharField(
        label=_("Merknad"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvorfor disse tallene? Hva må til for å komme høyere?"),
    )

    def __init__(self, *args, names: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scored = {
            factor: forms.IntegerField(
                label=names[factor],
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                help_text=_("%(description)s Fra 0 (mangler) til 5 (helt på plass).")
                % {"description": DESCRIPTIONS[factor]},
            )
            for factor in FACTORS
        }
        self.fields = {**scored, **self.fields}

    def scores(self) -> dict[str, int]:
        return {factor: self.cleaned_data[factor] for factor in FACTORS}
