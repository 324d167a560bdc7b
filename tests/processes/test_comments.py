"""Comments on needs and solutions: write, reply once, report, hide."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ladder.levels import Level
from processes.models import Comment, CommentReport, Contribution, Process, Solution, TimelineEvent
from processes.services.comments import comment_add, comment_hide, comment_report
from processes.services.contributions import contribution_add
from processes.services.needs import need_log

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def normalise(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.fixture
def neighbour(make_user):
    return make_user("ola@example.org", "Ola Nabo")


@pytest.fixture
def need(process, neighbour):
    return need_log(
        process=process, author=neighbour, body="Lys i undergangen", who_has_need="Alle"
    )


@pytest.fixture
def comment(need, neighbour):
    return comment_add(target=need, author=neighbour, body="Det er mørkt om vinteren.")


def create_url(target):
    return reverse("processes:comment_create", args=[target.process.slug, target.pk])


def comment_url(name, comment):
    return reverse(f"processes:{name}", args=[comment.process.slug, comment.pk])


# Services ------------------------------------------------------------------------


def test_a_comment_gets_a_reference_and_is_published(comment):
    assert comment.reference.startswith("INN-")
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.kind == Contribution.Kind.COMMENT


def test_a_reply_to_a_reply_is_refused(need, comment, citizen):
    reply = comment_add(target=need, author=citizen, body="Enig.", parent=comment)
    with pytest.raises(ValidationError, match="ikke på et svar"):
        comment_add(target=need, author=citizen, body="Svar på svar.", parent=reply)


def test_a_reply_must_belong_to_the_same_thread(process, need, comment, citizen):
    other = need_log(process=process, author=citizen, body="Annet", who_has_need="Noen")
    with pytest.raises(ValidationError):
        comment_add(target=other, author=citizen, body="Feil tråd.", parent=comment)


def test_a_person_reports_a_comment_once(comment, citizen):
    assert comment_report(comment=comment, user=citizen, reason="Usaklig") is True
    assert comment_report(comment=comment, user=citizen, reason="Igjen") is False
    assert comment.report_count == 1
    assert CommentReport.objects.count() == 1


def test_hiding_writes_the_reason_to_the_timeline(comment, staff_non_owner):
    comment_hide(comment=comment, by=staff_non_owner, reason="Personangrep")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.hidden_reason == "Personangrep"
    assert comment.timeline.filter(kind=TimelineEvent.Kind.HIDDEN, text="Personangrep").exists()


# Writing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["citizen", "staff", "staff_non_owner", "politician", "admin_user", "other_staff"]
)
def test_logged_in_people_comment_on_a_need_at_level_two(client, request, role, need):
    response = client_for(client, request, role).post(create_url(need), {"body": "Godt poeng."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response.url == f"{need.get_absolute_url()}#kommentar-{comment.pk}"


def test_anonymous_visitors_are_sent_to_log_in_to_comment(client, need):
    response = client.post(create_url(need), {"body": "Hei"})
    assert response.status_code == 302
    assert reverse("participants:login") in response.url
    assert not Comment.objects.exists()


def test_a_level_one_process_refuses_citizen_comments_with_the_reason(
    client, process, citizen, need
):
    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    client.force_login(citizen)
    response = client.post(create_url(need), {"body": "Hei"})
    assert response.status_code == 403
    assert "samskapingstrappa" in response.content.decode()


def test_an_htmx_comment_returns_the_thread_with_the_new_comment_focused(client, citizen, need):
    client.force_login(citizen)
    response = client.post(create_url(need), {"body": "Godt poeng."}, **HTMX)
    html = response.content.decode()
    comment = Comment.objects.get()
    assert '<section class="stack" id="kommentarer"' in html
    assert "Godt poeng." in html
    assert 'data-announce="Kommentaren din er publisert."' in html
    assert f'id="kommentar-{comment.pk}-av" data-focus' in html


def test_an_empty_htmx_comment_shows_the_error_and_is_part_of_the_page(client, citizen, need):
    client.force_login(citizen)
    fragment = client.post(create_url(need), {"body": ""}, **HTMX).content.decode()
    page = client.post(create_url(need), {"body": ""}).content.decode()
    assert "Skriv en kommentar." in fragment
    start = fragment.index('<section class="stack" id="kommentarer"')
    assert normalise(fragment[start:]) in normalise(page)


@pytest.mark.parametrize("htmx", [False, True])
def test_a_too_long_comment_keeps_the_text(client, citizen, need, htmx):
    client.force_login(citizen)
    body = "y" * 10_001
    response = client.post(create_url(need), {"body": body}, **(HTMX if htmx else {}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "høyst 10000 tegn" in html
    assert body in html
    assert not Comment.objects.exists()


def test_a_reply_is_shown_under_its_comment(client, citizen, need, comment):
    client.force_login(citizen)
    client.post(create_url(need), {"body": "Enig med deg.", "parent": comment.pk})
    reply = Comment.objects.get(parent=comment)
    html = client.get(need.get_absolute_url()).content.decode()
    assert html.index(comment.body) < html.index("Enig med deg.")
    assert reply.parent == comment


def test_a_reply_to_a_reply_is_refused_with_a_message(client, citizen, need, comment):
    reply = comment_add(target=need, author=citizen, body="Enig.", parent=comment)
    client.force_login(citizen)
    response = client.post(create_url(need), {"body": "Svar på svar", "parent": reply.pk}, **HTMX)
    assert response.status_code == 200
    assert "ikke på et svar" in response.content.decode()
    assert Comment.objects.count() == 2


def test_comments_work_on_solutions_too(client, process, citizen, need):
    solution = Solution(kind=Contribution.Kind.SOLUTION, title="Lys", body="Sett opp lys.")
    contribution_add(solution, process=process, author=citizen, status=Solution.Status.PROPOSED)
    client.force_login(citizen)
    response = client.post(create_url(solution), {"body": "Bra forslag."})
    assert response.status_code == 302
    assert response.url.startswith(solution.get_absolute_url())
    assert Comment.objects.get().target_id == solution.pk


def test_a_comment_cannot_target_a_comment_or_an_unknown_id(client, citizen, process, comment):
    client.force_login(citizen)
    assert client.post(create_url(comment), {"body": "x"}).status_code == 404
    unknown = reverse("processes:comment_create", args=[process.slug, 999_999])
    assert client.post(unknown, {"body": "x"}).status_code == 404


def test_a_reply_to_a_mangled_parent_id_gets_an_error_not_a_crash(client, citizen, need):
    client.force_login(citizen)

    response = client.post(create_url(need), {"body": "Mitt svar", "parent": "%*"})

    assert response.status_code == 200
    assert "Mitt svar" in response.text
    assert not Comment.objects.exists()


def test_comment_views_refuse_get(client, citizen, need, comment):
    client.force_login(citizen)
    assert client.get(create_url(need)).status_code == 405
    assert client.get(comment_url("comment_report", comment)).status_code == 405
    assert client.get(comment_url("comment_hide", comment)).status_code == 405


def test_comments_on_a_draft_are_not_found_for_citizens(client, citizen, process, staff):
    need = need_log(process=process, author=staff, body="x", who_has_need="y")
    Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
    client.force_login(citizen)
    assert client.post(create_url(need), {"body": "x"}).status_code == 404


# Reporting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["citizen", "staff", "staff_non_owner", "politician", "admin_user", "other_staff"]
)
def test_logged_in_people_report_a_comment(client, request, role, comment):
    response = client_for(client, request, role).post(
        comment_url("comment_report", comment), {"reason": "Usaklig"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_anonymous_reports_are_sent_to_log_in(client, comment):
    response = client.post(comment_url("comment_report", comment))
    assert response.status_code == 302
    assert reverse("participants:login") in response.url


def test_an_htmx_report_counts_once_and_says_so(client, citizen, comment):
    client.force_login(citizen)
    first = client.post(comment_url("comment_report", comment), {"reason": "x"}, **HTMX)
    second = client.post(comment_url("comment_report", comment), {"reason": "x"}, **HTMX)
    assert 'data-announce="Takk. Kommunen ser på kommentaren."' in first.content.decode()
    assert "Du har allerede meldt fra" in second.content.decode()
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_reporting_an_unknown_comment_is_not_found(client, citizen, process):
    client.force_login(citizen)
    url = reverse("processes:comment_report", args=[process.slug, 999_999])
    assert client.post(url).status_code == 404


# Hiding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("staff", 302),
        ("staff_non_owner", 302),
        ("politician", 403),
        ("admin_user", 302),
        ("other_staff", 403),
    ],
)
def test_only_the_municipalitys_staff_hide_comments(client, request, role, expected, comment):
    response = client_for(client, request, role).post(
        comment_url("comment_hide", comment), {"reason": "Personangrep"}
    )
    assert response.status_code == expected
    comment.refresh_from_db()
    hidden = comment.status == Comment.Status.HIDDEN
    assert hidden is (role in ("staff", "staff_non_owner", "admin_user"))


def test_a_hidden_comment_shows_the_reason_instead_of_the_text(client, staff, need, comment):
    client.force_login(staff)
    response = client.post(comment_url("comment_hide", comment), {"reason": "Personangrep"}, **HTMX)
    html = response.content.decode()
    assert "Skjult av kommunen: Personangrep" in html
    assert 'data-announce="Kommentaren er skjult."' in html
    client.logout()
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Skjult av kommunen: Personangrep" in page
    assert "Det er mørkt om vinteren." not in page


@pytest.mark.parametrize("htmx", [False, True])
def test_hiding_needs_a_reason(client, staff, comment, htmx):
    client.force_login(staff)
    response = client.post(
        comment_url("comment_hide", comment),
        {"reason": ""},
        follow=not htmx,
        **(HTMX if htmx else {}),
    )
    assert "Skriv hvorfor kommentaren skjules." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_staff_see_the_hide_form_and_citizens_do_not(
    client, staff_non_owner, citizen, need, comment
):
    client.force_login(citizen)
    assert "Skjul kommentaren" not in client.get(need.get_absolute_url()).content.decode()
    client.force_login(staff_non_owner)
    assert "Skjul kommentaren" in client.get(need.get_absolute_url()).content.decode()


def test_the_need_page_renders_the_csrf_token_in_the_comment_forms(citizen, need, comment):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)
    html = strict.get(need.get_absolute_url()).content.decode()
    thread = html[html.index('id="kommentarer"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', thread).group(1)
    response = strict.post(create_url(need), {"body": "Med token.", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
