"""The HTTP server: routes, limits on what a client may send, and the pool behind them.

    POST /extract   the page in the body (or JSON {"html": ...}); PARAMETERS in the query
    GET  /health    {"status": "ok", ...}: for load balancers and readiness probes
    GET  /schema    the JSON Schema of format=json
    GET  /          what the service offers, with every parameter

HEAD answers as GET does, without the body. How a request's body is read, and within what
limits, is ``body.py``'s.

The standard library's threading server is enough here: each connection has a thread that
mostly waits on its worker process, where the CPU work happens.
"""

from __future__ import annotations

import contextlib
import io
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import urlsplit

from .. import __version__
from ..batch import warm_up
from ..document import SCHEMA_VERSION
from ..engines.pages import Failure, PagePool, hard_limit
from ..schema import json_schema
from .answer import Reply, answer, error_reply, failure_reply, json_reply
from .body import BodyReader, declared_length
from .request import PARAMETERS, RequestError, ServiceLimits, read_request

_LINGER_SECONDS = 2.0
_ROUTES = {"/extract": "POST", "/health": "GET", "/schema": "GET", "/": "GET"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The queue of connections the kernel completes before the server accepts them; Python's
    # default of 5 made a burst of clients wait a second each for a retried handshake.
    request_queue_size = socket.SOMAXCONN

    def __init__(
        self, address: tuple[str, int], pool: PagePool, limits: ServiceLimits, quiet: bool
    ) -> None:
        super().__init__(address, _Handler)
        self.pool = pool
        self.limits = limits
        self.quiet = quiet
        self.capacity = max(pool.workers, 1) * limits.pending_per_worker
        self.admission = threading.BoundedSemaphore(self.capacity)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that leaves before its answer is written is no fault of the server's, and
        a traceback per such client would bury the log."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = f"thresher/{__version__}"
    timeout = 60  # seconds a client may stall while sending; then its connection closes
    # The headers and the body go out in two writes; with Nagle's algorithm on, a client that
    # delays its acknowledgements would wait some 40 ms for the body of every answer.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = urlsplit(self.path).path
        if path == "/health":
            health = self._health()
            self._send(json_reply(health, 503 if health["status"] == "down" else 200))
        elif path == "/schema":
            self._send(json_reply(json_schema()))
        elif path == "/":
            self._send(json_reply(self._index()))
        else:
            self._refuse_route(path)

    def do_HEAD(self) -> None:  # noqa: N802 - a monitor's probe: GET's answer without its body
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        target = urlsplit(self.path)
        if target.path != "/extract":
            self._refuse_route(target.path)
            return
        if not self.server.admission.acquire(blocking=False):
            self.close_connection = True
            message = f"the server holds {self.server.capacity} pages already; retry later"
            self._send(error_reply(503, "Busy", message))
            self._linger()
            return
        try:
            reply, unread = self._extract(target.query)
        finally:
            # The page's place frees once its answer is made, before it is sent: a client
            # that sends its next page as soon as it has the answer must find the place free.
            self.server.admission.release()
        self._send(reply)
        if unread:
            self._linger()

    def _extract(self, query: str) -> tuple[Reply, bool]:
        """The answer to an extraction request, and whether the request's body went unread."""
        try:
            body = self._body()
            request = read_request(
                query,
                self.headers.get("Content-Type"),
                body,
                self.server.limits,
                self.headers.get("Content-Encoding"),
            )
        except RequestError as error:
            reply = error_reply(error.status, _status_type(error.status), str(error))
            return reply, self.close_connection
        reply = self.server.pool.run(request, hard_limit(request.options.time_limit_seconds))
        return (failure_reply(reply) if isinstance(reply, Failure) else reply), False

    def _body(self) -> bytes:
        length = self._acceptable_length()
        # http.server reads the connection through a buffered reader (its rbufsize is -1)
        stream = cast(io.BufferedReader, self.rfile)
        try:
            return BodyReader(stream, self.connection).read(length, self.server.limits.max_bytes)
        except RequestError:
            self.close_connection = True  # what is left of the body is unread
            raise
        finally:
            self.connection.settimeout(self.timeout)

    def _acceptable_length(self) -> int | None:
        """The body's declared length (None: chunked); a body too large, or framed in a way the
        server cannot trust, is refused before it is read (and the connection closed, the body
        unread)."""
        try:
            return declared_length(self.headers, self.server.limits.max_bytes)
        except RequestError:
            self.close_connection = True
            raise

    def _linger(self) -> None:
        """After refusing a body unread: drop what the client still sends, for a moment, so
        that the refusal reaches it (a socket closed on unread data is reset, and the client
        may lose the answer with it)."""
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(_LINGER_SECONDS)
            until = time.monotonic() + _LINGER_SECONDS
            while time.monotonic() < until and self.connection.recv(65536):
                pass

    def handle_expect_100(self) -> bool:
        """A client that asks before sending its body (curl does, for bodies over 1 KB) is
        refused before it sends a body the server would not read."""
        try:
            self._acceptable_length()
        except RequestError as error:
            self._send(error_reply(error.status, _status_type(error.status), str(error)))
            return False
        return super().handle_expect_100()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by http.server itself (a request line it cannot read, a method no
        route takes) in the service's JSON form too."""
        self.close_connection = True
        self._send(error_reply(code, _status_type(code), message or explain or str(code)))

    def _refuse_route(self, path: str) -> None:
        method = _ROUTES.get(path)
        if method is None:
            known = ", ".join(f"{verb} {route}" for route, verb in _ROUTES.items())
            message = f"no {path}; this service offers {known}"
            self._send(error_reply(404, _status_type(404), message))
        else:
            reply = error_reply(405, _status_type(405), f"{path} takes {method}")
            self._send(reply, {"Allow": method})

    def _send(self, reply: Reply, headers: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.media_type)
        self.send_header("Content-Length", str(len(reply.body)))
        if reply.status == 503:
            self.send_header("Retry-After", "5")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _health(self) -> dict[str, Any]:
        """Status "ok"; "degraded" when workers that died could not be replaced; "down" when
        none is left."""
        pool = self.server.pool
        live = pool.live
        status = "ok" if live == pool.workers else "degraded" if live else "down"
        return {
            "status": status,
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "workers": pool.workers,
            "live_workers": live,
        }

    def _index(self) -> dict[str, Any]:
        return {
            "service": "thresher",
            "version": __version__,
            "routes": {f"{verb} {route}": route for route, verb in _ROUTES.items()},
            "parameters": PARAMETERS,
            "max_bytes": self.server.limits.max_bytes,
            "time_limit_seconds": self.server.limits.time_limit_seconds,
        }

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        if not self.server.quiet:
            super().log_message(format, *args)


# The types of the errors named after their status, fixed here: Python's own names for them
# follow the HTTP standard's wording, which changed (3.13 calls 413 "Content Too Large"), and
# a client that reads the type must get the same one whatever Python runs the service.
_STATUS_TYPES = {
    400: "BadRequest",
    404: "NotFound",
    405: "MethodNotAllowed",
    408: "RequestTimeout",
    411: "LengthRequired",
    413: "RequestEntityTooLarge",
    414: "RequestURITooLong",
    415: "UnsupportedMediaType",
    431: "RequestHeaderFieldsTooLarge",
    500: "InternalServerError",
    501: "NotImplemented",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
    505: "HTTPVersionNotSupported",
}


def _status_type(code: int) -> str:
    """An error's type named after its status: 413 -> "RequestEntityTooLarge"."""
    if code in _STATUS_TYPES:
        return _STATUS_TYPES[code]
    try:
        return "".join(ch for ch in HTTPStatus(code).phrase.title() if ch.isalnum())
    except ValueError:
        return "Error"


def make_server(
    host: str, port: int, pool: PagePool, limits: ServiceLimits, *, quiet: bool = False
) -> _Server:
    """A server bound to ``host:port`` (port 0: any free port, see ``server_address``), not
    yet serving: call ``serve_forever`` and, from another thread, ``shutdown``."""
    return _Server((host, port), pool, limits, quiet)


@contextlib.contextmanager
def running_server(
    pool: PagePool,
    limits: ServiceLimits,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    quiet: bool = True,
) -> Iterator[tuple[str, int]]:
    """A server answering in a background thread while the block runs; yields its address
    (with port 0, the free port it bound). The pool stays the caller's."""
    with make_server(host, port, pool, limits, quiet=quiet) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield host, server.server_address[1]
        finally:
            server.shutdown()
            thread.join()


def serve(
    host: str, port: int, workers: int, limits: ServiceLimits, *, quiet: bool = False
) -> None:
    """Serve until interrupted (Ctrl-C, or SIGTERM as a container's stop sends it), then stop
    the workers."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    pool = PagePool(workers, answer, warm=warm_up)
    with pool, make_server(host, port, pool, limits, quiet=quiet) as server:
        bound_port = server.server_address[1]
        print(
            f"thresher {__version__}: serving on http://{host}:{bound_port} with "
            f"{workers} workers; POST pages to /extract (Ctrl-C stops)",
            file=sys.stderr,
            flush=True,
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("thresher: stopping", file=sys.stderr)
