from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.models import Organisation, StakeholderCategory
from portal.forms import TOO_LONG, IdChoiceField
from processes.models import StakeholderEntry


class StakeholderForm(forms.Form):
    """Put a person, an organisation or a whole category on the map."""

    KIND_CHOICES = [
        ("category", _("En hel kategori")),
        ("organisation", _("En organisasjon")),
        ("person", _("En person")),
    ]

    kind = forms.ChoiceField(
        label=_("Hvem vil dere føre opp?"),
        choices=KIND_CHOICES,
        initial="category",
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        help_text=_("For en organisasjon brukes organisasjonens egen kategori."),
        choices=[("", _("Velg"))] + list(StakeholderCategory.choices),
        required=False,
    )
    organisation = IdChoiceField(
        label=_("Organisasjon"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Velg"),
    )
    email = forms.EmailField(
        label=_("E-postadressen til personen"),
        help_text=_("Personen må ha en konto i portalen."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Rolle i prosessen"), choices=StakeholderEntry.Role.choices)
    note = forms.CharField(
        label=_("Notat"),
        help_text=_("Bare kommunens ansatte ser notatet."),
        max_length=500,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "organisation" and not data.get("organisation"):
            self.add_error("organisation", ValidationError(_("Velg en organisasjon.")))
        if kind == "person" and not data.get("email"):
            self.add_error("email", ValidationError(_("Skriv e-postadressen til personen.")))
        if kind in ("person", "category") and not data.get("category"):
            self.add_error("category", ValidationError(_("Velg en kategori.")))
        return data


class StakeholderStateForm(forms.Form):
    state = forms.ChoiceField(label=_("Tilstand"), choices=StakeholderEntry.State.choices)
