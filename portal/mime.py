"""The bytes an e-mail goes over SMTP as, written cheaply for the portal's own shape.

Django builds every message with the email package's modern API
(``email.message.EmailMessage`` under an ``EmailPolicy``): each header is
parsed into a header object when it is set and folded again when the message
is written. That is about 4 ms a message, a third of what the outbox spends
on one (``bench/notifications.py``). It also folds a long
``List-Unsubscribe`` URL into RFC 2047 encoded words, which RFC 2369 readers
(the mail clients' unsubscribe buttons) do not decode.

The portal's messages all have one shape (``portal.emails.make_message``): a
UTF-8 text body, text alternatives (the HTML), no attachments, addresses whose
mailbox part is ASCII. ``wire_bytes`` writes that shape with the package's
legacy API (``compat32``, as Django did up to 5.2) in about a quarter of the
time: headers are kept as given (encoded words only for non-ASCII text),
bodies are quoted-printable unless they are short-lined ASCII. Any other
message, and any header value with a line break (which Django refuses),
goes through Django's own ``message()``.
"""

import email.policy
from datetime import UTC, datetime
from email.charset import QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from io import BytesIO

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.utils.timezone import get_current_timezone

# Headers are written as set: ``_text_header`` folds what it encodes, and a
# long URL stays whole on its line (SMTP allows 998 characters).
WIRE = email.policy.compat32.clone(linesep="\r\n", max_line_length=998)
ADDRESS_HEADERS = {"from", "to", "cc", "reply-to"}
SHORT_LINE = 78  # RFC 5322's recommended line length: longer lines are quoted-printable

_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP  # the package's default for UTF-8 is base64
_UTF8_7BIT = Charset("utf-8")
_UTF8_7BIT.body_encoding = None  # ASCII in short lines goes as it stands


def wire_bytes(message: EmailMessage) -> bytes:
    """``message`` as SMTP's DATA carries it, with CRLF line ends."""
    if not _simple(message):
        return message.message(policy=email.policy.SMTP).as_bytes()
    alternatives = [
        (content, mimetype.split("/", 1)[1]) for content, mimetype in _alternatives(message)
    ]
    # As Django: the body is left out only when it is empty and alternatives stand in.
    parts = [(message.body, message.content_subtype)] if message.body or not alternatives else []
    parts += alternatives
    if len(parts) == 1:
        root = _text_part(*parts[0])
    else:
        root = MIMEMultipart("alternative", policy=WIRE)
        for part in parts:
            root.attach(_text_part(*part, mime_version=False))
    _set_headers(root, message)
    out = BytesIO()
    BytesGenerator(out, mangle_from_=False, policy=WIRE).flatten(root)
    return out.getvalue()


def _alternatives(message: EmailMessage) -> list:
    return list(getattr(message, "alternatives", ()))


def _simple(message: EmailMessage) -> bool:
    """The shape this module writes; anything else is Django's."""
    if message.attachments or (message.encoding or settings.DEFAULT_CHARSET).lower() != "utf-8":
        return False
    if any(
        not mimetype.startswith("text/") or not isinstance(content, str)
        for content, mimetype in _alternatives(message)
    ):
        return False
    addresses = [message.extra_headers.get("From", message.from_email)]
    addresses += [*message.to, *message.cc, *message.reply_to]
    for _name, address in getaddresses([str(value) for value in addresses]):
        if not address.isascii() or "@" not in address:
            return False  # an IDNA domain or an EAI mailbox: Django encodes those
    values = [str(message.subject), *addresses, *map(str, message.extra_headers.values())]
    if any("\n" in value or "\r" in value for value in values):
        return False  # Django refuses it, with the error the caller expects
    return not any(name.lower() == "bcc" for name in message.extra_headers)


def _text_part(content: str, subtype: str, *, mime_version: bool = True) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype, policy=WIRE)
    if not content.endswith("\n"):
        content += "\n"  # as Django's: a text part ends with a line end
    short = content.isascii() and all(len(line) <= SHORT_LINE for line in content.splitlines())
    part.set_payload(content, charset=_UTF8_7BIT if short else _UTF8_QP)
    if not mime_version:
        del part["MIME-Version"]
    return part


def _text_header(name: str, value: str) -> str:
    """ASCII as it stands; anything else as RFC 2047 encoded words of at most 75
    characters, folded between them."""
    return value if value.isascii() else Header(value, "utf-8", header_name=name).encode()


def _address_header(values: list[str]) -> str:
    return ", ".join(
        formataddr((name, address), charset="utf-8") for name, address in getaddresses(values)
    )


def _set_headers(root, message: EmailMessage) -> None:
    root["Subject"] = _text_header("Subject", str(message.subject))
    root["From"] = _address_header([str(message.extra_headers.get("From", message.from_email))])
    for name, values in (("To", message.to), ("Cc", message.cc), ("Reply-To", message.reply_to)):
        if values:
            root[name] = _address_header([str(value) for value in values])
    given = {name.lower() for name in message.extra_headers}
    if "date" not in given:
        zone = get_current_timezone() if settings.EMAIL_USE_LOCALTIME else UTC
        root["Date"] = format_datetime(datetime.now(zone))
    if "message-id" not in given:
        root["Message-ID"] = make_msgid(domain=DNS_NAME)
    for name, value in message.extra_headers.items():
        if name.lower() not in ADDRESS_HEADERS:
            root[name] = _text_header(name, str(value))
