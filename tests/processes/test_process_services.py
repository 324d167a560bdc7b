import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.models import AuditEntry
from processes import models
from processes.models import Need, Process, Round, Solution, TimelineEvent
from processes.services.contributions import EditConflict, contribution_add
from processes.services.processes import (
    process_create,
    process_set_status,
    process_update,
    round_start,
)

pytestmark = pytest.mark.django_db


def _fields(**extra):
    return {
        "title": "Grønn skolegård",
        "summary": "Hvordan kan skolegården bli grønnere?",
        "problem_statement": "Skolegården er asfalt.",
        **extra,
    }


def test_creator_becomes_owner_of_a_draft_with_round_one(municipality, staff):
    process = process_create(municipality=municipality, by=staff, **_fields())

    assert process.status == Process.Status.DRAFT
    assert process.slug == "gronn-skolegard"
    assert list(process.owners.all()) == [staff]
    first = process.rounds.get()
    assert (first.number, first.focus) == (1, Round.Focus.NEED)
    assert AuditEntry.objects.filter(action="process.create", target_id=str(process.pk)).exists()


def test_two_processes_with_the_same_title_get_different_slugs(municipality, staff):
    first = process_create(municipality=municipality, by=staff, **_fields())
    second = process_create(municipality=municipality, by=staff, **_fields())

    assert first.slug != second.slug


def test_extra_owners_are_added_next_to_the_creator(municipality, staff, staff_non_owner):
    process = process_create(
        municipality=municipality, by=staff, owners=[staff_non_owner], **_fields()
    )

    assert set(process.owners.all()) == {staff, staff_non_owner}


def test_update_saves_and_bumps_the_version(process, staff):
    process_update(process=process, by=staff, version=process.version, title="Ny tittel")

    process.refresh_from_db()
    assert (process.title, process.version) == ("Ny tittel", 2)


def test_update_with_an_old_version_raises_a_conflict_and_writes_nothing(process, staff):
    process_update(process=process, by=staff, version=1, title="Første endring")
    stale = Process.objects.get(pk=process.pk)

    with pytest.raises(EditConflict):
        process_update(process=stale, by=staff, version=1, title="Andre endring")

    process.refresh_from_db()
    assert process.title == "Første endring"


def test_update_refuses_to_remove_every_owner(process, staff):
    with pytest.raises(ValidationError):
        process_update(process=process, by=staff, version=process.version, owners=[])

    assert list(process.owners.all()) == [staff]


def test_status_change_follows_the_transitions_and_writes_timeline_and_audit(process, staff):
    process_set_status(
        process=process, status=Process.Status.CONCLUDED, by=staff, text="Vi har svar nok."
    )

    process.refresh_from_db()
    assert process.status == Process.Status.CONCLUDED
    event = TimelineEvent.objects.get(process=process, kind=TimelineEvent.Kind.PROCESS_STATUS)
    assert (event.from_status, event.to_status, event.text) == (
        "open",
        "concluded",
        "Vi har svar nok.",
    )
    assert AuditEntry.objects.filter(action="process.status").count() == 1


def test_status_change_outside_the_transitions_is_refused_in_norwegian(process, staff):
    with pytest.raises(ValidationError) as error:
        process_set_status(process=process, status=Process.Status.DRAFT, by=staff, text="Oi")

    assert "kan ikke gå fra" in str(error.value)
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.PROCESS_STATUS).exists()


def test_status_change_needs_a_reason(process, staff):
    with pytest.raises(ValidationError):
        process_set_status(process=process, status=Process.Status.CONCLUDED, by=staff, text=" ")


def test_round_start_takes_the_next_number_and_records_it(process, staff):
    new_round = round_start(
        process=process, by=staff, focus=Round.Focus.SOLUTION, learnings="  Lær mer.  "
    )

    assert (new_round.number, new_round.focus, new_round.learnings) == (2, "solution", "Lær mer.")
    event = TimelineEvent.objects.get(process=process, kind=TimelineEvent.Kind.ROUND_STARTED)
    assert "Runde 2" in event.text
    assert round_start(process=process, by=staff, focus=Round.Focus.TEST).number == 3


def test_needs_stay_open_across_rounds(process, staff, citizen):
    need = contribution_add(
        Need(body="Lys langs veien", who_has_need="Barn"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )

    round_start(process=process, by=staff, focus=Round.Focus.NEED)

    need.refresh_from_db()
    assert need.status == Need.Status.RECEIVED
    assert need.round.number == 1


def make_test_round(process, author, *, learning: str) -> models.TestRound:
    solution = contribution_add(
        Solution(title="Refleksvester", body="Del ut vester"),
        process=process,
        author=author,
        status=Solution.Status.SELECTED,
    )
    return contribution_add(
        models.TestRound(
            tested_solution=solution,
            body="Vester i to uker",
            participant_categories=["citizen"],
            head_count=12,
            held_on=datetime.date(2026, 10, 1),
            place="Lillevik skole",
            findings="Barna brukte dem",
            decision=models.TestRound.Decision.ADOPT,
            learning=learning,
        ),
        process=process,
        author=author,
        status=models.TestRound.Status.RECORDED,
    )
