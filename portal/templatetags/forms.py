"""Render a form field the Designsystemet way, with its label, help and errors wired up."""

from django import forms, template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

INPUT_CLASS_SKIP = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.simple_tag
def field_widget(field: forms.BoundField) -> str:
    """The widget with ``ds-input``, ``aria-invalid`` and ``aria-describedby`` set.

    In a form sent with mistakes the error summary has the page's one
    ``autofocus``: a field's own (the login form's e-mail) gives way.
    """
    attrs: dict[str, str | bool] = {}
    if field.form.errors and field.field.widget.attrs.get("autofocus"):
        attrs["autofocus"] = False
    if not isinstance(field.field.widget, INPUT_CLASS_SKIP):
        attrs["class"] = "ds-input"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if _counts_characters(field):
        described_by.append(f"{field.auto_id}_count")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


def _counts_characters(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.Textarea) and bool(
        getattr(field.field, "max_length", None)
    )


@register.simple_tag
def character_count(field: forms.BoundField) -> str:
    """The limit of a long text field, which static/js/character-count.js turns
    into "N tegn igjen" as the person writes (and then drops ``maxlength``, so
    a paste is never cut: the server says when a text is too long).

    The script gets its words from data attributes: the singular and plural
    forms, as every language of ours has two (nb, nn, en: n != 1).
    """
    if not _counts_characters(field):
        return ""
    limit = field.field.max_length
    return format_html(
        '<p class="ds-paragraph meta character-count" data-size="sm" id="{}_count" '
        'data-character-count="{}" data-left-one="{}" data-left-other="{}" '
        'data-over-one="{}" data-over-other="{}">{}</p>',
        field.auto_id,
        limit,
        ngettext("%(count)s tegn igjen", "%(count)s tegn igjen", 1),
        ngettext("%(count)s tegn igjen", "%(count)s tegn igjen", 2),
        ngettext("%(count)s tegn for mye", "%(count)s tegn for mye", 1),
        ngettext("%(count)s tegn for mye", "%(count)s tegn for mye", 2),
        _("Høyst %(limit)s tegn.") % {"limit": intcomma(limit)},
    )
