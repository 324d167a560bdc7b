"""Changing and removing roles: audited, never leaving the municipality without
an administrator, and in force on the very next request, cached pages included."""

import pytest
from django.urls import reverse

from participants.models import Membership, Role
from portal.models import AuditEntry

pytestmark = pytest.mark.django_db


def _change(client, membership, role):
    return client.post(reverse("administration:role_change", args=[membership.pk]), {"role": role})


def _remove(client, membership):
    return client.post(reverse("administration:role_remove", args=[membership.pk]))


def _admin_role(user):
    return Membership.objects.get(user=user, role=Role.ADMIN)


def test_a_role_change_is_audited_with_before_and_after(admin_user, client_as, staff_role):
    response = _change(client_as(admin_user), staff_role, Role.POLITICIAN)

    assert response.status_code == 302
    assert list(Membership.objects.filter(user=staff_role.user).values_list("role", flat=True)) == [
        "politician"
    ]
    entry = AuditEntry.objects.get(action="membership.change_role")
    assert (entry.before, entry.after, entry.actor) == (
        {"role": "staff"},
        {"role": "politician"},
        admin_user,
    )


def test_the_last_administrator_cannot_remove_themselves(admin_user, client_as):
    client = client_as(admin_user)

    response = _remove(client, _admin_role(admin_user))

    assert response.status_code == 302
    assert Membership.objects.filter(user=admin_user, role=Role.ADMIN).exists()
    assert not AuditEntry.objects.exists()
    page = client.get(reverse("administration:people")).content.decode()
    assert "minst én administrator" in page


def test_the_last_administrator_cannot_be_demoted(admin_user, client_as):
    _change(client_as(admin_user), _admin_role(admin_user), Role.STAFF)

    assert Membership.objects.filter(user=admin_user, role=Role.ADMIN).exists()
    assert not Membership.objects.filter(user=admin_user, role=Role.STAFF).exists()


def test_with_two_administrators_one_may_step_down(admin_user, client_as, make_user, municipality):
    second = make_user(
        "admin2@lillevik.example", "Ask Admin", municipality=municipality, role="admin"
    )
    client = client_as(admin_user)

    _change(client, _admin_role(admin_user), Role.STAFF)

    assert list(Membership.objects.filter(user=admin_user).values_list("role", flat=True)) == [
        "staff"
    ]
    # Now the other one is the last.
    _remove(client_as(second), _admin_role(second))
    assert Membership.objects.filter(user=second, role=Role.ADMIN).exists()


def test_a_removed_role_keeps_the_person_as_owner_of_their_processes(
    admin_user, client_as, staff_role, process
):
    _remove(client_as(admin_user), staff_role)

    assert not Membership.objects.filter(pk=staff_role.pk).exists()
    assert list(process.owners.all()) == [staff_role.user]
    assert AuditEntry.objects.get(action="membership.remove").before == {"role": "staff"}


def test_a_removed_role_is_gone_on_the_next_request_cached_pages_included(
    admin_user, client_as, staff, staff_role, process
):
    staff_client = client_as(staff)
    create = f'href="{reverse("processes:create")}"'
    for _ in range(2):  # the second answer comes from the whole-page cache
        assert create in staff_client.get(reverse("processes:list")).content.decode()

    _remove(client_as(admin_user), staff_role)

    html = staff_client.get(reverse("processes:list")).content.decode()
    assert create not in html
    assert staff_client.get(reverse("processes:create")).status_code == 403


def test_a_new_administrator_sees_administrasjon_on_the_next_request(
    admin_user, client_as, staff, staff_role, process
):
    staff_client = client_as(staff)
    admin_link = f'href="{reverse("administration:index")}"'
    for _ in range(2):
        assert admin_link not in staff_client.get(reverse("processes:list")).content.decode()
    assert staff_client.get(process.get_absolute_url()).status_code == 200

    _change(client_as(admin_user), staff_role, Role.ADMIN)

    assert admin_link in staff_client.get(reverse("processes:list")).content.decode()
    assert admin_link in staff_client.get(process.get_absolute_url()).content.decode()
    assert staff_client.get(reverse("administration:people")).status_code == 200


def test_the_people_list_is_searchable_and_paginated(
    admin_user, client_as, make_user, municipality
):
    for number in range(30):
        make_user(
            f"person{number:02d}@lillevik.example",
            f"Person {number:02d}",
            municipality=municipality,
            role="staff",
        )
    client = client_as(admin_user)

    first = client.get(reverse("administration:people")).content.decode()
    assert "Side 1 av 2" in first
    found = client.get(reverse("administration:people"), {"q": "person07"}).content.decode()
    assert "person07@lillevik.example" in found and "person08@lillevik.example" not in found
    by_name = client.get(reverse("administration:people"), {"q": "Person 12"}).content.decode()
    assert "person12@lillevik.example" in by_name


def test_the_people_page_asks_as_many_queries_for_many_people_as_for_few(
    admin_user, client_as, make_user, municipality, django_assert_max_num_queries
):
    from django.core.cache import cache

    client = client_as(admin_user)
    url = reverse("administration:people")
    client.get(url)
    for number in range(40):
        make_user(
            f"p{number}@lillevik.example", f"P {number}", municipality=municipality, role="staff"
        )
    cache.clear()
    with django_assert_max_num_queries(10):
        client.get(url)
