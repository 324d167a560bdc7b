"""What people hear (processes.notifications): every trigger makes the right
rows for the right people, never for the person who acted, and one change
that does many things is one notification per person."""

import pytest
from django.core import mail

from participants.models import (
    Notification,
    NotificationChoice,
    NotificationGroup,
    NotificationPreference,
    NotificationState,
)
from processes.models import Need, Process, ProcessFollow, Solution, TimelineEvent
from processes.services.comments import comment_add, comment_hide
from processes.services.levels import level_change
from processes.services.needs import need_log, need_merge, need_set_status
from processes.services.processes import process_set_status, round_start
from processes.services.solutions import solution_propose, solution_set_status
from processes.services.test_rounds import test_round_record

pytestmark = pytest.mark.django_db


def rows(user, **filters):
    return list(Notification.objects.filter(recipient=user, **filters).order_by("pk"))


@pytest.fixture
def author(make_user):
    return make_user("anne@example.org", "Anne Innbygger")


@pytest.fixture
def follower(make_user, process):
    person = make_user("frank@example.org", "Frank Følger")
    ProcessFollow.objects.create(process=process, person=person)
    return person


def log(process, author, body="Lys langs skoleveien"):
    return need_log(process=process, author=author, body=body, who_has_need="Barn")


def selected_solution(process, staff, needs, author=None):
    solution = solution_propose(
        process=process,
        author=author or staff,
        title="Gangfelt med lys",
        body="Opphøyd gangfelt.",
        needs=needs,
    )
    solution_set_status(
        solution=solution,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi tester den.",
        version=solution.version,
    )
    solution.refresh_from_db()
    return solution


def record(solution, staff, results, decision="adopt"):
    return test_round_record(
        solution=solution,
        by=staff,
        body="Midlertidig gangfelt.",
        participant_categories=["citizen"],
        head_count=12,
        held_on="2026-10-01",
        place="Skoleveien 3",
        findings="Bilene senket farten.",
        need_results=results,
        decision=decision,
        learning="Lyset må stå på hele døgnet.",
    )


def test_a_status_change_tells_the_author_with_the_feedback_and_not_the_actor(
    process, author, staff, django_capture_on_commit_callbacks
):
    need = log(process, author)
    with django_capture_on_commit_callbacks(execute=True):
        need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)

    [told] = rows(author)
    assert told.kind == "status"
    assert told.facts["reference"] == need.reference
    assert told.facts["from_status"] == "received"
    assert told.facts["to_status"] == "under_review"
    assert told.facts["text"] == "Vi ser på det."
    assert told.state == NotificationState.SENT  # own input: immediately by default
    assert told.contribution_id == need.pk
    assert not rows(staff, kind="status")
    assert len(mail.outbox) == 1
    assert need.reference in mail.outbox[0].subject


def test_owners_hear_of_new_input_but_the_author_does_not(process, author, staff):
    need = log(process, author)

    [told] = rows(staff)
    assert told.kind == "new_input"
    assert told.facts["reference"] == need.reference
    assert told.state == NotificationState.DIGEST  # owners' default
    assert not rows(author)


def test_an_owner_giving_input_in_their_own_process_is_not_told(process, staff):
    log(process, staff)
    assert not rows(staff)


def test_selecting_a_solution_tells_its_need_authors_once_each(process, author, staff, make_user):
    other = make_user("ola@example.org", "Ola")
    first, second = log(process, author, "Lys"), log(process, author, "Fortau")
    third = log(process, other, "Brøyting")
    solution = selected_solution(process, staff, [first, second, third])

    told = rows(author, kind__in=["changes", "taken_into_solution"])
    assert len(told) == 1
    assert told[0].kind == "changes"
    assert [item["reference"] for item in told[0].facts["items"]] == [
        first.reference,
        second.reference,
    ]
    assert all(item["solution_reference"] == solution.reference for item in told[0].facts["items"])
    [other_told] = rows(other, kind="taken_into_solution")
    assert other_told.facts["reference"] == third.reference
    assert Need.objects.get(pk=first.pk).status == Need.Status.IN_SOLUTION


def test_later_steps_of_the_solution_reach_the_need_authors(process, author, staff):
    need = log(process, author)
    solution = selected_solution(process, staff, [need])
    solution_set_status(
        solution=solution,
        status=Solution.Status.DISCARDED,
        by=staff,
        text="For dyrt.",
        version=solution.version,
    )

    [step] = rows(author, kind="solution_step")
    assert step.facts["to_status"] == "discarded"
    assert step.facts["need_references"] == [need.reference]
    assert step.facts["text"] == "For dyrt."


def test_one_test_round_is_one_notification_per_person_with_all_of_it(
    process, author, staff, follower, make_user
):
    proposer = make_user("per@example.org", "Per Forslag")
    met, partly = log(process, author, "Lys"), log(process, author, "Fortau")
    solution = selected_solution(process, staff, [met, partly], author=proposer)
    before = {
        user: Notification.objects.filter(recipient=user).count()
        for user in (author, proposer, follower)
    }

    test_round = record(solution, staff, {met: "met", partly: "partly"})

    [told] = Notification.objects.filter(recipient=author).order_by("pk")[before[author] :]
    assert told.kind == "changes"
    kinds = [item["kind"] for item in told.facts["items"]]
    assert kinds.count("test_result") == 2
    results = {
        item["reference"]: item["result"]
        for item in told.facts["items"]
        if item["kind"] == "test_result"
    }
    assert results == {met.reference: "met", partly.reference: "partly"}
    # Adoption met the first need: its status change is in the same message.
    assert {"kind": "status", "reference": met.reference, "to_status": "met"}.items() <= next(
        item for item in told.facts["items"] if item["kind"] == "status"
    ).items()

    [proposer_told] = Notification.objects.filter(recipient=proposer).order_by("pk")[
        before[proposer] :
    ]
    assert proposer_told.kind == "tested"
    assert proposer_told.facts["test_round_reference"] == test_round.reference
    assert proposer_told.facts["to_status"] == "adopted"

    [follower_told] = Notification.objects.filter(recipient=follower).order_by("pk")[
        before[follower] :
    ]
    assert follower_told.kind == "test_results"
    assert follower_told.state == NotificationState.DIGEST
    assert not Notification.objects.filter(recipient=staff, kind__in=["tested", "changes"]).exists()


def test_the_need_timeline_gets_the_test_result(process, author, staff):
    need = log(process, author)
    solution = selected_solution(process, staff, [need])
    test_round = record(solution, staff, {need: "not_met"}, decision="discard")

    event = TimelineEvent.objects.get(contribution=need, kind=TimelineEvent.Kind.TEST_RESULT)
    assert event.to_status == "not_met"
    assert test_round.reference in event.text
    assert "Ikke dekket" in event.text


def test_the_need_page_shows_the_test_result(client, process, author, staff):
    need = log(process, author)
    solution = selected_solution(process, staff, [need])
    record(solution, staff, {need: "partly"}, decision="adjust")

    page = client.get(need.get_absolute_url()).text
    assert "Testresultat" in page
    assert "Delvis dekket" in page


def test_a_merge_tells_the_duplicate_author(process, author, staff, make_user):
    other = make_user("ola@example.org", "Ola")
    duplicate, survivor = log(process, author, "Lys"), log(process, other, "Mer lys")
    need_merge(duplicate=duplicate, survivor=survivor, by=staff, text="Samme behov.")

    [told] = rows(author, kind="merged")
    assert told.facts["into_reference"] == survivor.reference
    assert told.facts["text"] == "Samme behov."
    assert not rows(author, kind="status")


def test_hiding_a_comment_tells_its_author_the_reason(process, author, staff, citizen):
    need = log(process, citizen)
    comment = comment_add(target=need, author=author, body="Dumt forslag!")
    comment_hide(comment=comment, by=staff, reason="Personangrep.")

    [told] = rows(author, kind="hidden")
    assert told.facts["text"] == "Personangrep."
    assert told.facts["target_reference"] == need.reference


def test_followers_hear_of_rounds_levels_and_the_end(process, staff, follower, author):
    ProcessFollow.objects.create(process=process, person=staff)  # the actor follows too
    round_start(process=process, by=staff, focus="solution", learnings="Mer lys.")
    level_change(
        actor=staff, process=process, level=3, target_level=3, justification="Vi samarbeider."
    )
    process_set_status(
        process=Process.objects.get(pk=process.pk),
        status=Process.Status.CONCLUDED,
        by=staff,
        text="Ferdig.",
    )

    kinds = [row.kind for row in rows(follower)]
    assert kinds == ["round_started", "level_changed", "process_status"]
    level = rows(follower, kind="level_changed")[0].facts
    assert (level["from_level"], level["to_level"]) == (2, 3)
    assert rows(follower, kind="process_status")[0].facts["to_status"] == "concluded"
    assert not rows(staff, kind__in=kinds)
    assert not rows(author)


def test_off_writes_the_inbox_entry_but_sends_no_mail(
    process, author, staff, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=author, group=NotificationGroup.OWN_INPUT, choice=NotificationChoice.OFF
    )
    need = log(process, author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)

    [told] = rows(author)
    assert told.state == NotificationState.NOT_MAILED
    assert told.in_inbox
    assert mail.outbox == []


def test_a_refused_change_writes_no_notification(process, author, citizen):
    need = log(process, author)
    with pytest.raises(Exception):  # noqa: B017 - the rule's refusal
        need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Nei.", by=citizen)
    assert not rows(author)
