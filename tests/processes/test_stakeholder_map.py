"""The stakeholder map: entries for people, organisations and categories,
their states, what each has contributed, and who sees what."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from participants.models import Organisation, OrganisationMember
from processes.models import StakeholderEntry
from processes.services.needs import need_log
from processes.services.stakeholders import (
    stakeholder_add,
    stakeholder_remove,
    stakeholder_set_state,
)
from processes.stakeholder_map import stakeholder_groups

pytestmark = pytest.mark.django_db

Role, State = StakeholderEntry.Role, StakeholderEntry.State


@pytest.fixture
def organisation(municipality, citizen):
    organisation = Organisation.objects.create(
        municipality=municipality, name="Bakken vel", category="voluntary"
    )
    OrganisationMember.objects.create(organisation=organisation, person=citizen)
    return organisation


@pytest.fixture
def full_map(process, staff, citizen, organisation):
    return {
        "person": stakeholder_add(
            process=process,
            by=staff,
            role=Role.DRIVER,
            person=citizen,
            category="citizen",
            note="Ringer henne etter ferien",
        ),
        "organisation": stakeholder_add(
            process=process,
            by=staff,
            role=Role.PARTICIPANT,
            organisation=organisation,
            category="business",
        ),
        "category": stakeholder_add(
            process=process, by=staff, role=Role.DECISION_MAKER, category="politician"
        ),
    }


def test_an_organisation_is_listed_under_its_own_category(full_map):
    assert full_map["organisation"].category == "voluntary"
    assert [entry.kind for entry in full_map.values()] == ["person", "organisation", "category"]
    assert all(entry.state == State.TO_INVITE for entry in full_map.values())


def test_the_same_stakeholder_twice_is_refused(process, staff, full_map, organisation):
    with pytest.raises(ValidationError):
        stakeholder_add(process=process, by=staff, role=Role.RESOURCE, organisation=organisation)
    with pytest.raises(ValidationError):
        stakeholder_add(process=process, by=staff, role=Role.RESOURCE, category="politician")
    assert StakeholderEntry.objects.count() == 3


def test_only_the_owners_keep_the_map(process, staff_non_owner, citizen, full_map):
    entry = full_map["category"]
    for who in (staff_non_owner, citizen):
        with pytest.raises(PermissionDenied):
            stakeholder_add(process=process, by=who, role=Role.RESOURCE, category="research")
        with pytest.raises(PermissionDenied):
            stakeholder_set_state(entry=entry, by=who, state=State.INVITED)
        with pytest.raises(PermissionDenied):
            stakeholder_remove(entry=entry, by=who)
    entry.refresh_from_db()
    assert entry.state == State.TO_INVITE
    assert StakeholderEntry.objects.count() == 3


def test_an_entry_goes_from_to_invite_to_invited_to_engaged_or_declined(process, staff, full_map):
    entry = full_map["organisation"]
    for state in (State.INVITED, State.DECLINED, State.INVITED, State.ENGAGED):
        stakeholder_set_state(entry=entry, by=staff, state=state)
        entry.refresh_from_db()
        assert entry.state == state


def test_a_state_it_cannot_go_to_is_refused_and_nothing_changes(process, staff, full_map):
    entry = full_map["person"]
    stakeholder_set_state(entry=entry, by=staff, state=State.ENGAGED)

    with pytest.raises(ValidationError):
        stakeholder_set_state(entry=entry, by=staff, state=State.TO_INVITE)
    with pytest.raises(ValidationError):
        stakeholder_set_state(entry=entry, by=staff, state="nonsense")
    entry.refresh_from_db()
    assert entry.state == State.ENGAGED


def test_what_each_has_contributed(process, staff, citizen, organisation, full_map, make_user):
    politician = make_user("pol@example.org", "Per Politiker", stakeholder_category="politician")
    need_log(process=process, author=citizen, body="Eget", who_has_need="Meg")
    need_log(
        process=process,
        author=citizen,
        body="For laget",
        who_has_need="Laget",
        organisation=organisation,
    )
    need_log(process=process, author=politician, body="Fra profilen", who_has_need="Alle")
    need_log(
        process=process,
        author=citizen,
        body="Som folkevalgt",
        who_has_need="Alle",
        stakeholder_category="politician",
    )

    groups = stakeholder_groups(process, with_people=True)

    counted = {entry.kind: entry.contributed for group in groups for entry in group.entries}
    assert counted == {"person": 3, "organisation": 1, "category": 2}
    assert [group.category for group in groups] == ["citizen", "politician", "voluntary"]


def test_the_map_reads_a_fixed_number_of_queries(
    process, staff, citizen, full_map, make_user, django_assert_num_queries
):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            stakeholder_groups(process, with_people=True)
        return len(captured)

    few = queries()
    for number in range(10):
        person = make_user(f"p{number}@example.org", f"Person {number}")
        stakeholder_add(
            process=process, by=staff, role=Role.RESOURCE, person=person, category="research"
        )
        need_log(process=process, author=person, body=f"Behov {number}", who_has_need="Alle")
    assert (
        queries() == few == 2
    )  # the entries, one grouped count for people, organisations, categories


def test_citizens_see_only_organisations_and_categories_that_take_part(
    client, process, staff, citizen, full_map
):
    for entry in full_map.values():
        stakeholder_set_state(entry=entry, by=staff, state=State.ENGAGED)
    url = reverse("processes:stakeholders", args=[process.slug])

    for viewer in (None, citizen):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = client.get(url).content.decode()
        assert "Bakken vel" in page and "Hele gruppen: Folkevalgt" in page
        assert "Kari Nordmann" not in page.split("<main", 1)[1].split("</main>")[0]
        assert "Ringer henne" not in page
        assert "Før opp en aktør" not in page

    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "Kari Nordmann" in page and "Ringer henne" in page and "Før opp en aktør" in page


def test_an_entry_not_yet_engaged_is_not_public(client, process, full_map):
    page = client.get(reverse("processes:stakeholders", args=[process.slug])).content.decode()
    assert "Bakken vel" not in page
    assert "Ingen aktører er ført opp ennå." in page


def test_an_owner_adds_an_entry_through_the_page(client, process, staff, citizen):
    client.force_login(staff)

    response = client.post(
        reverse("processes:stakeholders", args=[process.slug]),
        {"kind": "person", "email": citizen.email, "category": "citizen", "role": "driver"},
    )

    assert response.status_code == 302
    entry = StakeholderEntry.objects.get()
    assert (entry.person, entry.role, entry.added_by) == (citizen, Role.DRIVER, staff)


def test_a_person_without_an_account_is_refused_on_the_page(client, process, staff):
    client.force_login(staff)

    response = client.post(
        reverse("processes:stakeholders", args=[process.slug]),
        {"kind": "person", "email": "ingen@example.org", "category": "citizen", "role": "driver"},
    )

    assert response.status_code == 200
    assert "Fant ingen konto" in response.content.decode()
    assert not StakeholderEntry.objects.exists()


def test_a_state_change_with_htmx_swaps_the_row_and_announces_it(client, process, staff, full_map):
    entry = full_map["organisation"]
    client.force_login(staff)

    response = client.post(
        reverse("processes:stakeholder_state", args=[process.slug, entry.pk]),
        {"state": "invited"},
        headers={"HX-Request": "true"},
    )

    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith(f'<li class="ds-card stack" id="aktor-{entry.pk}"')
    assert "data-announce" in fragment and "data-focus" in fragment
    entry.refresh_from_db()
    assert entry.state == State.INVITED


def test_the_process_page_links_to_the_map(client, process):
    page = client.get(process.get_absolute_url()).content.decode()
    assert reverse("processes:stakeholders", args=[process.slug]) in page
