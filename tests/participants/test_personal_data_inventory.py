"""Every field that holds personal data is declared in participants.personal_data.

The walk covers every installed model: a new model with a name, an e-mail
address, a phone number or address, an IP address, a browser's name, free
text about oneself or any link to a person fails here until it is declared
(with its purpose, legal basis, retention and what deletion does with it),
or listed in NOT_PERSONAL with the reason.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from participants.personal_data import (
    ACTION_LABELS,
    DATA,
    INVENTORY,
    LINKS,
    NOT_PERSONAL,
    PURPOSES,
    USER,
    Action,
    purposes_for_page,
)

PERSONAL_WORDS = {
    "name",
    "email",
    "mail",
    "phone",
    "mobile",
    "telephone",
    "address",
    "street",
    "postcode",
    "zip",
    "birth",
    "birthday",
    "ip",
    "agent",
    "username",
    "bio",
    "about",
    "session",
}


def looks_personal(model, field) -> bool:
    if model._meta.label == USER and field.name != "id":
        return True
    if field.is_relation and field.related_model is not None:
        to_user = field.related_model._meta.label == USER
        return to_user and (field.many_to_many or field.concrete)
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    words = set(re.split(r"[_\W]+", field.name.lower()))
    return bool(words & PERSONAL_WORDS) or field.name.lower().endswith("name")


def undeclared(all_models) -> list[str]:
    declared = INVENTORY.declared() | set(NOT_PERSONAL)
    missing = []
    for model in all_models:
        for field in model._meta.get_fields(include_hidden=False):
            if field.auto_created and not field.concrete:
                continue  # a reverse relation: declared on the other side
            if getattr(field, "model", model) is not model:
                continue  # inherited: declared on the parent
            if looks_personal(model, field) and (model._meta.label, field.name) not in declared:
                missing.append(f"{model._meta.label}.{field.name}")
    return sorted(missing)


def test_every_personal_field_of_every_model_is_declared():
    assert undeclared(apps.get_models()) == [], (
        "Declare these in participants/personal_data.py (Link or Data, with a purpose "
        "and what deletion does), or in NOT_PERSONAL with the reason"
    )


def test_a_new_model_with_a_personal_field_fails_the_walk():
    class Petition(models.Model):
        signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        signer_phone = models.CharField(max_length=20)
        town = models.CharField(max_length=20)
        client_ip = models.GenericIPAddressField()

        class Meta:
            app_label = "processes"

        def __str__(self) -> str:
            return self.town

    try:
        assert undeclared([Petition]) == [
            "processes.Petition.client_ip",
            "processes.Petition.signer",
            "processes.Petition.signer_phone",
        ]
    finally:
        apps.all_models["processes"].pop("petition", None)
        apps.clear_cache()


def test_every_declaration_names_a_field_that_exists():
    stale = []
    for label, name in INVENTORY.declared():
        try:
            model = apps.get_model(label)
        except LookupError:
            stale.append(f"{label} (no such model)")
            continue
        try:
            model._meta.get_field(name)
        except Exception:
            stale.append(f"{label}.{name}")
    assert stale == []


def test_every_exported_lookup_resolves():
    for link in LINKS:
        model = apps.get_model(link.model)
        if link.match == "session":
            continue
        model.objects.values(*link.export).query.sql_with_params()  # raises on a bad lookup


def test_every_declaration_has_a_purpose_and_a_deletion_rule():
    for item in (*LINKS, *DATA):
        assert item.purpose in PURPOSES, item
        assert item.on_delete in ACTION_LABELS, item


@pytest.mark.parametrize("link", [link for link in LINKS if link.match == "pk"], ids=str)
def test_what_deletion_does_matches_the_foreign_key(link):
    """A link the inventory anonymises must be nullable; one it deletes by row
    must not be set to null (the service deletes it, with its counters)."""
    if link.model == USER:
        return
    field = apps.get_model(link.model)._meta.get_field(link.field)
    if link.on_delete == Action.ANONYMISE:
        assert field.null, f"{link.model}.{link.field} cannot be emptied"


def test_the_privacy_page_texts_fill_in_every_figure(db):
    for purpose in purposes_for_page(None):
        assert "%(" not in purpose["retention"]
        assert purpose["legal_basis"]


def test_every_exported_data_field_is_in_a_link_s_export():
    """What the inventory says the person gets in Mine data, they get."""
    missing = []
    for item in DATA:
        if not item.export:
            continue
        model = apps.get_model(item.model)
        owners = {model._meta.label, *(parent._meta.label for parent in model._meta.parents)}
        shown = any(
            lookup == item.field or lookup.endswith(f"__{item.field}")
            for link in LINKS
            if link.model in owners
            for lookup in link.export
        )
        if not shown:
            missing.append(f"{item.model}.{item.field}")
    assert missing == []


def test_every_expiry_names_a_date_field_and_a_setting():
    from django.conf import settings as django_settings

    from participants.personal_data import EXPIRIES

    for expiry in EXPIRIES:
        field = apps.get_model(expiry.model)._meta.get_field(expiry.field)
        assert isinstance(field, models.DateTimeField), expiry
        assert expiry.days == "EXPIRED_NOW" or isinstance(
            getattr(django_settings, expiry.days), int
        ), expiry
