"""Render a form field the Designsystemet way, with its label, help and errors wired up."""

from django import forms, template

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
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
