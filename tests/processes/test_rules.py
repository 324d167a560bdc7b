"""The rule set itself, and the services that ask it.

Every service that writes on behalf of a person asks the same rules as the
views, so a task, an import or a later API cannot pass the ladder or the
process state; a refusal raises ``Refused`` with the reason and writes nothing.
"""

from datetime import date

import pytest
from django.urls import reverse

from ladder.levels import CitizenAction
from ladder.rules import MINIMUM_LEVEL
from portal.rules import Refused
from processes import rules
from processes.models import (
    CoCreator,
    Comment,
    CommentReport,
    Contribution,
    Need,
    NeedSupport,
    Process,
    Solution,
)
from processes.models import (
    TestRound as TestRoundModel,
)
from processes.services.comments import comment_add, comment_report
from processes.services.contributions import contribution_add
from processes.services.needs import need_log, need_support
from processes.services.processes import process_set_status
from processes.services.solutions import solution_propose
from processes.services.test_rounds import test_round_record


def _need(process, author) -> Need:
    return contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys langs veien.", who_has_need="Skolebarn"),
        process=process,
        author=author,
        status=Need.Status.RECEIVED,
    )


def _comment(process, target, author) -> Comment:
    return contribution_add(
        Comment(kind=Contribution.Kind.COMMENT, target=target, body="Enig."),
        process=process,
        author=author,
        status=Comment.Status.PUBLISHED,
    )


# What a citizen does through each service, by the action the ladder names;
# ``need`` is another person's need, made beforehand.
SERVICES = {
    CitizenAction.LOG_NEED: lambda process, citizen, need: need_log(
        process=process, author=citizen, body="Benker.", who_has_need="Eldre"
    ),
    CitizenAction.SUPPORT_NEED: lambda process, citizen, need: need_support(
        need=need, user=citizen
    ),
    CitizenAction.PROPOSE_SOLUTION: lambda process, citizen, need: solution_propose(
        process=process, author=citizen, title="Lys", body="Sett opp lys.", needs=[need]
    ),
    CitizenAction.COMMENT: lambda process, citizen, need: comment_add(
        target=need, author=citizen, body="Godt."
    ),
}


def _rows() -> tuple:
    return (
        Need.objects.count(),
        Solution.objects.count(),
        Comment.objects.count(),
        NeedSupport.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize("action", sorted(SERVICES))
def test_each_service_lets_citizens_act_only_from_the_level_the_ladder_names(
    process, citizen, make_user, level, action
):
    need = _need(process, make_user("nabo@example.org", "Nina Nabo"))
    Process.objects.filter(pk=process.pk).update(level=level)
    process.refresh_from_db()
    need.process = process
    before = _rows()
    if level >= MINIMUM_LEVEL[action]:
        SERVICES[action](process, citizen, need)
        assert _rows() != before
        return
    with pytest.raises(Refused, match="samskapingstrappa"):
        SERVICES[action](process, citizen, need)
    assert _rows() == before


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "concluded", "archived"])
def test_no_service_takes_input_when_the_process_is_not_open(process, citizen, staff, status):
    Process.objects.filter(pk=process.pk).update(status=status)
    process.refresh_from_db()
    for person in (citizen, staff):
        with pytest.raises(Refused, match="ikke åpen"):
            need_log(process=process, author=person, body="B", who_has_need="W")
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_reporting_a_comment_follows_the_rules_for_commenting(process, citizen, make_user):
    other = make_user("nabo@example.org", "Nina Nabo")
    comment = _comment(process, _need(process, other), other)
    Process.objects.filter(pk=process.pk).update(status=Process.Status.CONCLUDED)
    comment.process.refresh_from_db()
    with pytest.raises(Refused, match="ikke åpen"):
        comment_report(comment=comment, user=citizen, reason="Stygt.")
    Process.objects.filter(pk=process.pk).update(status=Process.Status.OPEN, level=1)
    comment.process.refresh_from_db()
    with pytest.raises(Refused, match="samskapingstrappa"):
        comment_report(comment=comment, user=citizen, reason="Stygt.")
    assert not CommentReport.objects.exists()


@pytest.mark.django_db
def test_nobody_reports_their_own_comment(process, citizen):
    comment = _comment(process, _need(process, citizen), citizen)
    with pytest.raises(Refused, match="egen kommentar"):
        comment_report(comment=comment, user=citizen, reason="Oi.")
    assert not CommentReport.objects.exists()


def _record(solution, by):
    need = solution.needs.get()
    return test_round_record(
        solution=solution,
        by=by,
        body="Prøvde lys.",
        participant_categories=["citizen"],
        head_count=5,
        held_on=date(2026, 11, 1),
        place="Skoleveien",
        findings="Bra.",
        need_results={need: "met"},
        decision=TestRoundModel.Decision.ADOPT,
        learning="Lys hjelper.",
    )


@pytest.fixture
def selected_solution(process, citizen):
    solution = contribution_add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys", body="Lys."),
        process=process,
        author=citizen,
        status=Solution.Status.SELECTED,
    )
    solution.needs.add(_need(process, citizen))
    return solution


@pytest.mark.django_db
def test_staff_who_do_not_own_the_process_may_not_record_a_test_round(
    selected_solution, staff_non_owner, staff
):
    with pytest.raises(Refused, match="eierne"):
        _record(selected_solution, staff_non_owner)
    assert not TestRoundModel.objects.exists()
    _record(selected_solution, staff)
    assert TestRoundModel.objects.count() == 1


@pytest.mark.django_db
def test_only_appointed_co_creators_record_a_test_round_and_only_on_step_four(
    selected_solution, citizen, process, staff
):
    with pytest.raises(Refused, match="samskapingstrappa"):
        _record(selected_solution, citizen)
    Process.objects.filter(pk=process.pk).update(level=4)
    selected_solution.process.refresh_from_db()
    # On step 4 a citizen the owners did not appoint is still refused.
    with pytest.raises(Refused, match="utnevnt til medskapere"):
        _record(selected_solution, citizen)
    assert not TestRoundModel.objects.exists()
    CoCreator.objects.create(process=process, person=citizen, appointed_by=staff)
    _record(selected_solution, _fresh(citizen))
    assert TestRoundModel.objects.count() == 1


def _fresh(user):
    """The user as a new request sees it: no rights remembered."""
    from participants.models import User

    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_an_archived_process_cannot_be_changed_even_by_its_owners(process, staff):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.ARCHIVED)
    process.refresh_from_db()
    verdict = rules.rights_for(staff, process).manage
    assert not verdict and "arkivert" in verdict.reason
    with pytest.raises(Refused):
        process_set_status(process=process, status=Process.Status.OPEN, by=staff, text="Nei.")


@pytest.mark.django_db
def test_rights_follow_a_status_change_in_the_same_request(process, citizen):
    assert rules.rights_for(citizen, process).log_need
    process.status = Process.Status.CONCLUDED
    assert not rules.rights_for(citizen, process).log_need


@pytest.mark.django_db
def test_the_cache_key_tells_apart_every_difference_in_rights(
    process, citizen, politician, staff, staff_non_owner, admin_user
):
    keys = {
        name: rules.rights_for(user, process).cache_key
        for name, user in {
            "citizen": citizen,
            "politician": politician,
            "staff": staff,
            "staff_non_owner": staff_non_owner,
            "admin": admin_user,
        }.items()
    }
    # A politician is a citizen in a process; staff see staff panels; owners run it.
    assert keys["citizen"] == keys["politician"]
    assert len({keys["citizen"], keys["staff_non_owner"], keys["staff"]}) == 3
    assert keys["staff"] == keys["admin"]


@pytest.mark.django_db
def test_an_htmx_request_that_is_refused_gets_the_reason_in_the_alert_region(
    client, citizen, process
):
    Process.objects.filter(pk=process.pk).update(level=1)
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Benker.", "who_has_need": "Eldre"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#avvisning"
    html = response.content.decode()
    assert "samskapingstrappa" in html and "<html" not in html
    assert not Need.objects.exists()


def test_a_plain_request_that_is_refused_gets_the_whole_page(client, citizen, process, db):
    Process.objects.filter(pk=process.pk).update(level=1)
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Benker.", "who_has_need": "Eldre"},
    )
    assert response.status_code == 403
    assert "<html" in response.content.decode()
    assert not Need.objects.exists()


FORBIDDEN_IN_TEMPLATES = ("roles", "is_owner", "can_manage", "user.pk", "author_id == user")


def test_no_template_decides_from_roles_or_the_user_s_identity():
    """Templates read ``rights`` and ``municipality_rights``: what a visitor
    may do is never worked out again from roles or ids in a template."""
    from django.conf import settings

    templates = settings.BASE_DIR / "templates"
    found = [
        f"{path.relative_to(templates)}: {word}"
        for path in templates.rglob("*.html")
        for word in FORBIDDEN_IN_TEMPLATES
        if word in path.read_text()
    ]
    assert found == []


def test_roles_are_not_in_the_template_context(rf):
    from portal.context_processors import portal

    request = rf.get("/")
    request.municipality = None
    assert "roles" not in portal(request)
