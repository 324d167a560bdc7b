"""The observed level through the services: the facts they keep, what the
process page shows, and that only the owners see the warnings."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.test import Client

from ladder.levels import Level
from processes.ladder_facts import FACT_FIELDS, process_observation
from processes.models import Process
from processes.services.co_creators import co_creator_appoint
from processes.services.comments import comment_add
from processes.services.needs import need_log, need_set_status
from processes.services.processes import round_start
from processes.services.solutions import solution_propose, solution_set_status
from processes.services.test_rounds import test_round_record

pytestmark = pytest.mark.django_db

LATE = "Det første innspillet fra innbyggere kom etter at en løsning allerede var valgt"
HEARING = "nesten ferdig løsning på høring"
backfill_migration = importlib.import_module("processes.migrations.0006_backfill_process_facts")


def _fresh(process) -> Process:
    return Process.objects.get(pk=process.pk)


def _select(solution, owner):
    return solution_set_status(
        solution=solution, status="selected", by=owner, text="Vi tester.", version=solution.version
    )


def _test(solution, by, need, decision="adjust"):
    return test_round_record(
        solution=solution,
        by=by,
        body="Prøvd i to uker.",
        participant_categories=["citizen"],
        head_count=8,
        held_on=date(2026, 10, 1),
        place="Skoleveien",
        findings="Det virket.",
        need_results={need: "partly"},
        decision=decision,
        learning="Juster.",
    )


def _staff_first_then_citizens(process, owner, citizen):
    """The municipality writes and selects a solution in round 1; citizens
    come in only in round 2, with a need and a comment on that solution."""
    staff_need = need_log(process=process, author=owner, body="Trygg vei", who_has_need="Barn")
    staff_solution = solution_propose(
        process=process, author=owner, title="Gangfelt", body="Male et felt.", needs=[staff_need]
    )
    staff_solution = _select(staff_solution, owner)
    round_start(process=process, by=owner, focus="test")
    citizen_need = need_log(
        process=process, author=citizen, body="Lys i undergangen", who_has_need="Alle"
    )
    comment_add(target=staff_solution, author=citizen, body="Hvorfor ble vi ikke spurt?")
    return citizen_need


def test_a_hearing_on_step_three_is_seen_as_medvirkning_with_its_warnings(process, staff, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.EQUAL)
    process.refresh_from_db()
    _staff_first_then_citizens(process, staff, citizen)

    process = _fresh(process)
    assert (process.citizen_needs_count, process.citizen_comments_count) == (1, 1)
    assert (process.rounds_count, process.first_citizen_input_round) == (2, 2)
    assert process.first_citizen_input_at > process.first_solution_selected_at
    observation = process_observation(process)
    assert observation.level == Level.ACCOUNTABLE
    assert not observation.matches_claim
    assert any(LATE in warning for warning in observation.warnings)
    assert "Ingen løsning som innbyggere har foreslått, er testet." in observation.warnings
    assert any(HEARING in warning for warning in observation.warnings)


def test_a_tested_citizen_solution_lifts_it_to_samarbeid_counted_once(process, staff, citizen):
    need = need_log(process=process, author=citizen, body="Benker", who_has_need="Eldre")
    need_set_status(need=need, status="under_review", text="Vi ser på det.", by=staff)
    solution = solution_propose(
        process=process, author=citizen, title="Benker", body="Tre benker.", needs=[need]
    )
    solution = _select(solution, staff)
    _test(solution, staff, need)
    solution.refresh_from_db()
    solution = _select(solution, staff)
    _test(solution, staff, need)

    process = _fresh(process)
    assert process.citizen_solutions_tested_count == 1
    # The need got an answer; selecting the solution answered the solution.
    assert process.citizen_inputs_answered_count == 2
    assert process.citizen_test_rounds_count == 0
    assert process_observation(process).level == Level.EQUAL


def test_citizens_who_record_test_rounds_show_samskaping(process, staff, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.FACILITATING)
    process.refresh_from_db()
    need = need_log(process=process, author=citizen, body="Benker", who_has_need="Eldre")
    solution = _select(
        solution_propose(
            process=process, author=citizen, title="Benker", body="Tre.", needs=[need]
        ),
        staff,
    )
    # On step 4 the owners appoint the citizens who record test rounds.
    co_creator_appoint(process=process, by=staff, email=citizen.email)
    _test(solution, citizen, need, decision="adopt")

    process = _fresh(process)
    assert process.citizen_test_rounds_count == 1
    observation = process_observation(process)
    assert observation.level == Level.FACILITATING
    # No mandate, budget or facilitator stated.
    assert "Prosessen har ikke oppgitt noe mandat fra kommunen." in observation.warnings


def test_the_backfill_counts_what_the_services_kept(process, staff, citizen):
    _staff_first_then_citizens(process, staff, citizen)
    kept = Process.objects.filter(pk=process.pk).values(*FACT_FIELDS).get()
    Process.objects.filter(pk=process.pk).update(
        citizen_needs_count=0,
        citizen_comments_count=0,
        rounds_count=1,
        first_citizen_input_at=None,
        first_citizen_input_round=None,
        first_solution_selected_at=None,
    )

    backfill_migration.backfill(apps, None)

    backfilled = Process.objects.filter(pk=process.pk).values(*FACT_FIELDS).get()
    # The backfill reads the timeline, so its timestamps are a moment apart.
    for name in ("first_citizen_input_at", "first_solution_selected_at"):
        assert abs(backfilled.pop(name) - kept.pop(name)).total_seconds() < 1
    assert backfilled == kept


# --- who sees the warnings -----------------------------------------------------

VISITORS = ("anonymous", "citizen", "staff_non_owner", "politician")


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def hearing(process, staff, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.FACILITATING)
    process.refresh_from_db()
    _staff_first_then_citizens(process, staff, citizen)
    return _fresh(process)


def test_the_observed_step_and_its_reasons_are_public(hearing, client):
    page = client.get(hearing.get_absolute_url()).content.decode()

    assert "Hvor samskapende er prosessen?" in page
    assert "Det som har skjedd i prosessen, ligner trinn 2 Ansvarliggjørende" in page
    assert "kommentert løsninger kommunen har skrevet" in page
    assert LATE not in page


@pytest.mark.parametrize("visitor", VISITORS)
def test_warnings_reach_the_owners_only_even_with_the_owner_s_copy_cached(
    hearing, staff, admin_user, request, visitor
):
    url = hearing.get_absolute_url()
    for owner in (staff, admin_user):
        owner_page = _client(owner).get(url).content.decode()
        assert LATE in owner_page
        assert "mandat fra kommunen" in owner_page
    # The owners' copies are in the cache now; nobody else may be served them.
    user = None if visitor == "anonymous" else request.getfixturevalue(visitor)
    for _load in ("cold", "warm"):
        page = _client(user).get(url).content.decode()
        assert "Hvor samskapende er prosessen?" in page
        assert LATE not in page
        assert HEARING not in page
