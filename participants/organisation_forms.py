"""The forms of the organisation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import OrganisationMember, StakeholderCategory
from portal.forms import TOO_LONG, IdChoiceField
from portal.models import Area

# The kinds of organisation a person registers (a person alone is no organisation).
ORGANISATION_CATEGORIES = [
    (value, label)
    for value, label in StakeholderCategory.choices
    if value not in (StakeholderCategory.CITIZEN, StakeholderCategory.ELDERLY)
]


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på organisasjonen"),
        max_length=200,
        error_messages={"required": _("Skriv navnet på organisasjonen."), "max_length": TOO_LONG},
    )
    category = forms.ChoiceField(
        label=_("Hva slags organisasjon er det?"),
        choices=[("", _("Velg"))] + ORGANISATION_CATEGORIES,
        error_messages={"required": _("Velg hva slags organisasjon det er.")},
    )
    area = IdChoiceField(
        label=_("Område"),
        help_text=_("Grenda, tettstedet eller bydelen organisasjonen hører til, om noen."),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Hele kommunen"),
    )
    description = forms.CharField(
        label=_("Om organisasjonen"),
        help_text=_("Kort om hva dere gjør. Teksten er offentlig."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)


class ContactForm(forms.Form):
    """Staff name the municipality's contact (kontaktledd) for an organisation."""

    contact = IdChoiceField(
        label=_("Kontaktledd i kommunen"),
        help_text=_("Den ansatte organisasjonen kan ta kontakt med."),
        queryset=None,
        required=False,
        empty_label=_("Ingen ennå"),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = candidates


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadressen til personen"),
        help_text=_("Personen må ha en konto i portalen."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Skriv e-postadressen til personen.")},
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=OrganisationMember.Role.choices, initial="member"
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=OrganisationMember.Role.choices)
