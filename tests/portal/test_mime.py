"""``portal.mime.wire_bytes`` writes the same message as Django's own
serializer, read back by a mail client's parser, and leaves what it does not
write (attachments, international addresses, a line break in a header) to
Django."""

import email
import email.policy

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.test import override_settings

from portal.mime import wire_bytes

UNSUBSCRIBE = (
    "https://lillevik.kommune.no/konto/varsler/avmeld/"
    "eyJ1IjozLCJnIjpbIm93bl9pbnB1dCJdfQ:1xZ5JX:3R238kvO1RpDpqYNwrx9hoV6rWBzVCM2qk_OOanCmD8/"
)
LONG_LINE = "Se " + "https://lillevik.kommune.no/innspill/" + "æ" * 1200 + "/"
# What each serializer chooses for itself: the parts' boundary, the date, the
# id, how a body is encoded (the decoded bodies are compared).
FRESH = {"content-type", "content-transfer-encoding", "date", "message-id"}


def _django_bytes(message) -> bytes:
    return message.message(policy=email.policy.SMTP).as_bytes()


def _read(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def _headers(parsed) -> list[tuple[str, str]]:
    """Each header as a mail client shows it (folding whitespace is the serializer's)."""
    return sorted((name.lower(), " ".join(str(value).split())) for name, value in parsed.items())


def _parts(parsed) -> list[tuple[str, str, str]]:
    return [
        (part.get_content_type(), part.get_content_charset(), part.get_content())
        for part in parsed.walk()
        if not part.is_multipart()
    ]


def _notification(**overrides) -> EmailMultiAlternatives:
    fields = {
        "subject": "Nytt svar på innspillet ditt BEHOV-0042",
        "body": (
            "Hei Kåre Ødegård,\n\nInnspillet ditt «Lys i parken» har fått status «Til vurdering».\n"
        ),
        "from_email": "Medspill <ikke-svar@medspill.no>",
        "to": ["kare@example.org"],
        "headers": {
            "X-Medspill-Notification-Id": "42",
            "List-Unsubscribe": f"<{UNSUBSCRIBE}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }
    message = EmailMultiAlternatives(**{**fields, **overrides})
    message.attach_alternative(
        "<p>Hei Kåre Ødegård,</p><p>Status «Til vurdering».</p>", "text/html"
    )
    return message


CASES = {
    "a notification": _notification(),
    "ASCII only": _notification(
        subject="New answer to your input NEED-0042", body="Hello Kari,\n\nShort lines.\n"
    ),
    "a long Norwegian subject": _notification(
        subject="Løsningen LØS-0007 «Bedre lys på gangveien ved skolen», som behovet ditt er "
        "tatt med i, har fått status «Valgt for testing»"
    ),
    "a line longer than SMTP allows": _notification(body=LONG_LINE),
    "a municipality as sender, with copies": _notification(
        from_email="Lillevik kommune – Medspill <ikke-svar@lillevik.kommune.no>",
        cc=['"Kommune, Oppvekst" <oppvekst@lillevik.kommune.no>'],
        reply_to=["Åse Ås <ase@lillevik.kommune.no>"],
    ),
    "a line that looks like an mbox separator": _notification(body="From here on:\n.\nend\n"),
    "plain text only": EmailMessage(
        subject="Bekreft e-postadressen din",
        body="Hei,\n\nTrykk på lenken: https://lillevik.kommune.no/konto/bekreft/abc/\n",
        from_email="Medspill <ikke-svar@medspill.no>",
        to=["Kari Nordmann <kari@example.org>"],
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_mail_client_reads_the_same_message_as_from_djangos_serializer(case):
    ours, theirs = _read(wire_bytes(case)), _read(_django_bytes(case))

    def kept(parsed):
        return [(name, value) for name, value in _headers(parsed) if name not in FRESH]

    assert kept(ours) == kept(theirs)
    assert ours.get_content_type() == theirs.get_content_type()
    assert _parts(ours) == _parts(theirs)
    assert ours["Date"].datetime is not None
    assert ours["Message-ID"].startswith("<") and ours["Message-ID"].endswith(">")


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_line_ends_in_crlf_within_smtps_limit(case):
    raw = wire_bytes(case)

    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 998
    assert raw.isascii()  # quoted-printable and encoded words: any relay carries it


def test_the_unsubscribe_url_stays_readable_for_the_mail_clients_button():
    """RFC 2369 readers look for ``<https://…>`` in the raw header: an encoded
    word (what the modern serializer folds a long URL into) hides it."""
    raw = wire_bytes(_notification()).decode("ascii")
    header = raw.split("List-Unsubscribe:", 1)[1].split("\r\nList-Unsubscribe-Post", 1)[0]

    assert header == f" <{UNSUBSCRIBE}>"  # on the header's own line, whole
    assert "=?utf-8?" not in header
    # What Django's own serializer would have sent:
    django_raw = _django_bytes(_notification()).decode()
    assert (
        "=?utf-8?" in django_raw.split("List-Unsubscribe:", 1)[1].split("List-Unsubscribe-Post")[0]
    )


def test_a_short_ascii_body_goes_as_it_stands():
    raw = wire_bytes(CASES["ASCII only"]).decode("ascii")

    assert "Hello Kari,\r\n\r\nShort lines.\r\n" in raw
    assert "Content-Transfer-Encoding: 7bit" in raw


def test_norwegian_text_is_quoted_printable_and_the_subject_an_encoded_word():
    raw = wire_bytes(_notification()).decode("ascii")

    assert "Content-Transfer-Encoding: quoted-printable" in raw
    assert "=C3=98deg=C3=A5rd" in raw  # Ødegård
    assert "Subject: =?utf-8?q?" in raw


@override_settings(EMAIL_USE_LOCALTIME=True, TIME_ZONE="Europe/Oslo")
def test_the_date_is_in_local_time_when_asked():
    assert _read(wire_bytes(_notification()))["Date"].datetime.utcoffset().total_seconds() > 0


def test_a_date_and_message_id_given_are_kept():
    message = _notification(
        headers={"Date": "Tue, 01 Dec 2026 10:00:00 +0100", "Message-ID": "<given@medspill.no>"}
    )
    parsed = _read(wire_bytes(message))

    assert parsed["Date"] == "Tue, 01 Dec 2026 10:00:00 +0100"
    assert parsed["Message-ID"] == "<given@medspill.no>"
    assert len(parsed.get_all("Date")) == len(parsed.get_all("Message-ID")) == 1


def test_an_attachment_goes_through_djangos_serializer():
    message = _notification()
    message.attach("innspill.csv", "referanse;status\nBEHOV-0042;Til vurdering\n", "text/csv")
    parsed = _read(wire_bytes(message))

    (attachment,) = list(parsed.iter_attachments())
    assert attachment.get_filename() == "innspill.csv"
    assert "BEHOV-0042" in attachment.get_content()


def test_an_international_domain_goes_through_djangos_serializer():
    parsed = _read(wire_bytes(_notification(to=["kari@bærum.no"])))

    assert parsed["To"].addresses[0].domain == "bærum.no".encode("idna").decode()


@pytest.mark.parametrize("field", ["subject", "header"])
def test_a_line_break_in_a_header_is_refused_as_django_refuses_it(field):
    message = (
        _notification(subject="Hei\nBcc: alle@example.org")
        if field == "subject"
        else _notification(headers={"X-Medspill-Notification-Id": "1\r\nBcc: alle@example.org"})
    )

    with pytest.raises(ValueError):
        _django_bytes(message)
    with pytest.raises(ValueError):
        wire_bytes(message)
