from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from participants.models import StakeholderCategory
from processes.models import TEXT_MAX, TITLE_MAX, NeedResult, TestRound
from processes.uploads import MultipleFileField

NEED_FIELD_PREFIX = "need_"


class TestRoundEditForm(forms.Form):
    """What may still change after a test round is recorded; the decision may not."""

    head_count = forms.IntegerField(label=_("Antall deltakere"), min_value=1, max_value=100_000)
    place = forms.CharField(label=_("Sted"), max_length=TITLE_MAX)
    findings = forms.CharField(
        label=_("Funn"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hva så og hørte dere? Hva fungerte, og hva fungerte ikke?"),
    )
    learning = forms.CharField(
        label=_("Læring"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hva tar dere med videre? Teksten blir begrunnelsen for beslutningen."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TestRoundForm(forms.Form):
    body = forms.CharField(
        label=_("Hva ble testet?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    participant_categories = forms.MultipleChoiceField(
        label=_("Med hvem?"),
        choices=StakeholderCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én gruppe som var med.")},
    )
    head_count = TestRoundEditForm.base_fields["head_count"]
    held_on = forms.DateField(
        label=_("Når?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = TestRoundEditForm.base_fields["place"]
    findings = TestRoundEditForm.base_fields["findings"]
    decision = forms.ChoiceField(
        label=_("Beslutning"),
        choices=TestRound.Decision.choices,
        widget=forms.RadioSelect,
        help_text=_("Beslutningen kan ikke endres etter at testrunden er registrert."),
    )
    learning = TestRoundEditForm.base_fields["learning"]
    files = MultipleFileField(
        label=_("Vedlegg (bilder eller PDF)"),
        required=False,
        help_text=_("JPEG, PNG, WebP eller PDF, høyst 10 MB per fil. Du kan velge flere filer."),
    )

    def __init__(self, *args, needs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.needs = list(needs)
        result_choices = [("", _("Velg resultat")), *NeedResult.Result.choices]
        for need in self.needs:
            self.fields[f"{NEED_FIELD_PREFIX}{need.pk}"] = forms.ChoiceField(
                label=_("Resultat for behov %(reference)s: %(need)s")
                % {"reference": need.reference, "need": Truncator(need.body).words(12)},
                choices=result_choices,
                error_messages={"required": _("Velg om testen dekket dette behovet.")},
            )
        # The files field is last on the page, after the need results.
        self.order_fields([f for f in self.fields if f != "files"])

    def need_result_fields(self) -> list[forms.BoundField]:
        return [self[f"{NEED_FIELD_PREFIX}{need.pk}"] for need in self.needs]

    def need_results(self) -> dict:
        return {need: self.cleaned_data[f"{NEED_FIELD_PREFIX}{need.pk}"] for need in self.needs}
