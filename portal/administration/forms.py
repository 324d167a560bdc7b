"""Forms of the administrator's pages. The views hand ``cleaned_data`` to the services."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ladder.foundations import DEFAULT_NAMES
from participants.models import AgeBand, Role
from portal.files import image_without_metadata
from portal.forms import TOO_LONG, IdChoiceField
from portal.models import Area, Municipality
from portal.services import SETTINGS_FIELDS


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søk etter navn eller e-post"),
        max_length=200,
        required=False,
        widget=forms.SearchInput,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Skriv e-postadressen til den du vil invitere."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@kommune.no."),
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=Role.choices,
        initial=Role.STAFF,
        error_messages={"required": _("Velg en rolle."), "invalid_choice": _("Velg en rolle.")},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Ny rolle"),
        choices=Role.choices,
        error_messages={"required": _("Velg en rolle."), "invalid_choice": _("Velg en rolle.")},
    )


class AcceptInvitationForm(forms.Form):
    """A new account from an invitation: the link has proved the address."""

    full_name = forms.CharField(
        label=_("Fullt navn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Skriv navnet ditt.")},
    )
    password1 = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minst 8 tegn, ikke bare tall, og ikke et vanlig passord."),
    )
    password2 = forms.CharField(
        label=_("Gjenta passordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        from django.contrib.auth import password_validation

        from participants.models import User

        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Passordene er ikke like."))
        elif password1:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class MunicipalitySettingsForm(forms.ModelForm):
    """The settings an administrator may change; the logo is checked and drawn anew."""

    feedback_promise_days = forms.IntegerField(
        label=_("Svarfrist i dager"),
        min_value=1,
        max_value=365,
        help_text=_("Hvor mange dager et innspill kan vente før eierne blir påminnet."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Skriv hvor mange dager svarfristen er."),
            "invalid": _("Skriv et helt antall dager, for eksempel 14."),
            "min_value": _("Svarfristen må være minst én dag."),
            "max_value": _("Svarfristen kan være høyst 365 dager."),
        },
    )

    class Meta:
        model = Municipality
        fields = list(SETTINGS_FIELDS)
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_address": forms.TextInput(attrs={"autocomplete": "off"}),
            "written_standard": forms.RadioSelect,
        }
        help_texts = {
            "logo": _("JPEG, PNG eller WebP, høyst 10 MB. Vises i toppen av hver side."),
            "contact_email": _("Vises nederst på hver side."),
            "contact_phone": _("Vises nederst på hver side."),
        }
        error_messages = {
            "contact_email": {"invalid": _("Skriv en gyldig e-postadresse.")},
            "name": {"required": _("Skriv kommunens navn.")},
            "logo": {
                "invalid_image": _(
                    "Filen er ikke et bilde vi kan bruke. Bruk JPEG, PNG eller WebP. "
                    "Vi sjekker hva filen inneholder, ikke bare navnet."
                )
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for factor, default in DEFAULT_NAMES.items():
            field = self.fields[f"foundation_{factor}_name"]
            field.label = _("Navn på fundamentet «%(name)s»") % {"name": default}
            field.help_text = _("Tomt: «%(name)s».") % {"name": default}

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            if logo.size > settings.MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("Bildet er for stort. Det kan være høyst 10 MB."))
            logo = image_without_metadata(logo)
        return logo

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not isinstance(fields["logo"], UploadedFile) and fields["logo"] is not False:
            del fields["logo"]  # nothing uploaded, nothing cleared: keep the logo
        return fields


class TopicForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på temaet"),
        max_length=80,
        error_messages={"required": _("Skriv et navn på temaet.")},
    )


class TopicMergeForm(forms.Form):
    into = IdChoiceField(
        label=_("Slå sammen med"),
        queryset=None,
        empty_label=_("Velg temaet som skal bli stående"),
        error_messages={
            "required": _("Velg temaet som skal bli stående."),
            "invalid_choice": _("Velg et av kommunens andre temaer."),
        },
    )

    def __init__(self, *args, topic, **kwargs) -> None:
        from processes.models import Topic

        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Topic.objects.in_municipality(topic.municipality_id).exclude(
            pk=topic.pk
        )


# A municipality's figures stay far below this; a typo with extra digits does not.
MAX_INHABITANTS = 10_000_000
INHABITANTS_ERRORS = {
    "invalid": _("Skriv et helt antall innbyggere, for eksempel 1200."),
    "min_value": _("Innbyggertallet kan ikke være negativt."),
    "max_value": _("Innbyggertallet kan være høyst 10 000 000."),
}


def inhabitants_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_INHABITANTS,
        required=False,
        # Text, not number: a number input may not hold what was typed when it is refused.
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages=INHABITANTS_ERRORS,
        **kwargs,
    )


class AreaForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på området"),
        max_length=120,
        error_messages={"required": _("Skriv et navn på området."), "max_length": TOO_LONG},
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Area.Kind.choices,
        initial=Area.Kind.HAMLET,
        error_messages={"invalid_choice": _("Velg grend, tettsted eller bydel.")},
    )
    population = inhabitants_field(
        _("Innbyggere"), help_text=_("Valgfritt. Fra SSB eller kommunens egne tall.")
    )


class PopulationForm(forms.Form):
    """One field per age band, and where the figures come from."""

    source = forms.CharField(
        label=_("Kilde for innbyggertallene"),
        max_length=200,
        required=False,
        error_messages={"max_length": TOO_LONG},
        help_text=_("For eksempel «SSB, tabell 07459, 1. januar 2026»."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for band, label in AgeBand.choices:
            self.fields[self.field_name(band)] = inhabitants_field(label)

    @staticmethod
    def field_name(band: str) -> str:
        """``"80+"`` → ``"alder_80_pluss"``: a name that is also a plain HTML id."""
        return "alder_" + band.replace("-", "_").replace("+", "_pluss")

    def band_fields(self) -> list:
        return [self[self.field_name(band)] for band in AgeBand.values]

    def counts(self) -> dict[str, int | None]:
        return {band: self.cleaned_data[self.field_name(band)] for band in AgeBand.values}
