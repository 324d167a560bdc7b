"""Mine data, its download, deleting one's account and an administrator's
anonymisation: what the person sees, and what the database holds afterwards."""

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from participants.models import DataExport, Notification, Role, User
from participants.outbox import notify
from participants.personal_data import DATA, Action
from portal.audit import audit_record
from portal.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@dataclass
class World:
    person: User
    other: User
    process: object
    need: object
    other_need: object
    solution: object
    comment: object
    other_comment: object


@pytest.fixture
def world(municipality, make_user, staff, settings, tmp_path) -> World:
    """Kari (the person) gave a need, a solution and a comment, supports
    Frank's need, reported Frank's comment, is in a working group, a
    co-creator and an organisation member; Frank commented on Kari's need."""
    from axes.models import AccessAttempt

    from participants.models import Organisation
    from processes.models import (
        CoCreator,
        Comment,
        Contribution,
        GroupMembership,
        Need,
        Process,
        Round,
        Solution,
        WorkingGroup,
    )
    from processes.services.comments import comment_report
    from processes.services.contributions import contribution_add
    from processes.services.needs import need_support

    settings.MEDIA_ROOT = str(tmp_path)
    person = make_user("kari@example.org", "Kari Nordmann")
    other = make_user("frank@example.org", "Frank Forfatter")
    process = Process.objects.create(
        municipality=municipality,
        title="Trygg skolevei",
        slug="trygg-skolevei",
        summary="Hvordan kan barna gå trygt til skolen?",
        problem_statement="Foreldre kjører barna.",
        status=Process.Status.OPEN,
        level=2,
    )
    process.owners.add(staff)
    Round.objects.create(process=process, number=1, started_by=staff)

    def add(contribution, author, status):
        return contribution_add(contribution, process=process, author=author, status=status)

    need = add(
        Need(kind=Contribution.Kind.NEED, body="Lys langs veien.", who_has_need="Skolebarn i 3A"),
        person,
        Need.Status.RECEIVED,
    )
    other_need = add(
        Need(kind=Contribution.Kind.NEED, body="Fortau.", who_has_need="Alle"),
        other,
        Need.Status.RECEIVED,
    )
    solution = add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys på stien", body="Sett opp lys."),
        person,
        Solution.Status.PROPOSED,
    )
    comment = add(
        Comment(kind=Contribution.Kind.COMMENT, target=other_need, body="Enig, fortau trengs."),
        person,
        Comment.Status.PUBLISHED,
    )
    other_comment = add(
        Comment(kind=Contribution.Kind.COMMENT, target=need, body="Mørkt om vinteren."),
        other,
        Comment.Status.PUBLISHED,
    )
    need_support(need=other_need, user=person)
    need_support(need=other_need, user=staff)
    comment_report(comment=other_comment, user=person, reason="Usaklig om naboen")
    group = WorkingGroup.objects.create(process=process, name="Lysgruppa", created_by=staff)
    GroupMembership.objects.create(
        group=group,
        person=person,
        status=GroupMembership.Status.ACTIVE,
        organisation="Vel 3A",
        invited_by=staff,
    )
    CoCreator.objects.create(process=process, person=person, appointed_by=staff)
    organisation = Organisation.objects.create(
        municipality=municipality, name="Skolekorpset", category="voluntary"
    )
    organisation.members.add(person, other)
    notify(kind="status_changed", recipient=person, facts={"reference": need.reference})
    # Someone else's notification and an audit entry that name Kari.
    notify(kind="new_comment", recipient=other, facts={"author_name": "Kari Nordmann"})
    membership = person.memberships.create(municipality=municipality, role=Role.POLITICIAN)
    audit_record(
        actor=staff, municipality=municipality, action="membership.grant", target=membership
    )
    audit_record(actor=staff, municipality=municipality, action="user.verify", target=person)
    AccessAttempt.objects.create(
        username="kari@example.org",
        ip_address="192.0.2.7",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/konto/logg-inn/",
        get_data="",
        post_data="username=kari@example.org",
        failures_since_start=1,
    )
    return World(person, other, process, need, other_need, solution, comment, other_comment)


def _export(client, world, django_capture_on_commit_callbacks) -> dict:
    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("participants:my_data"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=world.person)
    assert export.status == DataExport.Status.READY
    page = client.get(reverse("participants:my_data")).content.decode()
    prefix = reverse("participants:data_export_download", args=["x"])[: -len("x/")]
    found = re.search(re.escape(prefix) + r'[^"/]+/', page)
    assert found, "the page offers the download"
    link = found.group(0)
    download = client.get(link)
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    return {
        "json": archive.read("medspill-data.json").decode(),
        "html": archive.read("medspill-data.html").decode(),
        "export": export,
        "link": link,
    }


# --- Mine data ---------------------------------------------------------------------


def test_mine_data_is_linked_from_the_account_menu(client, world):
    client.force_login(world.person)
    html = client.get(reverse("portal:home")).content.decode()
    assert reverse("participants:my_data") in html


def test_mine_data_shows_what_the_portal_holds_about_me(client, world):
    client.force_login(world.person)
    html = client.get(reverse("participants:my_data")).content.decode()
    assert "Folkevalgt" in html  # a role by its label, not its code
    for value in (
        "kari@example.org",
        "Lys langs veien.",
        "Skolebarn i 3A",
        "Vel 3A",
        "Skolekorpset",
    ):
        assert value in html
    assert "Frank Forfatter" not in html
    assert "frank@example.org" not in html


def test_the_export_holds_every_personal_field_and_nothing_of_others(
    client, world, django_capture_on_commit_callbacks
):
    result = _export(client, world, django_capture_on_commit_callbacks)
    document = json.loads(result["json"])
    sections = {section["key"]: section for section in document["sections"]}
    expected = {
        "participants.User.id": {"email": "kari@example.org", "full_name": "Kari Nordmann"},
        "processes.Contribution.author": {"body": "Lys langs veien."},
        "processes.NeedSupport.user": {"need__reference": world.other_need.reference},
        "processes.CommentReport.user": {"reason": "Usaklig om naboen"},
        "processes.GroupMembership.person": {"organisation": "Vel 3A"},
        "processes.CoCreator.person": {"process__title": "Trygg skolevei"},
        "participants.OrganisationMember.person": {"organisation__name": "Skolekorpset"},
        "participants.Membership.user": {"role": "politician"},
        "participants.Notification.recipient": {"kind": "status_changed"},
        "axes.AccessAttempt.username": {"ip_address": "192.0.2.7", "user_agent": "Firefox"},
    }
    for key, values in expected.items():
        rows = sections[key]["rows"]
        for column, value in values.items():
            assert value in [row[column] for row in rows], (key, column)
    assert len(sections["sessions.Session.session_data"]["rows"]) == 1  # this login
    bodies = [row["body"] for row in sections["processes.Contribution.author"]["rows"]]
    assert sorted(bodies) == sorted(["Lys langs veien.", "Sett opp lys.", "Enig, fortau trengs."])
    who = [row["need__who_has_need"] for row in sections["processes.Contribution.author"]["rows"]]
    assert "Skolebarn i 3A" in who
    account = sections["participants.User.id"]["rows"][0]
    assert account["email_verified_at"] is not None
    assert account["language"] == ""
    for text in (result["json"], result["html"]):
        assert "Frank" not in text
        assert "frank@example.org" not in text
        assert "Mørkt om vinteren." not in text  # Frank's comment on Kari's need
        assert "Usaklig om naboen" in text
    assert "Kari Nordmann" in result["html"]


def test_the_person_is_told_when_the_export_is_ready(
    client, world, django_capture_on_commit_callbacks
):
    _export(client, world, django_capture_on_commit_callbacks)
    told = Notification.objects.get(recipient=world.person, kind="data_export_ready")
    assert told.in_inbox
    sent = [message for message in mail.outbox if "klare til nedlasting" in message.subject]
    assert len(sent) == 1
    assert sent[0].to == ["kari@example.org"]
    assert reverse("participants:my_data") in sent[0].body


def test_the_status_region_polls_while_the_export_is_being_made(client, world):
    DataExport.objects.create(user=world.person)
    client.force_login(world.person)
    response = client.get(reverse("participants:my_data"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-hx-trigger="every 3s"' in html
    assert "<html" not in html
    assert "Last siden på nytt" in html


def test_asking_twice_while_one_is_being_made_makes_one(client, world):
    client.force_login(world.person)
    client.post(reverse("participants:my_data"))
    client.post(reverse("participants:my_data"))
    assert DataExport.objects.filter(user=world.person).count() == 1


def test_a_lost_build_does_not_block_a_new_one(client, world, django_capture_on_commit_callbacks):
    stuck = DataExport.objects.create(
        user=world.person, created_at=timezone.now() - timedelta(hours=2)
    )
    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:my_data"))
    stuck.refresh_from_db()
    assert stuck.status == DataExport.Status.FAILED
    assert DataExport.objects.filter(user=world.person, status=DataExport.Status.READY).count() == 1


def test_another_account_cannot_use_the_download_link(
    client, world, django_capture_on_commit_callbacks
):
    result = _export(client, world, django_capture_on_commit_callbacks)
    client.force_login(world.other)
    assert client.get(result["link"]).status_code == 404
    client.logout()
    response = client.get(result["link"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


def test_the_download_link_does_not_work_after_it_expires(
    client, world, django_capture_on_commit_callbacks, settings
):
    result = _export(client, world, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(days=settings.DATA_EXPORT_DAYS, hours=1)):
        assert client.get(result["link"]).status_code == 404


def test_a_forged_link_is_404(client, world):
    client.force_login(world.person)
    url = reverse("participants:data_export_download", args=["ikke-en-lenke"])
    assert client.get(url).status_code == 404


def test_mine_data_asks_as_many_queries_for_many_inputs_as_for_few(
    client, world, django_assert_max_num_queries
):
    """One query counts every kind of data, then one per section shown in rows,
    however much there is."""
    from django.core.cache import cache

    from processes.models import Contribution, Need
    from processes.services.contributions import contribution_add

    def add(count: int) -> None:
        for number in range(count):
            contribution_add(
                Need(kind=Contribution.Kind.NEED, body=f"Behov {number}", who_has_need="Noen"),
                process=world.process,
                author=world.person,
                status=Need.Status.RECEIVED,
            )

    client.force_login(world.person)
    url = reverse("participants:my_data")
    add(25)
    cache.clear()
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    add(50)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- deleting one's account --------------------------------------------------------


def _text_columns(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            yield field


def rows_naming(words: list[str]) -> list[str]:
    """Every (model, field) whose rows still hold one of ``words``, outside the
    fields the inventory keeps (an input's own text)."""
    kept = {(item.model, item.field) for item in DATA if item.on_delete == Action.KEEP}
    found = []
    for model in apps.get_models():
        for field in _text_columns(model):
            if (model._meta.label, field.name) in kept:
                continue
            rows = model.objects.all()
            column = field.name
            if isinstance(field, models.JSONField):
                rows = rows.annotate(_text=Cast(field.name, TextField()))
                column = "_text"
            condition = Q()
            for word in words:
                condition |= Q(**{f"{column}__icontains": word})
            if rows.filter(condition).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def _warm(client, url: str) -> str:
    """Load a page twice, so the copy the cache holds is the one shown."""
    client.get(url)
    return client.get(url).content.decode()


def test_deleting_my_account_removes_me_and_keeps_my_input_anonymised(
    client, world, password, django_capture_on_commit_callbacks
):
    from processes.models import Comment, Contribution, Need, Process, TimelineEvent

    person, process = world.person, world.process
    pk = person.pk
    zipped = _export(client, world, django_capture_on_commit_callbacks)["export"].file.path
    before = Process.objects.get(pk=process.pk)
    anonymous = client.__class__()
    solution_url = reverse("processes:solution", args=[process.slug, world.solution.pk])
    need_url = reverse("processes:need", args=[process.slug, world.other_need.pk])
    assert "Kari Nordmann" in _warm(anonymous, solution_url)
    assert "Kari Nordmann" in _warm(anonymous, need_url)
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("participants:account_delete"), {"password": password})

    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()
    assert not os.path.exists(zipped)
    assert rows_naming(["kari@example.org", "Kari Nordmann"]) == []
    assert not Notification.objects.filter(recipient_id=pk).exists()
    assert not AuditEntry.objects.filter(target_type="participants.User", target_id=str(pk))
    assert AuditEntry.objects.filter(action="user.verify", target_label="Tidligere deltaker")
    # Input stays, with references and timelines, tied to nobody.
    kept = Contribution.objects.filter(pk__in=[world.need.pk, world.solution.pk, world.comment.pk])
    assert kept.count() == 3
    assert set(kept.values_list("author", flat=True)) == {None}
    assert TimelineEvent.objects.filter(contribution=world.need).exists()
    # The counters the supports and reports fed.
    assert Need.objects.get(pk=world.other_need.pk).support_count == 1
    assert Comment.objects.get(pk=world.other_comment.pk).report_count == 0
    after = Process.objects.get(pk=process.pk)
    for counter in (
        "contributions_count",
        "needs_count",
        "solutions_count",
        "citizen_needs_count",
        "citizen_solutions_count",
        "citizen_comments_count",
    ):
        assert getattr(after, counter) == getattr(before, counter), counter
    # Cached pages no longer show the name; the input reads "Tidligere deltaker".
    for url in (solution_url, need_url):
        html = anonymous.get(url).content.decode()
        assert "Kari Nordmann" not in html
        assert "Tidligere deltaker" in html
    # Logged out.
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_deletes_nothing(client, world):
    client.force_login(world.person)
    counts = {model: model.objects.count() for model in apps.get_models()}
    response = client.post(reverse("participants:account_delete"), {"password": "feil-passord"})
    assert response.status_code == 200
    assert "Passordet stemmer ikke." in response.content.decode()
    assert counts == {model: model.objects.count() for model in apps.get_models()}


def test_an_owner_of_processes_is_told_to_reassign_them_first(client, world, staff, password):
    client.force_login(staff)
    page = client.get(reverse("participants:account_delete")).content.decode()
    assert "Be en administrator i kommunen om å gi den en ny eier" in page
    assert "Trygg skolevei" in page
    assert 'name="password"' not in page
    response = client.post(reverse("participants:account_delete"), {"password": password})
    assert response.status_code == 403
    assert User.objects.filter(pk=staff.pk).exists()


def test_deleting_needs_a_login(client):
    response = client.post(reverse("participants:account_delete"), {"password": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


# --- an administrator anonymises on request ----------------------------------------


def test_an_admin_of_the_municipality_anonymises_an_account_on_request(client, world, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("participants:account_anonymise"),
        {"email": "KARI@example.org", "reference": "2026/1234", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="kari@example.org").exists()
    entry = AuditEntry.objects.get(action="account.anonymise")
    assert entry.actor == admin_user
    assert entry.after == {"reference": "2026/1234", "contributions_kept": 3}
    assert rows_naming(["kari@example.org", "Kari Nordmann"]) == []


@pytest.mark.parametrize("role", ["other_admin", "staff", "politician", "citizen_other"])
def test_nobody_else_can_anonymise(client, world, role, make_user, other_municipality, request):
    users = {
        "other_admin": lambda: make_user(
            "admin@nordvik.example", "Nora", municipality=other_municipality, role=Role.ADMIN
        ),
        "staff": lambda: request.getfixturevalue("staff"),
        "politician": lambda: request.getfixturevalue("politician"),
        "citizen_other": lambda: world.other,
    }
    client.force_login(users[role]())
    entries = AuditEntry.objects.count()
    url = reverse("participants:account_anonymise")
    assert client.get(url).status_code == 403
    response = client.post(url, {"email": "kari@example.org", "confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(email="kari@example.org").exists()
    assert AuditEntry.objects.count() == entries


def test_an_admin_cannot_anonymise_an_account_that_never_took_part_here(
    client, make_user, admin_user, other_municipality
):
    from processes.models import Process

    stranger = make_user("nils@example.org", "Nils Nordvik")
    Process.objects.create(
        municipality=other_municipality, title="X", slug="x", summary="x", problem_statement="x"
    ).owners.add(make_user("eier@nordvik.example", "Eier"))
    client.force_login(admin_user)
    response = client.post(
        reverse("participants:account_anonymise"),
        {"email": "nils@example.org", "confirm": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingen konto med denne adressen har deltatt" in html
    assert 'value="nils@example.org"' in html
    assert User.objects.filter(pk=stranger.pk).exists()
    assert not AuditEntry.objects.filter(action="account.anonymise").exists()


def test_an_unknown_address_gets_the_same_answer(client, admin_user, municipality):
    client.force_login(admin_user)
    response = client.post(
        reverse("participants:account_anonymise"),
        {"email": "ingen@example.org", "confirm": "on"},
    )
    assert "Ingen konto med denne adressen har deltatt" in response.content.decode()


def test_an_anonymous_request_for_the_file_writes_nothing(client, world):
    response = client.post(reverse("participants:my_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))
    assert DataExport.objects.count() == 0


def _fill_every_section(world, municipality, first: int, count: int) -> None:
    """``count`` more rows for every link of the inventory that allows as many
    (an account has one membership per role, one preference per group)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.admin.models import ADDITION, LogEntry

    from participants.models import Invitation, NotificationPreference, Organisation
    from processes.models import (
        Arena,
        ArenaAttendance,
        ArenaSignup,
        CoCreator,
        CommentReport,
        Contribution,
        Evidence,
        FoundationScore,
        GroupMembership,
        LevelChange,
        NeedSupport,
        Process,
        ProcessFollow,
        Round,
        Solution,
        SolutionRevision,
        StakeholderEntry,
        TestRound,
        TimelineEvent,
        WorkingGroup,
    )
    from processes.services.contributions import contribution_add

    person, other = world.person, world.other
    NotificationPreference.objects.get_or_create(
        user=person, group="followed", defaults={"choice": "digest"}
    )
    for number in range(first, first + count):
        process = Process.objects.create(
            municipality=municipality,
            title=f"Prosess {number}",
            slug=f"prosess-{number}",
            summary="Om noe.",
            problem_statement="Noe.",
            status=Process.Status.OPEN,
            level=2,
        )
        process.owners.add(person)
        ProcessFollow.objects.create(process=process, person=person)
        CoCreator.objects.create(process=process, person=person, appointed_by=person)
        organisation = Organisation.objects.create(
            municipality=municipality, name=f"Lag {number}", category="voluntary", contact=person
        )
        organisation.members.add(person)
        StakeholderEntry.objects.create(
            process=process, person=person, category="citizen", role="driver", added_by=person
        )
        group = WorkingGroup.objects.create(process=process, name="Gruppa", created_by=person)
        starts = timezone.now() + timedelta(days=3)
        arena = Arena.objects.create(
            process=process,
            kind=Arena.Kind.WORKSHOP,
            title="Verksted",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Skolen",
            capacity=10,
            created_by=person,
        )
        ArenaSignup.objects.create(arena=arena, person=person, status="confirmed", attended=True)
        ArenaAttendance.objects.create(
            arena=arena, stakeholder_category="citizen", count=3, recorded_by=person
        )
        GroupMembership.objects.create(
            group=group,
            person=person,
            status=GroupMembership.Status.ACTIVE,
            invited_by=person,
            approved_by=person,
        )
        Round.objects.create(process=process, number=1, started_by=person)
        FoundationScore.objects.create(
            process=process, need=1, anchoring=1, driver=1, team=1, resources=1, scored_by=person
        )
        TimelineEvent.objects.create(process=process, kind="created", actor=person)
        LevelChange.objects.create(process=process, to_level=2, to_target=2, changed_by=person)
        need = contribution_add(
            world.need.__class__(
                kind=Contribution.Kind.NEED, body=f"Behov {number}", who_has_need="Noen"
            ),
            process=process,
            author=person,
            status="received",
        )
        NeedSupport.objects.create(need=need, user=person)
        comment = contribution_add(
            world.comment.__class__(kind=Contribution.Kind.COMMENT, target=need, body="Ja."),
            process=process,
            author=other,
            status="published",
        )
        CommentReport.objects.create(comment=comment, user=person, reason="Nei")
        solution = contribution_add(
            Solution(kind=Contribution.Kind.SOLUTION, title="Lys", body="Sett opp lys."),
            process=process,
            author=other,
            status=Solution.Status.PROPOSED,
        )
        SolutionRevision.objects.create(
            solution=solution, version=9, title="Lys", body="Sett opp lys.", edited_by=person
        )
        test_round = contribution_add(
            TestRound(
                kind=Contribution.Kind.TEST_ROUND,
                tested_solution=solution,
                body="Prøvd.",
                participant_categories=["citizen"],
                head_count=3,
                held_on=timezone.now().date(),
                place="Skolen",
                findings="Bra.",
                decision=TestRound.Decision.ADOPT,
                learning="Mye.",
            ),
            process=process,
            author=other,
            status=TestRound.Status.RECORDED,
        )
        Evidence.objects.create(
            test_round=test_round,
            file="evidence/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
            uploaded_by=person,
        )
        notify(kind="status_changed", recipient=person, facts={"n": number})
        Notification.objects.create(kind="invitation", to_address=person.email, facts={})
        DataExport.objects.create(user=person, status=DataExport.Status.FAILED)
        audit_record(actor=person, municipality=municipality, action="user.verify", target=other)
        audit_record(actor=other, municipality=municipality, action="user.verify", target=person)
        LogEntry.objects.create(user=person, object_repr="x", action_flag=ADDITION)
        expires = timezone.now() + timedelta(days=7)
        for invitation in (
            {"email": person.email, "invited_by": other},
            {"email": "ny@example.org", "invited_by": person},
            {"email": "ny@example.org", "accepted_by": other, "invited_by": other},
        ):
            Invitation.objects.create(
                municipality=municipality, role=Role.STAFF, expires_at=expires, **invitation
            )
        Invitation.objects.create(
            municipality=municipality,
            email="tredje@example.org",
            role=Role.STAFF,
            expires_at=expires,
            accepted_by=person,
        )
        for model in (AccessLog, AccessFailureLog):
            model.objects.create(
                username=person.email, user_agent="Firefox", http_accept="*/*", path_info="/"
            )
        AccessAttempt.objects.create(
            username=person.email,
            ip_address=f"192.0.2.{number % 250}",
            user_agent=f"Firefox {number}",
            http_accept="*/*",
            path_info="/",
            get_data="",
            post_data="",
            failures_since_start=1,
        )


def test_mine_data_stays_within_the_query_budget_with_data_in_every_section(
    client, world, municipality, django_assert_max_num_queries
):
    """At most 15 queries (DESIGN.md Budgets), the same for 2 rows per section
    as for 50, for a person with data in every section of the inventory."""
    from django.core.cache import cache

    from participants.personal_data import LINKS
    from participants.privacy import link_rows

    url = reverse("participants:my_data")
    client.force_login(world.person)
    _fill_every_section(world, municipality, 0, 2)
    empty = [
        f"{link.model}.{link.field}"
        for link in LINKS
        if link.match != "session" and not link_rows(link, world.person).exists()
    ]
    assert empty == [], "the person has data in every section"
    cache.clear()
    with django_assert_max_num_queries(15) as few:
        response = client.get(url)
    assert response.status_code == 200
    _fill_every_section(world, municipality, 2, 48)
    cache.clear()
    with django_assert_max_num_queries(15) as many:
        html = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    # Rows of the main sections, up to a page; the count of the others.
    assert "Behov 49" in html
    assert "Behov 0<" not in html
    assert "Viser 20 av 53." in html  # contributions: 50 needs and the fixture's three
    assert "Viser 20 av 51." in html  # notifications
    assert "Alle detaljene er med i filen du kan laste ned." in html
    assert "Firefox 49" not in html  # login attempts: counted, not listed
    assert "Frank Forfatter" not in html
