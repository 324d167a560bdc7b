"""Forms for working groups, co-creators and the owners' phase switches."""

from django import forms
from django.utils.translation import gettext_lazy as _

from processes.models import ORGANISATION_MAX, TEXT_MAX, TITLE_MAX, Process


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Navn på gruppen"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Hva gruppen arbeider med"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonByEmailForm(forms.Form):
    """Name an existing account by its e-mail address: to invite or appoint it."""

    email = forms.EmailField(
        label=_("E-postadressen til personen"),
        help_text=_("Personen må ha en konto i portalen."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class OrganisationForm(forms.Form):
    """The organisation a person takes part in a working group for: to ask to join."""

    organisation = forms.CharField(
        label=_("Organisasjon (valgfritt)"),
        help_text=_("La feltet stå tomt hvis du deltar som deg selv."),
        max_length=ORGANISATION_MAX,
        required=False,
    )


class InviteForm(PersonByEmailForm, OrganisationForm):
    """Invite an existing account to a working group, perhaps for an organisation."""

    field_order = ["email", "organisation"]


def _switch(name: str) -> forms.BooleanField:
    return Process._meta.get_field(name).formfield()


class PhaseNarrowingForm(forms.Form):
    """The owners' switches: labels and help texts come from the process's fields."""

    needs_only_in_need_phase = _switch("needs_only_in_need_phase")
    solutions_from_solution_phase = _switch("solutions_from_solution_phase")
