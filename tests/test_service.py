"""The HTTP service: requests read from HTTP, answers equal to the library's, workers that
survive what a page does to them, and the server's routes and limits."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thresher
from thresher.batch import warm_up
from thresher.engines.pages import Failure, FailureKind, PagePool
from thresher.render.formats import render_document
from thresher.schema import json_schema
from thresher.service import (
    PARAMETERS,
    ExtractRequest,
    Reply,
    RequestError,
    ServiceLimits,
    answer,
    failure_reply,
    read_request,
    running_server,
)

from .conftest import load_case

LIMITS = ServiceLimits(max_bytes=1_000_000, time_limit_seconds=20.0)
PAGE, _ = load_case("0331")
PAGE_URL = "https://www.globaltravelerusa.com/what-are-the-top-u-s-rental-car-companies-of-2025/"


# -- reading requests ---------------------------------------------------------------------


def test_a_raw_body_is_the_page_and_its_content_type_declares_the_charset() -> None:
    request = read_request(
        "format=md&url=https%3A%2F%2Fexample.org%2Fa", "text/html; charset=ISO-8859-1", b"x", LIMITS
    )
    assert request.html == b"x"
    assert request.declared_charset == "ISO-8859-1"
    assert request.output_format == "md"
    assert request.url == "https://example.org/a"
    assert request.options.max_input_bytes == LIMITS.max_bytes


def test_a_compressed_body_is_unpacked_and_a_coding_the_service_lacks_is_refused() -> None:
    # Sent with Content-Encoding: gzip, or a page.html.gz sent as it is, the page reached the
    # library compressed and was refused as "gzip-compressed data, not HTML".
    page = b"<p>A page sent compressed, as a client may send any body.</p>"
    for coding, packed in (
        ("gzip", gzip.compress(page)),
        ("deflate", zlib.compress(page)),
        ("identity", page),
        ("gzip, gzip", gzip.compress(gzip.compress(page))),
        (None, gzip.compress(page)),
        ("gzip", gzip.compress(page[:20]) + gzip.compress(page[20:])),  # two members
    ):
        assert read_request("", "text/html", packed, LIMITS, coding).html == page, coding
    json_body = gzip.compress(json.dumps({"html": page.decode()}).encode())
    assert read_request("", "application/json", json_body, LIMITS, "gzip").html == page.decode()
    for coding, packed, status in (
        ("br", page, 415),
        ("gzip", page, 400),  # not gzip at all
        ("gzip", gzip.compress(b"<p>" + b"x" * 2_000_000), 413),  # unpacks past the limit
        # cut short, or with bytes after it: the page was taken as far as it went, in silence
        ("gzip", gzip.compress(page)[:-9], 400),
        ("gzip", gzip.compress(page) + b"<p>more</p>", 400),
    ):
        with pytest.raises(RequestError) as refused:
            read_request("", "text/html", packed, LIMITS, coding)
        assert refused.value.status == status, coding


def test_defaults_are_json_and_the_library_defaults() -> None:
    request = read_request("", None, b"<p>x</p>", LIMITS)
    assert request.output_format == "json"
    assert request.url is None and request.declared_charset is None
    assert request.with_front_matter
    defaults = thresher.Options()
    assert request.options.focus == defaults.focus
    assert request.options.include_tables and request.options.include_links
    assert not request.options.include_comments and not request.options.include_images
    assert not request.options.keep_teasers
    assert read_request("teasers=true", None, b"<p>x</p>", LIMITS).options.keep_teasers


def test_a_json_body_carries_the_page_and_parameters_beside_the_query() -> None:
    body = json.dumps({"html": "<p>café</p>", "comments": True, "focus": "recall"}).encode()
    request = read_request("tables=no", "application/json; charset=utf-8", body, LIMITS)
    assert request.html == "<p>café</p>"
    assert request.declared_charset is None  # the text is already text
    assert request.options.include_comments
    assert request.options.focus == thresher.Focus.RECALL
    assert not request.options.include_tables


@pytest.mark.parametrize(
    ("query", "content_type", "body", "status", "says"),
    [
        ("colour=red", None, b"x", 400, "unknown parameters colour"),
        ("format=pdf", None, b"x", 400, "format must be one of"),
        ("focus=most", None, b"x", 400, "focus must be one of"),
        ("comments=maybe", None, b"x", 400, "comments must be true or false"),
        ("format=md&format=txt", None, b"x", 400, "give each parameter once: format"),
        ("time_limit=soon", None, b"x", 400, "time_limit must be a number"),
        ("time_limit=600", None, b"x", 400, "at most 20 seconds"),
        ("", "application/json", b"{not json", 400, "not valid JSON"),
        ("", "application/json", b'["<p>x</p>"]', 400, '"html" is the page'),
        ("", "application/json", b'{"html": "x", "url": 3}', 400, "url must be a string"),
    ],
)
def test_a_request_the_service_cannot_follow_is_refused_with_what_to_send(
    query: str, content_type: str | None, body: bytes, status: int, says: str
) -> None:
    with pytest.raises(RequestError, match=says) as refused:
        read_request(query, content_type, body, LIMITS)
    assert refused.value.status == status


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    query=st.text(max_size=80) | st.sampled_from(["format=md&comments", "time_limit=1e309"]),
    content_type=st.none()
    | st.text(max_size=40)
    | st.sampled_from(["application/json", "multipart/form-data; boundary=b"]),
    body=st.binary(max_size=200)
    | st.lists(st.sampled_from(["page", "html", "format", "focus", "x"]), max_size=4).map(
        lambda names: _form(*[(name, b"md", None) for name in names])
    )
    | st.dictionaries(st.sampled_from([*PARAMETERS, "html", "other"]), _JSON_VALUES).map(
        lambda fields: json.dumps(fields).encode()
    ),
)
def test_any_request_is_read_or_refused_with_a_status(
    query: str, content_type: str | None, body: bytes
) -> None:
    try:
        request = read_request(query, content_type, body, LIMITS)
    except RequestError as refused:
        assert refused.status == 400 and str(refused)
        return
    assert isinstance(request.html, bytes | str)
    assert 0 < request.options.time_limit_seconds <= LIMITS.time_limit_seconds


def _form(*parts: tuple[str, bytes, str | None], boundary: str = "b") -> bytes:
    """A multipart/form-data body: (field name, value, file name or None) per part."""
    body = b""
    for name, value, filename in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if filename:
            body += b"Content-Type: text/html; charset=ISO-8859-1\r\n"
        body += b"\r\n" + value + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()


def test_a_form_sends_the_page_as_its_file_and_parameters_as_its_fields() -> None:
    body = _form(("page", b"<p>caf\xe9</p>", "a.html"), ("format", b"md", None))
    request = read_request("focus=recall", "multipart/form-data; boundary=b", body, LIMITS)
    assert request.html == b"<p>caf\xe9</p>"
    assert request.declared_charset == "iso-8859-1"  # the file part's own
    assert request.output_format == "md" and request.options.focus == thresher.Focus.RECALL
    for refused, says in (
        (_form(("format", b"md", None)), "the form holds no page"),
        (_form(("a", b"<p>1</p>", "a.html"), ("b", b"<p>2</p>", "b.html")), "one page"),
        (_form(("html", b"<p>1</p>", None), ("colour", b"red", None)), "unknown parameters"),
    ):
        with pytest.raises(RequestError, match=says):
            read_request("", "multipart/form-data; boundary=b", refused, LIMITS)


def test_service_limits_refuse_nonsense() -> None:
    for bad in ({"time_limit_seconds": float("nan")}, {"max_bytes": 0}, {"pending_per_worker": 0}):
        with pytest.raises(ValueError):
            ServiceLimits(**bad)  # type: ignore[arg-type]


def test_a_form_of_many_parts_is_refused_before_it_is_parsed() -> None:
    # The form parser reads about 10,000 parts a second in the server's own thread: a body of
    # a million tiny parts would hold it for minutes before any time limit applies.
    many = _form(("page", b"<p>x</p>", "a.html"), *((f"p{i}", b"x", None) for i in range(100_000)))
    started = time.process_time()
    with pytest.raises(RequestError, match="100001 parts"):
        read_request("", "multipart/form-data; boundary=b", many, LIMITS)
    assert time.process_time() - started < 0.5
    # the boundary written inside the page, not at a line's start, is no part
    page = b"<p>" + b"x --b " * 1000 + b"</p>"
    body = _form(("page", page, "a.html"), ("format", b"md", None))
    assert read_request("", "multipart/form-data; boundary=b", body, LIMITS).html == page


def test_flags_read_as_a_query_writes_them() -> None:
    request = read_request("comments&images=1&links=off&anatomy=yes", None, b"x", LIMITS)
    options = request.options
    assert options.include_comments and options.include_images and options.include_anatomy
    assert not options.include_links
    assert read_request("format=html", None, b"x", LIMITS).options.include_html
    assert read_request("", None, b"x", LIMITS).options.include_metadata
    assert not read_request("metadata=false", None, b"x", LIMITS).options.include_metadata
    assert read_request("time_limit=2.5", None, b"x", LIMITS).options.time_limit_seconds == 2.5


# -- answering ----------------------------------------------------------------------------


def _request(html: bytes | str, output_format: str = "json") -> ExtractRequest:
    return ExtractRequest(
        html=html,
        url=PAGE_URL,
        declared_charset=None,
        output_format=output_format,
        with_front_matter=True,
        options=thresher.Options(),
    )


def test_the_answer_is_the_library_output_in_the_format_asked_for() -> None:
    document = thresher.extract(PAGE, url=PAGE_URL)
    for output_format, media_type in (("json", "application/json"), ("md", "text/markdown")):
        reply = answer(_request(PAGE, output_format))
        assert reply.status == 200
        assert reply.media_type.startswith(media_type)
        assert reply.body.decode() == render_document(document, output_format)
    assert json.loads(answer(_request(PAGE)).body)["title"] == document.title


@pytest.mark.parametrize(
    ("page", "kind"),
    [(b"%PDF-1.7\n1 0 obj", "NotHTMLError"), (b"   ", "EmptyInputError")],
)
def test_a_page_thresher_cannot_read_is_refused_with_the_reason(page: bytes, kind: str) -> None:
    reply = answer(_request(page))
    assert reply.status == 422
    error = json.loads(reply.body)["error"]
    assert error["type"] == kind and error["status"] == 422 and error["message"]


# -- the pool -----------------------------------------------------------------------------


def echo_or_misbehave(job: str) -> Reply:
    """A stand-in task (spawned workers import it from here) that does to its worker what a
    bad page could: raise, crash the process, or never return."""
    if job == "raise":
        raise ValueError("no such page")
    if job == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if job == "hang":
        time.sleep(120)
    return Reply(200, "text/plain", job.encode())


@pytest.fixture(scope="module")
def pool() -> Iterator[PagePool]:
    with PagePool(1, echo_or_misbehave, warm=None, queue_seconds=1.0) as started:
        yield started


def test_a_worker_answers_and_survives_a_task_that_raises(pool: PagePool) -> None:
    assert pool.run("hello", 30).body == b"hello"
    failed = pool.run("raise", 30)
    assert failed == Failure(FailureKind.ERROR, "no such page", "ValueError")
    assert pool.run("again", 30).body == b"again"


def test_a_worker_that_crashes_is_replaced(pool: PagePool) -> None:
    crashed = pool.run("crash", 30)
    assert isinstance(crashed, Failure) and crashed.kind == FailureKind.DIED
    assert "SIGSEGV" in crashed.message
    assert pool.run("after", 30).body == b"after"
    assert pool.live == 1


def test_a_worker_that_hangs_is_stopped_at_the_hard_limit_and_replaced(pool: PagePool) -> None:
    began = time.monotonic()
    stuck = pool.run("hang", 1.0)
    assert isinstance(stuck, Failure) and stuck.kind == FailureKind.TIMEOUT
    assert time.monotonic() - began < 30  # the replacement's start included
    assert pool.run("after", 30).body == b"after"
    assert pool.live == 1


def test_a_job_waiting_longer_than_the_queue_allows_is_told_to_retry(pool: PagePool) -> None:
    blocker = threading.Thread(target=pool.run, args=("hang", 4.0))
    blocker.start()
    time.sleep(0.3)
    busy = pool.run("hello", 30)
    blocker.join()
    assert isinstance(busy, Failure) and busy.kind == FailureKind.BUSY
    assert pool.run("after", 30).body == b"after"


def test_a_job_that_cannot_reach_a_worker_fails_alone(pool: PagePool) -> None:
    unsendable = pool.run(threading.Lock(), 30)
    assert isinstance(unsendable, Failure) and unsendable.kind == FailureKind.ERROR
    assert "cannot be sent to a worker" in unsendable.message
    assert pool.run("after", 30).body == b"after"
    assert pool.live == 1


def test_no_workers_runs_the_task_in_the_calling_thread() -> None:
    with PagePool(0, echo_or_misbehave) as inline:
        assert inline.run("here", 1).body == b"here"
        assert inline.run("raise", 1).kind == FailureKind.ERROR


@pytest.mark.parametrize(
    ("failure", "status", "kind"),
    [
        (Failure(FailureKind.BUSY, "all busy"), 503, "Busy"),
        (Failure(FailureKind.TIMEOUT, "too slow"), 504, "Timeout"),
        (Failure(FailureKind.DIED, "crashed"), 500, "WorkerDied"),
        (Failure(FailureKind.ERROR, "no such page", "ValueError"), 500, "ValueError"),
    ],
)
def test_a_failure_in_the_pool_tells_the_client_what_to_do(
    failure: Failure, status: int, kind: str
) -> None:
    reply = failure_reply(failure)
    assert reply.status == status
    assert json.loads(reply.body)["error"] == {
        "status": status,
        "type": kind,
        "message": failure.message,
    }


# -- the server ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    workers = PagePool(1, answer, warm=warm_up)
    with workers, running_server(workers, LIMITS) as address:
        yield address


def _call(
    address: tuple[str, int],
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_service_answers_as_the_library_does(server: tuple[str, int]) -> None:
    expected = thresher.extract(PAGE, url=PAGE_URL).to_dict()
    path = f"/extract?url={PAGE_URL}"
    status, headers, body = _call(server, "POST", path, PAGE, {"Content-Type": "text/html"})
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == json.loads(json.dumps(expected))


def test_markdown_and_a_json_body(server: tuple[str, int]) -> None:
    page = PAGE.decode()
    expected = render_document(thresher.extract(page), "md", with_front_matter=False)
    body = json.dumps({"html": page, "format": "md", "front_matter": False}).encode()
    status, headers, answered = _call(
        server, "POST", "/extract", body, {"Content-Type": "application/json"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/markdown")
    assert answered.decode() == expected


def test_a_page_sent_as_a_form_file(server: tuple[str, int]) -> None:
    expected = render_document(thresher.extract(PAGE, url=PAGE_URL), "md")
    boundary = "thresher-test-7f3a9c"  # not in the page
    parts = (("page", PAGE, "page.html"), ("format", b"md", None), ("url", PAGE_URL.encode(), None))
    body = _form(*parts, boundary=boundary)
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    status, _, answered = _call(server, "POST", "/extract", body, headers)
    assert status == 200 and answered.decode() == expected


def test_a_gzipped_request_over_http(server: tuple[str, int]) -> None:
    expected = thresher.extract(PAGE, url=PAGE_URL).to_dict()
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    path = f"/extract?url={PAGE_URL}"
    status, _, body = _call(server, "POST", path, gzip.compress(PAGE), headers)
    assert status == 200 and json.loads(body) == json.loads(json.dumps(expected))
    status, _, body = _call(server, "POST", path, PAGE, {"Content-Encoding": "br"})
    assert status == 415 and json.loads(body)["error"]["type"] == "UnsupportedMediaType"


def test_requests_at_once_all_get_their_own_page(server: tuple[str, int]) -> None:
    pages = [
        f"<html><body><article><p>Page number {n} says its own words, {n} times over, "
        "in one paragraph of a plain article.</p></article></body></html>"
        for n in range(6)
    ]

    def text_of(page: str) -> str:
        _, _, body = _call(server, "POST", "/extract?format=txt", page.encode())
        return body.decode()

    with ThreadPoolExecutor(6) as requests:
        answered = list(requests.map(text_of, pages))
    assert answered == [thresher.extract(page).text for page in pages]
    assert all(f"Page number {n} " in text for n, text in enumerate(answered))


def test_a_burst_of_clients_connects_at_once(server: tuple[str, int]) -> None:
    """With Python's default queue of 5 unaccepted connections, a burst of clients lost
    handshakes and waited a second each for the kernel to retry them."""

    def connect_seconds(_: int) -> float:
        started = time.monotonic()
        with socket.create_connection(server, timeout=10):
            return time.monotonic() - started

    with ThreadPoolExecutor(64) as clients:
        waits = list(clients.map(connect_seconds, range(256)))
    assert max(waits) < 0.9
    assert _call(server, "GET", "/health")[0] == 200


def test_a_client_that_leaves_mid_request_leaves_no_traceback(
    server: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(20):
        client = socket.create_connection(server, timeout=10)
        client.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: 9999\r\n\r\n<p>")
        # closed at once with a reset, as a client that gives up does
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
    assert _call(server, "GET", "/health")[0] == 200
    time.sleep(0.5)
    assert "Traceback" not in capsys.readouterr().err


def test_health_schema_and_index(server: tuple[str, int]) -> None:
    status, _, body = _call(server, "GET", "/health")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["live_workers"] == 1
    assert health["schema_version"] == thresher.SCHEMA_VERSION
    assert json.loads(_call(server, "GET", "/schema")[2]) == json_schema()
    index = json.loads(_call(server, "GET", "/")[2])
    assert "POST /extract" in index["routes"] and "focus" in index["parameters"]


def test_wrong_routes_and_methods_say_what_exists(server: tuple[str, int]) -> None:
    status, _, body = _call(server, "GET", "/extracts")
    error = json.loads(body)["error"]
    assert status == 404 and "POST /extract" in error["message"] and error["type"] == "NotFound"
    status, headers, body = _call(server, "GET", "/extract")
    assert status == 405 and headers["Allow"] == "POST"
    assert json.loads(body)["error"]["type"] == "MethodNotAllowed"


def test_a_page_over_the_limit_is_refused_unread(server: tuple[str, int]) -> None:
    status, _, body = _call(server, "POST", "/extract", b"<p>" + b"x" * LIMITS.max_bytes)
    error = json.loads(body)["error"]
    assert status == 413 and error["type"] == "RequestEntityTooLarge"
    assert str(LIMITS.max_bytes) in error["message"]


def test_errors_named_after_their_status_keep_their_type_on_every_python(
    server: tuple[str, int],
) -> None:
    # Python 3.13 renamed 414 "URI Too Long" (and 413 "Content Too Large", which the test of
    # a page over the limit reads): the types a client reads stay the service's own
    status, _, body = _call(server, "GET", "/" + "a" * 70_000)
    assert status == 414 and json.loads(body)["error"]["type"] == "RequestURITooLong"


def test_a_page_sent_in_chunks_is_read_as_one_sent_whole(server: tuple[str, int]) -> None:
    # Clients send a body they stream in chunks: requests given a generator, httpx given an
    # iterator, Go's client given a reader of unknown length, a proxy that does not buffer
    expected = thresher.extract(PAGE, url=PAGE_URL).to_dict()
    pieces = [PAGE[start : start + 7_000] for start in range(0, len(PAGE), 7_000)]
    connection = http.client.HTTPConnection(*server, timeout=60)
    try:
        connection.request("POST", f"/extract?url={PAGE_URL}", body=iter(pieces))
        response = connection.getresponse()
        assert response.status == 200
        assert json.loads(response.read()) == json.loads(json.dumps(expected))
        # the connection stays open for the next request: the body was read to its end
        connection.request("POST", "/extract?format=txt", body=iter([b"<p>Next ", b"page</p>"]))
        response = connection.getresponse()
        assert response.status == 200 and response.read() == b"Next page"
        # and chunks of a compressed body are joined before it is unpacked
        packed = gzip.compress(b"<p>A page streamed compressed</p>")
        headers = {"Content-Encoding": "gzip"}
        pieces = [packed[:7], packed[7:]]
        connection.request("POST", "/extract?format=txt", body=iter(pieces), headers=headers)
        response = connection.getresponse()
        assert response.status == 200 and response.read() == b"A page streamed compressed"
    finally:
        connection.close()


def test_chunks_with_extensions_a_trailer_and_bare_line_feeds_are_read(
    server: tuple[str, int],
) -> None:
    request = (
        b"POST /extract?format=txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
        b"8;name=value\r\n<p>Hello\r\n"
        b"4\n</p>\n"  # line feeds alone, as lenient clients write them
        b"0\r\nChecksum: 1234\r\n\r\n"
    )
    answer = _raw_exchange(server, request)
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"Hello"), answer[-200:]


def test_a_body_without_a_length_or_chunks_is_refused(server: tuple[str, int]) -> None:
    answer = _raw_exchange(server, b"POST /extract HTTP/1.1\r\nHost: x\r\n\r\n<p>x</p>")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == b"411" and b"Content-Length" in body


def _raw_exchange(address: tuple[str, int], request: bytes, *, end: bool = False) -> bytes:
    """What the server answers to bytes sent as they are, up to its closing the connection;
    with ``end``, the client says it sends no more after them."""
    with socket.create_connection(address, timeout=30) as connection:
        connection.sendall(request)
        if end:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    ("framing", "piece"),
    [
        (b"Content-Length: 100000", b"<p>a few</p>"),
        (b"Transfer-Encoding: chunked", b"c\r\n<p>a few</p>\r\n"),
    ],
)
def test_a_body_that_comes_too_slowly_is_refused_and_frees_its_place(
    server: tuple[str, int], monkeypatch: pytest.MonkeyPatch, framing: bytes, piece: bytes
) -> None:
    # Each wait for bytes had a timeout, the whole body none: a client sending a byte a
    # minute held one of the places the server keeps for pages, for as long as it liked.
    from thresher.service import body as body_module

    monkeypatch.setattr(body_module, "BODY_SECONDS", 1.0)
    started = time.monotonic()
    with socket.create_connection(server, timeout=30) as connection:
        connection.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\n" + framing + b"\r\n\r\n")
        answer = b""
        with contextlib.suppress(OSError):  # the server closes on the rest of the body
            for _ in range(50):
                connection.sendall(piece)
                time.sleep(0.1)
                connection.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    answer += connection.recv(65536)
                connection.setblocking(True)
                if answer:
                    break
            # the answer's head and body may come apart: the rest, up to the server's close
            while chunk := connection.recv(65536):
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"did not come within" in answer and time.monotonic() - started < 4
    status, _, _ = _call(server, "POST", "/extract", PAGE, {"Content-Type": "text/html"})
    assert status == 200


@pytest.mark.parametrize(
    ("headers", "status", "words"),
    [
        # two lengths that disagree: a proxy in front may have read the other one, and taken
        # the rest of the bytes for the next request
        (b"Content-Length: 3\r\nContent-Length: 5\r\n", 400, b"different lengths"),
        (b"Content-Length: 3, 5\r\n", 400, b"different lengths"),
        # two framings: which one frames the body is what request smuggling plays on
        (b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400, b"send one"),
        (b"Transfer-Encoding: gzip\r\nContent-Length: 5\r\n", 400, b"send one"),
        # a transfer coding the server does not read, or a body it cannot tell the end of
        (b"Transfer-Encoding: gzip, chunked\r\n", 501, b"Content-Encoding: gzip"),
        (b"Transfer-Encoding: gzip\r\n", 400, b"end in chunked"),
        # digits that are not ASCII: Python calls them digits, int() does not read them all
        (b"Content-Length: \xb2\r\n", 411, b"Content-Length"),
    ],
)
def test_a_length_the_server_cannot_trust_is_refused_with_an_answer(
    server: tuple[str, int], headers: bytes, status: int, words: bytes
) -> None:
    answer = _raw_exchange(
        server, b"POST /extract HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n<p>x<"
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == str(status).encode(), answer[:120]
    assert json.loads(body)["error"]["status"] == status and words in body


_CHUNKED = b"POST /extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    ("chunks", "status", "words"),
    [
        (b"zz\r\n<p>x</p>\r\n0\r\n\r\n", 400, b"not a hexadecimal number"),
        (b"-5\r\n<p>x<\r\n0\r\n\r\n", 400, b"not a hexadecimal number"),
        (b"3\r\n<p>x</p>\r\n0\r\n\r\n", 400, b"the 3 bytes its size says"),
        (b"5\r\n<p>x<\r\n", 400, b"ended before its last chunk"),  # and no more comes
        (b"5" * 40 + b"\r\n", 400, b"not a hexadecimal number"),  # no page is that large
        (b"1;" + b"x" * 5000 + b"\r\n", 400, b"over 4096 bytes"),
        (b"f4241\r\n", 413, b"at most 1000000"),  # one chunk over the limit, refused unread
        (b"80000\r\n" + b"a" * 0x80000 + b"\r\n80000\r\n", 413, b"at most 1000000"),
        (b"1\r\na\r\n0\r\n" + b"X: y\r\n" * 101 + b"\r\n", 400, b"trailer"),
    ],
)
def test_a_chunked_body_the_server_cannot_read_is_refused_with_what_was_wrong(
    server: tuple[str, int], chunks: bytes, status: int, words: bytes
) -> None:
    answer = _raw_exchange(server, _CHUNKED + chunks, end=True)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == str(status).encode(), answer[:200]
    assert json.loads(body)["error"]["status"] == status and words in body, body


def test_head_answers_as_get_without_the_body(server: tuple[str, int]) -> None:
    # uptime monitors and some load balancers probe with HEAD
    status, headers, body = _call(server, "HEAD", "/health")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, headers, _ = _call(server, "HEAD", "/extract")
    assert status == 405 and headers["Allow"] == "POST"


def test_the_same_length_written_twice_is_read_once(server: tuple[str, int]) -> None:
    request = b"POST /extract?format=txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    answer = _raw_exchange(server, request + b"Content-Length: 12, 12\r\n\r\n<p>Hello</p>")
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"Hello"), answer[-120:]


def test_a_client_that_asks_first_is_refused_before_it_sends_the_page(
    server: tuple[str, int],
) -> None:
    too_large = LIMITS.max_bytes + 1
    head = (
        f"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: {too_large}\r\n"
        "Expect: 100-continue\r\n\r\n"
    )
    answer = _raw_exchange(server, head.encode())
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:80]
    assert b"100 Continue" not in answer


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"x" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"PUT /extract HTTP/1.1\r\nHost: x\r\n\r\n", 501),
    ],
)
def test_errors_http_server_finds_itself_come_as_json_too(
    server: tuple[str, int], request_bytes: bytes, status: int
) -> None:
    answer = _raw_exchange(server, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == str(status).encode()
    assert json.loads(body)["error"]["status"] == status


def test_not_html_and_bad_parameters_over_http(server: tuple[str, int]) -> None:
    status, _, body = _call(server, "POST", "/extract", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert status == 422 and json.loads(body)["error"]["type"] == "NotHTMLError"
    status, _, body = _call(server, "POST", "/extract?fromat=md", b"<p>x</p>")
    error = json.loads(body)["error"]
    assert status == 400 and error["type"] == "BadRequest" and "fromat" in error["message"]


def slow_on_request(request: ExtractRequest) -> Reply:
    """Extraction that dawdles over a page that says so (spawned workers import it)."""
    if request.html == b"slow":
        time.sleep(3)
    return answer(request)


def test_a_request_beyond_what_the_server_holds_is_told_to_retry_unread() -> None:
    limits = ServiceLimits(max_bytes=LIMITS.max_bytes, pending_per_worker=1)
    pool = PagePool(1, slow_on_request)
    with pool, running_server(pool, limits) as address:
        with ThreadPoolExecutor(1) as first:
            slow = first.submit(_call, address, "POST", "/extract?format=txt", b"slow")
            time.sleep(1)
            status, headers, body = _call(address, "POST", "/extract", b"<p>Words.</p>")
            assert status == 503 and headers["Retry-After"]
            assert json.loads(body)["error"]["type"] == "Busy"
            assert slow.result()[0] == 200
        # a page's place is free again as soon as its answer arrives, however fast the next
        # page follows
        for _ in range(20):
            assert _call(address, "POST", "/extract?format=txt", b"<p>Words.</p>")[0] == 200


# -- the command --------------------------------------------------------------------------


def test_thresher_serve_starts_answers_and_stops_on_sigterm() -> None:
    command = [sys.executable, "-m", "thresher.cli", "serve", "--port", "0", "--workers", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        banner = process.stderr.readline()
        assert "serving on http://127.0.0.1:" in banner, banner
        port = int(banner.split("http://127.0.0.1:")[1].split()[0])
        status, _, body = _call(("127.0.0.1", port), "POST", "/extract?format=txt", PAGE)
        assert status == 200 and body.decode() == thresher.extract(PAGE).text
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
