"""The process page at a glance: where the cycle stands, the key figures, the
latest events with the whole history a click away, and status tags that look
the same on every page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from processes import models
from processes.models import (
    STATUS_FAMILIES,
    Comment,
    Contribution,
    Need,
    Process,
    Round,
    Solution,
    StatusFamily,
    TestRound,
    TimelineEvent,
)
from processes.services.needs import need_log
from processes.services.processes import round_start
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = pytest.mark.django_db


def _needs(process, author, count: int) -> list[Need]:
    return [
        need_log(
            process=process, author=author, body="Lys i undergangen", who_has_need=f"Gruppe {n}"
        )
        for n in range(count)
    ]


def _events(process, count: int) -> None:
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            process=process,
            kind=TimelineEvent.Kind.PROCESS_STATUS,
            to_status=Process.Status.OPEN,
            text=f"Hendelse {n}.",
        )
        for n in range(count)
    )


def _figure(html: str, label: str) -> str:
    """The number on the key-figure card whose label is ``label``."""
    match = re.search(
        r'<span class="key-figure__number">([^<]+)</span> <span class="key-figure__label">'
        + re.escape(label)
        + "</span>",
        html,
    )
    assert match, f"no key figure «{label}»"
    return match.group(1)


# The cycle ------------------------------------------------------------------


def test_the_cycle_marks_the_current_round_s_phase_as_the_current_step(client, process, staff):
    round_start(process=process, by=staff, focus=Round.Focus.SOLUTION, learnings="")

    html = client.get(process.get_absolute_url()).text

    assert "Runde 2: fase Løsning" in html
    assert html.count('aria-current="step"') == 1
    current = re.search(
        r'<li class="blt-step blt-step--current" aria-current="step">(.*?)</li>', html, re.S
    )
    assert current is not None
    assert "Løsning" in current.group(1) and "Nå" in current.group(1)
    round_two = html[html.index("Runde 2</strong>") :]
    assert round_two.index("Behov") < round_two.index("Ferdig") < round_two.index("Løsning")
    assert "Senere" in round_two  # Test is still to come
    round_one = html[html.index("Runde 1</strong>") : html.index("Runde 2</strong>")]
    assert "Ferdig" in round_one and "aria-current" not in round_one


def test_only_the_latest_rounds_are_drawn_and_the_rest_are_counted(client, process, staff):
    for _ in range(5):
        round_start(process=process, by=staff, focus=Round.Focus.NEED, learnings="")

    html = client.get(process.get_absolute_url()).text

    assert "Runde 6</strong>" in html and "Runde 3</strong>" in html
    assert "Runde 2</strong>" not in html
    assert "2 tidligere runder er ikke vist." in html


# Key figures ----------------------------------------------------------------


def test_the_key_figures_count_needs_solutions_test_rounds_and_inputs_waiting(
    client, process, citizen, staff
):
    needs = _needs(process, citizen, 4)
    Need.objects.filter(pk=needs[0].pk).update(status=Need.Status.UNDER_REVIEW)
    solutions = [
        solution_propose(
            process=process, author=citizen, title=f"Løsning {n}", body="Tekst.", needs=[needs[0]]
        )
        for n in range(3)
    ]
    solution_set_status(
        solution=solutions[0],
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi tester.",
        version=solutions[0].version,
    )

    html = client.get(process.get_absolute_url()).text

    assert _figure(html, "behov") == "4"
    assert _figure(html, "løsninger") == "3"
    assert _figure(html, "testrunder") == "0"
    # Three needs still received and two solutions still proposed.
    assert _figure(html, "innspill venter på svar") == "5"
    assert html.count('class="ds-card key-figure"') == 4


def test_the_key_figures_come_from_one_grouped_count_of_the_contributions(client, process, citizen):
    _needs(process, citizen, 3)

    with CaptureQueriesContext(connection) as queries:
        client.get(process.get_absolute_url())

    counting = [
        query["sql"]
        for query in queries.captured_queries
        if "COUNT(" in query["sql"] and '"processes_contribution"' in query["sql"]
    ]
    assert len(counting) == 1
    assert "GROUP BY" in counting[0]


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_s_queries_do_not_grow_with_the_contributions(
    client, process, citizen, staff, count, django_assert_max_num_queries
):
    need = _needs(process, citizen, 1)[0]
    for n in range(count):
        Solution.objects.create(
            process=process,
            kind=Contribution.Kind.SOLUTION,
            reference=f"L-{n}",
            status=Solution.Status.PROPOSED,
            title=f"Løsning {n}",
            body="Tekst.",
        )
    Need.objects.filter(pk=need.pk).update(support_count=3)
    client.force_login(staff)

    with django_assert_max_num_queries(15):
        html = client.get(process.get_absolute_url()).text

    assert _figure(html, "innspill venter på svar") == str(count + 1)


# Handlingsrom ---------------------------------------------------------------


def test_the_handlingsrom_is_a_description_list_of_term_and_answer_pairs(client, process):
    Process.objects.filter(pk=process.pk).update(
        budget="200 000 kroner", decision_maker="Kommunestyret"
    )

    html = client.get(process.get_absolute_url()).text

    handlingsrom = html[html.index('<dl class="handlingsrom">') : html.index("</dl>")]
    assert "<div><dt>Budsjett</dt><dd>200 000 kroner</dd></div>" in handlingsrom
    assert (
        "<div><dt>Hvem tar den endelige beslutningen</dt><dd>Kommunestyret</dd></div>"
        in handlingsrom
    )


# The latest events and the history ----------------------------------------------


def test_the_page_shows_the_latest_five_events_and_links_to_the_whole_history(client, process):
    _events(process, 8)

    html = client.get(process.get_absolute_url()).text

    start = html.index('id="tidslinje"')
    latest = html[start : html.index("</section>", start)]
    assert latest.count("<li>") == 5
    assert "Hendelse 7." in latest and "Hendelse 3." in latest and "Hendelse 2." not in latest
    assert reverse("processes:history", args=[process.slug]) in latest


def test_the_history_holds_every_event_newest_first_twenty_five_a_page(client, process):
    _events(process, 30)
    url = reverse("processes:history", args=[process.slug])

    first = client.get(url).text
    second = client.get(url, {"side": 2}).text

    assert "30 hendelser, den nyeste først." in first
    assert first.count("Hendelse ") == 25
    assert first.index("Hendelse 29.") < first.index("Hendelse 5.")
    assert "Hendelse 4." not in first
    assert second.count("Hendelse ") == 5 and "Hendelse 0." in second
    assert "Side 2 av 2" in second


def test_the_history_links_each_event_to_what_it_is_about(client, process, citizen):
    need = _needs(process, citizen, 1)[0]

    html = client.get(reverse("processes:history", args=[process.slug])).text

    link = reverse("processes:contribution", args=[need.reference])
    assert f'<a class="ds-link" href="{link}">{need.reference}</a>' in html
    assert "Sendt inn</strong>: Mottatt" in html


def test_a_nonsense_page_number_gives_the_last_page_not_an_error(client, process):
    _events(process, 3)

    response = client.get(reverse("processes:history", args=[process.slug]), {"side": "x'; --"})

    assert response.status_code == 200
    assert response.text.count("Hendelse ") == 3


def test_the_history_of_a_draft_is_hidden_from_citizens(client, draft_process, citizen):
    client.force_login(citizen)

    response = client.get(reverse("processes:history", args=[draft_process.slug]))

    assert response.status_code == 404


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_history_s_queries_do_not_grow_with_the_events(client, process, citizen, staff):
    for need in _needs(process, citizen, 10):
        TimelineEvent.objects.create(
            process=process, contribution=need, kind=TimelineEvent.Kind.STATUS, to_status="received"
        )
    client.force_login(staff)
    url = reverse("processes:history", args=[process.slug])
    client.get(url)  # the session and the municipality are looked up once
    few = _query_count(client, url)

    _events(process, 190)
    many = _query_count(client, url)

    assert TimelineEvent.objects.filter(process=process).count() >= 200
    assert many == few <= 15


# Status tags ----------------------------------------------------------------


@pytest.mark.parametrize(
    "choices",
    [
        Process.Status,
        Need.Status,
        Solution.Status,
        TestRound.Status,
        TestRound.Decision,
        Comment.Status,
    ],
)
def test_every_status_has_a_colour_family(choices):
    assert {value for value, _label in choices.choices} <= set(STATUS_FAMILIES)
    assert set(STATUS_FAMILIES.values()) <= set(StatusFamily.values)


def _tag(html: str, label: str) -> str:
    match = re.search(
        r'<span class="ds-tag status-tag" data-color="([a-z]+)">' + re.escape(label) + "</span>",
        html,
    )
    assert match, f"no status tag «{label}»"
    return match.group(1)


def test_a_process_status_wears_the_same_tag_on_its_page_and_in_the_list(client, process):
    detail = client.get(process.get_absolute_url()).text
    listing = client.get(reverse("processes:list")).text

    assert _tag(detail, "Åpen") == _tag(listing, "Åpen") == StatusFamily.SUCCESS


def test_a_solution_status_wears_the_same_tag_on_its_page_and_in_the_list(client, process, citizen):
    need = _needs(process, citizen, 1)[0]
    solution = solution_propose(
        process=process, author=citizen, title="Lys", body="Tekst.", needs=[need]
    )

    detail = client.get(solution.get_absolute_url()).text
    listing = client.get(reverse("processes:solutions", args=[process.slug])).text

    assert _tag(detail, "Foreslått") == _tag(listing, "Foreslått") == StatusFamily.WARNING


def test_a_test_round_s_decision_wears_its_family_s_tag_on_its_pages(client, process, citizen):
    need = _needs(process, citizen, 1)[0]
    solution = solution_propose(
        process=process, author=citizen, title="Lys", body="Tekst.", needs=[need]
    )
    test_round = models.TestRound(
        process=process,
        reference="TEST-1",
        kind=Contribution.Kind.TEST_ROUND,
        body="Prøvd.",
        status=TestRound.Status.DECIDED,
        tested_solution=solution,
        held_on="2026-10-01",
        place="Skolen",
        head_count=5,
        decision=TestRound.Decision.DISCARD,
    )
    test_round.save()

    detail = client.get(test_round.get_absolute_url()).text
    listing = client.get(reverse("processes:test_rounds", args=[process.slug])).text

    assert _tag(detail, "Forkaste") == _tag(listing, "Forkaste") == StatusFamily.NEUTRAL
