"""The demo processes: something real to look at in every state, however often seeded."""

import pytest
from django.apps import apps

from ladder.levels import Level
from portal.demo import ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_municipalities
from processes.demo import EXTRA_ACCOUNTS, seed_processes
from processes.ladder_facts import process_observation
from processes.models import Need, Process, Solution
from processes.representativity import representativity

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [email for email, _name, _role in ACCOUNTS] + [
    email for email, *_rest in EXTRA_ACCOUNTS
]


def _seed() -> list[Process]:
    municipalities = seed_municipalities()
    users = seed_accounts(municipalities["lillevik"])
    return seed_processes(municipalities, users)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in ("portal", "participants", "processes")
        for model in apps.get_app_config(label).get_models()
    }


def test_seeding_twice_leaves_the_same_rows():
    _seed()
    first = _row_counts()
    _seed()

    assert _row_counts() == first
    assert first["processes.Process"] == 9


def test_an_existing_demo_process_is_left_alone():
    _seed()
    process = Process.objects.get(slug="skolen-i-darlig-forfatning")
    Process.objects.filter(pk=process.pk).update(title="Endret av en ansatt")

    _seed()

    process.refresh_from_db()
    assert process.title == "Endret av en ansatt"


def test_every_ladder_level_has_a_demo_process():
    processes = _seed()

    assert {p.level for p in processes} >= set(Level.values)


MATCHING = (
    "skolen-i-darlig-forfatning",
    "moteplass-for-ungdom",
    "hjemmebaserte-tjenester",
    "ny-renovasjonsordning",
    "ny-lekeplass-i-nordvik",
)


@pytest.mark.parametrize("slug", MATCHING)
def test_these_demo_processes_show_the_step_they_claim(slug):
    _seed()
    observation = process_observation(Process.objects.get(slug=slug))

    assert observation.matches_claim
    assert observation.warnings == []


def test_one_demo_process_claims_step_four_but_behaves_like_step_two(client):
    _seed()
    park = Process.objects.get(slug="aktivitetspark-ved-stadion")
    observation = process_observation(park)

    assert (park.level, observation.level) == (Level.FACILITATING, Level.ACCOUNTABLE)
    assert len(observation.warnings) >= 5
    client.force_login(park.owners.get())
    page = client.get(park.get_absolute_url()).content.decode()
    assert "Det første innspillet fra innbyggere kom etter at en løsning" in page
    assert "nesten ferdig løsning på høring" in page


def test_every_process_status_but_archived_is_shown():
    processes = _seed()

    assert {p.status for p in processes} == {
        Process.Status.OPEN,
        Process.Status.CONCLUDED,
        Process.Status.DRAFT,
    }


def test_every_solution_state_is_present():
    _seed()

    assert set(Solution.objects.values_list("status", flat=True)) == set(Solution.Status.values)


def test_the_school_process_has_a_solution_to_select_and_one_to_test():
    _seed()
    school = Process.objects.get(slug="skolen-i-darlig-forfatning")

    assert school.owners.filter(email="ansatt@demo.medspill.no").exists()
    assert school.rounds.count() == 2
    proposed = school.contributions.filter(kind="solution", status=Solution.Status.PROPOSED)
    selected = Solution.objects.filter(process=school, status=Solution.Status.SELECTED)
    assert proposed.exists()
    assert selected.exists()
    assert all(solution.needs.exists() for solution in selected)


def test_open_processes_with_input_have_their_counters_right():
    _seed()

    for process in Process.objects.exclude(needs_count=0):
        assert process.needs_count == Need.objects.filter(process=process).count()
        assert 5 <= process.needs_count <= 12
        assert process.solutions_count == Solution.objects.filter(process=process).count()
        assert process.contributions_count == process.contributions.count()
        for need in Need.objects.filter(process=process):
            assert need.support_count == need.supports.count()


def test_nordvik_processes_are_owned_by_nordvik_staff():
    _seed()

    for process in Process.objects.filter(municipality__slug="nordvik"):
        assert list(process.owners.values_list("email", flat=True)) == [
            "ansatt.nordvik@demo.medspill.no"
        ]


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_demo_account_can_log_in(client, email):
    _seed()

    response = client.post("/konto/logg-inn/", {"username": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get("/").context["user"].email == email


def test_the_demo_citizen_has_inbox_entries_and_a_followed_process():
    from participants.models import Notification, User
    from processes.models import ProcessFollow

    _seed()
    ingrid = User.objects.get(email="innbygger@demo.medspill.no")
    assert ProcessFollow.objects.filter(person=ingrid).exists()
    assert Notification.objects.filter(recipient=ingrid, in_inbox=True).count() >= 3


def test_one_process_has_a_past_arena_with_attendance_and_input_and_a_coming_one_with_a_queue():
    from django.utils import timezone

    from processes.models import Arena, ArenaSignup, Contribution

    _seed()
    process = Process.objects.get(slug="moteplass-for-ungdom")
    past, coming = process.arenas.order_by("starts_at")
    assert past.ends_at < timezone.now() < coming.starts_at
    assert sum(past.attendance.values_list("count", flat=True)) > 0
    assert past.signups.filter(attended=True).exists()
    inputs = Contribution.objects.filter(arena=past)
    assert inputs.exists()
    assert set(inputs.values_list("given_as", flat=True)) == {Contribution.GivenAs.ON_BEHALF}
    statuses = list(coming.signups.values_list("status", flat=True))
    assert statuses.count(ArenaSignup.Status.CONFIRMED) == coming.capacity
    assert ArenaSignup.Status.WAITING in statuses
    assert Arena.objects.count() == 2


def test_representativity_shows_a_missing_group_and_a_process_carried_by_two():
    _seed()
    youth = representativity(Process.objects.get(slug="moteplass-for-ungdom"))
    river = representativity(Process.objects.get(slug="turvei-langs-elva"))
    others = [
        representativity(process) for process in Process.objects.exclude(slug="turvei-langs-elva")
    ]

    assert "Eldre" in {group.label for group in youth.missing}
    assert youth.people > 0
    assert river.ildsjel and river.ildsjel_percent > 50
    assert not any(result.ildsjel for result in others)
