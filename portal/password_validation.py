"""Django's four password validators with their messages in our own catalogue.

Django 6.1 changed the message of ``MinimumLengthValidator`` and its bokmål
and nynorsk catalogues lack the new one, so a short password was explained in
English on a Norwegian page. The rules stay Django's; only the words are ours,
in bokmål with nynorsk and English in ``locale/``, for all four validators so
they read as one voice.
"""

from django.contrib.auth import password_validation as django_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
            "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Passordet må ha minst %(min_length)d tegn.",
            "Passordet må ha minst %(min_length)d tegn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Passordet ligner for mye på det du har oppgitt som %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke ligne for mye på navnet eller e-postadressen din.")


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dette passordet er for vanlig.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke være et vanlig brukt passord.")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Passordet kan ikke bare være tall.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke bestå av bare tall.")
