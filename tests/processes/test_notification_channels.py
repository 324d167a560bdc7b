"""How people hear: e-mail in their language, the daily digest, one-click
unsubscribe, the inbox with its unread count, preferences and «Følg prosessen»."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants import unsubscribe
from participants.digest import digests_send
from participants.models import (
    Notification,
    NotificationChoice,
    NotificationGroup,
    NotificationPreference,
    NotificationState,
)
from participants.outbox import notify
from processes.models import Need, ProcessFollow
from processes.services.needs import need_log, need_set_status

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def need(process, citizen):
    return need_log(process=process, author=citizen, body="Lys langs veien", who_has_need="Barn")


def change_status(need, staff, capture, status=Need.Status.UNDER_REVIEW):
    with capture(execute=True):
        need_set_status(need=need, status=status, text="Vi ser på det.", by=staff)


# E-mail --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject_word", "body_word"),
    [
        ("nb", "Nytt svar", "Til vurdering"),
        ("nn", "Nytt svar", "Til vurdering"),
        ("en", "New reply", "Under consideration"),
    ],
)
def test_the_mail_is_in_the_recipients_language(
    need, citizen, staff, django_capture_on_commit_callbacks, language, subject_word, body_word
):
    citizen.language = language
    citizen.save(update_fields=["language"])
    mail.outbox.clear()
    change_status(need, staff, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert subject_word in message.subject
    assert need.reference in message.subject
    assert body_word in message.body
    assert "Vi ser på det." in message.body
    html = message.alternatives[0][0]
    assert f'lang="{language}"' in html
    assert body_word in html


def test_a_nynorsk_reader_gets_nynorsk_words(
    need, citizen, staff, django_capture_on_commit_callbacks
):
    citizen.language = "nn"
    citizen.save(update_fields=["language"])
    mail.outbox.clear()
    change_status(need, staff, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert "Innspelet ditt" in message.body
    assert "Innspillet ditt" not in message.body


def test_the_mail_has_one_click_unsubscribe_on_the_municipality_host(
    need, staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    change_status(need, staff, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http://lillevik\.localhost/konto/varsler/avmeld/[^/]+/>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.strip("<>") in message.body  # and in the footer


# Digest --------------------------------------------------------------------


# The changes come in the early morning, before the municipality's digest hour (7).
@time_machine.travel(dt.datetime(2026, 12, 2, 6, 30, tzinfo=ZoneInfo("Europe/Oslo")), tick=False)
def test_fifty_changes_in_a_day_are_one_mail_and_a_second_run_sends_nothing(
    process, citizen, municipality, django_capture_on_commit_callbacks
):
    ProcessFollow.objects.create(process=process, person=citizen)
    for number in range(50):
        notify(
            kind="round_started",
            recipient=citizen,
            facts={
                "kind": "round_started",
                "round_number": number,
                "focus": "need",
                "process_title": process.title,
                "process_slug": process.slug,
                "groups": ["followed"],
            },
            municipality=municipality,
            process=process,
            state=NotificationState.DIGEST,
        )
    mail.outbox.clear()
    at_eight = timezone.localtime().replace(hour=8, minute=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=at_eight) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=at_eight + dt.timedelta(hours=1)) == 0

    [message] = mail.outbox
    assert "50" in message.subject
    digest = Notification.objects.get(kind="digest")
    assert len(digest.facts["items"]) == 50
    assert (
        Notification.objects.filter(digest=digest, state=NotificationState.DIGESTED).count() == 50
    )
    assert not digest.in_inbox


# The change comes in the morning, so both runs below are after it, whatever the clock says.
@time_machine.travel(dt.datetime(2026, 12, 2, 6, 30, tzinfo=ZoneInfo("Europe/Oslo")), tick=False)
def test_no_digest_before_the_municipalitys_hour(process, citizen, municipality):
    municipality.digest_hour = 18
    municipality.save(update_fields=["digest_hour"])
    notify(
        kind="round_started",
        recipient=citizen,
        facts={},
        municipality=municipality,
        state=NotificationState.DIGEST,
    )
    assert digests_send(now=timezone.localtime().replace(hour=9)) == 0
    assert digests_send(now=timezone.localtime().replace(hour=18, minute=1)) == 1


def test_off_sends_no_digest_either(process, citizen, municipality):
    NotificationPreference.objects.create(
        user=citizen, group=NotificationGroup.FOLLOWED, choice=NotificationChoice.OFF
    )
    ProcessFollow.objects.create(process=process, person=citizen)
    from processes.services.processes import round_start

    round_start(process=process, by=process.owners.get(), focus="solution")
    [row] = Notification.objects.filter(recipient=citizen)
    assert row.state == NotificationState.NOT_MAILED
    assert digests_send(now=timezone.localtime().replace(hour=23)) == 0


# Unsubscribe ---------------------------------------------------------------


def own_input_off(user) -> bool:
    return NotificationPreference.objects.filter(
        user=user, group=NotificationGroup.OWN_INPUT, choice=NotificationChoice.OFF
    ).exists()


def test_unsubscribe_get_changes_nothing_and_post_works_once(client, citizen):
    token = unsubscribe.token_for(user_id=citizen.pk, groups=["own_input"])
    url = reverse("participants:unsubscribe", args=[token])

    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, meld meg av" in page.text
    assert not NotificationPreference.objects.exists()

    # The RFC 8058 one-click POST: no session, no CSRF token.
    csrf_client = Client(enforce_csrf_checks=True)
    first = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert first.status_code == 200
    assert "Du får ikke lenger e-post om dette" in first.text
    assert own_input_off(citizen)

    second = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert "allerede gjort" in second.text
    assert NotificationPreference.objects.count() == 1


def test_a_forged_or_altered_token_is_refused(client, citizen, make_user):
    other = make_user("ola@example.org", "Ola")
    token = unsubscribe.token_for(user_id=citizen.pk, groups=["own_input"])
    payload, _sep, signature = token.rpartition(":")
    altered = signing.dumps({"u": other.pk, "g": ["own_input"]}, salt="another.salt", compress=True)
    for bad in (token[:-2] + "xx", payload + ":" + signature[::-1], altered, "nonsense"):
        response = client.post(reverse("participants:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "ugyldig" in response.text
    assert not NotificationPreference.objects.exists()


def test_a_token_turns_off_only_its_own_persons_mail(citizen, make_user):
    other = make_user("ola@example.org", "Ola")
    token = unsubscribe.token_for(user_id=citizen.pk, groups=["own_input"])
    client = signed_in(other)  # whoever is signed in, the token decides

    client.post(reverse("participants:unsubscribe", args=[token]))

    assert own_input_off(citizen)
    assert not NotificationPreference.objects.filter(user=other).exists()


# Inbox ---------------------------------------------------------------------


def test_the_inbox_lists_only_ones_own_notifications(need, citizen, staff, make_user):
    change = Notification.objects.filter(recipient=citizen)
    assert not change.exists()
    need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)
    other = make_user("ola@example.org", "Ola")

    mine = signed_in(citizen).get(reverse("participants:inbox")).text
    theirs = signed_in(other).get(reverse("participants:inbox")).text
    assert need.reference in mine and "Til vurdering" in mine
    assert need.reference not in theirs
    assert "Du har ingen varsler ennå" in theirs


@pytest.mark.parametrize("role", ["citizen", "staff", "politician", "admin_user", "other_staff"])
def test_nobody_opens_anothers_inbox_entry(request, role, make_user):
    owner = make_user("eier@example.org", "Eier")
    entry = notify(
        kind="status",
        recipient=owner,
        facts={"reference": "INN-2026-0001"},
        state=NotificationState.NOT_MAILED,
    )
    response = signed_in(request.getfixturevalue(role)).get(
        reverse("participants:inbox_open", args=[entry.pk])
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.read_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, citizen):
    entry = notify(kind="status", recipient=citizen, facts={}, state=NotificationState.NOT_MAILED)
    for name, args in [
        ("participants:inbox", []),
        ("participants:inbox_open", [entry.pk]),
        ("participants:inbox_unread", []),
        ("participants:notification_preferences", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert reverse("participants:login") in response["Location"]
    response = client.post(reverse("participants:inbox_mark_all_read"))
    assert reverse("participants:login") in response["Location"]
    entry.refresh_from_db()
    assert entry.read_at is None


def test_opening_an_entry_marks_it_read_and_leads_to_the_input(need, citizen, staff):
    need_set_status(need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff)
    entry = Notification.objects.get(recipient=citizen)
    client = signed_in(citizen)
    assert "1 ulest" in client.get(reverse("participants:inbox_unread")).text

    response = client.get(reverse("participants:inbox_open", args=[entry.pk]))

    assert response["Location"] == reverse("processes:contribution", args=[need.reference])
    entry.refresh_from_db()
    assert entry.read_at is not None
    assert "ulest" not in client.get(reverse("participants:inbox_unread")).text


def test_mark_all_read(citizen):
    for _number in range(3):
        notify(kind="status", recipient=citizen, facts={}, state=NotificationState.NOT_MAILED)
    client = signed_in(citizen)
    assert "3 uleste" in client.get(reverse("participants:inbox_unread")).text

    client.post(reverse("participants:inbox_mark_all_read"))

    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_inbox_asks_as_many_queries_for_a_thousand(
    citizen, count, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=citizen,
                kind="status",
                facts={
                    "kind": "status",
                    "reference": f"INN-2026-{n:04d}",
                    "input_kind": "need",
                    "title": "Lys",
                    "to_status": "met",
                    "text": "Ja.",
                },
                state=NotificationState.NOT_MAILED,
            )
            for n in range(count)
        ]
    )
    client = signed_in(citizen)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("participants:inbox"))
    assert response.status_code == 200
    assert response.text.count("inbox__entry") >= 10


def test_the_unread_count_does_not_defeat_the_page_cache(
    process, citizen, django_assert_max_num_queries
):
    notify(kind="status", recipient=citizen, facts={}, state=NotificationState.NOT_MAILED)
    client = signed_in(citizen)
    url = reverse("processes:needs", args=[process.slug])
    first = client.get(url).text
    assert reverse("participants:inbox_unread") in first

    with django_assert_max_num_queries(2):
        second = client.get(url)
    token = re.compile(r'"x-csrftoken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", second.text) == token.sub("", first)
    notify(kind="status", recipient=citizen, facts={}, state=NotificationState.NOT_MAILED)
    assert "2 uleste" in client.get(reverse("participants:inbox_unread")).text


# Preferences ---------------------------------------------------------------


def test_preferences_are_saved_and_bad_input_is_refused(citizen):
    client = signed_in(citizen)
    url = reverse("participants:notification_preferences")
    page = client.get(url).text
    assert "innboksen" in page  # what «Av» means is said on the page

    bad = client.post(url, {"own_input": "loud", "followed": "digest", "owned": "off"})
    assert bad.status_code == 200
    assert 'value="digest"' in bad.text
    assert "Velg straks" in bad.text
    assert not NotificationPreference.objects.exists()

    client.post(url, {"own_input": "digest", "followed": "off", "owned": "immediate"})
    assert dict(NotificationPreference.objects.values_list("group", "choice")) == {
        "own_input": "digest",
        "followed": "off",
        "owned": "immediate",
    }


# Følg prosessen ------------------------------------------------------------


def test_following_shows_at_once_on_the_cached_process_page(process, citizen):
    client = signed_in(citizen)
    url = process.get_absolute_url()
    assert "Følg prosessen" in client.get(url).text

    client.post(reverse("processes:follow", args=[process.slug]), {"action": "follow"})
    assert ProcessFollow.objects.filter(process=process, person=citizen).exists()
    assert "Du følger prosessen" in client.get(url).text

    client.post(reverse("processes:follow", args=[process.slug]), {"action": "unfollow"})
    assert not ProcessFollow.objects.exists()
    assert "Følg prosessen" in client.get(url).text


def test_anonymous_visitors_cannot_follow(client, process, draft_process, citizen):
    response = client.post(reverse("processes:follow", args=[process.slug]))
    assert reverse("participants:login") in response["Location"]
    response = signed_in(citizen).post(reverse("processes:follow", args=[draft_process.slug]))
    assert response.status_code == 404
    assert not ProcessFollow.objects.exists()
