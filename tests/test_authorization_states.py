"""Every process URL × role × step of the samskapingstrapp × process state.

``test_authorization_matrix.py`` pins who may use each URL of an open step-2
process. This one walks every step (1–4) and every state (draft, open,
concluded, archived), with valid form data for each POST, and holds each view
to the verdict of the rule set (``processes.rules``) for that visitor:

- allowed: the request does what it says (the row is there, the status moved);
- refused: an account gets 403 and an anonymous visitor the login page, and
  nothing is written (row counts, statuses, versions and the process's
  ``updated_at`` are as before);
- a draft is 404 to everyone but the municipality's staff.

The rules themselves are pinned by their own tests (``tests/processes/
test_rules.py``, ``tests/ladder``); this file proves every view asks them.
Each request runs in a savepoint that is rolled back, so every request meets
the same world.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEntry
from portal.rules import Verdict
from processes import models
from processes import rules as process_rules
from processes.selectors import arena_signup_of
from tests.test_authorization_matrix import (
    World,
    build_world,
    role_users,  # noqa: F401 - a fixture
    url_kwargs,
    walk_patterns,
)

LEVELS = (1, 2, 3, 4)
STATES = ("draft", "open", "concluded", "archived")
ROLES = (
    "anonymous",
    "citizen",
    "author",
    "staff_owner",
    "staff_same",
    "staff_other",
    "politician",
    "admin",
)


def snapshot(world: World) -> tuple:
    """Everything a write could change, read fresh from the database."""
    process = models.Process.objects.get(pk=world.process.pk)
    return (
        models.Contribution.objects.count(),
        models.TimelineEvent.objects.count(),
        models.NeedSupport.objects.count(),
        models.CommentReport.objects.count(),
        models.Round.objects.count(),
        models.Evidence.objects.count(),
        models.LevelChange.objects.count(),
        models.FoundationScore.objects.count(),
        AuditEntry.objects.count(),
        (
            process.status,
            process.level,
            process.target_level,
            process.version,
            process.updated_at,
            process.title,
        ),
        list(
            models.Contribution.objects.order_by("pk").values_list(
                "pk", "status", "version", "updated_at"
            )
        ),
        list(models.TestRound.objects.values_list("findings", flat=True)),
        list(models.Solution.objects.values_list("title", flat=True)),
        (process.needs_only_in_need_phase, process.solutions_from_solution_phase),
        list(models.WorkingGroup.objects.order_by("pk").values_list("pk", "name")),
        list(models.GroupMembership.objects.order_by("pk").values_list("pk", "person", "status")),
        list(models.CoCreator.objects.order_by("pk").values_list("pk", "person")),
        models.SolutionRevision.objects.count(),
        models.ProcessFollow.objects.count(),
        list(models.StakeholderEntry.objects.order_by("pk").values_list("pk", "state")),
    )


# --- what each URL needs, and which rule decides ----------------------------


def _rights(user, world: World):
    from processes.rules import rights_for

    return rights_for(user, world.process)


def _process_data(world: World) -> dict:
    process = world.process
    return {
        "title": "Trygg skolevei for alle",
        "summary": process.summary,
        "problem_statement": process.problem_statement,
        "level": process.level,
        "target_level": process.target_level,
        "owners": [world.users["staff_owner"].pk],
        "cover_alt": process.cover_alt,
        "version": process.version,
    }


def _level_data(world: World) -> dict:
    """Another step (lower from step 2 on, so the confirmation is sent too)."""
    level = 2 if world.process.level == 1 else world.process.level - 1
    return {
        "level": level,
        "target_level": world.process.target_level,
        "justification": "Rammene er endret.",
        "confirm": "1",
    }


def _status_data(world: World) -> dict:
    targets = sorted(models.Process.TRANSITIONS[world.process.status])
    return {"status": targets[0] if targets else "open", "reason": "Vi går videre."}


def _test_round_data(world: World) -> dict:
    return {
        "body": "Vi prøvde lysene i to uker.",
        "participant_categories": ["citizen"],
        "head_count": 10,
        "held_on": date(2026, 11, 1).isoformat(),
        "place": "Skoleveien",
        "findings": "Flere gikk til skolen.",
        f"need_{world.need.pk}": "met",
        "decision": "adopt",
        "learning": "Lys hjelper.",
    }


def _arena_data(title: str) -> dict:
    starts = timezone.localtime() + timedelta(days=3)
    return {
        "kind": "workshop",
        "title": title,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Skolen",
        "accessibility": "Trinnfri inngang.",
        "capacity": 10,
        "description": "",
    }


def _fresh(model, obj):
    return model.objects.get(pk=obj.pk)


@dataclass(frozen=True)
class Write:
    """One POST: the verdict that decides it, valid data, and how to see it done."""

    verdict: Callable[[object, World], Verdict]
    data: Callable[[World], dict]
    done: Callable[[World], bool]


WRITES: dict[str, Write] = {
    "processes:edit": Write(
        lambda user, w: _rights(user, w).manage,
        _process_data,
        lambda w: models.Process.objects.get(pk=w.process.pk).title == "Trygg skolevei for alle",
    ),
    "processes:status": Write(
        lambda user, w: _rights(user, w).manage,
        _status_data,
        lambda w: models.Process.objects.get(pk=w.process.pk).status == _status_data(w)["status"],
    ),
    "processes:level": Write(
        lambda user, w: _rights(user, w).manage,
        _level_data,
        lambda w: models.Process.objects.get(pk=w.process.pk).level == _level_data(w)["level"],
    ),
    "processes:round_start": Write(
        lambda user, w: _rights(user, w).start_round,
        lambda w: {"focus": "solution", "learnings": ""},
        lambda w: models.Round.objects.filter(process=w.process).count() == 2,
    ),
    "processes:foundations": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"need": 4, "anchoring": 3, "driver": 5, "team": 0, "resources": 2, "note": ""},
        lambda w: models.FoundationScore.objects.filter(process=w.process, team=0).exists(),
    ),
    "processes:need_create": Write(
        lambda user, w: _rights(user, w).log_need,
        lambda w: {"body": "Benker langs veien.", "who_has_need": "Eldre"},
        lambda w: models.Need.objects.filter(body="Benker langs veien.").exists(),
    ),
    "processes:need": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"status": "under_review", "text": "Vi ser på det.", "version": w.need.version},
        lambda w: _fresh(models.Need, w.need).status == "under_review",
    ),
    "processes:need_support": Write(
        lambda user, w: _may_support(user, w),
        lambda w: {},
        lambda w: models.NeedSupport.objects.filter(need=w.need).exists(),
    ),
    "processes:need_merge": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"survivor": w.other_need.pk, "text": "De sier det samme."},
        lambda w: _fresh(models.Need, w.need).merged_into_id == w.other_need.pk,
    ),
    "processes:solution_create": Write(
        lambda user, w: _rights(user, w).propose_solution,
        lambda w: {"title": "Fotgjengerfelt", "body": "Male et felt.", "needs": [w.need.pk]},
        lambda w: models.Solution.objects.filter(title="Fotgjengerfelt").exists(),
    ),
    "processes:solution_edit": Write(
        lambda user, w: _may_edit_solution(user, w),
        lambda w: {
            "title": "Gatelys hele veien",
            "body": w.solution.body,
            "needs": [w.need.pk],
            "version": w.solution.version,
        },
        lambda w: _fresh(models.Solution, w.solution).title == "Gatelys hele veien",
    ),
    "processes:solution_status": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"status": "discarded", "text": "For dyrt.", "version": w.solution.version},
        lambda w: _fresh(models.Solution, w.solution).status == "discarded",
    ),
    "processes:test_round_create": Write(
        lambda user, w: _may_test(user, w),
        _test_round_data,
        lambda w: models.TestRound.objects.count() == 2,
    ),
    "processes:test_round_edit": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {
            "head_count": 12,
            "place": "Skoleveien",
            "findings": "Nesten alle gikk.",
            "learning": "Lys hjelper.",
            "version": w.test_round.version,
        },
        lambda w: _fresh(models.TestRound, w.test_round).findings == "Nesten alle gikk.",
    ),
    "processes:comment_create": Write(
        lambda user, w: _rights(user, w).comment,
        lambda w: {"body": "Godt forslag."},
        lambda w: models.Comment.objects.filter(body="Godt forslag.").exists(),
    ),
    "processes:comment_report": Write(
        lambda user, w: _may_report(user, w),
        lambda w: {"reason": "Personangrep."},
        lambda w: models.CommentReport.objects.filter(comment=w.comment).exists(),
    ),
    "processes:comment_hide": Write(
        lambda user, w: _rights(user, w).moderate,
        lambda w: {"reason": "Bryter reglene."},
        lambda w: _fresh(models.Comment, w.comment).status == "hidden",
    ),
    "processes:working_group_create": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"name": "Trafikkgruppa", "description": "Ser på kryssene."},
        lambda w: models.WorkingGroup.objects.filter(name="Trafikkgruppa").exists(),
    ),
    "processes:working_group_invite": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {f"g{w.group.pk}-email": w.users["citizen"].email},
        lambda w: models.GroupMembership.objects.filter(
            person=w.users["citizen"], status="invited"
        ).exists(),
    ),
    "processes:working_group_join": Write(
        lambda user, w: _with_process(w, "may_ask_to_join", user, w.group),
        lambda w: {},
        lambda w: models.GroupMembership.objects.filter(status="requested").count() == 2,
    ),
    "processes:membership_accept": Write(
        lambda user, w: _with_process(w, "may_accept", user, w.membership),
        lambda w: {},
        lambda w: _fresh(models.GroupMembership, w.membership).status == "active",
    ),
    "processes:membership_end": Write(
        lambda user, w: _with_process(w, "may_end_membership", user, w.membership),
        lambda w: {},
        lambda w: not models.GroupMembership.objects.filter(pk=w.membership.pk).exists(),
    ),
    "processes:co_creators": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"email": w.users["citizen"].email},
        lambda w: models.CoCreator.objects.filter(person=w.users["citizen"]).exists(),
    ),
    "processes:co_creator_remove": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {},
        lambda w: not models.CoCreator.objects.filter(pk=w.co_creator.pk).exists(),
    ),
    "processes:follow": Write(
        lambda user, w: _with_process(w, "may_follow", user, w.process),
        lambda w: {"action": "follow"},
        lambda w: models.ProcessFollow.objects.filter(process=w.process).exists(),
    ),
    "processes:phase_narrowing": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"needs_only_in_need_phase": "on"},
        lambda w: models.Process.objects.get(pk=w.process.pk).needs_only_in_need_phase,
    ),
    "processes:stakeholders": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"kind": "category", "category": "research", "role": "resource"},
        lambda w: models.StakeholderEntry.objects.filter(
            process=w.process, category="research"
        ).exists(),
    ),
    "processes:stakeholder_state": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {"state": "declined"},
        lambda w: models.StakeholderEntry.objects.get(pk=w.stakeholder.pk).state == "declined",
    ),
    "processes:stakeholder_remove": Write(
        lambda user, w: _rights(user, w).manage,
        lambda w: {},
        lambda w: not models.StakeholderEntry.objects.filter(pk=w.stakeholder.pk).exists(),
    ),
    "processes:arena_create": Write(
        lambda user, w: process_rules.may_run_arenas(user, w.process),
        lambda w: _arena_data("Nytt verksted"),
        lambda w: models.Arena.objects.filter(process=w.process, title="Nytt verksted").exists(),
    ),
    "processes:arena_edit": Write(
        lambda user, w: process_rules.may_run_arenas(user, w.process),
        lambda w: _arena_data("Endret verksted"),
        lambda w: _fresh(models.Arena, w.arena).title == "Endret verksted",
    ),
    "processes:arena_signup": Write(
        lambda user, w: process_rules.may_sign_up(user, w.arena, arena_signup_of(w.arena, user)),
        lambda w: {},
        lambda w: w.arena.signups.count() == 2,  # the citizen's and the new one
    ),
    "processes:arena_cancel": Write(
        lambda user, w: process_rules.may_cancel_sign_up(
            user, w.arena, arena_signup_of(w.arena, user)
        ),
        lambda w: {},
        lambda w: not w.arena.signups.exists(),
    ),
    "processes:arena_attendance": Write(
        lambda user, w: process_rules.may_run_arenas(user, w.process),
        lambda w: {"count_citizen": 3},
        lambda w: w.arena.attendance.filter(stakeholder_category="citizen", count=3).exists(),
    ),
    "processes:arena_input": Write(
        lambda user, w: process_rules.may_run_arenas(user, w.process),
        lambda w: {"body": "Fra lappene: mer lys ved skolen.", "stakeholder_category": "citizen"},
        lambda w: models.Contribution.objects.filter(arena=w.arena).exists(),
    ),
}

# Pages whose GET shows a form: the same verdict as their POST decides.
FORM_PAGES = (
    "processes:edit",
    "processes:level",
    "processes:foundations",
    "processes:round_start",
    "processes:need_create",
    "processes:need_merge",
    "processes:solution_create",
    "processes:solution_edit",
    "processes:test_round_create",
    "processes:test_round_edit",
    "processes:co_creators",
    "processes:phase_narrowing",
)
# Pages everyone who may see the process reads.
READ_PAGES = (
    "processes:detail",
    "processes:arena",
    "processes:arena_ics",
    "processes:cover",
    "processes:needs",
    "processes:need",
    "processes:solutions",
    "processes:solution",
    "processes:test_rounds",
    "processes:history",
    "processes:participation",
    "processes:summary",
    "processes:summary_pdf",
    "processes:summary_pdf_status",
    "processes:test_round",
    "processes:evidence",
    "processes:working_groups",
    "processes:stakeholders",
    "processes:open_data",
    "processes:open_data_csv",
    "processes:open_data_json",
)


def _may_support(user, w: World) -> Verdict:
    from processes.rules import may_support

    w.need.process = w.process
    return may_support(user, w.need)


def _may_test(user, w: World) -> Verdict:
    from processes.rules import may_test

    w.solution.process = w.process
    return may_test(user, w.solution)


def _may_edit_solution(user, w: World) -> Verdict:
    from processes.rules import may_edit_solution

    w.solution.process = w.process
    return may_edit_solution(user, w.solution)


def _with_process(w: World, rule: str, user, obj) -> Verdict:
    """A group or membership rule, asked with the world's process as it is now."""
    from processes import rules

    w.group.process = w.process
    w.membership.group = w.group
    return getattr(rules, rule)(user, obj)


def _may_report(user, w: World) -> Verdict:
    from processes.rules import may_report

    w.comment.process = w.process
    return may_report(user, w.comment)


# --- running it -------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _sees(user, world: World) -> bool:
    from processes.rules import may_see

    return may_see(user or _anonymous(), world.process)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("participants:login")
    )


def _done_ok(response) -> bool:
    return response.status_code == 200 or (response.status_code == 302 and not _to_login(response))


def _fresh_user(user):
    """The user as the next request will see it: no rights remembered yet."""
    from participants.models import User

    return User.objects.get(pk=user.pk) if user is not None else _anonymous()


def check_post(name: str, write: Write, role: str, user, world: World) -> str | None:
    url = reverse(name, kwargs=url_kwargs(name, world))
    data = write.data(world)
    before = snapshot(world)
    with transaction.atomic():
        response = _client(user).post(url, data)
        after = snapshot(world)
        effect = write.done(world)
        transaction.set_rollback(True)
    if not _sees(user, world):
        if response.status_code != 404:
            return f"POST {name} as {role}: a draft must be 404, got {response.status_code}"
        return None if after == before else f"POST {name} as {role}: 404 but wrote"
    verdict = write.verdict(_fresh_user(user), world)
    if verdict:
        if not (_done_ok(response) and effect):
            return (
                f"POST {name} as {role}: allowed, expected it done, got "
                f"{response.status_code} {response.get('Location', '')}, done={effect}"
            )
        return None
    expected = "login" if user is None else 403
    got_right = _to_login(response) if user is None else response.status_code == 403
    if not got_right:
        return (
            f"POST {name} as {role}: refused ({verdict.reason}), expected {expected}, got "
            f"{response.status_code} {response.get('Location', '')}"
        )
    if after != before:
        return f"POST {name} as {role}: refused but wrote"
    return None


def check_get(name: str, role: str, user, world: World) -> str | None:
    url = reverse(name, kwargs=url_kwargs(name, world))
    response = _client(user).get(url)
    if not _sees(user, world):
        return None if response.status_code == 404 else f"GET {name} as {role}: draft not 404"
    if name in READ_PAGES:
        ok = response.status_code == 200
    else:
        verdict = WRITES[name].verdict(_fresh_user(user), world)
        if verdict:
            ok = response.status_code == 200
        elif user is None:
            ok = _to_login(response)
        else:
            ok = response.status_code == 403
    return None if ok else f"GET {name} as {role}: got {response.status_code}"


@pytest.fixture
def state_world(request, role_users, municipality, make_user, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world(municipality=municipality, make_user=make_user, users=role_users)
    level, state = request.param
    models.Process.objects.filter(pk=world.process.pk).update(level=level, status=state)
    world.process.refresh_from_db()
    world.users = {**world.users, "author": world.need.author}
    return world


def test_every_write_and_form_page_of_a_process_is_covered():
    process_urls = {
        name
        for name, route in walk_patterns().items()
        if "<slug:slug>" in route and name.startswith("processes:")
    }
    assert process_urls == set(WRITES) | set(FORM_PAGES) | set(READ_PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state_world",
    [(level, state) for level in LEVELS for state in STATES],
    indirect=True,
    ids=[f"level{level}-{state}" for level in LEVELS for state in STATES],
)
def test_each_view_does_what_the_rules_say_and_a_refusal_writes_nothing(state_world):
    world = state_world
    wrong = []
    for role in ROLES:
        user = world.users[role]
        for name in sorted({*FORM_PAGES, *READ_PAGES}):
            wrong.append(check_get(name, role, user, world))
        for name, write in WRITES.items():
            wrong.append(check_post(name, write, role, user, world))
    assert [line for line in wrong if line] == []
