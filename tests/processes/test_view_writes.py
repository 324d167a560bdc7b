"""``attempt``: a service's refusal lands on the form where the visitor reads it."""

from django import forms
from django.core.exceptions import ValidationError

from processes.services.contributions import EditConflict
from processes.views.writes import attempt


class TextForm(forms.Form):
    body = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def bound() -> TextForm:
    form = TextForm({"body": "Min tekst", "version": "1"})
    assert form.is_valid()
    return form


def refuse(error: Exception):
    def service():
        raise error

    return service


def test_success_gives_what_the_service_gives():
    form = bound()
    assert attempt(form, lambda: "lagret") == "lagret"
    assert not form.errors


def test_an_edit_conflict_goes_above_the_fields():
    form = bound()
    assert attempt(form, refuse(EditConflict())) is None
    assert form.non_field_errors() == [EditConflict.message]


def test_a_refusal_naming_a_field_goes_next_to_it_and_a_hidden_one_above():
    form = bound()
    error = ValidationError({"body": "For kort.", "version": "Utdatert.", "ukjent": "Feil."})
    attempt(form, refuse(error))
    assert form.errors["body"] == ["For kort."]
    assert form.non_field_errors() == ["Utdatert.", "Feil."]


def test_a_refusal_naming_no_field_goes_above_them():
    form = bound()
    attempt(form, refuse(ValidationError("Prosessen er stengt.")))
    assert form.non_field_errors() == ["Prosessen er stengt."]
    assert form["body"].value() == "Min tekst"
