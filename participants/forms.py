from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from participants.models import (
    AgeBand,
    NotificationChoice,
    NotificationGroup,
    StakeholderCategory,
    User,
)
from portal.models import Area


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Fullt navn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
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

    def clean_email(self) -> str:
        # A taken address is not refused here: the form must not tell anyone
        # which addresses have accounts (see ``user_register``).
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Passordene er ikke like."))
        elif password1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Feil e-postadresse eller passord. "
            "Husk at passordet skiller mellom store og små bokstaver."
        ),
        "inactive": _("Denne kontoen er deaktivert."),
        "unverified": _(
            "Du må bekrefte e-postadressen din før du logger inn. Vi har sendt deg en ny lenke."
        ),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not user.email_verified:
            from participants.services import user_send_verification

            user_send_verification(user=user, base_url=self.request.build_absolute_uri("/"))
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        """Through the outbox, like every e-mail: rendered (with a fresh token)
        in the person's language when it is sent."""
        from participants.services import user_send_password_reset

        user_send_password_reset(
            user=context["user"], protocol=context["protocol"], domain=context["domain"]
        )


class NotificationPreferencesForm(forms.Form):
    """One choice per group of notifications: immediately, daily digest, or off."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for group in NotificationGroup:
            self.fields[group.value] = forms.ChoiceField(
                label=group.label,
                choices=NotificationChoice.choices,
                initial=initial_choices[group.value],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Velg hvordan du vil få disse varslene."),
                    "invalid_choice": _("Velg straks, samlet én gang om dagen eller av."),
                },
            )


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again, so a borrowed or
    forgotten session cannot do it."""

    password = forms.CharField(
        label=_("Passordet ditt"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Skriv passordet på nytt for å bekrefte at det er du."),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Passordet stemmer ikke."), code="wrong_password")
        return password


class AccountAnonymiseForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadressen til kontoen"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    reference = forms.CharField(
        label=_("Saksnummer eller henvisning til henvendelsen"),
        max_length=100,
        required=False,
        help_text=_("Blir stående i revisjonsloggen, så det går an å finne henvendelsen igjen."),
    )
    confirm = forms.BooleanField(
        label=_("Personen har selv bedt om at kontoen slettes, og jeg har bekreftet hvem de er."),
    )


class ProfileForm(forms.Form):
    """The optional profile; every field may be left blank."""

    stakeholder_category = forms.ChoiceField(
        label=_("Aktørkategori"),
        required=False,
        choices=[("", _("Vil ikke oppgi"))] + list(StakeholderCategory.choices),
        help_text=_("Hvilken gruppe du hører til, for eksempel innbygger eller næringsliv."),
        error_messages={"invalid_choice": _("Velg en av aktørkategoriene i listen.")},
    )
    age_band = forms.ChoiceField(
        label=_("Aldersgruppe"),
        required=False,
        choices=[("", _("Vil ikke oppgi"))] + list(AgeBand.choices),
        error_messages={"invalid_choice": _("Velg en av aldersgruppene i listen.")},
    )
    area = forms.ModelChoiceField(
        label=_("Område"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Vil ikke oppgi"),
        help_text=_("Grenda, tettstedet eller bydelen du bor i."),
        error_messages={"invalid_choice": _("Velg et område i denne kommunen.")},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)
