"""Inviting a person by e-mail: the outbox row and its e-mail, and a link that
works once, until it expires, for the invited address only."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from participants.models import Invitation, Membership, Notification, Role, User
from participants.people import INVITATION_SALT, invitation_for_token, invitation_token
from portal.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "full_name": "Nina Ny",
    "password1": "Riktig-hest-batteri-42",
    "password2": "Riktig-hest-batteri-42",
}


def _invite(client, email="ny@lillevik.example", role="staff", **extra):
    return client.post(reverse("administration:invite"), {"email": email, "role": role, **extra})


def _link(invitation) -> str:
    return reverse("administration:invitation_accept", args=[invitation_token(invitation)])


def test_an_invitation_is_an_outbox_row_and_an_e_mail_with_the_link(
    admin_user, client_as, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_as(admin_user), email="Ny@Lillevik.example", role="politician")

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "ny@lillevik.example",
        "politician",
        admin_user,
    )
    notification = Notification.objects.get(kind="invitation")
    assert notification.to_address == "ny@lillevik.example"
    assert notification.recipient is None and not notification.in_inbox
    assert notification.facts["role"] == "politician"
    assert notification.state == "sent"
    [message] = mail.outbox
    assert message.to == ["ny@lillevik.example"]
    assert "Lillevik kommune" in message.subject
    assert "folkevalgt" in message.body and "Aud Administrator" in message.body
    # The link in the mail is this invitation's (its signature's time may differ by a second).
    [link] = re.findall(r"http://testserver(/invitasjon/\S+/)", message.body)
    assert invitation_for_token(link.split("/")[2]) == invitation
    assert AuditEntry.objects.filter(action="invitation.create").count() == 1


def test_an_invitation_to_a_nynorsk_municipality_is_written_in_nynorsk(
    admin_user, client_as, municipality, django_capture_on_commit_callbacks
):
    municipality.written_standard = "nn"
    municipality.save()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_as(admin_user))

    [message] = mail.outbox
    assert "Opne denne lenka" in message.body
    assert "Åpne denne lenken" not in message.body


def test_a_bad_address_is_refused_in_norwegian_and_kept(admin_user, client_as):
    response = _invite(client_as(admin_user), email="ikke en adresse")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv en gyldig e-postadresse" in html
    assert 'value="ikke en adresse"' in html
    assert Invitation.objects.count() == 0


def test_the_same_address_is_not_invited_twice(admin_user, client_as, invitation):
    response = _invite(client_as(admin_user), email=invitation.email)

    assert "allerede invitert" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_someone_who_has_the_role_is_not_invited_to_it(admin_user, client_as, staff):
    response = _invite(client_as(admin_user), email=staff.email, role="staff")

    assert "har allerede denne rollen" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_a_new_person_sets_a_password_and_gets_the_role(client, invitation, municipality):
    response = client.post(_link(invitation), NEW_ACCOUNT)

    assert response.status_code == 302
    user = User.objects.get(email=invitation.email)
    assert user.full_name == "Nina Ny" and user.email_verified
    assert user.check_password(NEW_ACCOUNT["password1"])
    assert Membership.objects.filter(user=user, municipality=municipality, role="staff").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_by == user
    # Signed in at once.
    assert client.get(reverse("processes:my_contributions")).status_code == 200


def test_a_weak_password_is_refused_and_the_name_kept(client, invitation):
    response = client.post(
        _link(invitation), {"full_name": "Nina Ny", "password1": "123", "password2": "123"}
    )

    assert response.status_code == 200
    assert 'value="Nina Ny"' in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_existing_account_is_linked_when_it_signs_in(client_as, invitation, make_user):
    person = make_user(invitation.email, "Nina Ny")
    client = client_as(person)

    assert "Godta invitasjonen" in client.get(_link(invitation)).content.decode()
    response = client.post(_link(invitation))

    assert response.status_code == 302
    assert Membership.objects.filter(user=person, role="staff").exists()


def test_an_anonymous_visitor_with_an_account_is_asked_to_sign_in(client, invitation, make_user):
    make_user(invitation.email, "Nina Ny")

    response = client.post(_link(invitation), NEW_ACCOUNT)

    assert "Logg inn" in response.content.decode()
    assert User.objects.filter(email=invitation.email).count() == 1
    assert not Membership.objects.filter(user__email=invitation.email).exists()


def test_the_wrong_account_is_refused_clearly(client_as, invitation, citizen):
    client = client_as(citizen)

    for response in (client.get(_link(invitation)), client.post(_link(invitation))):
        assert response.status_code == 403
        html = response.content.decode()
        assert invitation.email in html and citizen.email in html
    assert not Membership.objects.filter(user=citizen).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_link_works_once(client, client_as, invitation):
    client.post(_link(invitation), NEW_ACCOUNT)

    again = client_as(None).post(_link(invitation), {**NEW_ACCOUNT, "full_name": "Noen Andre"})

    assert again.status_code == 400
    assert "allerede brukt" in again.content.decode()
    assert Membership.objects.filter(user__email=invitation.email).count() == 1
    assert User.objects.get(email=invitation.email).full_name == "Nina Ny"


def test_an_expired_link_is_refused(client, invitation):
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.post(_link(invitation), NEW_ACCOUNT)

    assert response.status_code == 400
    assert "gått ut" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_resent_invitation_works_for_another_fourteen_days(
    admin_user, client_as, invitation, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(timezone.now() + timedelta(days=13)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_as(admin_user).post(
            reverse("administration:invitation_resend", args=[invitation.pk])
        )
    assert len(mail.outbox) == 1

    with time_machine.travel(timezone.now() + timedelta(days=20)):
        response = client_as(None).post(_link(invitation), NEW_ACCOUNT)

    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="invitation.resend").count() == 1


def test_a_withdrawn_link_is_refused(admin_user, client_as, invitation):
    client_as(admin_user).post(reverse("administration:invitation_withdraw", args=[invitation.pk]))

    response = client_as(None).post(_link(invitation), NEW_ACCOUNT)

    assert response.status_code == 400
    assert "trukket tilbake" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()
    assert AuditEntry.objects.filter(action="invitation.withdraw").count() == 1


@pytest.mark.parametrize(
    "token",
    [
        "ugyldig-lenke",
        signing.dumps({"invitation": 1, "email": "ny@lillevik.example"}, salt="annen-salt"),
        signing.dumps(
            {"invitation": 1, "email": "ny@lillevik.example"},
            key="feil-nokkel",
            salt=INVITATION_SALT,
        ),
    ],
)
def test_a_forged_link_is_refused(client, invitation, token):
    response = client.post(reverse("administration:invitation_accept", args=[token]), NEW_ACCOUNT)

    assert response.status_code == 400
    assert "ikke gyldig" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_link_whose_address_was_changed_is_refused(client, invitation):
    token = signing.dumps(
        {"invitation": invitation.pk, "email": "meg@example.org"}, salt=INVITATION_SALT
    )

    response = client.post(reverse("administration:invitation_accept", args=[token]), NEW_ACCOUNT)

    assert response.status_code == 400
    assert not User.objects.filter(email__in=["meg@example.org", invitation.email]).exists()


def test_a_link_opened_on_another_municipality_s_address_is_refused(client, invitation):
    response = client.post(_link(invitation), NEW_ACCOUNT, HTTP_HOST="nordvik.localhost")

    assert response.status_code == 400
    assert not User.objects.filter(email=invitation.email).exists()


def test_the_people_page_lists_pending_invitations(admin_user, client_as, invitation):
    html = client_as(admin_user).get(reverse("administration:people")).content.decode()

    assert invitation.email in html and "Trekk tilbake" in html
    assert str(Role.STAFF.label) in html
