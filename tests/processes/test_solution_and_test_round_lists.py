"""Every solution and every test round of a process can be reached from its page:
the overview shows the newest few, the lists show them all."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from processes import models
from processes.services.needs import need_log
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(process, citizen):
    return need_log(process=process, author=citizen, body="Lys i undergangen", who_has_need="Alle")


def propose(process, citizen, need, count: int) -> list[models.Solution]:
    return [
        solution_propose(
            process=process, author=citizen, title=f"Løsning {n}", body="Tekst.", needs=[need]
        )
        for n in range(count)
    ]


def add_test_rounds(process, solution, count: int) -> None:
    for n in range(count):
        test_round = models.TestRound(
            process=process,
            reference=f"TEST-{solution.pk}-{n}",
            kind="test_round",
            body="Prøvd i en uke.",
            status=models.TestRound.Status.DECIDED,
            tested_solution=solution,
            held_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            place=f"Sted {n}",
            head_count=5,
            decision=models.TestRound.Decision.ADJUST,
        )
        test_round.save()


def test_the_list_holds_every_solution_newest_first_over_pages(client, process, citizen, need):
    propose(process, citizen, need, 27)
    url = reverse("processes:solutions", args=[process.slug])

    first = client.get(url).text
    second = client.get(url, {"page": 2}).text

    assert "27 løsninger" in first
    assert first.index("Løsning 26") < first.index("Løsning 2<")
    assert "Løsning 0<" not in first and "Løsning 1<" not in first
    assert "Løsning 1<" in second and "Løsning 0<" in second
    assert "Side 2 av 2" in second


def test_the_status_filter_shows_only_that_status(client, process, citizen, staff, need):
    chosen, other = propose(process, citizen, need, 2)
    solution_set_status(
        solution=chosen, status="selected", by=staff, text="Vi tester.", version=chosen.version
    )
    url = reverse("processes:solutions", args=[process.slug])

    html = client.get(url, {"status": "selected"}).text

    assert chosen.title in html and f">{other.title}<" not in html
    assert '<span class="ds-tag status-tag" data-color="info">Valgt for testing</span>' in html
    assert "1 løsning" in html
    assert '<option value="selected" selected>' in html


def test_an_unknown_status_is_explained_in_norwegian_not_a_500(client, process, citizen, need):
    propose(process, citizen, need, 1)
    url = reverse("processes:solutions", args=[process.slug])

    response = client.get(url, {"status": "<script>alert(1)</script>", "page": "x"})

    assert response.status_code == 200
    assert "Velg en av statusene i listen." in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "1 løsning" in response.text


def test_an_htmx_filter_answers_with_the_results_region_of_the_page(client, process, citizen, need):
    propose(process, citizen, need, 3)
    url = reverse("processes:solutions", args=[process.slug])

    page = client.get(url).text
    region = client.get(url, headers={"HX-Request": "true"}).text

    assert region.strip().startswith('<section id="resultater"')
    assert region.strip() in page
    assert "<html" not in region


@pytest.mark.parametrize("count", [3, 60])
def test_the_solution_list_asks_the_same_number_of_queries_however_many(
    client, process, citizen, need, count, django_assert_max_num_queries
):
    propose(process, citizen, need, count)
    url = reverse("processes:solutions", args=[process.slug])
    client.get(url)

    with django_assert_max_num_queries(4):
        client.get(url)


def test_the_test_rounds_list_holds_them_all_latest_first(client, process, citizen, need):
    [solution] = propose(process, citizen, need, 1)
    add_test_rounds(process, solution, 27)
    url = reverse("processes:test_rounds", args=[process.slug])

    first = client.get(url).text
    second = client.get(url, {"page": 2}).text

    assert "27 testrunder" in first
    assert first.index("Sted 26") < first.index("Sted 25")
    assert "Sted 0" not in first and "Sted 0" in second


def test_the_overview_links_to_both_lists(client, process, citizen, need):
    [solution] = propose(process, citizen, need, 1)
    add_test_rounds(process, solution, 1)

    html = client.get(reverse("processes:detail", args=[process.slug])).text

    assert reverse("processes:solutions", args=[process.slug]) in html
    assert reverse("processes:test_rounds", args=[process.slug]) in html


def test_a_drafts_lists_are_hidden_from_citizens(client, draft_process, citizen, staff):
    for name in ("processes:solutions", "processes:test_rounds"):
        url = reverse(name, args=[draft_process.slug])
        client.force_login(citizen)
        assert client.get(url).status_code == 404
        client.force_login(staff)
        assert client.get(url).status_code == 200


def test_another_municipality_never_sees_the_lists(process, other_municipality):
    other_host = Client(HTTP_HOST="nordvik.localhost")
    for name in ("processes:solutions", "processes:test_rounds"):
        assert other_host.get(reverse(name, args=[process.slug])).status_code == 404
