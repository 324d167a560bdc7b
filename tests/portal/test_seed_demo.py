"""`seed_demo` gives a fresh clone something to look at, however often it runs."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from portal.demo import ACCOUNTS, DEMO_PASSWORD

OWN_APPS = ("portal", "participants", "ladder", "processes")


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in OWN_APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.django_db
def test_seed_demo_run_twice_leaves_the_same_rows():
    call_command("seed_demo", stdout=io.StringIO())
    first = _row_counts()
    call_command("seed_demo", stdout=io.StringIO())
    second = _row_counts()

    assert first == second
    assert first["portal.Municipality"] == 2
    assert first["participants.User"] >= len(ACCOUNTS)


@pytest.mark.django_db
@pytest.mark.parametrize("email", [email for email, _name, _role in ACCOUNTS])
def test_every_demo_account_can_log_in_with_the_demo_password(client, email):
    call_command("seed_demo", stdout=io.StringIO())

    response = client.post("/konto/logg-inn/", {"username": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get("/").context["user"].email == email
