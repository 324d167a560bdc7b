"""Every view that takes a contribution is rate-limited on the real view: from
one account the 30th POST in a minute still works, the 31st gets the Norwegian
429 page and writes nothing.

One test per ``@contribution_ratelimit`` view, so removing any one decorator
makes its test fail. Time stands still in each test: the limit counts in fixed
windows of a minute, and a window ending half-way would reset the count.
"""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from processes import models
from processes.models import Comment, CommentReport, Need, NeedSupport, Process, Solution
from processes.services.comments import comment_add
from processes.services.needs import need_log
from processes.services.solutions import solution_propose, solution_set_status
from tests.helpers import REPO

pytestmark = pytest.mark.django_db

RATE = 30
A_MINUTE_OF_WORK = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _time_stands_still():
    with time_machine.travel(A_MINUTE_OF_WORK, tick=False):
        yield


@pytest.fixture
def neighbour(make_user):
    return make_user("ola@example.org", "Ola Nabo")


def _needs(process, author, count: int) -> list[Need]:
    return [
        need_log(process=process, author=author, body=f"Behov {n}", who_has_need="Skolebarn")
        for n in range(count)
    ]


def url(name: str, process: Process, *args) -> str:
    return reverse(f"processes:{name}", args=[process.slug, *args])


def assert_the_31st_is_refused_and_writes_nothing(post, rows) -> None:
    assert settings.CONTRIBUTION_RATE == "30/m"
    before = rows()

    answers = [post(n).status_code for n in range(RATE)]

    assert answers == [302] * RATE  # the 30th worked too
    assert rows() == before + RATE
    blocked = post(RATE)
    assert blocked.status_code == 429
    assert "For mange forespørsler" in blocked.text
    assert '<html lang="nb"' in blocked.text
    assert rows() == before + RATE


def test_the_31st_need_in_a_minute_is_refused(client, citizen, process):
    client.force_login(citizen)
    need_url = url("need_create", process)

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(need_url, {"body": f"Behov {n}", "who_has_need": "Skolebarn"}),
        Need.objects.count,
    )


def test_the_31st_support_in_a_minute_is_refused(client, citizen, neighbour, process):
    needs = _needs(process, neighbour, RATE + 1)
    client.force_login(citizen)

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(url("need_support", process, needs[n].pk)),
        NeedSupport.objects.count,
    )


def test_the_31st_solution_in_a_minute_is_refused(client, citizen, neighbour, process):
    (need,) = _needs(process, neighbour, 1)
    client.force_login(citizen)
    solution_url = url("solution_create", process)

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(
            solution_url,
            {"title": f"Forslag {n}", "body": "Et gangfelt med lys.", "needs": [need.pk]},
        ),
        Solution.objects.count,
    )


def test_the_31st_comment_in_a_minute_is_refused(client, citizen, neighbour, process):
    (need,) = _needs(process, neighbour, 1)
    client.force_login(citizen)
    comment_url = url("comment_create", process, need.pk)

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(comment_url, {"body": f"Kommentar {n}"}),
        Comment.objects.count,
    )


def test_the_31st_report_in_a_minute_is_refused(client, citizen, neighbour, process):
    (need,) = _needs(process, neighbour, 1)
    comments = [
        comment_add(target=need, author=neighbour, body=f"Kommentar {n}") for n in range(RATE + 1)
    ]
    client.force_login(citizen)

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(
            url("comment_report", process, comments[n].pk), {"reason": "Usaklig"}
        ),
        CommentReport.objects.count,
    )


def test_the_31st_test_round_in_a_minute_is_refused(client, staff, neighbour, process):
    needs = _needs(process, neighbour, 1)
    solution = solution_propose(
        process=process, author=neighbour, title="Gangfelt", body="Med lys.", needs=needs
    )
    solution_set_status(
        solution=solution,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi tester.",
        version=solution.version,
    )
    client.force_login(staff)
    test_round_url = url("test_round_create", process, solution.pk)
    data = {
        "body": "Vi prøvde gangfeltet.",
        "participant_categories": ["citizen"],
        "head_count": "12",
        "held_on": "2026-10-05",
        "place": "Skoleveien",
        "findings": "Bilene senket farten.",
        "decision": "adjust",  # still testable afterwards
        "learning": "Mer lys.",
        f"need_{needs[0].pk}": "partly",
    }

    assert_the_31st_is_refused_and_writes_nothing(
        lambda n: client.post(test_round_url, {**data, "place": f"Skoleveien {n}"}),
        models.TestRound.objects.count,
    )


TESTED_VIEWS = {
    "need_create",
    "need_support",
    "solution_create",
    "comment_create",
    "comment_report",
    "test_round_create",
}


def test_every_rate_limited_view_has_its_test_here():
    decorated = {
        name
        for source in (REPO / "processes" / "views").glob("*.py")
        for name in re.findall(
            r"^@contribution_ratelimit\n(?:@.*\n)*def (\w+)", source.read_text(), re.MULTILINE
        )
    }

    assert decorated == TESTED_VIEWS
