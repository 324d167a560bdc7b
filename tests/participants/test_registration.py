"""A citizen registers, gets a link by e-mail and must use it before logging in."""

import re

import pytest

from participants.models import User

REGISTER = "/konto/registrer/"


def _form(**changes) -> dict:
    data = {
        "full_name": "Kari Nordmann",
        "email": "Kari@Example.org",
        "password1": "Riktig-hest-batteri-42",
        "password2": "Riktig-hest-batteri-42",
    }
    data.update(changes)
    return data


def _link_in(message) -> str:
    match = re.search(r"http://testserver(/konto/bekreft/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_the_registration_page_shows_a_labelled_form(client, municipality):
    response = client.get(REGISTER)

    assert response.status_code == 200
    assert '<label class="ds-label" for="id_email">E-postadresse</label>' in response.text


@pytest.mark.django_db
def test_registering_creates_an_unverified_account_and_mails_a_link(
    client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, _form())

    assert response.status_code == 200
    assert "Sjekk e-posten din" in response.text
    user = User.objects.get(email="kari@example.org")
    assert user.full_name == "Kari Nordmann"
    assert not user.email_verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kari@example.org"]
    assert _link_in(mailoutbox[0])


@pytest.mark.django_db
def test_no_mail_is_sent_when_the_registration_is_rolled_back(
    client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(REGISTER, _form())

    assert len(callbacks) == 1  # the mail waits for the commit
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_link_in_the_mail_verifies_the_address(
    client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER, _form())

    response = client.get(_link_in(mailoutbox[0]), follow=True)

    assert response.redirect_chain[-1][0] == "/konto/logg-inn/"
    assert "E-postadressen er bekreftet" in response.text
    assert User.objects.get(email="kari@example.org").email_verified


@pytest.mark.django_db
def test_a_forged_verification_link_is_refused(client, municipality):
    response = client.get("/konto/bekreft/tull.og.tøys/")

    assert response.status_code == 400
    assert "Lenken virker ikke" in response.text


@pytest.mark.django_db
def test_an_unverified_account_cannot_log_in_and_gets_a_new_link(
    client, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER, _form())
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/logg-inn/",
            {"username": "kari@example.org", "password": "Riktig-hest-batteri-42"},
        )

    assert response.status_code == 200
    assert "Du må bekrefte e-postadressen din" in response.text
    assert not response.context["user"].is_authenticated
    assert len(mailoutbox) == 1
    client.get(_link_in(mailoutbox[0]))
    response = client.post(
        "/konto/logg-inn/",
        {"username": "kari@example.org", "password": "Riktig-hest-batteri-42"},
    )
    assert response.status_code == 302


def _page_without(response, email: str) -> str:
    """The page as any visitor would see it, less the address typed and what
    differs per response anyway (the CSP nonce, the masked CSRF token)."""
    text = response.text.replace(email, "ADDRESS")
    text = re.sub(r'nonce="[^"]+"', 'nonce=""', text)
    text = re.sub(r'("x-csrftoken": ")\w+', r"\1TOKEN", text)
    return re.sub(r'(name="csrfmiddlewaretoken" value=")\w+', r"\1TOKEN", text)


@pytest.mark.django_db
def test_a_taken_address_gets_the_same_answer_as_a_new_one(
    client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(REGISTER, _form(email="ny@example.org"))
        taken = client.post(REGISTER, _form(email="KARI@example.org", full_name="Kari Ny"))

    assert taken.status_code == new.status_code == 200
    assert [t.name for t in taken.templates] == [t.name for t in new.templates]
    assert "Sjekk e-posten din" in taken.text
    assert _page_without(taken, "kari@example.org") == _page_without(new, "ny@example.org")


@pytest.mark.django_db
def test_the_owner_of_a_taken_address_is_mailed_and_no_second_account_is_made(
    client, citizen, password, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER, _form(email="KARI@example.org", full_name="Kari Ny"))

    assert User.objects.count() == 1
    citizen.refresh_from_db()
    assert citizen.full_name == "Kari Nordmann"
    assert citizen.check_password(password)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kari@example.org"]
    assert mail.subject == "Noen prøvde å registrere seg med e-postadressen din i Medspill"
    assert "Du har allerede en konto" in mail.body
    assert "http://testserver/konto/logg-inn/" in mail.body
    assert "http://testserver/konto/glemt-passord/" in mail.body
    assert "/konto/bekreft/" not in mail.body
    html = mail.alternatives[0]
    assert html.mimetype == "text/html"
    assert 'href="http://testserver/konto/glemt-passord/"' in html.content


@pytest.mark.django_db
def test_repeated_attempts_on_a_taken_address_mail_its_owner_once_an_hour(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(3):
            client.post(REGISTER, _form())

    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed_and_explains_in_norwegian(client, municipality):
    response = client.post(
        REGISTER,
        _form(full_name="Åse <Ødegård>", email="ikke-en-adresse", password2="noe annet"),
    )

    assert response.status_code == 200
    assert "Noe må rettes før vi kan lagre" in response.text
    assert "Oppgi en gyldig e-postadresse" in response.text
    assert 'value="Åse &lt;Ødegård&gt;"' in response.text
    assert 'value="ikke-en-adresse"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_mismatched_passwords_are_explained_in_norwegian(client, municipality):
    response = client.post(REGISTER, _form(password2="Et-helt-annet-passord-9"))

    assert "Passordene er ikke like." in response.text
    assert 'value="Kari Nordmann"' in response.text


@pytest.mark.django_db
def test_a_weak_password_is_explained_in_norwegian(client, municipality):
    response = client.post(REGISTER, _form(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert "Dette passordet er for vanlig." in response.text
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_empty_fields_are_required_in_norwegian(client, municipality):
    response = client.post(REGISTER, {})

    assert response.status_code == 200
    assert "Feltet er påkrevet." in response.text
