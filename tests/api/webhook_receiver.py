"""A real HTTP server on 127.0.0.1 that records the webhook requests it gets.

Each request is answered by the next of ``answers`` (then ``default``): a status code,
``"hang"`` (answer nothing for ``hang_seconds``: the sender times out) or ``"redirect"``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.localhost import serving


@dataclass
class Received:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[int | str] = field(default_factory=list)
    default: int | str = 200
    body: bytes = b'{"ok": true}'
    hang_seconds: float = 2.0

    def next_answer(self) -> int | str:
        return self.answers.pop(0) if self.answers else self.default


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            receiver.requests.append(
                Received(self.path, dict(self.headers.items()), self.rfile.read(length))
            )
            answer = receiver.next_answer()
            if answer == "hang":
                time.sleep(receiver.hang_seconds)
                return
            if answer == "redirect":
                self.send_response(302)
                self.send_header("Location", receiver.url + "elsewhere")
                self.end_headers()
                return
            self.send_response(int(answer))
            self.send_header("Content-Length", str(len(receiver.body)))
            self.end_headers()
            self.wfile.write(receiver.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output quiet

    return Handler


@pytest.fixture
def http_receiver() -> Iterator[Receiver]:
    """A running receiver; its ``url`` is where webhooks should point."""
    receiver = Receiver()
    with serving(_handler(receiver)) as base:
        receiver.url = f"{base}/hooks/"
        yield receiver
