"""Fixtures for the comments tests: a story, its form's address, a real SMTP server."""

from __future__ import annotations

import email
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from masthead.articles.models import Article
from tests.comments.posting import reply_form
from tests.conftest import soup


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    """The first story of the test newsroom."""
    return newsroom["stories"][0]


@pytest.fixture
def action(client: Any, story: Article) -> str:
    """Where the article page's form posts to, read from the page itself."""
    return reply_form(soup(client.get(story.get_absolute_url())))["action"].split("#")[0]


@dataclass
class Delivery:
    """One message as the server received it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def part(self, content_type: str) -> str:
        """The text of the ``text/plain`` or ``text/html`` part."""
        found = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert found is not None
        assert found.get_content_type() == content_type
        return found.get_content()


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    deliveries: list[Delivery] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    """Recipients the server answers "550 no such mailbox"."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        self.deliveries.append(Delivery(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Delivery]:
        """The messages whose envelope names ``address`` as a recipient."""
        return [d for d in self.deliveries if address in d.rcpt_tos]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_smtp(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1 that Django sends to; yields what it receives."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    chatter = logging.getLogger("mail.log")  # aiosmtpd logs every SMTP command at INFO
    level = chatter.level
    chatter.setLevel(logging.WARNING)
    controller.start()
    use_smtp(settings, controller.port)
    try:
        yield inbox
    finally:
        controller.stop()
        chatter.setLevel(level)


@pytest.fixture
def smtp_down(settings: Any) -> int:
    """Point Django's email at a port on 127.0.0.1 where no server listens."""
    port = free_port()
    use_smtp(settings, port)
    return port
