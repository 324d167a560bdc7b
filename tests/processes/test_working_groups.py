"""Working groups, co-creators and phase narrowing, through the services, the
views and their htmx endpoints: allowed where the level and the owners say so,
refused with a reason and nothing written everywhere else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.rules import Refused
from processes.models import (
    CoCreator,
    Contribution,
    GroupMembership,
    Need,
    Process,
    Round,
    Solution,
    SolutionRevision,
    TimelineEvent,
)
from processes.services.co_creators import co_creator_appoint
from processes.services.contributions import contribution_add
from processes.services.processes import round_start
from processes.services.solutions import solution_update
from processes.services.working_groups import (
    membership_accept,
    membership_end,
    membership_invite,
    membership_request,
    working_group_create,
)

HTMX = {"HX-Request": "true"}


def _at(process, **fields) -> Process:
    Process.objects.filter(pk=process.pk).update(**fields)
    process.refresh_from_db()
    return process


def _fresh(user):
    from participants.models import User

    return User.objects.get(pk=user.pk)


@pytest.fixture
def group(process, staff):
    return working_group_create(process=process, by=staff, name="Lysgruppa", description="Lys.")


@pytest.fixture
def solution(process, citizen):
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys.", who_has_need="Barn"),
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


def _written(process) -> tuple:
    return (
        GroupMembership.objects.count(),
        CoCreator.objects.count(),
        Round.objects.count(),
        SolutionRevision.objects.count(),
        Process.objects.get(pk=process.pk).updated_at,
    )


# --- joining, by level -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize("way", ["service", "view", "htmx"])
def test_citizens_ask_to_join_a_working_group_only_from_step_three(
    client, process, group, citizen, level, way
):
    _at(process, level=level)
    before = _written(process)
    allowed = level >= 3
    if way == "service":
        if allowed:
            membership_request(group=group, by=citizen)
        else:
            with pytest.raises(Refused, match="samskapingstrappa"):
                membership_request(group=group, by=citizen)
    else:
        client.force_login(citizen)
        response = client.post(
            reverse("processes:working_group_join", args=[process.slug, group.pk]),
            headers=HTMX if way == "htmx" else {},
        )
        if allowed:
            assert response.status_code == (200 if way == "htmx" else 302)
        else:
            assert response.status_code == 403
            assert "samskapingstrappa" in response.content.decode()
    if allowed:
        assert GroupMembership.objects.get().status == GroupMembership.Status.REQUESTED
    else:
        assert _written(process) == before


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2])
def test_below_step_three_the_groups_are_shown_read_only_with_the_reason(
    client, process, group, citizen, level
):
    _at(process, level=level)
    client.force_login(citizen)
    html = client.get(reverse("processes:working_groups", args=[process.slug])).content.decode()
    assert "Lysgruppa" in html
    assert "samskapingstrappa" in html
    assert reverse("processes:working_group_join", args=[process.slug, group.pk]) not in html


# --- invitation and request ---------------------------------------------------


@pytest.mark.django_db
def test_an_owner_invites_and_the_invited_citizen_accepts(client, process, group, staff, citizen):
    _at(process, level=3)
    client.force_login(staff)
    response = client.post(
        reverse("processes:working_group_invite", args=[process.slug, group.pk]),
        {f"g{group.pk}-email": citizen.email.upper()},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-announce" in html and "invitert" in html
    membership = GroupMembership.objects.get(person=citizen)
    assert (membership.status, membership.invited_by) == ("invited", staff)

    # The owner cannot accept on the invited person's behalf.
    response = client.post(
        reverse("processes:membership_accept", args=[process.slug, membership.pk])
    )
    assert response.status_code == 403
    client.force_login(citizen)
    response = client.post(
        reverse("processes:membership_accept", args=[process.slug, membership.pk])
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "active" and membership.joined_at is not None


@pytest.mark.django_db
def test_inviting_an_unknown_address_keeps_the_form_with_the_reason(client, process, group, staff):
    client.force_login(staff)
    response = client.post(
        reverse("processes:working_group_invite", args=[process.slug, group.pk]),
        {f"g{group.pk}-email": "ukjent@example.org"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fant ingen konto" in html and "ukjent@example.org" in html
    assert not GroupMembership.objects.exists()


@pytest.mark.django_db
def test_an_owner_approves_one_request_and_declines_another(
    client, process, group, staff, citizen, make_user
):
    _at(process, level=3)
    other = make_user("nabo@example.org", "Nina Nabo")
    asked = membership_request(group=group, by=citizen)
    declined = membership_request(group=group, by=other)
    client.force_login(citizen)
    # Nobody approves their own request.
    assert (
        client.post(
            reverse("processes:membership_accept", args=[process.slug, asked.pk])
        ).status_code
        == 403
    )
    client.force_login(staff)
    client.post(reverse("processes:membership_accept", args=[process.slug, asked.pk]))
    client.post(reverse("processes:membership_end", args=[process.slug, declined.pk]))
    asked.refresh_from_db()
    assert (asked.status, asked.approved_by) == ("active", staff)
    assert not GroupMembership.objects.filter(pk=declined.pk).exists()


@pytest.mark.django_db
def test_a_citizen_may_not_end_another_person_s_membership(process, group, citizen, make_user):
    _at(process, level=3)
    other = make_user("nabo@example.org", "Nina Nabo")
    membership = membership_request(group=group, by=other)
    with pytest.raises(Refused):
        membership_end(membership=membership, by=citizen)
    assert GroupMembership.objects.filter(pk=membership.pk).exists()


# --- taking part for an organisation ------------------------------------------


@pytest.mark.django_db
def test_an_invitation_for_an_organisation_is_stored_and_shown(
    client, process, group, staff, citizen
):
    _at(process, level=3)
    client.force_login(staff)
    page = reverse("processes:working_groups", args=[process.slug])
    assert "Organisasjon (valgfritt)" in client.get(page).text
    response = client.post(
        reverse("processes:working_group_invite", args=[process.slug, group.pk]),
        {f"g{group.pk}-email": citizen.email, f"g{group.pk}-organisation": "  Velforeningen "},
        headers=HTMX,
    )
    assert response.status_code == 200
    membership = GroupMembership.objects.get(person=citizen)
    assert membership.organisation == "Velforeningen"
    assert "Kari Nordmann (Velforeningen)" in response.text
    membership_accept(membership=membership, by=_fresh(citizen))
    client.logout()
    assert "Kari Nordmann (Velforeningen)" in client.get(page).text


@pytest.mark.django_db
def test_a_request_to_join_for_an_organisation_is_stored(client, process, group, staff, citizen):
    _at(process, level=3)
    client.force_login(citizen)
    response = client.post(
        reverse("processes:working_group_join", args=[process.slug, group.pk]),
        {f"j{group.pk}-organisation": "Idrettslaget"},
    )
    assert response.status_code == 302
    membership = GroupMembership.objects.get(person=citizen)
    assert (membership.status, membership.organisation) == ("requested", "Idrettslaget")
    client.force_login(staff)
    page = client.get(reverse("processes:working_groups", args=[process.slug])).text
    assert "Kari Nordmann (Idrettslaget)" in page


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["invite", "join"])
def test_a_too_long_organisation_is_refused_in_norwegian_and_kept(
    client, process, group, staff, citizen, way
):
    _at(process, level=3)
    before = _written(process)
    organisation = "O" * 201
    if way == "invite":
        client.force_login(staff)
        url = reverse("processes:working_group_invite", args=[process.slug, group.pk])
        data = {f"g{group.pk}-email": citizen.email, f"g{group.pk}-organisation": organisation}
    else:
        client.force_login(citizen)
        url = reverse("processes:working_group_join", args=[process.slug, group.pk])
        data = {f"j{group.pk}-organisation": organisation}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert "200 eller færre tegn" in response.text
    assert f'value="{organisation}"' in response.text
    assert _written(process) == before


@pytest.mark.django_db
def test_the_service_refuses_a_too_long_organisation_and_writes_nothing(process, group, citizen):
    _at(process, level=3)
    before = _written(process)
    with pytest.raises(ValidationError) as error:
        membership_request(group=group, by=citizen, organisation="O" * 201)
    assert "organisation" in error.value.message_dict
    assert _written(process) == before


# --- the process timeline ------------------------------------------------------


def _history(client, process) -> str:
    return client.get(reverse("processes:history", args=[process.slug])).text


@pytest.mark.django_db
def test_group_and_co_creator_changes_reach_the_process_history(client, process, staff, citizen):
    _at(process, level=3)

    def one_more(write, text):
        before = TimelineEvent.objects.filter(process=process).count()
        write()
        assert TimelineEvent.objects.filter(process=process).count() == before + 1
        assert text in _history(client, process)

    client.force_login(staff)
    one_more(
        lambda: client.post(
            reverse("processes:working_group_create", args=[process.slug]),
            {"name": "Trafikkgruppa", "description": ""},
        ),
        "Arbeidsgruppen «Trafikkgruppa» er opprettet.",
    )
    group = process.working_groups.get(name="Trafikkgruppa")
    membership = membership_request(group=group, by=citizen, organisation="Velforeningen")
    one_more(
        lambda: client.post(
            reverse("processes:membership_accept", args=[process.slug, membership.pk])
        ),
        "Kari Nordmann (Velforeningen) er med i arbeidsgruppen «Trafikkgruppa».",
    )
    one_more(
        lambda: client.post(
            reverse("processes:co_creators", args=[process.slug]), {"email": citizen.email}
        ),
        "Kari Nordmann er utnevnt til medskaper.",
    )
    co_creator = CoCreator.objects.get()
    one_more(
        lambda: client.post(
            reverse("processes:co_creator_remove", args=[process.slug, co_creator.pk])
        ),
        "Kari Nordmann er ikke lenger medskaper.",
    )
    history = _history(client, process)
    assert "Arbeidsgruppe" in history and "Medskaper" in history


@pytest.mark.django_db
def test_refused_group_writes_add_no_timeline_event(process, group, citizen):
    _at(process, level=3)
    before = TimelineEvent.objects.count()
    with pytest.raises(Refused):
        working_group_create(process=process, by=citizen, name="Egen gruppe")
    with pytest.raises(Refused):
        co_creator_appoint(process=process, by=citizen, email=citizen.email)
    membership = membership_request(group=group, by=citizen)
    with pytest.raises(Refused):
        membership_accept(membership=membership, by=citizen)
    assert TimelineEvent.objects.count() == before


# --- co-editing ---------------------------------------------------------------


def _member(group, person, owner):
    membership = membership_invite(group=group, by=owner, email=person.email)
    membership_accept(membership=membership, by=person)
    return _fresh(person)


def _edit(client, process, solution, version, **extra):
    return client.post(
        reverse("processes:solution_edit", args=[process.slug, solution.pk]),
        {
            "title": "Gatelys hele veien",
            "body": "Lys fra skolen til krysset.",
            "needs": [solution.needs.get().pk],
            "test_plan": "Prøv i to uker med foreldrene.",
            "version": version,
            **extra,
        },
    )


@pytest.mark.django_db
def test_a_member_co_edits_a_solution_and_its_test_plan_with_history(
    client, process, group, staff, citizen, solution
):
    _at(process, level=3)
    member = _member(group, citizen, staff)
    client.force_login(member)
    response = _edit(client, process, solution, solution.version)
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.test_plan == "Prøv i to uker med foreldrene."
    revision = SolutionRevision.objects.get()
    assert (revision.edited_by, revision.version) == (citizen, solution.version)
    page = client.get(solution.get_absolute_url()).content.decode()
    assert "Prøv i to uker med foreldrene." in page and "Versjon 2" in page


@pytest.mark.django_db
def test_a_member_s_stale_edit_is_a_conflict_and_writes_nothing(
    client, process, group, staff, citizen, solution
):
    _at(process, level=3)
    member = _member(group, citizen, staff)
    solution_update(
        solution=solution,
        by=staff,
        version=solution.version,
        title="Eierens tittel",
        body=solution.body,
        needs=list(solution.needs.all()),
    )
    before = _written(process)
    client.force_login(member)
    response = _edit(client, process, solution, solution.version - 1)
    assert response.status_code == 200
    assert "Noen andre har lagret endringer" in response.content.decode()
    assert Solution.objects.get(pk=solution.pk).title == "Eierens tittel"
    assert _written(process) == before


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2])
def test_membership_grants_no_editing_below_step_three(
    client, process, group, staff, citizen, solution, level
):
    _at(process, level=3)
    member = _member(group, citizen, staff)
    _at(process, level=level)
    before = _written(process)
    client.force_login(member)
    response = _edit(client, process, solution, solution.version)
    assert response.status_code == 403
    assert "samskapingstrappa" in response.content.decode()
    assert _written(process) == before
    with pytest.raises(Refused):
        solution_update(
            solution=solution,
            by=_fresh(citizen),
            version=solution.version,
            title="X",
            body="Y",
            needs=list(solution.needs.all()),
        )


@pytest.mark.django_db
def test_a_citizen_outside_the_groups_may_not_edit(client, process, group, citizen, solution):
    _at(process, level=3)
    before = _written(process)
    client.force_login(citizen)
    response = _edit(client, process, solution, solution.version)
    assert response.status_code == 403
    assert "medlemmene av arbeidsgruppene" in response.content.decode()
    assert _written(process) == before
    assert Solution.objects.get(pk=solution.pk).title == "Gatelys"


# --- co-creators ---------------------------------------------------------------


def _round_post(client, process, headers=None):
    return client.post(
        reverse("processes:round_start", args=[process.slug]),
        {"focus": "solution", "learnings": ""},
        headers=headers or {},
    )


@pytest.mark.django_db
def test_an_owner_appoints_a_co_creator_who_starts_a_round_on_step_four(
    client, process, staff, citizen
):
    _at(process, level=4)
    client.force_login(staff)
    response = client.post(
        reverse("processes:co_creators", args=[process.slug]), {"email": citizen.email}
    )
    assert response.status_code == 302
    assert CoCreator.objects.get().appointed_by == staff
    client.force_login(citizen)
    assert _round_post(client, process, HTMX).status_code == 200
    assert process.rounds.count() == 2


@pytest.mark.django_db
def test_an_htmx_appointment_lands_on_the_page_with_the_message(client, process, staff, citizen):
    client.force_login(staff)
    page = reverse("processes:co_creators", args=[process.slug])

    response = client.post(page, {"email": citizen.email}, headers=HTMX)

    assert response["HX-Redirect"] == page
    assert CoCreator.objects.get().person == citizen
    name = citizen.full_name or citizen.email
    assert f"{name} er utnevnt til medskaper." in client.get(page).text


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["service", "view", "htmx"])
def test_below_step_four_a_co_creator_is_refused_and_told_why(client, process, staff, citizen, way):
    _at(process, level=3)
    CoCreator.objects.create(process=process, person=citizen, appointed_by=staff)
    before = _written(process)
    if way == "service":
        with pytest.raises(Refused, match="Du er medskaper"):
            round_start(process=process, by=citizen, focus="solution")
    else:
        client.force_login(citizen)
        response = _round_post(client, process, HTMX if way == "htmx" else None)
        assert response.status_code == 403
        assert "Du er medskaper" in response.content.decode()
    assert _written(process) == before


@pytest.mark.django_db
def test_on_step_four_a_citizen_not_appointed_may_not_start_a_round(client, process, citizen):
    _at(process, level=4)
    before = _written(process)
    client.force_login(citizen)
    response = _round_post(client, process)
    assert response.status_code == 403
    assert "utnevnt til medskapere" in response.content.decode()
    assert _written(process) == before


@pytest.mark.django_db
def test_staff_cannot_be_appointed_co_creators(client, process, staff, staff_non_owner):
    client.force_login(staff)
    response = client.post(
        reverse("processes:co_creators", args=[process.slug]), {"email": staff_non_owner.email}
    )
    assert response.status_code == 200
    assert "Medskapere er innbyggere" in response.content.decode()
    assert not CoCreator.objects.exists()


@pytest.mark.django_db
def test_an_owner_removes_a_co_creator(client, process, staff, citizen):
    co_creator = CoCreator.objects.create(process=process, person=citizen, appointed_by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("processes:co_creator_remove", args=[process.slug, co_creator.pk])
    )
    assert response.status_code == 302
    assert not CoCreator.objects.exists()


# --- phase narrowing -----------------------------------------------------------


@pytest.mark.django_db
def test_an_owner_switches_phase_narrowing_on_and_a_citizen_may_not(
    client, process, staff, citizen
):
    url = reverse("processes:phase_narrowing", args=[process.slug])
    client.force_login(citizen)
    assert client.post(url, {"solutions_from_solution_phase": "on"}).status_code == 403
    assert not Process.objects.get(pk=process.pk).solutions_from_solution_phase
    client.force_login(staff)
    response = client.post(url, {"solutions_from_solution_phase": "on"}, headers=HTMX)
    assert response.status_code == 200 and "data-announce" in response.content.decode()
    assert Process.objects.get(pk=process.pk).solutions_from_solution_phase


@pytest.mark.django_db
def test_the_phase_narrows_what_citizens_may_give_and_says_why(client, process, staff, citizen):
    _at(process, solutions_from_solution_phase=True, needs_only_in_need_phase=True)
    client.force_login(citizen)
    need = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Benker.", "who_has_need": "Eldre"},
    )
    assert need.status_code == 302
    refused = client.post(
        reverse("processes:solution_create", args=[process.slug]),
        {"title": "Lys", "body": "Sett opp lys.", "needs": [Need.objects.get().pk]},
        headers=HTMX,
    )
    assert refused.status_code == 403
    assert "først fra løsningsfasen" in refused.content.decode()
    assert not Solution.objects.exists()

    round_start(process=process, by=staff, focus=Round.Focus.SOLUTION)
    process.refresh_from_db()
    citizen = _fresh(citizen)
    client.force_login(citizen)
    page = client.get(process.get_absolute_url()).content.decode()
    assert "nye behov bare i behovsfasen" in page
    assert (
        client.post(
            reverse("processes:solution_create", args=[process.slug]),
            {"title": "Lys", "body": "Sett opp lys.", "needs": [Need.objects.get().pk]},
        ).status_code
        == 302
    )
    refused = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Flere benker.", "who_has_need": "Eldre"},
    )
    assert refused.status_code == 403
    assert Need.objects.count() == 1


@pytest.mark.django_db
def test_staff_are_not_narrowed_by_the_phase(process, staff_non_owner):
    from processes.services.needs import need_log

    _at(process, needs_only_in_need_phase=True)
    round_start(process=process, by=process.owners.get(), focus=Round.Focus.TEST)
    process.refresh_from_db()
    need_log(process=process, author=staff_non_owner, body="B", who_has_need="W")
    assert Need.objects.count() == 1


@pytest.mark.django_db
def test_asking_twice_is_refused_with_the_reason_and_writes_nothing(
    client, process, group, citizen
):
    _at(process, level=3)
    membership_request(group=group, by=citizen)
    before = _written(process)
    client.force_login(citizen)
    response = client.post(reverse("processes:working_group_join", args=[process.slug, group.pk]))
    assert response.status_code == 403
    assert "allerede invitert til" in response.content.decode()
    assert _written(process) == before
