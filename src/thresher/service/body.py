"""A request's body, read from its connection within the service's limits on size and time.

A body comes with a ``Content-Length`` or in chunks (``Transfer-Encoding: chunked``), as a
client sends what it streams: Python's requests given a generator, httpx given an iterator,
Go's client given a reader of unknown length, a proxy that passes a body on as it comes.
Either way it must come within BODY_SECONDS and a second for every SLOWEST_BYTES_PER_SECOND
it announces: the socket's timeout bounds each wait only, and a client that sent a byte a
minute would hold its place among the pages the server takes at once for as long as it liked.
"""

from __future__ import annotations

import io
import socket
import time
from email.message import Message

from ..archive.http import chunk_size
from .request import RequestError

BODY_SECONDS = 30.0
SLOWEST_BYTES_PER_SECOND = 100_000
# A chunk's size line with its extensions, or a trailer's line: a few dozen bytes in practice.
_LONGEST_LINE = 4096
_MOST_TRAILER_LINES = 100


def declared_length(headers: Message, most: int) -> int | None:
    """The body's length as its headers declare it, or None for a chunked body; a body of a
    length or a framing the server cannot trust, or too large, is refused before it is read."""
    if "Transfer-Encoding" in headers:
        _check_chunked_framing(headers)
        return None
    lengths = {
        value.strip()
        for header in headers.get_all("Content-Length", [])
        for value in header.split(",")
    }
    if len(lengths) > 1:
        # Where two lengths disagree, a proxy in front may have read the other one: the rest
        # of the bytes would be taken for another client's request.
        raise RequestError(400, f"the request declares {len(lengths)} different lengths")
    length = lengths.pop() if lengths else None
    if length is None or not (length.isascii() and length.isdigit()):  # not "²" or "٣"
        raise RequestError(
            411, "send the page with a Content-Length header, or chunked (Transfer-Encoding)"
        )
    size = int(length)
    if size > most:
        raise RequestError(413, f"the page has {size} bytes; this server takes at most {most}")
    return size


def _check_chunked_framing(headers: Message) -> None:
    if "Content-Length" in headers:
        # Which of the two frames the body is what request smuggling plays on: a proxy in
        # front may have read the one the server does not.
        raise RequestError(
            400, "the request declares both a Content-Length and a Transfer-Encoding; send one"
        )
    codings = [
        coding.strip().lower()
        for header in headers.get_all("Transfer-Encoding", [])
        for coding in header.split(",")
        if coding.strip()
    ]
    if not codings or codings[-1] != "chunked":
        raise RequestError(400, "a Transfer-Encoding must end in chunked")
    if codings != ["chunked"]:
        raise RequestError(
            501,
            "the server reads no transfer coding but chunked: send the page compressed with "
            "Content-Encoding: gzip instead",
        )


class BodyReader:
    """Reads one body from a connection's buffered stream, against a deadline that grows
    with the bytes the client announces (its length, or each chunk's size)."""

    def __init__(self, stream: io.BufferedReader, connection: socket.socket) -> None:
        self.stream = stream
        self.connection = connection
        self.started = time.monotonic()
        self.announced = 0

    def read(self, length: int | None, most: int) -> bytes:
        """The body: ``length`` bytes (fewer where the client closed the connection first),
        or with None, a chunked body of at most ``most`` bytes."""
        try:
            return self._exactly(length) if length is not None else self._chunked(most)
        except TimeoutError:
            raise self._too_slow() from None

    def _exactly(self, size: int) -> bytes:
        self.announced += size
        parts: list[bytes] = []
        got = 0
        while got < size:
            self._wait()
            part = self.stream.read1(min(size - got, 1 << 16))
            if not part:
                break
            parts.append(part)
            got += len(part)
        return b"".join(parts)

    def _chunked(self, most: int) -> bytes:
        """The chunks of a chunked body joined, its trailer read and dropped."""
        parts: list[bytes] = []
        got = 0
        while size := _chunk_size(self._line()):
            if got + size > most:
                raise RequestError(
                    413, f"the page has more than {most} bytes; this server takes at most {most}"
                )
            part = self._exactly(size)
            if len(part) < size or self._line():
                raise RequestError(
                    400, f"a chunk of the body does not hold the {size} bytes its size says"
                )
            parts.append(part)
            got += size
        for _ in range(_MOST_TRAILER_LINES):
            if not self._line():
                return b"".join(parts)
        raise RequestError(400, f"the body's trailer has more than {_MOST_TRAILER_LINES} lines")

    def _line(self) -> bytes:
        """The next line, without its end (CRLF, or LF alone as lenient readers take it)."""
        line = b""
        while True:
            self._wait()
            ahead = self.stream.peek(1)  # one read from the socket at most
            if not ahead:
                raise RequestError(400, "the body ended before its last chunk")
            room = _LONGEST_LINE + 1 - len(line)
            end = ahead.find(b"\n", 0, room)
            line += self.stream.read(end + 1 if end >= 0 else min(len(ahead), room))
            if end >= 0:
                return line.rstrip(b"\n").removesuffix(b"\r")
            if len(line) > _LONGEST_LINE:
                raise RequestError(400, f"a line of the chunked body is over {_LONGEST_LINE} bytes")

    def _wait(self) -> None:
        """Let the next read wait as long as the body's deadline leaves, else refuse it."""
        left = self.started + self._allowed() - time.monotonic()
        if left <= 0:
            raise self._too_slow()
        self.connection.settimeout(left)

    def _allowed(self) -> float:
        return BODY_SECONDS + self.announced / SLOWEST_BYTES_PER_SECOND

    def _too_slow(self) -> RequestError:
        return RequestError(408, f"the page's body did not come within {self._allowed():.0f} s")


def _chunk_size(line: bytes) -> int:
    size = chunk_size(line)
    if size is None:
        shown = line.split(b";", 1)[0][:20].decode("latin-1")
        raise RequestError(400, f"a chunk's size {shown!r} is not a hexadecimal number")
    return size
