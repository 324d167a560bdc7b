"""Forms for a process: the list filter, create/edit, status change and a new round."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ladder.levels import Level
from participants.models import Role, User
from portal.files import image_without_metadata
from portal.forms import IdMultipleChoiceField
from portal.models import Area
from processes.models import TEXT_MAX, Process, Round, Topic


class ProcessFilterForm(forms.Form):
    """The GET form above the list; every field is optional."""

    q = forms.CharField(label=_("Søk"), max_length=200, required=False, widget=forms.SearchInput)
    status = forms.ChoiceField(label=_("Status"), required=False)
    level = forms.TypedChoiceField(
        label=_("Trinn i samskapingstrappa"),
        choices=[("", _("Alle trinn")), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    topic = forms.ChoiceField(label=_("Tema"), required=False)

    def __init__(self, *args, municipality, include_drafts: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        statuses = [
            choice
            for choice in Process.Status.choices
            if include_drafts or choice[0] != Process.Status.DRAFT
        ]
        self.fields["status"].choices = [("", _("Alle statuser")), *statuses]
        self.fields["topic"].choices = [
            ("", _("Alle temaer")),
            *Topic.objects.filter(municipality=municipality).values_list("slug", "name"),
        ]


class ProcessForm(forms.ModelForm):
    """Create or edit a process. The view hands ``cleaned_data`` to the services.

    The step on the samskapingstrapp is not here: it changes in its own form
    (``processes.forms.levels.LevelForm``) with a justification."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Process
        fields = [
            "title",
            "summary",
            "problem_statement",
            "already_decided",
            "open_questions",
            "budget",
            "constraints",
            "decision_maker",
            "decision_due",
            "mandate",
            "facilitator",
            "topics",
            "areas",
            "owners",
            "cover_image",
            "cover_alt",
        ]
        field_classes = {
            "topics": IdMultipleChoiceField,
            "areas": IdMultipleChoiceField,
            "owners": IdMultipleChoiceField,
        }
        widgets = {
            "decision_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "owners": forms.CheckboxSelectMultiple,
            "cover_image": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }
        help_texts = {
            "mandate": _(
                "Hva har kommunen gitt prosessen lov til å bestemme eller gjøre? "
                "På trinn 4 sikrer kommunen rammer, mandat og fasilitering."
            ),
            "facilitator": _("Navn eller rolle på den som legger til rette for arbeidet."),
            "cover_alt": _("Beskriv bildet for dem som ikke ser det. Må fylles ut med bilde."),
            "cover_image": _("Valgfritt. Et bilde på høyst 10 MB."),
            "areas": _(
                "Grendene, tettstedene eller bydelene prosessen gjelder. Deltakelsen "
                "sammenlignes med dem som bor der. Ingen valgt: hele kommunen."
            ),
        }

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Retired topics are not offered, but an old process keeps the ones it has.
        self.fields["topics"].queryset = Topic.objects.choosable_for(
            municipality, keeping=self.instance.topics.all() if self.instance.pk else ()
        )
        self.fields["areas"].queryset = Area.objects.filter(municipality=municipality)
        # Owners are people who run processes: the municipality's staff and admins.
        self.fields["owners"].queryset = (
            User.objects.filter(
                memberships__municipality=municipality,
                memberships__role__in=[Role.STAFF, Role.ADMIN],
                is_active=True,
            )
            .distinct()
            .order_by("full_name")
        )
        if self.instance.pk is None:
            self.fields["owners"].required = False
            self.fields["owners"].help_text = _("Du blir eier selv. Velg andre eiere om du vil.")
            del self.fields["version"]
        else:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        if isinstance(image, UploadedFile):
            if image.size > settings.MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("Bildet er for stort. Det kan være høyst 10 MB."))
            # Stored without its EXIF (a phone's photo holds where it was taken).
            image = image_without_metadata(image)
        return image

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("cover_image")
        if image is None and self.instance.pk:
            image = self.instance.cover_image
        if image and not (cleaned.get("cover_alt") or "").strip():
            self.add_error(
                "cover_alt",
                _("Skriv en bildetekst for skjermlesere når prosessen har et bilde."),
            )
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned values the services take, without the version."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if fields["cover_image"] is None:
            # Nothing uploaded and nothing cleared: leave the stored image alone.
            del fields["cover_image"]
        return fields


class ProcessStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Begrunnelse"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alle som følger prosessen, ser begrunnelsen i tidslinjen."),
    )

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = Process.TRANSITIONS.get(process.status, set())
        self.fields["status"].choices = [c for c in Process.Status.choices if c[0] in allowed]


class RoundForm(forms.Form):
    focus = forms.ChoiceField(
        label=_("Fase for den nye runden"),
        choices=Round.Focus.choices,
        initial=Round.Focus.NEED,
        widget=forms.RadioSelect,
    )
    learnings = forms.CharField(
        label=_("Læring tatt med fra forrige runde"),
        max_length=TEXT_MAX * 3,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Fylt ut med læringen fra testrundene i forrige runde. Rediger fritt."),
    )
