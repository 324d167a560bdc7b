"""Solution and test round services: lifecycle, locking, needs and evidence."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import AuditEntry
from processes import models
from processes.models import (
    Contribution,
    Evidence,
    Need,
    NeedResult,
    Process,
    Solution,
    TimelineEvent,
)
from processes.services import test_rounds as test_round_services
from processes.services.co_creators import co_creator_appoint
from processes.services.contributions import EditConflict, contribution_add
from processes.services.solutions import solution_propose, solution_set_status, solution_update

S = Solution.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_need(process, author, body="Barna trenger en trygg kryssing ved skolen.", **extra):
    need = Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Skolebarn", **extra)
    return contribution_add(need, process=process, author=author, status=Need.Status.RECEIVED)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def needs(process, citizen):
    return [make_need(process, citizen), make_need(process, citizen, body="Lys langs veien.")]


@pytest.fixture
def solution(process, citizen, needs):
    return solution_propose(
        process=process,
        author=citizen,
        title="Gangfelt med lys",
        body="Et opphøyd gangfelt med lys.",
        needs=needs,
    )


def set_status(solution, status, by):
    return solution_set_status(
        solution=solution,
        status=status,
        by=by,
        text="Fordi vi vil prøve.",
        version=solution.version,
    )


def record(solution, by, needs, decision=models.TestRound.Decision.ADJUST, result="met", files=()):
    return test_round_services.test_round_record(
        solution=solution,
        by=by,
        body="Midlertidig gangfelt i to uker.",
        participant_categories=["citizen", "children"],
        head_count=24,
        held_on=datetime.date(2026, 10, 1),
        place="Skoleveien",
        findings="Bilene senket farten.",
        need_results=dict.fromkeys(needs, result),
        decision=decision,
        learning="Lyset må stå på hele døgnet.",
        files=list(files),
    )


def test_proposing_a_solution_gives_it_a_reference_and_leaves_the_needs_alone(
    solution, needs, process
):
    assert solution.status == S.PROPOSED
    assert solution.reference.startswith("INN-")
    assert set(solution.needs.all()) == set(needs)
    assert all(Need.objects.get(pk=n.pk).status == Need.Status.RECEIVED for n in needs)
    process.refresh_from_db()
    assert process.solutions_count == 1


def test_a_solution_needs_at_least_one_need(process, citizen):
    with pytest.raises(ValidationError) as error:
        solution_propose(process=process, author=citizen, title="T", body="B", needs=[])
    assert "minst ett behov" in str(error.value)


def test_a_solution_cannot_address_a_need_of_another_process(process, citizen, staff, municipality):
    other = Process.objects.create(
        municipality=municipality,
        title="Annen",
        slug="annen",
        summary="x",
        problem_statement="x",
        status=Process.Status.OPEN,
    )
    foreign = make_need(other, citizen)
    with pytest.raises(ValidationError, match="annen prosess"):
        solution_propose(process=process, author=citizen, title="T", body="B", needs=[foreign])


def test_a_solution_cannot_address_a_merged_need(process, citizen):
    target = make_need(process, citizen)
    merged = make_need(process, citizen, merged_into=target)
    Need.objects.filter(pk=merged.pk).update(status=Need.Status.MERGED)
    merged.refresh_from_db()
    with pytest.raises(ValidationError, match="slått sammen"):
        solution_propose(process=process, author=citizen, title="T", body="B", needs=[merged])


ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS)
def test_status_changes_follow_the_solution_lifecycle(solution, staff, start, target):
    Contribution.objects.filter(pk=solution.pk).update(status=start)
    solution.refresh_from_db()
    if target in Solution.TRANSITIONS[start]:
        set_status(solution, target, staff)
        solution.refresh_from_db()
        assert solution.status == target
        event = TimelineEvent.objects.filter(contribution=solution).last()
        assert (event.from_status, event.to_status) == (start, target)
        assert event.text == "Fordi vi vil prøve."
        assert AuditEntry.objects.filter(action="solution.status").exists()
    else:
        with pytest.raises(ValidationError) as error:
            set_status(solution, target, staff)
        assert "kan ikke få status" in str(error.value)
        solution.refresh_from_db()
        assert solution.status == start


def test_a_status_change_needs_a_reason(solution, staff):
    with pytest.raises(ValidationError, match="begrunnelse"):
        solution_set_status(
            solution=solution, status=S.SELECTED, by=staff, text="  ", version=solution.version
        )


def test_a_status_change_on_a_stale_version_is_a_conflict(solution, staff):
    stale = solution.version
    set_status(solution, S.SELECTED, staff)
    again = Solution.objects.get(pk=solution.pk)
    with pytest.raises(EditConflict):
        solution_set_status(
            solution=again, status=S.DISCARDED, by=staff, text="Nei.", version=stale
        )


def test_only_owners_change_a_solutions_status(solution, staff_non_owner, citizen):
    for user in (staff_non_owner, citizen):
        with pytest.raises(PermissionDenied):
            set_status(solution, S.SELECTED, user)


def test_selecting_a_solution_takes_its_waiting_needs_into_it(solution, needs, staff, citizen):
    closed = make_need(solution.process, citizen)
    Contribution.objects.filter(pk=closed.pk).update(status=Need.Status.CLOSED)
    solution.needs.add(closed)
    Contribution.objects.filter(pk=needs[1].pk).update(status=Need.Status.UNDER_REVIEW)
    set_status(solution, S.SELECTED, staff)
    for need in needs:
        need.refresh_from_db()
        assert need.status == Need.Status.IN_SOLUTION
        event = TimelineEvent.objects.filter(contribution=need).last()
        assert event.to_status == Need.Status.IN_SOLUTION
        assert solution.reference in event.text
        assert "tatt med i løsningen" in event.text
    closed.refresh_from_db()
    assert closed.status == Need.Status.CLOSED


def test_two_owners_editing_the_same_solution_the_second_is_refused(
    solution, needs, staff, admin_user
):
    first = Solution.objects.get(pk=solution.pk)
    second = Solution.objects.get(pk=solution.pk)
    solution_update(
        solution=first,
        by=staff,
        version=first.version,
        title="Ny tittel",
        body="B1",
        needs=needs[:1],
    )
    with pytest.raises(EditConflict):
        solution_update(
            solution=second,
            by=admin_user,
            version=second.version,
            title="Annen tittel",
            body="B2",
            needs=needs,
        )
    solution.refresh_from_db()
    assert (solution.title, solution.body) == ("Ny tittel", "B1")
    assert list(solution.needs.all()) == needs[:1]
    assert "Noen andre har lagret" in str(EditConflict.message)


def test_only_owners_edit_a_solution(solution, needs, citizen):
    with pytest.raises(PermissionDenied):
        solution_update(
            solution=solution,
            by=citizen,
            version=solution.version,
            title="X",
            body="Y",
            needs=needs,
        )


@pytest.mark.parametrize(
    ("decision", "final"),
    [("adjust", S.ADJUSTED), ("adopt", S.ADOPTED), ("discard", S.DISCARDED)],
)
def test_recording_a_test_round_moves_the_solution_tested_then_by_the_decision(
    solution, needs, staff, decision, final
):
    set_status(solution, S.SELECTED, staff)
    test_round = record(solution, staff, needs, decision=decision)
    solution.refresh_from_db()
    assert solution.status == final
    events = list(TimelineEvent.objects.filter(contribution=solution).order_by("pk"))
    tested, decided = events[-2], events[-1]
    assert (tested.kind, tested.to_status) == (TimelineEvent.Kind.TESTED, S.TESTED)
    assert "Bilene senket farten." in tested.text
    assert test_round.reference in tested.text
    assert (decided.from_status, decided.to_status) == (S.TESTED, final)
    assert decided.text == "Lyset må stå på hele døgnet."
    assert test_round.status == models.TestRound.Status.DECIDED
    assert test_round.tested_solution == solution
    assert NeedResult.objects.filter(test_round=test_round).count() == len(needs)
    assert AuditEntry.objects.filter(action="test_round.record").exists()


def test_an_adjusted_solution_can_be_tested_again(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    record(solution, staff, needs, decision="adjust")
    solution.refresh_from_db()
    record(solution, staff, needs, decision="adopt")
    solution.refresh_from_db()
    assert solution.status == S.ADOPTED
    assert solution.test_rounds.count() == 2


@pytest.mark.parametrize("status", [S.PROPOSED, S.TESTED, S.ADOPTED, S.DISCARDED])
def test_a_test_round_is_refused_unless_the_solution_is_selected_or_adjusted(
    solution, needs, staff, status
):
    Contribution.objects.filter(pk=solution.pk).update(status=status)
    solution.refresh_from_db()
    with pytest.raises(PermissionDenied, match="valgt for testing eller justert"):
        record(solution, staff, needs)
    assert not models.TestRound.objects.exists()


def test_a_test_round_needs_a_result_for_every_addressed_need(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    with pytest.raises(ValidationError, match="hvert behov"):
        record(solution, staff, needs[:1])


def test_co_creators_record_test_rounds_only_on_step_four(solution, needs, staff, citizen):
    set_status(solution, S.SELECTED, staff)
    co_creator_appoint(process=solution.process, by=staff, email=citizen.email)
    with pytest.raises(PermissionDenied, match="Du er medskaper"):
        record(solution, citizen, needs)
    Process.objects.filter(pk=solution.process.pk).update(level=4)
    solution.process.refresh_from_db()
    test_round = record(solution, citizen, needs)
    assert test_round.author == citizen


def test_needs_met_by_an_adopted_solution_are_met_with_a_reason(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    test_round = test_round_services.test_round_record(
        solution=solution,
        by=staff,
        body="Test.",
        participant_categories=["citizen"],
        head_count=5,
        held_on=datetime.date(2026, 10, 1),
        place="Skolen",
        findings="Det virket.",
        need_results={needs[0]: "met", needs[1]: "partly"},
        decision="adopt",
        learning="Tas i bruk.",
    )
    met, partly = (Need.objects.get(pk=n.pk) for n in needs)
    assert met.status == Need.Status.MET
    assert partly.status == Need.Status.IN_SOLUTION
    event = TimelineEvent.objects.filter(contribution=met).last()
    assert solution.reference in event.text and test_round.reference in event.text


def test_needs_are_not_met_when_the_solution_is_only_adjusted(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    record(solution, staff, needs, decision="adjust", result="met")
    assert all(Need.objects.get(pk=n.pk).status == Need.Status.IN_SOLUTION for n in needs)


def test_evidence_is_stored_under_a_generated_name_with_the_sniffed_type(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    upload = SimpleUploadedFile("../../bilde av meg.png", png_bytes(), content_type="text/plain")
    test_round = record(solution, staff, needs, files=[upload])
    evidence = Evidence.objects.get(test_round=test_round)
    assert evidence.content_type == "image/png"
    assert evidence.original_name == "bilde av meg.png"
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".png")
    assert "bilde" not in evidence.file.name
    assert evidence.uploaded_by == staff


def test_a_test_round_with_a_file_that_is_not_an_image_is_refused(solution, needs, staff):
    set_status(solution, S.SELECTED, staff)
    fake = SimpleUploadedFile("bilde.png", b"<html><script>x</script></html>")
    with pytest.raises(ValidationError, match="bilde.png"):
        record(solution, staff, needs, files=[fake])
    assert not models.TestRound.objects.exists()


def test_two_owners_editing_the_same_test_round_the_second_is_refused(
    solution, needs, staff, admin_user
):
    set_status(solution, S.SELECTED, staff)
    test_round = record(solution, staff, needs)
    first = models.TestRound.objects.get(pk=test_round.pk)
    second = models.TestRound.objects.get(pk=test_round.pk)
    update = test_round_services.test_round_update
    update(
        test_round=first,
        by=staff,
        version=first.version,
        findings="F1",
        learning="L1",
        place="P1",
        head_count=3,
    )
    with pytest.raises(EditConflict):
        update(
            test_round=second,
            by=admin_user,
            version=second.version,
            findings="F2",
            learning="L2",
            place="P2",
            head_count=4,
        )
    test_round.refresh_from_db()
    assert (test_round.findings, test_round.head_count) == ("F1", 3)
    assert test_round.decision == "adjust"
