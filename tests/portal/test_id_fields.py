"""Choice fields over rows refuse values that cannot be ids, instead of crashing the database."""

import pytest
from django import forms

from portal.forms import IdChoiceField, IdMultipleChoiceField
from portal.models import Municipality

NOT_IDS = ["9223372036854775808", "-1", "%*", "1.5", "١"]


class PickForm(forms.Form):
    one = IdChoiceField(queryset=Municipality.objects.all(), required=False)
    many = IdMultipleChoiceField(queryset=Municipality.objects.all(), required=False)


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_IDS)
def test_a_value_that_is_no_id_is_an_invalid_choice(value, municipality):
    form = PickForm({"one": value, "many": [str(municipality.pk), value]})

    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


@pytest.mark.django_db
def test_real_ids_are_still_chosen(municipality, other_municipality):
    form = PickForm({"one": str(municipality.pk), "many": [str(other_municipality.pk)]})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == municipality
    assert list(form.cleaned_data["many"]) == [other_municipality]
