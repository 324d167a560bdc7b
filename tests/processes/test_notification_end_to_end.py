"""What people hear, end to end with the real services: a staff member
answers a need, and a real Celery worker on the real Redis broker delivers the
author's notification to an SMTP server on loopback, in the author's language,
with the reference, the feedback text and a one-click unsubscribe link that
works without logging in."""

from urllib.parse import urlsplit

import pytest

from participants.models import Notification, NotificationChoice, NotificationPreference
from processes.models import Need
from processes.services.needs import need_log, need_set_status
from tests.delivery_support import SmtpRecorder, wait_until

# The real worker, its environment and the SMTP server are the delivery tests' fixtures.
from tests.participants.test_delivery_faults import smtp, worker_env, workers  # noqa: F401

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


def test_a_nynorsk_author_gets_the_answer_by_a_real_worker_and_can_unsubscribe(
    workers,  # noqa: F811
    smtp,  # noqa: F811
    process,
    staff,
    make_user,
    client,
):
    author = make_user("gunnhild@example.org", "Gunnhild Vik", language="nn")
    need = need_log(
        process=process, author=author, body="Lys langs skoleveien", who_has_need="Barn"
    )
    workers()

    need_set_status(
        need=need,
        status=Need.Status.UNDER_REVIEW,
        text="Vi ser på lyset i haust.",
        by=staff,
    )

    wait_until(
        lambda: any(entry["to"] == [author.email] for entry in smtp.messages),
        timeout=60,
        what="the author's mail at the server",
    )
    [entry] = [entry for entry in smtp.messages if entry["to"] == [author.email]]
    message = SmtpRecorder.parse(entry)
    row = Notification.objects.get(recipient=author, kind="status")
    assert message["X-Medspill-Notification-Id"] == str(row.pk)
    assert message["Subject"] == f"Nytt svar på innspelet ditt {need.reference}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert need.reference in text
    assert "Vi ser på lyset i haust." in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip("<>")
    assert link in text
    # Whole in the raw header, as the mail clients' unsubscribe buttons read it.
    assert f"List-Unsubscribe: <{link}>\r\n".encode() in entry["raw"]
    # On one of the municipality's own host names.
    url = urlsplit(link)
    assert process.municipality.hosts.filter(hostname=url.hostname).exists()

    # RFC 8058: the mail client posts to the link, with no session and no CSRF token.
    answer = client.post(url.path, {"List-Unsubscribe": "One-Click"})

    assert answer.status_code == 200
    assert NotificationPreference.objects.get(user=author, group="own_input").choice == (
        NotificationChoice.OFF
    )
