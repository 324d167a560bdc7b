"""Every kind of notification renders, subject, text and HTML, in nb, nn and
en, from its stored facts alone (the words are never stored)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import timezone, translation

from participants.digest import digests_send
from participants.models import Notification
from processes.models import Need, Process, ProcessFollow, Solution
from processes.services.comments import comment_add, comment_hide
from processes.services.levels import level_change
from processes.services.needs import need_log, need_merge, need_set_status
from processes.services.processes import process_set_status, round_start
from processes.services.solutions import solution_propose, solution_set_status
from processes.services.test_rounds import test_round_record

pytestmark = pytest.mark.django_db

KINDS = {
    "status",
    "taken_into_solution",
    "solution_step",
    "tested",
    "test_result",
    "test_results",
    "merged",
    "hidden",
    "new_input",
    "round_started",
    "level_changed",
    "process_status",
    "changes",
    "digest",
}


def _everything(process, staff, author, proposer):
    need = need_log(process=process, author=author, body="Lys langs veien", who_has_need="Barn")
    other = need_log(process=process, author=author, body="Fortau", who_has_need="Barn")
    need_set_status(need=other, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)
    solution = solution_propose(
        process=process, author=proposer, title="Gatelys", body="Lys.", needs=[need, other]
    )
    solution_set_status(
        solution=solution, status=Solution.Status.SELECTED, by=staff, text="Tester.", version=1
    )
    solution.refresh_from_db()
    test_round_record(
        solution=solution,
        by=staff,
        body="Prøve.",
        participant_categories=["citizen"],
        head_count=5,
        held_on="2026-10-01",
        place="Veien",
        findings="Bra.",
        need_results={need: "met", other: "partly"},
        decision="adjust",
        learning="Mer lys.",
    )
    solution.refresh_from_db()
    solution_set_status(
        solution=solution,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Igjen.",
        version=solution.version,
    )
    duplicate = need_log(process=process, author=author, body="Lys igjen", who_has_need="Barn")
    need_merge(duplicate=duplicate, survivor=need, by=staff, text="Samme.")
    comment = comment_add(target=need, author=author, body="Hei")
    comment_hide(comment=comment, by=staff, reason="Regler.")
    round_start(process=process, by=staff, focus="test")
    level_change(actor=staff, process=process, level=3, target_level=3, justification="Ja.")
    process_set_status(
        process=Process.objects.get(pk=process.pk),
        status=Process.Status.CONCLUDED,
        by=staff,
        text="Ferdig.",
    )


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
# In the morning, so the digest run at 23 comes after every change, whatever the clock says.
@time_machine.travel(dt.datetime(2026, 12, 2, 6, 30, tzinfo=ZoneInfo("Europe/Oslo")), tick=False)
def test_every_kind_renders_in_every_language(process, staff, make_user, language):
    author = make_user("anne@example.org", "Anne")
    proposer = make_user("per@example.org", "Per")
    ProcessFollow.objects.create(process=process, person=author)
    _everything(process, staff, author, proposer)
    digests_send(now=timezone.localtime().replace(hour=23))

    notifications = list(Notification.objects.select_related("recipient", "municipality"))
    seen = set()
    for notification in notifications:
        seen.add(notification.kind)
        seen |= {item["kind"] for item in notification.facts.get("items", [])}
        context = {"notification": notification, **notification.facts}
        with translation.override(language):
            name = f"emails/notifications/{notification.kind}"
            subject = render_to_string(f"{name}_subject.txt", context).strip()
            text = render_to_string(f"{name}_body.txt", context)
            html = render_to_string(f"{name}_body.html", context)
        assert subject
        assert "/konto/varsler/avmeld/" in text
        assert f'lang="{language}"' in html
    assert seen >= KINDS
