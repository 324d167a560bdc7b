"""Forms for arenas: the arena itself, attendance after it, and input from it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import StakeholderCategory
from processes.models import TEXT_MAX, Arena


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ArenaForm(forms.ModelForm):
    class Meta:
        model = Arena
        fields = (
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "accessibility",
            "capacity",
            "description",
        )
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


# More than any hall holds; a mistyped count is refused rather than stored.
MAX_ATTENDANCE = 100_000


class AttendanceForm(forms.Form):
    """How many came from each category without signing up, and which of the
    signed-up people came."""

    def __init__(self, *args, arena: Arena, signups, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        counts = {row.stakeholder_category: row.count for row in arena.attendance.all()}
        for value, label in StakeholderCategory.choices:
            self.fields[f"count_{value}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_ATTENDANCE,
                initial=counts.get(value, 0),
                required=False,
            )
        self.fields["attended"] = forms.MultipleChoiceField(
            label=_("Påmeldte som møtte"),
            choices=[
                (signup.pk, signup.person.full_name or _("Navn ikke oppgitt")) for signup in signups
            ],
            initial=[signup.pk for signup in signups if signup.attended],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def count_fields(self):
        return [self[f"count_{value}"] for value in StakeholderCategory.values]

    def counts(self) -> dict[str, int]:
        return {
            value: self.cleaned_data.get(f"count_{value}") or 0
            for value in StakeholderCategory.values
        }

    def attended(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["attended"]}


class ArenaInputForm(forms.Form):
    """One thing said or written at the arena (a post-it, a note)."""

    body = forms.CharField(
        label=_("Hva ble sagt eller skrevet?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stakeholder_category = forms.ChoiceField(
        label=_("Fra hvilken aktørkategori?"),
        choices=[("", _("Vet ikke")), *StakeholderCategory.choices],
        required=False,
    )
