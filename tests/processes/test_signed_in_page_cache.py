"""Signed-in visitors get whole pages from the cache too (``portal.pagecache``),
each a copy of their own: keyed on their own row, their rights in the
municipality and, on a process's pages, their rights in the process. A new
role, a new ownership, a new name or new input each make a new copy at once."""

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import Role
from participants.services import membership_grant
from processes.models import Need, Process
from processes.services.needs import need_log, need_set_status, need_support

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def need(process, citizen):
    return need_log(
        process=process, author=citizen, body="Lys langs skoleveien", who_has_need="Barn"
    )


@pytest.fixture
def needs_url(process, need):
    return reverse("processes:needs", args=[process.slug])


def test_a_second_view_asks_for_the_user_and_the_version_only(
    needs_url, citizen, django_assert_max_num_queries
):
    client = signed_in(citizen)
    assert client.get(needs_url).status_code == 200

    # The session comes from the cache; the user and the page version with
    # the visitor's rights are one query each.
    with django_assert_max_num_queries(2):
        second = client.get(needs_url)

    assert second.status_code == 200
    assert "Lys langs skoleveien" in second.text


def test_each_visitor_gets_their_own_copy(needs_url, citizen, make_user):
    other = make_user("ola@example.org", "Ola Nordmann")
    signed_in(citizen).get(needs_url)

    page = signed_in(other).get(needs_url).text

    assert "Ola Nordmann" in page
    assert "Kari Nordmann" not in page.split("<main", 1)[0]


def test_a_support_shows_at_once(needs_url, need, make_user):
    supporter = make_user("ola@example.org", "Ola Nordmann")
    client = signed_in(supporter)
    before = client.get(needs_url).text

    need_support(need=need, user=supporter)

    after = client.get(needs_url).text
    assert after != before
    assert Need.objects.get(pk=need.pk).support_count == 1


def test_a_new_role_shows_at_once_though_no_process_changed(process, citizen, municipality):
    url = reverse("processes:detail", args=[process.slug])
    client = signed_in(citizen)
    assert "Bare kommunens ansatte" not in client.get(url).text
    updated_at = Process.objects.get(pk=process.pk).updated_at
    cached = client.get(url).text

    membership_grant(user=citizen, municipality=municipality, role=Role.ADMIN)

    assert Process.objects.get(pk=process.pk).updated_at == updated_at
    page = client.get(url).text
    assert page != cached
    assert reverse("processes:edit", args=[process.slug]) in page


def test_a_new_ownership_shows_at_once(process, staff_non_owner):
    url = reverse("processes:detail", args=[process.slug])
    edit = reverse("processes:edit", args=[process.slug])
    client = signed_in(staff_non_owner)
    assert edit not in client.get(url).text

    process.owners.add(staff_non_owner)

    assert edit in client.get(url).text


def test_a_new_name_shows_at_once(needs_url, citizen):
    client = signed_in(citizen)
    client.get(needs_url)

    citizen.full_name = "Kari Nordmann-Berg"
    citizen.save(update_fields=["full_name"])

    assert "Kari Nordmann-Berg" in client.get(needs_url).text


def test_a_draft_stays_404_for_citizens_and_shown_to_staff(draft_process, citizen, staff_non_owner):
    url = reverse("processes:detail", args=[draft_process.slug])
    for _ in range(2):
        assert signed_in(citizen).get(url).status_code == 404
        assert signed_in(staff_non_owner).get(url).status_code == 200


def test_the_process_list_shows_staff_a_new_draft_at_once(process, staff, municipality):
    from processes.services.processes import process_create

    client = signed_in(staff)
    url = reverse("processes:list")
    client.get(url)

    process_create(
        municipality=municipality,
        by=staff,
        title="Nytt utkast om badeplasser",
        summary="Hvor skal badeplassene ligge?",
        problem_statement="Det er for få badeplasser.",
    )

    assert "Nytt utkast om badeplasser" in client.get(url).text
    assert "Nytt utkast om badeplasser" not in Client().get(url).text


def test_mine_innspill_shows_an_answer_at_once(need, citizen, staff):
    client = signed_in(citizen)
    url = reverse("processes:my_contributions")
    assert "Vi ser på saken" not in client.get(url).text

    need_set_status(need=need, status=Need.Status.UNDER_REVIEW, by=staff, text="Vi ser på saken")

    assert "Vi ser på saken" in client.get(url).text


def test_mine_innspill_is_still_a_login_redirect_for_anonymous_visitors():
    url = reverse("processes:my_contributions")
    for _ in range(2):
        response = Client().get(url)
        assert response.status_code == 302
        assert reverse("participants:login") in response["Location"]


def test_a_flash_message_is_shown_to_a_signed_in_visitor_once(process, need, make_user):
    client = signed_in(make_user("ola@example.org", "Ola Nordmann"))
    url = reverse("processes:need", args=[process.slug, need.pk])
    client.get(url)

    shown = client.post(
        reverse("processes:need_support", args=[process.slug, need.pk]), follow=True
    ).text

    assert "Takk, støtten er registrert." in shown
    assert "Takk, støtten er registrert." not in client.get(url).text
