"""Representativity: participation counted by the services in stored
counters, read against expected groups and the reference population, with the
under-5 rule and the ildsjel warning."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import AgeBand, StakeholderCategory
from participants.privacy import account_erase
from participants.profile import profile_clear, profile_update
from portal.models import AgePopulation, Area
from processes.models import Arena, Participant, ParticipationCount, StakeholderEntry
from processes.representativity import representativity
from processes.services.arenas import (
    arena_attendance_record,
    arena_create,
    arena_input_add,
    arena_sign_up,
)
from processes.services.needs import need_log, need_support, need_unsupport

Dimension = ParticipationCount.Dimension
backfill_migration = importlib.import_module("processes.migrations.0016_backfill_participation")


def _counts(process, dimension) -> dict[str, tuple[int, int, int, int]]:
    return {
        row.group: (row.people, row.contributions, row.supports, row.attendance)
        for row in ParticipationCount.objects.filter(process=process, dimension=dimension)
        if (row.people, row.contributions, row.supports, row.attendance) != (0, 0, 0, 0)
    }


def _group(result, dimension, key):
    table = next(table for table in result.tables if table.dimension == dimension)
    return next(group for group in table.groups if group.key == key)


@pytest.fixture
def area(municipality):
    return Area.objects.create(municipality=municipality, name="Nordbygda", population=400)


@pytest.fixture
def other_area(municipality):
    return Area.objects.create(municipality=municipality, name="Sørbygda", population=600)


@pytest.fixture
def person(make_user, municipality, area):
    user = make_user("ung@example.org", "Ung Person")
    return profile_update(
        user=user,
        municipality=municipality,
        stakeholder_category=StakeholderCategory.VOLUNTARY,
        age_band=AgeBand.FROM_18,
        area=area,
    )


@pytest.fixture
def arena(process, staff):
    now = timezone.now()
    return arena_create(
        process=process,
        by=staff,
        kind=Arena.Kind.WORKSHOP,
        title="Verksted",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
        place="Skolen",
        accessibility="",
        capacity=10,
        description="",
    )


def _need(process, author, **extra):
    return need_log(process=process, author=author, body="Tekst", who_has_need="Oss", **extra)


def test_an_input_counts_its_author_once_in_each_group_of_their_profile(process, person, area):
    _need(process, person)
    _need(process, person, stakeholder_category=StakeholderCategory.CITIZEN)

    assert _counts(process, Dimension.AGE_BAND) == {AgeBand.FROM_18: (1, 2, 0, 0)}
    assert _counts(process, Dimension.AREA) == {str(area.pk): (1, 2, 0, 0)}
    # Each input under the category it was given with; the person under their profile's.
    assert _counts(process, Dimension.CATEGORY) == {
        StakeholderCategory.VOLUNTARY: (1, 1, 0, 0),
        StakeholderCategory.CITIZEN: (0, 1, 0, 0),
    }
    participant = Participant.objects.get(process=process, person=person)
    assert participant.contributions == 2


def test_a_support_counts_and_withdrawing_it_takes_it_back(process, person, citizen):
    need = _need(process, citizen)
    need_support(need=need, user=person)
    assert _counts(process, Dimension.AGE_BAND) == {
        "": (1, 1, 0, 0),
        AgeBand.FROM_18: (1, 0, 1, 0),
    }
    need_unsupport(need=need, user=person)
    assert _counts(process, Dimension.AGE_BAND) == {"": (1, 1, 0, 0), AgeBand.FROM_18: (1, 0, 0, 0)}


def test_staff_own_input_is_not_participation(process, staff):
    _need(process, staff)
    assert not ParticipationCount.objects.filter(process=process).exists()
    assert not Participant.objects.exists()


def test_an_arena_counts_its_input_and_attendance_by_category(process, staff, person, arena):
    signup = arena_sign_up(arena=arena, person=person)
    arena_input_add(
        arena=arena, by=staff, body="Lapp", stakeholder_category=StakeholderCategory.CHILDREN
    )
    arena_attendance_record(
        arena=arena, by=staff, counts={StakeholderCategory.CHILDREN: 7}, attended={signup.pk}
    )

    assert _counts(process, Dimension.CATEGORY) == {
        StakeholderCategory.CHILDREN: (0, 1, 0, 7),
        StakeholderCategory.VOLUNTARY: (1, 0, 0, 1),
    }
    # The staff member who typed the post-it took no part.
    assert list(Participant.objects.values_list("person", flat=True)) == [person.pk]
    # Recording the same attendance again changes nothing.
    arena_attendance_record(
        arena=arena, by=staff, counts={StakeholderCategory.CHILDREN: 7}, attended={signup.pk}
    )
    assert _counts(process, Dimension.CATEGORY)[StakeholderCategory.CHILDREN] == (0, 1, 0, 7)


def test_a_changed_or_withdrawn_profile_moves_the_person(
    process, person, area, other_area, municipality
):
    _need(process, person)
    profile_update(
        user=person,
        municipality=municipality,
        stakeholder_category=StakeholderCategory.CITIZEN,
        age_band=AgeBand.FROM_18,
        area=other_area,
    )
    assert _counts(process, Dimension.AREA) == {str(other_area.pk): (1, 1, 0, 0)}
    assert _counts(process, Dimension.AGE_BAND) == {AgeBand.FROM_18: (1, 1, 0, 0)}
    # The input keeps the category it was counted under; the person moves.
    assert _counts(process, Dimension.CATEGORY) == {
        StakeholderCategory.VOLUNTARY: (0, 1, 0, 0),
        StakeholderCategory.CITIZEN: (1, 0, 0, 0),
    }
    profile_clear(user=person)
    assert _counts(process, Dimension.AREA) == {"": (1, 1, 0, 0)}
    assert _counts(process, Dimension.AGE_BAND) == {"": (1, 1, 0, 0)}


def _crowd(make_user, process, count, age_band, *, area=None, municipality=None, tag=""):
    for n in range(count):
        user = make_user(f"{age_band}{tag}{n}@example.org", f"P {n}")
        profile_update(
            user=user, municipality=municipality, stakeholder_category="", age_band=age_band,
            area=area,
        )  # fmt: skip
        _need(process, user)


def test_ratios_under_five_and_missing_groups(make_user, process, municipality):
    AgePopulation.objects.create(municipality=municipality, age_band=AgeBand.FROM_18, count=100)
    AgePopulation.objects.create(municipality=municipality, age_band=AgeBand.FROM_30, count=900)
    AgePopulation.objects.create(municipality=municipality, age_band=AgeBand.FROM_45, count=200)
    AgePopulation.objects.create(municipality=municipality, age_band=AgeBand.FROM_67, count=400)
    _crowd(make_user, process, 10, AgeBand.FROM_18, municipality=municipality)
    _crowd(make_user, process, 5, AgeBand.FROM_30, municipality=municipality)
    _crowd(make_user, process, 3, AgeBand.FROM_45, municipality=municipality)

    result = representativity(process)

    young = _group(result, Dimension.AGE_BAND, AgeBand.FROM_18)
    middle = _group(result, Dimension.AGE_BAND, AgeBand.FROM_30)
    few = _group(result, Dimension.AGE_BAND, AgeBand.FROM_45)
    old = _group(result, Dimension.AGE_BAND, AgeBand.FROM_67)
    # 18 people gave their age: 10/18 of the participants against 100/1600 of the population.
    assert young.ratio == pytest.approx((10 / 18) / (100 / 1600))
    assert middle.ratio == pytest.approx((5 / 18) / (900 / 1600))
    assert middle.under_represented and not young.under_represented
    # Three people: neither a number, nor a share or ratio to work it out from.
    assert few.cells["people"] == "under 5"
    assert few.cells["contributions"] == "under 5"
    assert (few.share, few.ratio) == (None, None)
    assert old.missing and old.cells["people"] == "0"
    # 80+ has no population entered: nothing to miss it against.
    assert [group.key for group in result.missing] == [AgeBand.FROM_67]
    assert [group.key for group in result.under_represented] == [AgeBand.FROM_30]


def test_expected_categories_and_areas_are_named_when_missing(
    process, person, staff, area, other_area
):
    StakeholderEntry.objects.create(
        process=process, category=StakeholderCategory.BUSINESS, role=StakeholderEntry.Role.RESOURCE
    )
    StakeholderEntry.objects.create(
        process=process,
        category=StakeholderCategory.ELDERLY,
        role=StakeholderEntry.Role.PARTICIPANT,
        state=StakeholderEntry.State.DECLINED,
    )
    process.areas.set([other_area])
    _need(process, person)

    missing = {(group.key, group.label) for group in representativity(process).missing}

    assert (StakeholderCategory.BUSINESS, StakeholderCategory.BUSINESS.label) in missing
    assert StakeholderCategory.ELDERLY not in {key for key, _label in missing}
    assert (str(other_area.pk), "Sørbygda") in missing
    # An area the process does not concern is left out of its comparison.
    assert str(area.pk) not in {key for key, _label in missing}


def test_the_ildsjel_warning_when_two_people_give_more_than_half(make_user, process, citizen):
    eager = make_user("ildsjel@example.org", "Ildsjel")
    for _n in range(4):
        _need(process, citizen)
        _need(process, eager)
    _crowd(make_user, process, 1, AgeBand.FROM_30)
    assert not representativity(process).ildsjel  # 9 inputs: too few to say
    _crowd(make_user, process, 1, AgeBand.FROM_45)
    result = representativity(process)
    assert result.ildsjel and result.ildsjel_percent == 80
    _crowd(make_user, process, 7, AgeBand.FROM_67, tag="more")
    assert not representativity(process).ildsjel  # 8 of 17


def test_the_owners_see_what_is_missing_on_the_process_page_and_others_do_not(
    client, process, person, staff, citizen
):
    StakeholderEntry.objects.create(
        process=process, category=StakeholderCategory.BUSINESS, role=StakeholderEntry.Role.RESOURCE
    )
    _need(process, person)
    url = reverse("processes:detail", args=[process.slug])
    client.force_login(citizen)
    page = client.get(url).content.decode()
    assert "Mangler: Næringsliv" not in page
    assert reverse("processes:participation", args=[process.slug]) in page
    client.force_login(staff)  # an owner, after a citizen's copy was cached
    assert "Mangler: Næringsliv" in client.get(url).content.decode()


def test_the_participation_page_shows_no_small_count_as_a_number(client, process, person):
    _need(process, person)
    response = client.get(reverse("processes:participation", args=[process.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "under 5" in page
    assert '<td data-label="Personer">1</td>' not in page


def test_the_participation_page_asks_one_query_for_its_figures(client, process, make_user):
    _crowd(make_user, process, 30, AgeBand.FROM_18)
    url = reverse("processes:participation", args=[process.slug])
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _crowd(make_user, process, 60, AgeBand.FROM_30)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many) <= 6


def test_an_erased_account_takes_its_supports_out_and_leaves_its_input_counted(
    process, person, citizen
):
    need = _need(process, citizen)
    _need(process, person)
    need_support(need=need, user=person)
    account_erase(person=person)

    assert not Participant.objects.filter(person_id=person.pk).exists()
    assert _counts(process, Dimension.AGE_BAND) == {"": (1, 1, 0, 0), AgeBand.FROM_18: (1, 1, 0, 0)}
    assert sum(row.supports for row in ParticipationCount.objects.filter(process=process)) == 0


def _snapshot(process):
    participants = set(
        Participant.objects.filter(process=process).values_list(
            "person_id", "contributions", "supports", "attended", "stakeholder_category",
            "age_band", "area_id",
        )
    )  # fmt: skip
    return participants, {d: _counts(process, d) for d in Dimension.values}


def test_the_backfill_counts_what_the_services_counted(process, staff, person, citizen, arena):
    signup = arena_sign_up(arena=arena, person=citizen)
    first = _need(process, person, stakeholder_category=StakeholderCategory.CITIZEN)
    _need(process, person)
    _need(process, citizen, stakeholder_category=StakeholderCategory.ELDERLY)
    _need(process, staff)
    need_support(need=first, user=citizen)
    arena_input_add(arena=arena, by=staff, body="Lapp", stakeholder_category="business")
    arena_attendance_record(
        arena=arena, by=staff, counts={StakeholderCategory.CHILDREN: 6}, attended={signup.pk}
    )
    kept = _snapshot(process)

    backfill_migration.backfill(apps, None)

    assert _snapshot(process) == kept
    assert len(kept[0]) == 2
