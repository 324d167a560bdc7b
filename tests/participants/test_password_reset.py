"""Someone who forgot the password gets a link and chooses a new one."""

import re

import pytest

from participants.models import Notification, NotificationState

RESET = "/konto/glemt-passord/"
NEW_PASSWORD = "Nytt-og-bedre-passord-2026"


@pytest.mark.django_db
def test_the_whole_password_reset_flow_works(
    client, citizen, password, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": citizen.email})
    assert response.status_code == 302
    assert response["Location"] == "/konto/glemt-passord/sendt/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [citizen.email]
    (row,) = Notification.objects.all()
    assert (row.kind, row.state, row.in_inbox) == ("password_reset", NotificationState.SENT, False)
    assert mailoutbox[0].extra_headers["X-Medspill-Notification-Id"] == str(row.pk)
    assert "token" not in row.facts  # made when sent, never stored
    link = re.search(r"http://testserver(/konto/nytt-passord/\S+/\S+/)", mailoutbox[0].body)
    assert link, mailoutbox[0].body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/nytt-passord/ferdig/"

    old = client.post("/konto/logg-inn/", {"username": citizen.email, "password": password})
    assert old.status_code == 200
    new = client.post("/konto/logg-inn/", {"username": citizen.email, "password": NEW_PASSWORD})
    assert new.status_code == 302


@pytest.mark.django_db
def test_a_used_reset_link_does_not_work_twice(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": citizen.email})
    link = re.search(r"http://testserver(/konto/nytt-passord/\S+/\S+/)", mailoutbox[0].body)
    page = client.get(link.group(1), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(link.group(1), follow=True)

    assert not again.context["validlink"]
    assert "Lenken er ugyldig eller allerede brukt" in again.text


@pytest.mark.django_db
def test_an_unknown_address_looks_the_same_but_sends_nothing(
    client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": "ingen@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/glemt-passord/sendt/"
    assert mailoutbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_mismatched_new_passwords_are_explained_in_norwegian(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": citizen.email})
    link = re.search(r"http://testserver(/konto/nytt-passord/\S+/\S+/)", mailoutbox[0].body)
    page = client.get(link.group(1), follow=True)

    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": "noe-annet-helt-2026"},
    )

    assert response.status_code == 200
    assert "De to passordfeltene" in response.text or "ikke like" in response.text


@pytest.mark.django_db
def test_the_reset_mail_is_written_in_the_persons_language(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    citizen.language = "en"
    citizen.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": citizen.email})

    assert mailoutbox[0].subject == "Create a new password for Medspill"
    assert '<html lang="en">' in mailoutbox[0].alternatives[0].content
