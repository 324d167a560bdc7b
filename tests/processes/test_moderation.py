"""Moderering: reported comments across the municipality's processes; hide,
show again, dismiss; each step audited, in the comment's timeline and told
to its author."""

import pytest
from django.urls import reverse

from participants.models import Notification
from portal.models import AuditEntry
from processes.models import Comment, CommentReport, Contribution, Need, Process, TimelineEvent
from processes.services.comments import comment_report
from processes.services.contributions import contribution_add

QUEUE = "/moderering/"
ROLES = ["anonymous", "citizen", "staff", "politician", "admin_user", "other_staff", "other_admin"]
ALLOWED = {"staff", "admin_user"}


@pytest.fixture
def other_admin(make_user, other_municipality):
    from participants.models import Role

    return make_user(
        "admin@nordvik.example", "Nora Nordvik", municipality=other_municipality, role=Role.ADMIN
    )


@pytest.fixture
def author(make_user):
    return make_user("forfatter@example.org", "Frank Forfatter")


@pytest.fixture
def world(municipality, staff, author, make_user):
    process = Process.objects.create(
        municipality=municipality,
        title="Trygg skolevei",
        slug="trygg-skolevei",
        summary="x",
        problem_statement="x",
        status=Process.Status.OPEN,
        level=2,
    )
    process.owners.add(staff)
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys.", who_has_need="Barn"),
        process=process,
        author=author,
        status=Need.Status.RECEIVED,
    )

    def comment(body: str) -> Comment:
        return contribution_add(
            Comment(kind=Contribution.Kind.COMMENT, target=need, body=body),
            process=process,
            author=author,
            status=Comment.Status.PUBLISHED,
        )

    rude, calm = comment("Dere er idioter!"), comment("Fint forslag.")
    reporters = [make_user(f"r{n}@example.org", f"Reporter {n}") for n in range(3)]
    for reporter in reporters:
        comment_report(comment=rude, user=reporter, reason=f"Sjikane fra {reporter.full_name}")
    comment_report(comment=calm, user=reporters[0], reason="Spam?")
    return {"process": process, "need": need, "rude": rude, "calm": calm, "reporters": reporters}


def _client(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_queue_is_for_the_municipality_s_moderators(client, request, world, role):
    response = _client(client, request, role).get(QUEUE)

    if role == "anonymous":
        assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
    elif role in ALLOWED:
        assert response.status_code == 200
        assert "Dere er idioter!" in response.text
        assert "3 meldinger" in response.text
        assert "Sjikane fra Reporter 2" in response.text
    else:
        assert response.status_code == 403
        assert "Dere er idioter!" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(set(ROLES) - ALLOWED))
@pytest.mark.parametrize("action", ["moderation_hide", "moderation_show", "moderation_dismiss"])
def test_a_refused_moderation_writes_nothing(client, request, world, role, action):
    rude = world["rude"]
    if action == "moderation_show":
        Comment.objects.filter(pk=rude.pk).update(status=Comment.Status.HIDDEN)
    counts = (
        AuditEntry.objects.count(),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
    )

    response = _client(client, request, role).post(
        reverse(f"processes:{action}", args=[rude.pk]), {"reason": "Fordi."}
    )

    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/konto/logg-inn/" in response["Location"]
    rude.refresh_from_db()
    assert rude.report_count == 3
    assert rude.hidden_reason == ""
    assert (
        AuditEntry.objects.count(),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_the_queue_sorts_newest_report_and_most_reported_first(client, staff, world, make_user):
    late = make_user("sen@example.org", "Sen Melder")
    comment_report(comment=world["calm"], user=late, reason="Sent")
    client.force_login(staff)

    newest = client.get(QUEUE).text
    most = client.get(QUEUE, {"rekkefolge": "flest"}).text

    assert newest.index("Fint forslag.") < newest.index("Dere er idioter!")
    assert most.index("Dere er idioter!") < most.index("Fint forslag.")


@pytest.mark.django_db
def test_the_queue_asks_as_many_queries_for_many_comments_as_for_few(
    client, staff, world, make_user, django_assert_max_num_queries
):
    from django.core.cache import cache

    client.force_login(staff)
    cache.clear()
    with django_assert_max_num_queries(12) as few:
        client.get(QUEUE)
    for number in range(15):
        extra = contribution_add(
            Comment(kind=Contribution.Kind.COMMENT, target=world["need"], body=f"Nr {number}"),
            process=world["process"],
            author=world["reporters"][1],
            status=Comment.Status.PUBLISHED,
        )
        comment_report(comment=extra, user=world["reporters"][2], reason="x")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(QUEUE)


def _public(client, world) -> str:
    from django.test import Client

    return Client().get(world["need"].get_absolute_url()).text


@pytest.mark.django_db
def test_hide_then_show_again_then_hide(
    client, staff, admin_user, world, author, django_capture_on_commit_callbacks
):
    rude = world["rude"]
    hide = reverse("processes:moderation_hide", args=[rude.pk])
    show = reverse("processes:moderation_show", args=[rude.pk])
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(hide, {"reason": "Sjikane."})
    assert response.status_code == 302
    page = _public(client, world)
    assert "Dere er idioter!" not in page and "Skjult av kommunen: Sjikane." in page
    rude.refresh_from_db()
    assert rude.status == Comment.Status.HIDDEN and rude.report_count == 0
    assert not CommentReport.objects.filter(comment=rude, handled_at__isnull=True).exists()
    assert "Dere er idioter!" not in client.get(QUEUE).text
    assert "Dere er idioter!" in client.get(QUEUE, {"vis": "skjulte"}).text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(show, {"reason": "Klagen var feil."})
    page = _public(client, world)
    assert "Dere er idioter!" in page and "Skjult av kommunen" not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(hide, {"reason": "Likevel sjikane."})
    page = _public(client, world)
    assert "Skjult av kommunen: Likevel sjikane." in page

    timeline = list(
        TimelineEvent.objects.filter(contribution=rude).values_list("kind", "to_status", "text")
    )
    assert timeline == [
        ("created", "published", ""),
        ("hidden", "hidden", "Sjikane."),
        ("shown", "published", "Klagen var feil."),
        ("hidden", "hidden", "Likevel sjikane."),
    ]
    notes = list(
        Notification.objects.filter(recipient=author).order_by("pk").values_list("kind", "facts")
    )
    assert [kind for kind, _facts in notes] == ["hidden", "shown", "hidden"]
    assert notes[1][1]["reference"] == rude.reference
    assert notes[1][1]["text"] == "Klagen var feil."
    assert [facts["text"] for _kind, facts in notes] == [
        "Sjikane.",
        "Klagen var feil.",
        "Likevel sjikane.",
    ]
    client.force_login(admin_user)
    log = client.get("/revisjonslogg/").text
    assert log.count("Siri Saksbehandler skjulte kommentaren") == 2
    assert log.count("Siri Saksbehandler viste kommentaren") == 1


@pytest.mark.django_db
def test_the_author_gets_the_mail_in_their_language(
    staff, world, author, mailoutbox, django_capture_on_commit_callbacks
):
    from processes.services.comments import comment_hide

    author.language = "nn"
    author.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment_hide(comment=world["rude"], by=staff, reason="Sjikane.")

    assert len(mailoutbox) == 1
    assert world["rude"].reference in mailoutbox[0].subject
    assert "Sjikane." in mailoutbox[0].body


@pytest.mark.django_db
def test_no_one_is_told_when_the_author_hides_nothing_or_is_gone(staff, world, author):
    from processes.services.comments import comment_hide

    author.delete()
    world["rude"].refresh_from_db()
    comment_hide(comment=world["rude"], by=staff, reason="Sjikane.")

    assert not Notification.objects.filter(kind__in=("hidden", "shown")).exists()


@pytest.mark.django_db
def test_dismissing_keeps_the_comment_and_empties_its_reports(client, staff, admin_user, world):
    calm = world["calm"]
    client.force_login(staff)

    response = client.post(reverse("processes:moderation_dismiss", args=[calm.pk]))

    assert response.status_code == 302
    calm.refresh_from_db()
    assert calm.status == Comment.Status.PUBLISHED and calm.report_count == 0
    assert "Fint forslag." not in client.get(QUEUE).text
    event = TimelineEvent.objects.get(contribution=calm, kind="reports_dismissed")
    assert event.facts == {"reports": 1}
    # The same person still reports a comment only once.
    assert comment_report(comment=calm, user=world["reporters"][0], reason="Igjen") is False
    calm.refresh_from_db()
    assert calm.report_count == 0
    client.force_login(admin_user)
    assert "avviste meldingene om kommentaren" in client.get("/revisjonslogg/").text


@pytest.mark.django_db
def test_a_hide_without_a_reason_is_told_and_writes_nothing(client, staff, world):
    client.force_login(staff)
    before = AuditEntry.objects.count()

    response = client.post(
        reverse("processes:moderation_hide", args=[world["rude"].pk]), {"reason": "  "}
    )

    assert response.status_code == 200
    assert "Skriv hvorfor kommentaren skjules." in response.text
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_another_municipality_s_comment_is_not_found(client, other_staff, other_admin, world):
    client.force_login(other_admin)

    response = client.post(
        reverse("processes:moderation_hide", args=[world["rude"].pk]),
        {"reason": "x"},
        HTTP_HOST="nordvik.localhost",
    )

    assert response.status_code == 404
    world["rude"].refresh_from_db()
    assert world["rude"].status == Comment.Status.PUBLISHED


@pytest.mark.django_db
def test_moderators_see_the_menu_entry_and_citizens_do_not(client, staff, citizen, world):
    client.force_login(staff)
    assert 'href="/moderering/"' in client.get("/").text
    client.force_login(citizen)
    assert 'href="/moderering/"' not in client.get("/").text


@pytest.mark.django_db
def test_a_moderator_finds_the_way_back_from_a_hidden_comment(client, staff, citizen, world):
    from processes.services.comments import comment_hide

    comment_hide(comment=world["rude"], by=staff, reason="Sjikane.")
    client.force_login(staff)
    assert "Vis igjen fra modereringen" in client.get(world["need"].get_absolute_url()).text
    client.force_login(citizen)
    assert "Vis igjen fra modereringen" not in client.get(world["need"].get_absolute_url()).text


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "Min tekst", "/prosesser/", ""])
def test_after_a_step_the_moderator_is_back_in_the_queue_and_nowhere_else(
    client, staff, world, next_url
):
    client.force_login(staff)

    response = client.post(
        reverse("processes:moderation_dismiss", args=[world["calm"].pk]), {"next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE


@pytest.mark.django_db
def test_the_queue_keeps_its_order_after_a_step(client, staff, world):
    client.force_login(staff)

    response = client.post(
        reverse("processes:moderation_dismiss", args=[world["calm"].pk]),
        {"next": "/moderering/?rekkefolge=flest"},
    )

    assert response["Location"] == "/moderering/?rekkefolge=flest"
