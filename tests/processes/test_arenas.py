"""Samskapingsarenaer: sign-up with seats and a waiting list, cancelling moves
the next person up (and tells them), reminders the day before (once), the
.ics file, attendance by category and by name, and input from an arena with a
reference and a timeline like any other."""

import threading
import time
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from participants.models import Notification, StakeholderCategory
from portal.rules import Refused
from processes.models import (
    Arena,
    ArenaAttendance,
    ArenaSignup,
    Contribution,
    Need,
    Process,
    TimelineEvent,
)
from processes.services.arenas import (
    arena_attendance_record,
    arena_cancel,
    arena_create,
    arena_input_add,
    arena_reminders_send,
    arena_sign_up,
)

# Noon local time on a Tuesday; the arena is on Thursday evening.
NOW = datetime(2026, 12, 1, 12, 0)  # noqa: DTZ001 - local time, made aware below


def _at(day_offset: int, hour: int) -> datetime:
    return timezone.make_aware(NOW + timedelta(days=day_offset, hours=hour - NOW.hour))


@pytest.fixture
def now():
    with time_machine.travel(timezone.make_aware(NOW), tick=False):
        yield


@pytest.fixture
def arena(now, process, staff):
    return arena_create(
        process=process,
        by=staff,
        kind=Arena.Kind.WORKSHOP,
        title="Verksted om skoleveien",
        starts_at=_at(2, 18),
        ends_at=_at(2, 20),
        place="Lillevik skole, gymsalen, Skolevegen 1",
        accessibility="Trinnfri adkomst og teleslynge.",
        capacity=2,
        description="Vi tegner skoleveien sammen.",
    )


@pytest.fixture
def people(make_user):
    return [make_user(f"p{n}@example.org", f"Person {n}") for n in range(4)]


def _statuses(arena) -> dict:
    return dict(arena.signups.values_list("person__full_name", "status"))


def test_seats_then_the_waiting_list_in_order(arena, people):
    for person in people:
        arena_sign_up(arena=arena, person=person)
    confirmed, waiting = ArenaSignup.Status.CONFIRMED, ArenaSignup.Status.WAITING
    assert _statuses(arena) == {
        "Person 0": confirmed,
        "Person 1": confirmed,
        "Person 2": waiting,
        "Person 3": waiting,
    }


def test_one_sign_up_per_person_and_none_after_the_start(arena, people):
    arena_sign_up(arena=arena, person=people[0])
    with pytest.raises(Refused):
        arena_sign_up(arena=arena, person=people[0])
    with time_machine.travel(arena.starts_at + timedelta(minutes=1)), pytest.raises(Refused):
        arena_sign_up(arena=arena, person=people[1])
    assert arena.signups.count() == 1


def test_cancelling_a_seat_moves_the_first_waiting_up_and_tells_them_only(arena, people):
    for person in people:
        arena_sign_up(arena=arena, person=person)
    arena_cancel(arena=arena, person=people[0])
    statuses = _statuses(arena)
    assert "Person 0" not in statuses
    assert statuses["Person 2"] == ArenaSignup.Status.CONFIRMED
    assert statuses["Person 3"] == ArenaSignup.Status.WAITING
    told = Notification.objects.filter(kind="arena_seat")
    assert [n.recipient_id for n in told] == [people[2].pk]
    assert told.get().facts["arena_id"] == arena.pk


def test_cancelling_a_place_in_line_moves_nobody(arena, people):
    for person in people[:3]:
        arena_sign_up(arena=arena, person=person)
    arena_cancel(arena=arena, person=people[2])
    assert not Notification.objects.filter(kind="arena_seat").exists()
    assert sorted(_statuses(arena).values()) == [ArenaSignup.Status.CONFIRMED] * 2


def test_cancelling_without_a_sign_up_is_refused(arena, people):
    with pytest.raises(Refused):
        arena_cancel(arena=arena, person=people[0])


def test_reminders_go_out_the_day_before_once_and_only_to_those_with_a_seat(arena, people):
    for person in people[:3]:
        arena_sign_up(arena=arena, person=person)
    assert arena_reminders_send() == 0  # two days before: not yet
    with time_machine.travel(_at(1, 9), tick=False):
        assert arena_reminders_send() == 2
        assert arena_reminders_send() == 0  # a second run finds them done
    reminded = Notification.objects.filter(kind="arena_reminder")
    assert sorted(n.recipient_id for n in reminded) == [people[0].pk, people[1].pk]


def test_the_beat_schedule_runs_the_reminder_task():
    from portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "processes.tasks.send_arena_reminders" in tasks


def test_the_ics_parses_and_holds_time_place_and_link(client, arena):
    response = client.get(reverse("processes:arena_ics", args=[arena.process.slug, arena.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == arena.starts_at
    assert event.decoded("dtend") == arena.ends_at
    assert str(event["location"]) == arena.place
    assert str(event["url"]) == "http://testserver" + arena.get_absolute_url()


def test_attendance_by_category_and_by_name(arena, people, staff):
    arena_sign_up(arena=arena, person=people[0])
    arena_sign_up(arena=arena, person=people[1])
    people[0].stakeholder_category = StakeholderCategory.ELDERLY
    people[0].save()
    signup = arena.signups.get(person=people[0])
    changes = arena_attendance_record(
        arena=arena,
        by=staff,
        counts={StakeholderCategory.CITIZEN: 12, StakeholderCategory.BUSINESS: 3},
        attended={signup.pk},
    )
    counts = dict(arena.attendance.values_list("stakeholder_category", "count"))
    assert counts == {StakeholderCategory.CITIZEN: 12, StakeholderCategory.BUSINESS: 3}
    assert list(arena.signups.filter(attended=True).values_list("person", flat=True)) == [
        people[0].pk
    ]
    assert {(c.category, c.delta) for c in changes} == {
        (StakeholderCategory.CITIZEN, 12),
        (StakeholderCategory.BUSINESS, 3),
        (StakeholderCategory.ELDERLY, 1),
    }
    # Recording again says only what changed.
    changes = arena_attendance_record(
        arena=arena, by=staff, counts={StakeholderCategory.CITIZEN: 10}, attended=set()
    )
    assert {(c.category, c.delta) for c in changes} == {
        (StakeholderCategory.CITIZEN, -2),
        (StakeholderCategory.ELDERLY, -1),
    }


def test_attendance_by_a_citizen_is_refused_and_writes_nothing(arena, citizen):
    with pytest.raises(Refused):
        arena_attendance_record(
            arena=arena, by=citizen, counts={StakeholderCategory.CITIZEN: 5}, attended=set()
        )
    assert not ArenaAttendance.objects.exists()


def test_input_from_an_arena_has_a_reference_a_timeline_and_its_category(arena, staff):
    need = arena_input_add(
        arena=arena,
        by=staff,
        body="Det er mørkt ved krysset om morgenen.",
        stakeholder_category=StakeholderCategory.CHILDREN,
    )
    need = Need.objects.get(pk=need.pk)
    assert need.reference.startswith("INN-")
    assert need.arena == arena
    assert need.given_as == Contribution.GivenAs.ON_BEHALF
    assert need.stakeholder_category == StakeholderCategory.CHILDREN
    assert list(need.timeline.values_list("kind", flat=True)) == [TimelineEvent.Kind.CREATED]
    process = Process.objects.get(pk=arena.process_id)
    assert (process.needs_count, process.contributions_count) == (1, 1)


def test_input_from_an_arena_by_a_citizen_is_refused_and_writes_nothing(arena, citizen):
    with pytest.raises(Refused):
        arena_input_add(arena=arena, by=citizen, body="Hei", stakeholder_category="")
    assert not Contribution.objects.exists()


def test_the_arena_is_in_the_process_timeline(arena):
    event = TimelineEvent.objects.get(kind=TimelineEvent.Kind.ARENA)
    assert (event.process_id, event.text, event.facts) == (
        arena.process_id,
        arena.title,
        {"arena_id": arena.pk},
    )


def test_the_arena_page_shows_input_from_it_and_the_need_says_where_from(client, arena, staff):
    need = arena_input_add(
        arena=arena, by=staff, body="Lysene slukkes for tidlig.", stakeholder_category=""
    )
    page = client.get(arena.get_absolute_url()).content.decode()
    assert need.reference in page and "Lysene slukkes for tidlig." in page
    need_page = client.get(reverse("processes:need", args=[arena.process.slug, need.pk]))
    assert arena.get_absolute_url() in need_page.content.decode()


def test_sign_up_through_the_page_and_the_process_page_shows_ones_own_state(client, arena, people):
    process_url = reverse("processes:detail", args=[arena.process.slug])
    client.force_login(people[0])
    assert "Du er påmeldt." not in client.get(process_url).content.decode()
    response = client.post(reverse("processes:arena_signup", args=[arena.process.slug, arena.pk]))
    assert response.status_code == 302
    assert "Du er påmeldt." in client.get(process_url).content.decode()
    # Another person with the same rights is not served the first one's page.
    client.force_login(people[1])
    assert "Du er påmeldt." not in client.get(process_url).content.decode()


def test_names_of_who_signed_up_are_shown_to_the_owners_only(client, arena, people, staff):
    arena_sign_up(arena=arena, person=people[0])
    client.force_login(people[1])
    assert "Person 0" not in client.get(arena.get_absolute_url()).content.decode()
    client.force_login(staff)
    assert "Person 0" in client.get(arena.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_do_not_both_get_it(municipality, staff, make_user):
    """The first holds the arena's row lock until it commits; the second waits
    for it and then finds the seat taken."""
    process = Process.objects.create(
        municipality=municipality,
        title="Torget",
        slug="torget",
        summary="s",
        problem_statement="p",
        status=Process.Status.OPEN,
    )
    starts = timezone.now() + timedelta(days=3)
    arena = Arena.objects.create(
        process=process,
        kind=Arena.Kind.PUBLIC_MEETING,
        title="Folkemøte",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Rådhuset",
        capacity=1,
    )
    first, second = make_user("a@example.org", "A"), make_user("b@example.org", "B")
    got: dict = {}

    def take() -> None:
        try:
            got["second"] = arena_sign_up(
                arena=Arena.objects.select_related("process").get(pk=arena.pk), person=second
            ).status
        finally:
            close_old_connections()
            connection.close()

    with transaction.atomic():
        got["first"] = arena_sign_up(arena=arena, person=first).status
        other = threading.Thread(target=take)
        other.start()
        time.sleep(0.5)
        assert "second" not in got  # blocked on the lock
    other.join(timeout=10)
    assert got == {"first": ArenaSignup.Status.CONFIRMED, "second": ArenaSignup.Status.WAITING}
