from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from participants.models import StakeholderCategory
from portal.forms import TOO_LONG, IdChoiceField, IdMultipleChoiceField
from processes.forms.on_behalf import OnBehalfMixin
from processes.models import TEXT_MAX, TITLE_MAX, Need, Topic


class NeedForm(OnBehalfMixin, forms.Form):
    body = forms.CharField(
        label=_("Beskriv behovet"),
        help_text=_("Hva trenger du eller andre? Skriv med egne ord."),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Skriv hva behovet er."),
            "max_length": TOO_LONG,
        },
    )
    who_has_need = forms.CharField(
        label=_("Hvem har dette behovet?"),
        help_text=_("For eksempel «barn som går til skolen» eller «eldre uten bil»."),
        max_length=TITLE_MAX,
        widget=forms.TextInput,
        error_messages={
            "required": _("Skriv hvem som har behovet."),
            "max_length": TOO_LONG,
        },
    )
    stakeholder_category = forms.ChoiceField(
        label=_("Jeg melder behovet som"),
        choices=[("", _("Velg om du vil"))] + list(StakeholderCategory.choices),
        required=False,
        widget=forms.Select,
    )
    topics = IdMultipleChoiceField(
        label=_("Temaer"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["topics"].queryset = Topic.objects.in_municipality(municipality).active()

    @cached_property
    def topics_key(self) -> str:
        """The topic choices in one string: what a cached copy of the empty form varies on."""
        return repr(list(self.fields["topics"].queryset.values_list("pk", "name")))


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=(), widget=forms.Select)
    text = forms.CharField(
        label=_("Begrunnelse til den som meldte behovet"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv en begrunnelse. Den som ga innspillet, skal kunne lese hvorfor."),
            "max_length": TOO_LONG,
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, need: Need, **kwargs):
        from processes.services.needs import NEED_TRANSITIONS

        super().__init__(*args, **kwargs)
        labels = dict(Need.Status.choices)
        allowed = NEED_TRANSITIONS.get(need.status, set())
        self.fields["status"].choices = [
            (value, labels[value]) for value in Need.Status.values if value in allowed
        ]
        self.fields["version"].initial = need.version


class NeedChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Need) -> str:
        body = obj.body if len(obj.body) <= 80 else obj.body[:79] + "…"
        return f"{obj.reference}: {body}"


class NeedMergeForm(forms.Form):
    survivor = NeedChoiceField(
        label=_("Slå sammen med"),
        queryset=Need.objects.none(),
        empty_label=_("Velg behovet som skal stå igjen"),
        widget=forms.Select,
        error_messages={
            "required": _("Velg behovet dette skal slås sammen med."),
            "invalid_choice": _("Velg et av behovene i listen."),
        },
    )
    text = forms.CharField(
        label=_("Begrunnelse til den som meldte behovet"),
        help_text=_("Forklar hvorfor behovene er det samme. Innsenderen leser dette."),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv en begrunnelse. Den som ga innspillet, skal kunne lese hvorfor."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args, duplicate: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = (
            Need.objects.filter(process_id=duplicate.process_id, merged_into__isnull=True)
            .exclude(pk=duplicate.pk)
            .exclude(status=Need.Status.MERGED)
            .only("pk", "reference", "body")
            .order_by("-support_count", "-pk")
        )


class NeedFilterForm(forms.Form):
    """The GET form above the need list; every field is optional."""

    SORT_SUPPORT = "stotte"
    SORT_NEWEST = "nyeste"
    ORDERINGS = {
        SORT_SUPPORT: ("-support_count", "-pk"),
        SORT_NEWEST: ("-pk",),
    }

    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = forms.ChoiceField(label=_("Tema"), required=False)
    sort = forms.ChoiceField(
        label=_("Sorter etter"),
        choices=[(SORT_SUPPORT, _("Flest har behovet")), (SORT_NEWEST, _("Nyeste først"))],
        required=False,
    )

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Alle statuser")),
            *(choice for choice in Need.Status.choices if choice[0] != Need.Status.MERGED),
        ]
        self.fields["topic"].choices = [
            ("", _("Alle temaer")),
            *Topic.objects.filter(municipality=municipality).values_list("slug", "name"),
        ]

    def filters(self) -> dict:
        """What the list is narrowed by and ordered on: the valid choices only."""
        data = {}
        if self.is_bound:
            self.is_valid()  # a bad value in one field leaves the others in cleaned_data
            data = self.cleaned_data
        return {
            "status": data.get("status", ""),
            "topic": data.get("topic", ""),
            "ordering": self.ORDERINGS[data.get("sort") or self.SORT_SUPPORT],
        }
