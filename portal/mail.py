"""Mailers: a console one whose messages a person can read and click, and SMTP.

Django's console backend prints the message as it would go over SMTP: a line
longer than 78 characters (every verification and password link) makes the
text quoted-printable, so a link is broken across lines with ``=`` and ``=3D``
and the Norwegian letters turn into ``=C3=B8``. Here the body stays 8bit UTF-8
up to SMTP's own line limit of 998 characters, and headers keep their UTF-8.
"""

import email.policy
import socket

from django.core.mail.backends import console, smtp

READABLE = email.policy.SMTPUTF8.clone(max_line_length=998)


class EmailBackend(console.EmailBackend):
    def write_message(self, message) -> None:
        text = message.message(policy=READABLE).as_bytes().decode("utf-8")
        self.stream.write(f"{text}\n{'-' * 79}\n")


class SmtpEmailBackend(smtp.EmailBackend):
    """Django's SMTP mailer with Nagle's algorithm off: each SMTP command is a
    small write answered before the next, and delayed ACKs otherwise add
    milliseconds to every message the outbox sends over one connection."""

    def open(self) -> bool | None:
        opened = super().open()
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return opened
