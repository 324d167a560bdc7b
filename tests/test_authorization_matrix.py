"""Every URL × every role: allowed or refused as designed, so no view ships unchecked.

The URL patterns are walked from the project's resolver; a pattern name without
an entry in ``EXPECTATIONS`` fails ``test_every_url_pattern_has_an_expectation``.
Each entry says, per method, which roles get what, through a few audiences
that follow ``processes/rules.py``:

- ``everyone``: readable by all, including anonymous visitors (open process);
- ``logged_in``: any account; anonymous visitors are sent to log in;
- ``contributors``: ``may_contribute`` at step 2 of an open process: every
  account (citizens, politicians and staff from elsewhere are citizens here);
- ``staff``: the municipality's staff and admins (``may_moderate``,
  ``may_create_process``, and ``may_record_test_round`` below step 4);
- ``managers``: the process's owners and the municipality's admins (``may_manage``);
- ``admins``: the municipality's admins only;
- ``nobody``: the method is not allowed (405), whoever asks.

A refusal is 403 for an account and a redirect to login for anonymous
visitors, never a 200. For POST, ``ALLOWED`` accepts a 200 (the form with
its errors) or a redirect that is not to the login page (success).
"""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "citizen",
    "staff_owner",
    "staff_same",
    "staff_other",
    "politician",
    "admin",
)


@dataclass(frozen=True)
class Outcome:
    name: str

    def __repr__(self) -> str:
        return self.name


OK = Outcome("200")
BAD = Outcome("400")
DENIED = Outcome("403")
NOT_FOUND = Outcome("404")
NOT_ALLOWED = Outcome("405")
LOGIN = Outcome("302 to login")
REDIRECT = Outcome("302 elsewhere")
ALLOWED = Outcome("200 or 302 elsewhere")


# Audiences: who gets ``outcome`` for one method; the rest are refused.
def everyone(outcome: Outcome) -> dict:
    return dict.fromkeys(ROLES, outcome)


def nobody() -> dict:
    return everyone(NOT_ALLOWED)


def logged_in(outcome: Outcome) -> dict:
    return {**everyone(outcome), "anonymous": LOGIN}


contributors = logged_in  # may_contribute at step 2: every account


def _only(outcome: Outcome, roles: set[str]) -> dict:
    return {
        role: outcome if role in roles else (LOGIN if role == "anonymous" else DENIED)
        for role in ROLES
    }


def staff(outcome: Outcome) -> dict:
    return _only(outcome, {"staff_owner", "staff_same", "admin"})


def managers(outcome: Outcome) -> dict:
    return _only(outcome, {"staff_owner", "admin"})


def admins(outcome: Outcome) -> dict:
    return _only(outcome, {"admin"})


def anonymous_only(outcome: Outcome) -> dict:
    """Login and registration: an account is sent on (to the front page)."""
    return {**everyone(REDIRECT), "anonymous": outcome}


def row(get: dict, post: dict) -> dict[str, tuple[Outcome, Outcome]]:
    return {role: (get[role], post[role]) for role in ROLES}


# An owner of processes must have them reassigned before deleting the account.
OWNERS_MAY_NOT_DELETE = {**logged_in(ALLOWED), "staff_owner": DENIED}

# The report across processes (portal.rules ``see_report``).
READERS_OF_REPORTS = {"politician", "staff_owner", "staff_same", "admin"}
# Anyone signed in may sign up for an arena once: the citizen already has (and may cancel).
SIGN_UP_ONCE = {**logged_in(ALLOWED), "citizen": DENIED}

# fmt: off
EXPECTATIONS: dict[str, dict[str, tuple[Outcome, Outcome]]] = {
    "healthz":                              row(everyone(OK), nobody()),
    "portal:home":                          row(everyone(OK), nobody()),
    "portal:accessibility":                 row(everyone(OK), nobody()),
    "portal:privacy":                       row(everyone(OK), nobody()),
    "portal:audit_log":                     row(admins(OK), nobody()),
    "portal:audit_log_csv":                 row(admins(OK), nobody()),
    "portal:logo":                          row(everyone(OK), nobody()),
    "participants:register":                row(anonymous_only(OK), anonymous_only(ALLOWED)),
    "participants:verify_email":            row(everyone(BAD), nobody()),
    "participants:login":                   row(anonymous_only(OK), anonymous_only(ALLOWED)),
    "participants:email_retry":             row(nobody(), logged_in(REDIRECT)),
    "participants:logout":                  row(nobody(), everyone(REDIRECT)),
    "participants:password_reset":          row(everyone(OK), everyone(ALLOWED)),
    "participants:password_reset_done":     row(everyone(OK), nobody()),
    "participants:password_reset_confirm":  row(everyone(OK), everyone(ALLOWED)),
    "participants:password_reset_complete": row(everyone(OK), nobody()),
    "participants:inbox":                   row(logged_in(OK), nobody()),
    # Nobody's entry but their own: probed with an id no entry has.
    "participants:inbox_open":              row(logged_in(NOT_FOUND), nobody()),
    "participants:inbox_mark_all_read":     row(nobody(), logged_in(REDIRECT)),
    "participants:inbox_unread":            row(logged_in(OK), nobody()),
    "participants:notification_preferences": row(logged_in(OK), logged_in(ALLOWED)),
    # Without logging in; the probe's token is not a signed one.
    "participants:unsubscribe":             row(everyone(BAD), everyone(BAD)),
    "participants:my_data":                 row(logged_in(OK), logged_in(ALLOWED)),
    "participants:profile":                 row(logged_in(OK), logged_in(ALLOWED)),
    # A link that is not this account's (or no link at all) is 404 to everyone.
    "participants:data_export_download":    row(logged_in(NOT_FOUND), nobody()),
    "participants:account_delete":          row(logged_in(OK), OWNERS_MAY_NOT_DELETE),
    "participants:account_anonymise":       row(admins(OK), admins(ALLOWED)),
    "processes:list":                       row(everyone(OK), nobody()),
    "processes:create":                     row(staff(OK), staff(ALLOWED)),
    "processes:detail":                     row(everyone(OK), nobody()),
    "processes:history":                    row(everyone(OK), nobody()),
    "processes:participation":              row(everyone(OK), nobody()),
    "processes:summary":                    row(everyone(OK), nobody()),
    "processes:summary_pdf":                row(everyone(ALLOWED), everyone(REDIRECT)),
    "processes:summary_pdf_status":         row(everyone(OK), nobody()),
    "processes:cover":                      row(everyone(OK), nobody()),
    "processes:edit":                       row(managers(OK), managers(ALLOWED)),
    "processes:status":                     row(nobody(), managers(ALLOWED)),
    "processes:level":                      row(managers(OK), managers(ALLOWED)),
    "processes:round_start":                row(managers(OK), managers(ALLOWED)),
    "processes:foundations":                row(managers(OK), managers(ALLOWED)),
    "processes:ladder":                     row(everyone(OK), nobody()),
    "processes:contribution":               row(everyone(REDIRECT), nobody()),
    "processes:my_contributions":           row(logged_in(OK), nobody()),
    "processes:my_work":                    row(staff(OK), nobody()),
    "processes:politician_start":           row(_only(OK, {"politician"}), nobody()),
    # For the council: its politicians and the municipality's staff.
    "processes:report":                     row(_only(OK, READERS_OF_REPORTS), nobody()),
    "processes:report_pdf":                 row(_only(OK, READERS_OF_REPORTS), nobody()),
    "processes:open_data":                  row(everyone(OK), nobody()),
    "processes:open_data_csv":              row(everyone(OK), nobody()),
    "processes:open_data_json":             row(everyone(OK), nobody()),
    "processes:moderation":                 row(staff(OK), nobody()),
    "processes:moderation_hide":            row(nobody(), staff(ALLOWED)),
    "processes:moderation_show":            row(nobody(), staff(ALLOWED)),
    "processes:moderation_dismiss":         row(nobody(), staff(ALLOWED)),
    "processes:needs":                      row(everyone(OK), nobody()),
    "processes:need_create":                row(contributors(OK), contributors(ALLOWED)),
    "processes:need":                       row(everyone(OK), managers(ALLOWED)),
    "processes:need_support":               row(nobody(), contributors(ALLOWED)),
    "processes:need_merge":                 row(managers(OK), managers(ALLOWED)),
    "processes:solution_create":            row(contributors(OK), contributors(ALLOWED)),
    "processes:solutions":                  row(everyone(OK), nobody()),
    "processes:solution":                   row(everyone(OK), nobody()),
    "processes:solution_edit":              row(managers(OK), managers(ALLOWED)),
    "processes:solution_status":            row(nobody(), managers(ALLOWED)),
    "processes:test_round_create":          row(managers(OK), managers(ALLOWED)),
    "processes:test_rounds":                row(everyone(OK), nobody()),
    "processes:test_round":                 row(everyone(OK), nobody()),
    "processes:test_round_edit":            row(managers(OK), managers(ALLOWED)),
    "processes:evidence":                   row(everyone(OK), nobody()),
    "processes:comment_create":             row(nobody(), contributors(ALLOWED)),
    "processes:comment_report":             row(nobody(), logged_in(ALLOWED)),
    "processes:comment_hide":               row(nobody(), staff(ALLOWED)),
    "processes:working_groups":             row(everyone(OK), nobody()),
    "processes:working_group_create":       row(nobody(), managers(ALLOWED)),
    "processes:working_group_invite":       row(nobody(), managers(ALLOWED)),
    # Step 2: citizens may not join yet; staff may at every step, owners need not.
    "processes:working_group_join":         row(nobody(), _only(ALLOWED, {"staff_same"})),
    "processes:membership_accept":          row(nobody(), managers(ALLOWED)),
    "processes:membership_end":             row(nobody(), managers(ALLOWED)),
    "processes:co_creators":                row(managers(OK), managers(ALLOWED)),
    "processes:arena_create":               row(managers(OK), managers(ALLOWED)),
    "processes:arena":                      row(everyone(OK), nobody()),
    "processes:arena_ics":                  row(everyone(OK), nobody()),
    "processes:arena_edit":                 row(managers(OK), managers(ALLOWED)),
    "processes:arena_signup":               row(nobody(), SIGN_UP_ONCE),
    "processes:arena_cancel":               row(nobody(), _only(ALLOWED, {"citizen"})),
    "processes:arena_attendance":           row(managers(OK), managers(ALLOWED)),
    "processes:arena_input":                row(nobody(), managers(ALLOWED)),
    "processes:co_creator_remove":          row(nobody(), managers(ALLOWED)),
    "processes:phase_narrowing":            row(managers(OK), managers(ALLOWED)),
    "administration:index":                 row(admins(OK), nobody()),
    "administration:people":                row(admins(OK), nobody()),
    "administration:invite":                row(nobody(), admins(ALLOWED)),
    "administration:role_change":           row(nobody(), admins(ALLOWED)),
    "administration:role_remove":           row(nobody(), admins(ALLOWED)),
    "administration:invitation_resend":     row(nobody(), admins(ALLOWED)),
    "administration:invitation_withdraw":   row(nobody(), admins(ALLOWED)),
    "administration:settings":              row(admins(OK), admins(ALLOWED)),
    "administration:topics":                row(admins(OK), admins(ALLOWED)),
    "administration:topic_rename":          row(nobody(), admins(ALLOWED)),
    "administration:topic_merge":           row(nobody(), admins(ALLOWED)),
    "administration:topic_retire":          row(nobody(), admins(ALLOWED)),
    "administration:areas":                 row(admins(OK), admins(ALLOWED)),
    "administration:area_change":           row(nobody(), admins(ALLOWED)),
    "administration:area_delete":           row(nobody(), admins(ALLOWED)),
    "administration:population":            row(admins(OK), admins(ALLOWED)),
    # Anyone may open an invitation link; a forged one is 400 for all.
    "administration:invitation_accept":     row(everyone(BAD), everyone(BAD)),
    "processes:follow":                     row(nobody(), logged_in(REDIRECT)),
    # Everyone sees the organisations and categories that take part; the owners keep the map.
    "processes:stakeholders":               row(everyone(OK), managers(ALLOWED)),
    "processes:stakeholder_state":          row(nobody(), managers(ALLOWED)),
    "processes:stakeholder_remove":         row(nobody(), managers(ALLOWED)),
    "organisations:index":                  row(everyone(OK), nobody()),
    "organisations:create":                 row(logged_in(OK), logged_in(ALLOWED)),
    "organisations:detail":                 row(everyone(OK), nobody()),
    # Its leader (another citizen here) and the municipality's staff.
    "organisations:edit":                   row(staff(OK), staff(ALLOWED)),
    # Only its leader keeps the members; a member may leave (none of the roles is one).
    "organisations:member_add":             row(nobody(), _only(ALLOWED, set())),
    "organisations:member_role":            row(nobody(), _only(ALLOWED, set())),
    "organisations:member_end":             row(nobody(), _only(ALLOWED, set())),
}
# fmt: on

IGNORED_PREFIXES = ("admin/", "i18n/", "static/", "media/")


def walk_patterns(patterns=None, prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Every named URL pattern as ``namespace:name`` → route, through includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found: dict[str, str] = {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(IGNORED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found.update(walk_patterns(pattern.url_patterns, route, inner or namespace))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route
    return found


def missing_expectations(names, expectations=EXPECTATIONS) -> list[str]:
    """URL names nobody has said who may use: each one fails the matrix."""
    return sorted(name for name in names if name not in expectations)


def post_capable(expectations=EXPECTATIONS) -> list[str]:
    """URL names where some role may POST."""
    return sorted(
        name
        for name, roles in expectations.items()
        if any(post in (OK, ALLOWED) for _get, post in roles.values())
    )


# The most privileged role first: who drives the forms in the hostile-input test.
PRIVILEGE_ORDER = ("admin", "staff_owner", "staff_same", "citizen", "politician", "staff_other")


def poster_for(name: str, expectations=EXPECTATIONS) -> str:
    for role in (*PRIVILEGE_ORDER, "anonymous"):
        if expectations[name][role][1] in (OK, ALLOWED):
            return role
    raise LookupError(name)


def matches(outcome: Outcome, response) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    to_login = status == 302 and location.startswith(reverse("participants:login"))
    if outcome is LOGIN:
        return to_login
    if outcome is REDIRECT:
        return status == 302 and not to_login
    if outcome is ALLOWED:
        return status == 200 or (status == 302 and not to_login)
    return str(status) == outcome.name


def is_placeholder(name: str) -> bool:
    """The process views start as placeholders that raise 404 while being written."""
    import sys

    view = get_resolver().resolve(reverse(name, kwargs=_probe_kwargs(name))).func
    module = sys.modules.get(getattr(view, "__module__", ""))
    return bool(module and (module.__doc__ or "").startswith("PLACEHOLDER"))


# --- the world every role meets ------------------------------------------------


@dataclass
class World:
    users: dict
    process: object
    need: object
    other_need: object
    solution: object
    test_round: object
    comment: object
    evidence: object
    group: object
    membership: object
    co_creator: object
    arena: object = None
    # The administrator's objects: a staff role, a pending invitation, two topics, an area.
    role: object = None
    invitation: object = None
    topic: object = None
    area: object = None
    # The author's organisation (they lead it), and the process's stakeholder map entry for it.
    organisation: object = None
    organisation_membership: object = None
    stakeholder: object = None


def build_world(*, municipality, make_user, users: dict) -> World:
    """An open step-2 process owned by ``staff_owner``, with a need, a selected
    solution, a test round with evidence, and a comment, all by another citizen."""
    from datetime import date

    from processes.models import (
        CoCreator,
        Comment,
        Contribution,
        Evidence,
        GroupMembership,
        Need,
        Process,
        Round,
        Solution,
        TestRound,
        WorkingGroup,
    )
    from processes.services.contributions import contribution_add

    owner = users["staff_owner"]
    author = make_user("forfatter@example.org", "Frank Forfatter")
    process = Process.objects.create(
        municipality=municipality,
        title="Trygg skolevei",
        slug="trygg-skolevei",
        summary="Hvordan kan barna gå trygt til skolen?",
        problem_statement="Foreldre kjører barna fordi veien oppleves utrygg.",
        status=Process.Status.OPEN,
        level=2,
    )
    process.owners.add(owner)
    process.cover_alt = "Skoleveien om morgenen"
    process.cover_image.save("forside.png", ContentFile(b"\x89PNG"), save=True)
    municipality.logo.save("logo.png", ContentFile(b"\x89PNG"), save=True)
    Round.objects.create(process=process, number=1, started_by=owner)

    def need(body: str) -> Need:
        return contribution_add(
            Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Skolebarn"),
            process=process,
            author=author,
            status=Need.Status.RECEIVED,
        )

    first, second = need("Lys langs skoleveien."), need("Fortau ved krysset.")
    solution = contribution_add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys", body="Sett opp lys."),
        process=process,
        author=author,
        status=Solution.Status.SELECTED,
    )
    solution.needs.add(first)
    test_round = contribution_add(
        TestRound(
            kind=Contribution.Kind.TEST_ROUND,
            body="Midlertidige lys i to uker.",
            tested_solution=solution,
            participant_categories=["citizen"],
            head_count=12,
            held_on=date(2026, 10, 1),
            place="Skoleveien",
            findings="Flere gikk.",
            decision=TestRound.Decision.ADOPT,
            learning="Lys hjelper.",
        ),
        process=process,
        author=owner,
        status=TestRound.Status.RECORDED,
    )
    comment = contribution_add(
        Comment(kind=Contribution.Kind.COMMENT, target=first, body="Enig!"),
        process=process,
        author=author,
        status=Comment.Status.PUBLISHED,
    )
    evidence = Evidence(
        test_round=test_round,
        original_name="bilde.png",
        content_type="image/png",
        size=4,
        uploaded_by=owner,
    )
    evidence.file.save("bilde.png", ContentFile(b"\x89PNG"), save=False)
    evidence.save()
    # The author asked to join a working group and is a co-creator.
    group = WorkingGroup.objects.create(process=process, name="Lysgruppa", created_by=owner)
    membership = GroupMembership.objects.create(
        group=group, person=author, status=GroupMembership.Status.REQUESTED
    )
    co_creator = CoCreator.objects.create(process=process, person=author, appointed_by=owner)
    role, invitation, topic, area = _administration_objects(municipality, users, process, first)
    organisation, organisation_membership, stakeholder = _organisation_objects(
        municipality, owner, author, process
    )
    arena = _arena(process, owner, users["citizen"])
    return World(
        users,
        process,
        first,
        second,
        solution,
        test_round,
        comment,
        evidence,
        group,
        membership,
        co_creator,
        role=role,
        invitation=invitation,
        topic=topic,
        area=area,
        organisation=organisation,
        organisation_membership=organisation_membership,
        stakeholder=stakeholder,
        arena=arena,
    )


def _organisation_objects(municipality, owner, author, process) -> tuple:
    """An organisation the author leads, and the process's map entry for it."""
    from participants.models import Organisation, OrganisationMember
    from processes.models import StakeholderEntry

    organisation = Organisation.objects.create(
        municipality=municipality, name="Skoleveien vel", category="voluntary"
    )
    membership = OrganisationMember.objects.create(
        organisation=organisation, person=author, role=OrganisationMember.Role.LEADER
    )
    stakeholder = StakeholderEntry.objects.create(
        process=process,
        organisation=organisation,
        category=organisation.category,
        role=StakeholderEntry.Role.PARTICIPANT,
        state=StakeholderEntry.State.ENGAGED,
        added_by=owner,
    )
    return organisation, membership, stakeholder


def _arena(process, owner, citizen):
    """A coming workshop the citizen signed up for."""
    from datetime import timedelta

    from django.utils import timezone

    from processes.models import Arena, ArenaSignup

    starts = timezone.now() + timedelta(days=7)
    arena = Arena.objects.create(
        process=process,
        kind=Arena.Kind.WORKSHOP,
        title="Verksted om skoleveien",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Skolen, gymsalen",
        capacity=20,
        created_by=owner,
    )
    ArenaSignup.objects.create(arena=arena, person=citizen, status=ArenaSignup.Status.CONFIRMED)
    return arena


def _administration_objects(municipality, users: dict, process, need) -> tuple:
    """What the administrator's pages act on: ``staff_same``'s role, an
    invitation waiting for an answer, a topic (with another to merge into), and
    an area the process concerns."""
    from datetime import timedelta

    from django.utils import timezone

    from participants.models import Invitation, Membership
    from portal.models import Area
    from processes.models import Topic

    role = Membership.objects.get(user=users["staff_same"], municipality=municipality)
    invitation = Invitation.objects.create(
        municipality=municipality,
        email="ny@lillevik.example",
        role="staff",
        invited_by=users["admin"],
        expires_at=timezone.now() + timedelta(days=14),
    )
    topic = Topic.objects.create(municipality=municipality, name="Skolevei", slug="skolevei")
    Topic.objects.create(municipality=municipality, name="Trafikk", slug="trafikk")
    process.topics.add(topic)
    need.topics.add(topic)
    area = Area.objects.create(municipality=municipality, name="Vika", population=1_150)
    process.areas.add(area)
    return role, invitation, topic, area


# Which object a ``pk`` names, per URL name.
PK_OF = {
    "processes:need": "need",
    "processes:need_support": "need",
    "processes:need_merge": "need",
    "processes:solution": "solution",
    "processes:solution_edit": "solution",
    "processes:solution_status": "solution",
    "processes:test_round_create": "solution",
    "processes:test_round": "test_round",
    "processes:test_round_edit": "test_round",
    "processes:evidence": "evidence",
    "processes:comment_create": "need",
    "processes:comment_report": "comment",
    "processes:comment_hide": "comment",
    "processes:moderation_hide": "comment",
    "processes:moderation_show": "comment",
    "processes:moderation_dismiss": "comment",
    "processes:working_group_invite": "group",
    "processes:working_group_join": "group",
    "processes:membership_accept": "membership",
    "processes:membership_end": "membership",
    "processes:co_creator_remove": "co_creator",
    **{
        f"processes:{name}": "arena"
        for name in (
            "arena",
            "arena_ics",
            "arena_edit",
            "arena_signup",
            "arena_cancel",
            "arena_attendance",
            "arena_input",
        )
    },
    "administration:role_change": "role",
    "administration:role_remove": "role",
    "administration:invitation_resend": "invitation",
    "administration:invitation_withdraw": "invitation",
    "administration:topic_rename": "topic",
    "administration:topic_merge": "topic",
    "administration:topic_retire": "topic",
    "administration:area_change": "area",
    "administration:area_delete": "area",
    "processes:stakeholder_state": "stakeholder",
    "processes:stakeholder_remove": "stakeholder",
    "organisations:detail": "organisation",
    "organisations:edit": "organisation",
    "organisations:member_add": "organisation",
    "organisations:member_role": "organisation_membership",
    "organisations:member_end": "organisation_membership",
}


def url_kwargs(name: str, world: World | None) -> dict:
    route = walk_patterns()[name]
    kwargs = {}
    for part in ("slug", "pk", "reference", "token", "uidb64"):
        if f":{part}>" in route or f"<{part}>" in route:
            kwargs[part] = _value(name, part, world)
    return kwargs


def _value(name: str, part: str, world: World | None):
    if part == "slug":
        return world.process.slug if world else "finnes-ikke"
    if part == "pk":
        if name == "participants:inbox_open":
            return 999_999_999  # no notification has it: nobody opens another's
        if name not in PK_OF:
            raise LookupError(f"Say in PK_OF which object the pk of {name} names.")
        return getattr(world, PK_OF[name]).pk if world else 1
    if part == "reference":
        return world.need.reference if world else "INN-2026-0001"
    if part == "uidb64":
        return "ZZZZ"
    return "ugyldig-lenke"


def _probe_kwargs(name: str) -> dict:
    return url_kwargs(name, None)


@pytest.fixture
def role_users(citizen, staff, politician, admin_user, other_staff, make_user, municipality):
    from participants.models import Role

    return {
        "anonymous": None,
        "citizen": citizen,
        "staff_owner": staff,
        "staff_same": make_user(
            "kollega@lillevik.example", "Kari Kollega", municipality=municipality, role=Role.STAFF
        ),
        "staff_other": other_staff,
        "politician": politician,
        "admin": admin_user,
    }


@pytest.fixture
def world(role_users, municipality, make_user, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = str(tmp_path)
    return build_world(municipality=municipality, make_user=make_user, users=role_users)


# --- the tests ---------------------------------------------------------------


def test_every_url_pattern_has_an_expectation():
    assert missing_expectations(walk_patterns()) == [], (
        "Add these URL names to EXPECTATIONS, saying which role may GET and POST them"
    )


def test_no_expectation_names_a_url_that_is_gone():
    assert sorted(set(EXPECTATIONS) - set(walk_patterns())) == []


def test_a_new_pattern_without_an_expectation_is_found():
    from django.urls import include, path

    def unchecked(request):
        raise AssertionError

    patterns = [
        *get_resolver().url_patterns,
        path("hemmelig/", unchecked, name="secret"),
        path("", include(([path("ny-ting/", unchecked, name="thing")], "extra"))),
    ]

    assert missing_expectations(walk_patterns(patterns)) == ["extra:thing", "secret"]


def test_admin_and_language_switch_are_not_walked():
    names = walk_patterns()

    assert not any(name.startswith("admin:") for name in names)
    assert "set_language" not in names


def _as(world: World, role: str):
    """A fresh client per role, so one role's session never leaks into the next."""
    from django.test import Client

    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def role_mismatches(url: str, expected: dict, world: World) -> list[str]:
    """Every role's GET and POST of ``url`` against ``expected``; what differs."""
    from django.db import transaction

    wrong = []
    for role in ROLES:
        expected_get, expected_post = expected[role]
        client = _as(world, role)
        # Each role meets the same world: what one role's POST did is rolled back.
        with transaction.atomic():
            responses = (
                ("GET", expected_get, client.get(url)),
                ("POST", expected_post, client.post(url, {})),
            )
            transaction.set_rollback(True)
        for method, outcome, response in responses:
            if not matches(outcome, response):
                wrong.append(
                    f"{method} {url} as {role}: expected {outcome}, got "
                    f"{response.status_code} {response.get('Location', '')}"
                )
    return wrong


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_each_role_gets_what_the_rules_say(world, name):
    if is_placeholder(name):
        pytest.fail(f"{name} is still a placeholder view")
    url = reverse(name, kwargs=url_kwargs(name, world))

    assert role_mismatches(url, EXPECTATIONS[name], world) == []


PROCESS_PAGES = sorted(name for name, route in walk_patterns().items() if "<slug:slug>" in route)
READ_PAGES = [name for name in PROCESS_PAGES if EXPECTATIONS[name]["anonymous"][0] is OK]


@pytest.mark.django_db
@pytest.mark.parametrize("name", READ_PAGES)
def test_a_draft_is_404_to_all_but_the_municipality_staff(world, name):
    from processes.models import Process

    if is_placeholder(name):
        pytest.fail(f"{name} is still a placeholder view")
    Process.objects.filter(pk=world.process.pk).update(status=Process.Status.DRAFT)
    url = reverse(name, kwargs=url_kwargs(name, world))

    got = {role: _as(world, role).get(url).status_code for role in ROLES}

    staff_roles = ("staff_owner", "staff_same", "admin")
    assert got == {role: 200 if role in staff_roles else 404 for role in ROLES}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PROCESS_PAGES)
def test_another_municipality_s_process_is_404_on_this_host(world, other_municipality, name):
    from processes.models import Process

    if is_placeholder(name):
        pytest.fail(f"{name} is still a placeholder view")
    Process.objects.filter(pk=world.process.pk).update(municipality=other_municipality)
    url = reverse(name, kwargs=url_kwargs(name, world))

    for role in ROLES:
        client = _as(world, role)
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in (404, 405), f"{url} as {role}"
