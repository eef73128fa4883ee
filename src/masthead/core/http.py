"""One HTTP client with limits: HTTP(S) only, bounded in size, in time and in redirects.

``send`` makes one request with urllib and reads the answer piece by piece, so that
neither a huge body, nor a gzip bomb, nor one that trickles forever can hold the caller:

- ``Limits.timeout`` bounds connecting and each read, ``deadline`` the whole exchange;
- ``max_bytes`` bounds the body *after* inflating gzip, and a ``Content-Length`` over it
  is refused before a byte is read;
- ``redirects`` is how many redirects are followed, over HTTP and HTTPS only (past
  them, the next 3xx is the answer; 0: any 3xx is); the opener has no handler for
  ``file:``, ``ftp:`` or ``data:``;
- ``public_only`` refuses (``PrivateAddress``) any host that is, or resolves to, this
  machine, a private network or any address that is not a public one, at every hop:
  the addresses are checked before connecting and the peer once connected, so a name
  that resolves differently the second time (DNS rebinding) is caught too. For fetches
  that someone other than an administrator can point at an address (a picture in a
  story's body), so the site cannot be made to reach into its own network.

A body past a limit raises ``TooLarge`` or ``TooSlow`` (both ``Refused``), unless
``Limits.cut``: then it is cut there, for callers that keep only the start of an answer.
Every status is an ``Answer``; the body of a non-2xx one is cut, never refused (the status
is the answer). Failures to connect or to read raise what urllib raises, ``OSError``
(``URLError`` and timeouts among them) or ``http.client.HTTPException``: callers word
them for their own readers.

    >>> Limits(redirects=5).max_bytes
    5242880
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, replace
from email.message import Message
from typing import IO, Any

CHUNK = 64 * 1024
SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Limits:
    """How far one exchange may go (see the module docstring)."""

    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    redirects: int = 0
    cut: bool = False
    public_only: bool = False


@dataclass(frozen=True)
class Answer:
    """A status, its reason and headers, the (inflated) body, and where a first hop moved."""

    status: int
    reason: str
    headers: Message
    body: bytes = b""
    moved_to: str = ""  # where a first, permanent (301/308) redirect pointed

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Refused(Exception):
    """An address we do not open, or an answer we stop reading; trying again will not help."""


class NotHttp(Refused):
    """The address is not an http:// or https:// one."""


class TooLarge(Refused):
    """The body is over ``limit`` bytes (``announced``: what ``Content-Length`` claimed)."""

    def __init__(self, limit: int, announced: int | None = None):
        super().__init__(f"over the limit of {limit:,} bytes")
        self.limit, self.announced = limit, announced


class TooSlow(Refused):
    """The body was still arriving after ``deadline`` seconds."""

    def __init__(self, deadline: float):
        super().__init__(f"still arriving after {deadline:g} s")
        self.deadline = deadline


class PrivateAddress(Refused):
    """``public_only``: the host is, or resolves to, an address that is not a public one."""


class Damaged(Refused):
    """The body claims gzip and is not (the message is zlib's)."""


def send(
    url: str,
    *,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    limits: Limits = Limits(),
) -> Answer:
    """Make one request to ``url`` and read its answer within ``limits``."""
    if not url.lower().startswith(SCHEMES):
        raise NotHttp("the address must start with http:// or https://")
    if limits.public_only:
        refuse_private(url)
    redirects = _Redirects(limits.redirects, public_only=limits.public_only)
    started = time.monotonic()
    try:
        # The opener holds HTTP and HTTPS handlers alone, so no other scheme can be opened.
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)  # noqa: S310
        response = _opener(redirects, public_only=limits.public_only).open(
            request, timeout=limits.timeout
        )
    except urllib.error.HTTPError as error:
        with error:
            body = read_body(error, replace(limits, cut=True), started) if error.fp else b""
        return Answer(
            error.code, str(error.reason), error.headers or Message(), body, redirects.moved_to
        )
    except ValueError as exc:  # an address urllib cannot even parse
        raise Refused(f"not a usable address: {exc}") from None
    with response:
        body = read_body(response, limits, started)
    return Answer(response.status, response.reason, response.headers, body, redirects.moved_to)


def read_body(answer: Any, limits: Limits, started: float) -> bytes:
    """The body of ``answer``, inflated if gzipped, within ``limits`` since ``started``."""
    pieces: list[bytes] = []
    try:
        _read_into(pieces, answer, limits, started)
    except (Refused, OSError, http.client.HTTPException):
        if not limits.cut:
            raise
    return b"".join(pieces)[: limits.max_bytes]


def _read_into(pieces: list[bytes], answer: Any, limits: Limits, started: float) -> None:
    length = answer.headers.get("Content-Length", "")
    if not limits.cut and length.isdigit() and int(length) > limits.max_bytes:
        raise TooLarge(limits.max_bytes, announced=int(length))
    gzipped = answer.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    size = 0
    while piece := answer.read1(CHUNK):
        if inflater is not None:
            piece = _inflate(inflater, piece, limits.max_bytes - size)
        size += len(piece)
        pieces.append(piece)
        if size > limits.max_bytes:
            raise TooLarge(limits.max_bytes)
        if time.monotonic() - started > limits.deadline:
            raise TooSlow(limits.deadline)


def _inflate(inflater: Any, piece: bytes, room: int) -> bytes:
    """Inflate ``piece``, never to more than one byte past ``room`` (a bomb stays small)."""
    try:
        out: bytes = inflater.decompress(piece, room + 1)
    except zlib.error as exc:
        raise Damaged(str(exc)) from None
    return out


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, over HTTP(S) only, noting a permanent move."""

    def __init__(self, limit: int, *, public_only: bool = False):
        self.limit = limit
        self.public_only = public_only
        # urllib's own count (distinct addresses) lets a loop go round 4 times: ours is hops.
        self.max_redirections = limit + 1  # type: ignore[misc]  # urllib reads it per instance
        self.moved_to = ""
        self.hops = 0

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        if self.hops >= self.limit:
            return None  # urllib then raises HTTPError with this 3xx: the answer
        if not newurl.lower().startswith(SCHEMES):
            raise urllib.error.HTTPError(
                newurl, code, "redirect to a non-HTTP address", headers, fp
            )
        if self.public_only:
            refuse_private(newurl)
        self.hops += 1
        # Only a first hop that is permanent says the resource itself moved.
        if self.hops == 1 and code in (301, 308):
            self.moved_to = newurl
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(redirects: _Redirects, *, public_only: bool) -> urllib.request.OpenerDirector:
    """An opener for HTTP and HTTPS alone: no ``file:``, ``ftp:`` or ``data:`` addresses.

    With ``public_only`` and no proxy, each connection's peer is checked too. Through a
    proxy (``HTTP(S)_PROXY``) the peer is the proxy: the addresses checked before each
    hop are then the whole check, and the proxy's own rules the rest.
    """
    opener = urllib.request.OpenerDirector()
    guarded = public_only and not urllib.request.getproxies()
    for handler in (
        urllib.request.ProxyHandler(),  # honours HTTP(S)_PROXY for newsrooms behind one
        _PublicHTTPHandler() if guarded else urllib.request.HTTPHandler(),
        _PublicHTTPSHandler() if guarded else urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        redirects,
    ):
        opener.add_handler(handler)
    return opener


def refuse_private(url: str) -> None:
    """Raise ``PrivateAddress`` unless every address ``url``'s host resolves to is public."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = {
            str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        }
    except (OSError, UnicodeError):
        return  # an unknown name: connecting fails with urllib's own error
    for address in sorted(found):
        _refuse_unless_public(host, address)


def _refuse_unless_public(host: str, address: str) -> None:
    try:
        public = ipaddress.ip_address(address.split("%")[0]).is_global
    except ValueError:
        public = False
    if not public:
        named = host if host == address else f"{host} ({address})"
        raise PrivateAddress(f"{named} is not a public address: it is not fetched")


class _PublicPeer:
    """Checks, once connected, that the peer is a public address (``public_only``)."""

    host: str
    sock: socket.socket

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]  # the connection class this is mixed into
        peer = self.sock.getpeername()[0]
        try:
            _refuse_unless_public(self.host, peer)
        except PrivateAddress:
            self.sock.close()
            raise


class _PublicHTTPConnection(_PublicPeer, http.client.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicPeer, http.client.HTTPSConnection):
    pass


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]
