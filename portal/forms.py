"""Form fields shared by the apps, and the forms of the portal's own models."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.files import image_without_metadata
from portal.models import Municipality

# The error for a text over its length, said the same way in every form.
TOO_LONG = _("Teksten kan være på høyst %(limit_value)d tegn. Nå er den %(show_value)d tegn.")

# The largest id a bigint column holds; a larger number never names a row,
# and the database driver would raise instead of finding nothing.
MAX_ID = 2**63 - 1


def _is_id(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that refuses a value that cannot be an id."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that refuses values that cannot be ids."""

    def _check_values(self, value):
        for pk in value:
            if not _is_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class MunicipalityForm(forms.ModelForm):
    """The admin's form for a municipality: the logo is kept without its metadata."""

    class Meta:
        model = Municipality
        fields = [
            "name",
            "slug",
            "logo",
            "contact_email",
            "contact_phone",
            "contact_address",
            "dpo_name",
            "dpo_email",
            "inactive_account_months",
            "is_default",
            "feedback_promise_days",
            "written_standard",
            "default_process_level",
            "foundation_need_name",
            "foundation_anchoring_name",
            "foundation_driver_name",
            "foundation_team_name",
            "foundation_resources_name",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            logo = image_without_metadata(logo)
        return logo
