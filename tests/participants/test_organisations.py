"""Organisations: registering, editing, the kontaktledd, and members with roles."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from participants.models import Organisation, OrganisationMember
from participants.organisations import (
    member_add,
    member_remove,
    member_set_role,
    organisation_edit,
    organisation_register,
    organisation_set_contact,
)
from portal.models import Area

pytestmark = pytest.mark.django_db

Role = OrganisationMember.Role


@pytest.fixture
def leader(make_user):
    return make_user("leder@example.org", "Lise Leder")


@pytest.fixture
def member(make_user):
    return make_user("medlem@example.org", "Mona Medlem")


@pytest.fixture
def organisation(municipality, leader, member):
    organisation = organisation_register(
        municipality=municipality, by=leader, name="Bakken vel", category="voluntary"
    )
    OrganisationMember.objects.create(organisation=organisation, person=member, role=Role.MEMBER)
    return organisation


def test_the_person_who_registers_an_organisation_leads_it(municipality, citizen):
    area = Area.objects.create(municipality=municipality, name="Bakken")
    organisation = organisation_register(
        municipality=municipality, by=citizen, name=" Bakken vel ", category="voluntary", area=area
    )

    assert organisation.name == "Bakken vel"
    assert organisation.area == area
    assert list(organisation.memberships.values_list("person", "role")) == [
        (citizen.pk, Role.LEADER)
    ]
    assert list(citizen.organisations.all()) == [organisation]


def test_a_name_taken_in_the_municipality_is_refused_and_nothing_is_written(
    municipality, organisation, citizen
):
    with pytest.raises(ValidationError) as refused:
        organisation_register(
            municipality=municipality, by=citizen, name="Bakken vel", category="business"
        )

    assert "name" in refused.value.error_dict
    assert Organisation.objects.count() == 1
    assert not OrganisationMember.objects.filter(person=citizen).exists()


def test_an_area_of_another_municipality_is_refused(municipality, other_municipality, citizen):
    elsewhere = Area.objects.create(municipality=other_municipality, name="Nordbygda")

    with pytest.raises(ValidationError):
        organisation_register(
            municipality=municipality, by=citizen, name="Vel", category="voluntary", area=elsewhere
        )
    assert not Organisation.objects.exists()


def test_the_leader_and_staff_edit_a_member_may_not(organisation, leader, member, staff):
    organisation_edit(organisation=organisation, by=leader, description="Vi rydder stier.")
    organisation_edit(organisation=organisation, by=staff, name="Bakken velforening")

    with pytest.raises(PermissionDenied):
        organisation_edit(organisation=organisation, by=member, name="Kuppet")
    organisation.refresh_from_db()
    assert (organisation.name, organisation.description) == (
        "Bakken velforening",
        "Vi rydder stier.",
    )


def test_only_staff_name_the_kontaktledd_and_it_must_be_staff(organisation, leader, staff, citizen):
    with pytest.raises(PermissionDenied):
        organisation_set_contact(organisation=organisation, by=leader, contact=staff)
    with pytest.raises(ValidationError):
        organisation_set_contact(organisation=organisation, by=staff, contact=citizen)
    organisation.refresh_from_db()
    assert organisation.contact is None

    organisation_set_contact(organisation=organisation, by=staff, contact=staff)
    organisation.refresh_from_db()
    assert organisation.contact == staff


def test_the_leader_adds_members_by_address_once(organisation, leader, citizen):
    membership = member_add(
        organisation=organisation, by=leader, email="KARI@example.org", role="contact"
    )
    assert (membership.person, membership.role) == (citizen, Role.CONTACT)

    with pytest.raises(ValidationError):
        member_add(organisation=organisation, by=leader, email=citizen.email)
    assert organisation.memberships.filter(person=citizen).count() == 1


def test_a_member_may_not_add_or_remove_members(organisation, member, leader, citizen):
    with pytest.raises(PermissionDenied):
        member_add(organisation=organisation, by=member, email=citizen.email)
    leader_row = organisation.memberships.get(person=leader)
    with pytest.raises(PermissionDenied):
        member_remove(membership=leader_row, by=member)

    assert set(organisation.memberships.values_list("person", flat=True)) == {
        leader.pk,
        member.pk,
    }


def test_a_member_may_leave_and_the_leader_may_remove(organisation, leader, member, citizen):
    member_remove(membership=organisation.memberships.get(person=member), by=member)
    joined = member_add(organisation=organisation, by=leader, email=citizen.email)
    member_remove(membership=joined, by=leader)

    assert list(organisation.memberships.values_list("person", flat=True)) == [leader.pk]


def test_the_last_leader_stays_until_another_leads(organisation, leader, member):
    own = organisation.memberships.get(person=leader)
    with pytest.raises(PermissionDenied):
        member_remove(membership=own, by=leader)
    with pytest.raises(PermissionDenied):
        member_set_role(membership=own, by=leader, role=Role.MEMBER)
    assert organisation.memberships.get(person=leader).role == Role.LEADER

    member_set_role(
        membership=organisation.memberships.get(person=member), by=leader, role=Role.LEADER
    )
    member_remove(membership=organisation.memberships.get(person=leader), by=leader)
    assert list(organisation.memberships.values_list("person", "role")) == [
        (member.pk, Role.LEADER)
    ]


# The pages ----------------------------------------------------------------


def test_registering_through_the_page(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("organisations:create"), {"name": "Sykkelklubben", "category": "voluntary"}
    )

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.memberships.get().person == citizen


def test_a_form_with_mistakes_keeps_what_was_typed(client, citizen):
    client.force_login(citizen)

    response = client.post(reverse("organisations:create"), {"name": "Sykkelklubben"})

    assert response.status_code == 200
    assert "Velg hva slags organisasjon det er." in response.content.decode()
    assert 'value="Sykkelklubben"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_members_are_shown_to_members_and_staff_only(
    client, organisation, member, citizen, staff
):
    url = organisation.get_absolute_url()

    for viewer, sees in ((None, False), (citizen, False), (member, True), (staff, True)):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = client.get(url).content.decode()
        assert ("Lise Leder" in page) is sees, viewer
        assert "Bakken vel" in page


def test_the_list_names_every_organisation_in_few_queries(
    client, municipality, leader, django_assert_max_num_queries
):
    for number in range(12):
        organisation_register(
            municipality=municipality, by=leader, name=f"Lag {number}", category="voluntary"
        )
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(8):
        page = client.get(reverse("organisations:index")).content.decode()
    assert "Lag 11" in page


def test_the_leader_adds_a_member_with_htmx_and_hears_it(client, organisation, leader, citizen):
    client.force_login(leader)

    response = client.post(
        reverse("organisations:member_add", args=[organisation.pk]),
        {"email": citizen.email, "role": "member"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="medlemmer"' in page and "data-announce" in page
    assert organisation.memberships.filter(person=citizen).exists()
