"""Anonymous visitors get the process pages' content from the cache, and every
write through the services shows on the next page view all the same."""

import pytest
from django.test import Client
from django.urls import reverse

from processes.services.needs import need_log, need_support
from processes.services.processes import round_start
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = pytest.mark.django_db


def pages(process, solution):
    return [
        reverse("processes:detail", args=[process.slug]),
        reverse("processes:needs", args=[process.slug]),
        reverse("processes:solution", args=[process.slug, solution.pk]),
    ]


@pytest.fixture
def need(process, citizen):
    return need_log(process=process, author=citizen, body="Lys i undergangen", who_has_need="Alle")


@pytest.fixture
def solution(process, citizen, need):
    return solution_propose(
        process=process, author=citizen, title="Gatelys", body="Sett opp lys.", needs=[need]
    )


def test_a_second_anonymous_view_is_served_from_the_cache(
    process, solution, django_assert_max_num_queries
):
    client = Client()
    for url in pages(process, solution):
        first = client.get(url)

        with django_assert_max_num_queries(3):
            second = client.get(url)

        assert second.status_code == 200
        main = first.text[first.text.index("<main") :]
        assert main[: main.index("</main>")] in second.text


def test_a_new_need_shows_at_once_for_anonymous_visitors(process, solution, politician):
    client = Client()
    before = [client.get(url).text for url in pages(process, solution)]
    assert all("Benker ved bussen" not in page for page in before)

    need_log(process=process, author=politician, body="Benker ved bussen", who_has_need="Eldre")

    detail, needs, _solution = (client.get(url).text for url in pages(process, solution))
    assert "Benker ved bussen" in needs
    assert "2 behov" in detail


def test_a_support_and_a_status_change_show_at_once(process, solution, need, staff, politician):
    client = Client()
    needs_url = reverse("processes:needs", args=[process.slug])
    solution_url = reverse("processes:solution", args=[process.slug, solution.pk])
    assert "0 har også dette behovet" in client.get(needs_url).text
    client.get(solution_url)

    need_support(need=need, user=politician)
    solution_set_status(
        solution=solution, status="selected", by=staff, text="Vi tester det.", version=1
    )

    assert "1 har også dette behovet" in client.get(needs_url).text
    assert "Valgt for testing" in client.get(solution_url).text


def test_a_new_round_shows_at_once(process, solution, staff):
    client = Client()
    url = reverse("processes:detail", args=[process.slug])
    assert "Runde 2" not in client.get(url).text

    round_start(process=process, by=staff, focus="solution")

    assert "Runde 2" in client.get(url).text


def test_the_owner_never_gets_the_anonymous_copy(process, solution, staff):
    anonymous = Client()
    owner = Client()
    owner.force_login(staff)
    url = reverse("processes:detail", args=[process.slug])
    anonymous.get(url)

    page = owner.get(url).text

    assert "csrfmiddlewaretoken" in page[page.index("<main") :]


def test_the_cached_page_keeps_its_title(process, solution):
    client = Client()
    url = reverse("processes:solution", args=[process.slug, solution.pk])
    first, second = client.get(url).text, client.get(url).text

    title = first[first.index("<title>") : first.index("</title>")]
    assert "Gatelys – Trygg skolevei" in title
    assert title in second


def test_an_unknown_solution_is_404_every_time(process, solution):
    client = Client()
    url = reverse("processes:solution", args=[process.slug, solution.pk + 999])

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
