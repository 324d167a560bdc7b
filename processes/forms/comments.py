from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import TOO_LONG
from processes.models import TEXT_MAX, Comment

REASON_MAX = Comment._meta.get_field("hidden_reason").max_length


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Din kommentar"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv en kommentar."), "max_length": TOO_LONG},
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommentReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Hva er galt med kommentaren?"),
        max_length=500,
        required=False,
        widget=forms.TextInput,
        error_messages={"max_length": TOO_LONG},
    )


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor skjules kommentaren?"),
        help_text=_("Grunnen vises i stedet for kommentaren."),
        max_length=REASON_MAX,
        widget=forms.TextInput,
        error_messages={
            "required": _("Skriv hvorfor kommentaren skjules."),
            "max_length": TOO_LONG,
        },
    )


class CommentShowForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor vises kommentaren igjen?"),
        help_text=_("Den som skrev kommentaren, får vite grunnen."),
        max_length=REASON_MAX,
        widget=forms.TextInput,
        error_messages={
            "required": _("Skriv hvorfor kommentaren vises igjen."),
            "max_length": TOO_LONG,
        },
    )
