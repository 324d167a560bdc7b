"""Django's admin writes outside the services; what it changes about a person
must still reach the cached pages that show them."""

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import User
from processes.models import Contribution, Need, Solution
from processes.services.contributions import contribution_add


@pytest.fixture
def operator(make_user):
    return make_user("drift@medspill.example", "Drift", is_staff=True, is_superuser=True)


@pytest.fixture
def solution(process, citizen):
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys.", who_has_need="Skolebarn"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )
    solution = contribution_add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys", body="Sett opp lys."),
        process=process,
        author=citizen,
        status=Solution.Status.PROPOSED,
    )
    solution.needs.add(need)
    return solution


def _admin_change_data(user: User, **changes) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "email_verified_at_0": "2026-11-01",
        "email_verified_at_1": "12:00:00",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_name_changed_in_the_admin_shows_at_once_on_cached_pages(
    client, operator, citizen, process, solution
):
    url = solution.get_absolute_url()
    assert "Kari Nordmann" in client.get(url).content.decode()  # now in the cache

    admin = Client()
    admin.force_login(operator)
    response = admin.post(
        reverse("admin:participants_user_change", args=[citizen.pk]),
        _admin_change_data(citizen, full_name="Kari Fjellstad"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    html = client.get(url).content.decode()
    assert "Kari Fjellstad" in html and "Kari Nordmann" not in html


@pytest.mark.django_db
def test_a_person_deleted_in_the_admin_is_gone_at_once_from_cached_pages(
    client, operator, citizen, process, solution, staff
):
    overview = process.get_absolute_url()
    assert "Siri Saksbehandler" in client.get(overview).content.decode()
    assert "Kari Nordmann" in client.get(solution.get_absolute_url()).content.decode()

    admin = Client()
    admin.force_login(operator)
    for person in (citizen, staff):
        response = admin.post(
            reverse("admin:participants_user_delete", args=[person.pk]), {"post": "yes"}
        )
        assert response.status_code == 302

    assert "Siri Saksbehandler" not in client.get(overview).content.decode()
    assert "Kari Nordmann" not in client.get(solution.get_absolute_url()).content.decode()
