"""On the embedded default the e-mails print in the console with links whole on
one line and Norwegian letters as they are, so a newcomer can click them."""

import io

import pytest
from django.test import override_settings

from participants.services import user_send_verification
from portal.mail import EmailBackend
from tests.helpers import run_python

BASE_URL = "http://127.0.0.1:8000"


def _printed(message) -> str:
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages([message])
    return stream.getvalue()


@pytest.mark.django_db
def test_the_verification_link_prints_whole_on_one_line(
    mailoutbox, make_user, django_capture_on_commit_callbacks
):
    user = make_user("kari@example.org", "Kåre Ødegård", email_verified_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        user_send_verification(user=user, base_url=BASE_URL)
    (message,) = mailoutbox
    printed = _printed(message)

    link = next(word for word in message.body.split() if word.startswith(BASE_URL))
    assert len(link) > 78  # long enough that SMTP's line length would fold it
    assert link in printed.splitlines()
    assert "quoted-printable" not in printed
    assert "=3D" not in printed
    assert "Hei Kåre Ødegård," in printed
    assert "bekrefte e-postadressen din" in printed


@pytest.mark.django_db
def test_the_headers_print_in_readable_norwegian(
    mailoutbox, make_user, django_capture_on_commit_callbacks
):
    user = make_user("kari@example.org", "Kari", email_verified_at=None)

    with (
        override_settings(DEFAULT_FROM_EMAIL="Lillevik kommune – Medspill <ikke-svar@x.no>"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        user_send_verification(user=user, base_url=BASE_URL)
    printed = _printed(mailoutbox[0])

    assert f"Subject: {mailoutbox[0].subject}" in printed
    assert "From: Lillevik kommune – Medspill <ikke-svar@x.no>" in printed
    assert "=?utf-8?" not in printed


def test_the_embedded_default_mails_through_the_readable_console(tmp_path):
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MAILERS['default']['BACKEND'])",
        {"MEDSPILL_ENV": "demo", "SQLITE_PATH": str(tmp_path / "db.sqlite3")},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "portal.mail.EmailBackend"
