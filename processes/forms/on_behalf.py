"""The choice, on an input form, to give the input on behalf of an organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import Organisation
from portal.forms import IdChoiceField


def organisations_of(user, municipality):
    """The organisations of ``municipality`` that ``user`` is a member of."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(municipality=municipality, memberships__person=user)


class OnBehalfMixin:
    """What a cached copy of the form varies on: the organisations it offers."""

    on_behalf_key = ""


def on_behalf_field_add(form: forms.BaseForm, *, user, municipality) -> None:
    """Offer ``organisation`` on ``form`` when ``user`` is a member of any
    organisation of the municipality; nothing chosen: the input is their own.
    The service asks the rules again, so a stale choice is refused."""
    organisations = list(organisations_of(user, municipality).order_by("name", "pk"))
    if not organisations:
        return
    field = IdChoiceField(
        label=_("Gi innspillet på vegne av"),
        help_text=_("Velg en organisasjon du er medlem av, eller la feltet stå tomt."),
        queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        required=False,
        empty_label=_("Meg selv"),
    )
    form.fields["organisation"] = field
    form.on_behalf_key = ",".join(str(o.pk) for o in organisations)
