"""The rules of needs: one support per person, no support for your own need,
merging carries supporters over once each, status changes need a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import AuditEntry
from processes.models import Need, NeedSupport, Process, TimelineEvent
from processes.services.needs import (
    need_log,
    need_merge,
    need_set_status,
    need_support,
    need_unsupport,
)

pytestmark = pytest.mark.django_db


def log(process, author, body="Trygg kryssing ved skolen", who="Barn som går til skolen"):
    return need_log(process=process, author=author, body=body, who_has_need=who)


@pytest.fixture
def neighbour(make_user):
    return make_user("ola@example.org", "Ola Nabo")


@pytest.fixture
def third(make_user):
    return make_user("per@example.org", "Per Tredje")


def test_logging_a_need_gives_a_reference_a_timeline_and_counts(process, citizen):
    need = log(process, citizen)
    process.refresh_from_db()
    assert need.reference.startswith("INN-")
    assert need.status == Need.Status.RECEIVED
    assert need.kind == Need.Kind.NEED
    assert need.round.number == 1
    assert process.needs_count == 1
    assert need.timeline.get().kind == TimelineEvent.Kind.CREATED


def test_a_person_supports_a_need_only_once(process, citizen, neighbour):
    need = log(process, citizen)
    assert need_support(need=need, user=neighbour) is True
    assert need_support(need=need, user=neighbour) is False
    need.refresh_from_db()
    assert need.support_count == 1
    assert NeedSupport.objects.filter(need=need).count() == 1


def test_the_author_cannot_support_their_own_need(process, citizen):
    need = log(process, citizen)
    with pytest.raises(PermissionDenied, match="meldte selv"):
        need_support(need=need, user=citizen)
    assert need.support_count == 0
    assert not NeedSupport.objects.exists()


def test_withdrawing_support_lowers_the_count(process, citizen, neighbour):
    need = log(process, citizen)
    need_support(need=need, user=neighbour)
    assert need_unsupport(need=need, user=neighbour) is True
    assert need_unsupport(need=need, user=neighbour) is False
    need.refresh_from_db()
    assert need.support_count == 0


def test_merge_carries_supporters_over_without_duplicates(
    process, staff, citizen, neighbour, third
):
    survivor = log(process, citizen, body="Gangfelt ved skolen")
    duplicate = log(process, neighbour, body="Fotgjengerfelt ved skolen")
    need_support(need=survivor, user=third)
    need_support(need=duplicate, user=third)  # supports both: counted once
    need_support(need=duplicate, user=citizen)  # the survivor's author: not counted

    need_merge(duplicate=duplicate, survivor=survivor, by=staff, text="Samme gangfelt.")

    duplicate.refresh_from_db()
    survivor.refresh_from_db()
    process.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert duplicate.status == Need.Status.MERGED
    supporters = set(NeedSupport.objects.filter(need=survivor).values_list("user_id", flat=True))
    assert supporters == {third.pk, neighbour.pk}
    assert survivor.support_count == 2
    assert process.needs_count == 1
    event = duplicate.timeline.get(kind=TimelineEvent.Kind.MERGED)
    assert event.text == "Samme gangfelt."
    assert AuditEntry.objects.filter(action="need.status", target_id=str(duplicate.pk)).exists()


def test_a_merged_need_cannot_be_supported(process, staff, citizen, neighbour, third):
    survivor = log(process, citizen)
    duplicate = log(process, neighbour)
    need_merge(duplicate=duplicate, survivor=survivor, by=staff, text="Det samme.")
    duplicate.refresh_from_db()
    with pytest.raises(PermissionDenied, match="slått sammen"):
        need_support(need=duplicate, user=third)
    assert not NeedSupport.objects.filter(need=duplicate, user=third).exists()


def test_merge_is_refused_across_processes(process, staff, citizen, neighbour):
    other = Process.objects.create(
        municipality=process.municipality,
        title="Annen",
        slug="annen",
        summary="x",
        problem_statement="y",
        status=Process.Status.OPEN,
    )
    other.owners.add(staff)
    here = log(process, citizen)
    there = log(other, neighbour)
    with pytest.raises(ValidationError, match="samme prosess"):
        need_merge(duplicate=here, survivor=there, by=staff, text="Det samme.")
    here.refresh_from_db()
    assert here.merged_into is None


def test_merge_is_refused_into_itself_or_twice(process, staff, citizen, neighbour):
    first = log(process, citizen)
    second = log(process, neighbour)
    with pytest.raises(ValidationError):
        need_merge(duplicate=first, survivor=first, by=staff, text="x")
    need_merge(duplicate=second, survivor=first, by=staff, text="Det samme.")
    second.refresh_from_db()
    with pytest.raises(ValidationError):
        need_merge(duplicate=second, survivor=first, by=staff, text="Igjen.")


def test_merge_needs_a_reason(process, staff, citizen, neighbour):
    first = log(process, citizen)
    second = log(process, neighbour)
    with pytest.raises(ValidationError):
        need_merge(duplicate=second, survivor=first, by=staff, text="  ")
    second.refresh_from_db()
    assert second.merged_into is None


def test_only_owners_merge_or_set_status(process, staff_non_owner, citizen, neighbour):
    first = log(process, citizen)
    second = log(process, neighbour)
    with pytest.raises(PermissionDenied):
        need_merge(duplicate=second, survivor=first, by=staff_non_owner, text="Det samme.")
    with pytest.raises(PermissionDenied):
        need_set_status(need=first, status=Need.Status.UNDER_REVIEW, text="Ja.", by=citizen)


def test_status_follows_the_allowed_transitions_with_a_reason(process, staff, citizen):
    need = log(process, citizen)
    need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)
    need.refresh_from_db()
    assert need.status == Need.Status.UNDER_REVIEW
    with pytest.raises(ValidationError):
        need_set_status(need=need, status=Need.Status.RECEIVED, text="Tilbake.", by=staff)
    with pytest.raises(ValidationError):
        need_set_status(need=need, status=Need.Status.MET, text="", by=staff)
    need_set_status(need=need, status=Need.Status.MET, text="Gangfelt er malt.", by=staff)
    need.refresh_from_db()
    assert need.status == Need.Status.MET
    assert list(need.timeline.values_list("to_status", flat=True)) == [
        "received",
        "under_review",
        "met",
    ]
