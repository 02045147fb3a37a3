"""Many pages at once: ``thresher extract`` over folders, in this process or on workers."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import signal
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thresher
from thresher import cli, inputs
from thresher.batch import Page, PageJob, PageOutput, _in_order, extract_many, render_pages
from thresher.cli import main
from thresher.engines.pages import Failure
from thresher.inputs import PAGE_SUFFIXES, Source, Unreadable, name_sources, read_named
from thresher.options import DEFAULT_OPTIONS
from thresher.render.formats import render_document
from thresher.unpack import Unpacked, unpack

from .conftest import CASES

SENTENCE = "<html><body><article><p>{} has a paragraph of its own words in it.</p></article>"


def read_sources(
    spec: str, max_bytes: int = DEFAULT_OPTIONS.max_input_bytes
) -> list[Source | Unreadable]:
    """What the command line reads of one argument: the pages it names, each read in turn."""
    return [
        item if isinstance(item, Unreadable) else read_named(item, max_bytes)
        for item in name_sources(spec)
    ]


def _folder_with_a_bad_page(root: Path) -> Path:
    pages = root / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(SENTENCE.format("The first page"))
    (pages / "b.html.gz").write_bytes(gzip.compress(b"<p>cut short</p>")[:10])  # its header alone
    (pages / "c.html").write_text(SENTENCE.format("The third page"))
    return pages


def test_a_page_that_cannot_be_read_loses_no_page_after_it(tmp_path: Path) -> None:
    items = list(read_sources(str(_folder_with_a_bad_page(tmp_path))))
    assert [type(item) for item in items] == [Source, Unreadable, Source]
    assert isinstance(items[1], Unreadable) and "not a readable gzip" in items[1].reason


def test_a_gzipped_page_cut_short_keeps_its_beginning_and_a_damaged_one_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # zlib's error on data damaged partway was no error thresher knew: thresher extract ended
    # in a traceback, and a folder holding such a page gave no output for any of its pages. A
    # download cut short was refused whole, though it holds the page's beginning.
    packed = (CASES / "0331" / "page.html.gz").read_bytes()
    whole = gzip.decompress(packed)
    damaged = bytearray(packed)
    damaged[2000:2040] = b"\xff" * 40
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (pages / "damaged.html.gz").write_bytes(bytes(damaged))
    cut, failed = read_sources(str(pages))
    assert isinstance(cut, Source) and whole.startswith(cut.data) and len(cut.data) > 20_000
    assert len(cut.notes) == 1 and "ends early" in cut.notes[0]
    assert isinstance(failed, Unreadable) and "not a readable gzip file" in failed.reason
    assert main(["extract", str(pages), "--format", "json"]) == 1
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "ends early" in record["warnings"][0]


def test_what_follows_the_gzip_data_is_read_on_or_told(tmp_path: Path) -> None:
    page = SENTENCE.format("A page in two members").encode()
    half = len(page) // 2
    for tail, data, notes in (
        (gzip.compress(page[half:]), page, 0),  # a second member, as gzip -c a b > c writes
        (b"\x00" * 512, page[:half], 0),  # zeros that pad the file
        (b"<junk/>", page[:half], 1),
    ):
        (tmp_path / "p.html.gz").write_bytes(gzip.compress(page[:half]) + tail)
        (source,) = read_sources(str(tmp_path / "p.html.gz"))
        assert isinstance(source, Source) and source.data == data
        assert len(source.notes) == notes


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000), st.integers(0, 5000), st.integers(0, 5000))
def test_gzip_data_cut_anywhere_unpacks_to_a_beginning_of_the_page(
    page: bytes, cut: int, limit: int
) -> None:
    packed = gzip.compress(page, mtime=0)
    unpacked = unpack(io.BytesIO(packed[:cut]).read, limit)
    assert page.startswith(unpacked.data) and len(unpacked.data) <= limit + 1
    if cut >= len(packed):
        assert unpacked == Unpacked(page[: limit + 1], "")
    elif len(unpacked.data) <= limit:
        assert unpacked.problem == "it ends early"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_after_gzip_s_first_ones_unpack_as_gzip_reads_them_or_say_why_not(
    tail: bytes,
) -> None:
    data = b"\x1f\x8b\x08" + tail
    unpacked = unpack(io.BytesIO(data).read, 1000)
    try:
        expected = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        assert unpacked.problem and len(unpacked.data) <= 1001
    else:
        assert unpacked == Unpacked(expected[:1001], "")


def test_extract_starts_no_more_workers_than_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # --workers 5000 for a folder of two pages started 5000 Pythons, and the run did not end
    # (the machine ran out of memory first)
    pages = _folder_with_a_bad_page(tmp_path)
    asked = []
    real = cli.render_pages
    monkeypatch.setattr(
        cli,
        "render_pages",
        lambda items, workers, seconds: asked.append(workers) or real(items, workers, seconds),
    )
    assert main(["extract", str(pages), "--workers", "64"]) == 1
    assert asked == [3] and capsys.readouterr().out.count("has a paragraph") == 2


def test_a_file_is_read_no_further_than_one_page_may_hold(tmp_path: Path) -> None:
    # A file of many gigabytes, or a small gzip that unpacks to them, is not read whole into
    # memory to be cut afterwards: it is read up to the limit, and the cut is told.
    page = (SENTENCE.format("A long page") * 200).encode()
    (tmp_path / "long.html").write_bytes(page)
    (tmp_path / "long.html.gz").write_bytes(gzip.compress(page))
    for name, says in (
        ("long.html", f"holds {len(page):,} bytes"),
        ("long.html.gz", "decompresses"),
    ):
        (source,) = read_sources(str(tmp_path / name), max_bytes=5_000)
        assert isinstance(source, Source) and source.data == page[:5_000]
        assert len(source.notes) == 1 and says in source.notes[0] and "5,000" in source.notes[0]
    (small,) = read_sources(str(tmp_path / "long.html"), max_bytes=len(page))
    assert isinstance(small, Source) and small.data == page and small.notes == ()


def test_a_page_is_unpacked_when_its_bytes_are_gzip_whatever_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # curl writes a compressed answer out as it came, and a saved page can keep one under
    # the page's own name: both were refused as "gzip-compressed data, not HTML".
    page = SENTENCE.format("A page sent compressed").encode()
    (tmp_path / "saved.html").write_bytes(gzip.compress(page))
    (source,) = read_sources(str(tmp_path / "saved.html"))
    assert isinstance(source, Source) and source.data == page and source.notes == ()
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(gzip.compress(page))))
    )
    (piped,) = read_sources("-")
    assert isinstance(piped, Source) and piped.data == page
    # and a page named .gz that is not compressed is read as it is, with a word about it
    (tmp_path / "plain.html.gz").write_bytes(page)
    (plain,) = read_sources(str(tmp_path / "plain.html.gz"))
    assert isinstance(plain, Source) and plain.data == page
    assert plain.notes == ("named .gz but not gzip-compressed: read as it is",)


def test_standard_input_and_a_pipe_are_read_as_far_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (SENTENCE.format("A piped page") * 200).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page)))
    (source,) = read_sources("-", max_bytes=5_000)
    assert isinstance(source, Source) and source.data == page[:5_000]
    assert source.notes and source.notes[0].startswith("standard input holds more than the 5,000")
    # a named pipe, as the shell makes for thresher extract <(curl -s URL): read, not refused
    # as a missing file
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(page,))
    writer.start()
    (piped,) = read_sources(str(pipe))
    writer.join()
    assert isinstance(piped, Source) and piped.data == page and piped.notes == ()


def test_a_fetched_page_is_read_as_far_as_a_file(tmp_path: Path) -> None:
    page = (SENTENCE.format("A served page") * 200).encode()
    (tmp_path / "page.html").write_bytes(page)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/page.html"
    try:
        (whole,) = read_sources(address)
        (cut,) = read_sources(address, max_bytes=5_000)
    finally:
        server.shutdown()
        server.server_close()
    assert isinstance(whole, Source) and whole.data == page and whole.notes == ()
    assert isinstance(cut, Source) and cut.data == page[:5_000]
    assert cut.notes and cut.notes[0].startswith("the page holds more than the 5,000 bytes")


class _OddServer(http.server.BaseHTTPRequestHandler):
    """Answers as servers in the wild do: a body cut short of its announced length or of its
    last chunk, a body gzipped unasked or only to a client that asks, a status line that is
    no HTTP."""

    page = (SENTENCE.format("An odd server's page") * 50).encode()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/negotiated":  # only compressed, to a client that reads gzip
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                self.send_error(406)
                return
            body = gzip.compress(self.page)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
            return
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\n" % (2_000, self.page[:2_000]))  # no last chunk
            self.close_connection = True
            return
        body = gzip.compress(self.page) if self.path == "/gzipped" else self.page[:3_000]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path == "/gzipped":
            self.send_header("Content-Encoding", "gzip")
        length = len(body) if self.path == "/gzipped" else len(self.page)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, *_: object) -> None:
        pass


def test_odd_servers_give_what_they_sent_or_a_fetch_error() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OddServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        (cut,) = read_sources(f"{origin}/cut")
        (gzipped,) = read_sources(f"{origin}/gzipped")
        (garbage,) = read_sources(f"{origin}/garbage")
        (chunked,) = read_sources(f"{origin}/chunked")
        (negotiated,) = read_sources(f"{origin}/negotiated")
        (short,) = read_sources(f"{origin}/negotiated", max_bytes=1_000)
    finally:
        server.shutdown()
        server.server_close()
    assert isinstance(cut, Source) and cut.data == _OddServer.page[:3_000]
    assert cut.notes == (
        f"the server closed the connection after 3,000 of the {len(_OddServer.page):,} "
        "announced bytes: read as sent",
    )
    assert isinstance(gzipped, Source) and gzipped.data == _OddServer.page
    assert isinstance(garbage, Unreadable) and "could not fetch" in garbage.reason
    assert isinstance(chunked, Source) and chunked.data == _OddServer.page[:2_000]
    assert chunked.notes and "after 2,000 bytes, before the answer's end" in chunked.notes[0]
    # asked for compressed, as browsers ask, and unpacked no further than a page may hold
    assert isinstance(negotiated, Source) and negotiated.data == _OddServer.page
    assert negotiated.notes == ()
    assert isinstance(short, Source) and short.data == _OddServer.page[:1_000]
    assert short.notes and "1,000" in short.notes[0]


class _SlowServer(http.server.BaseHTTPRequestHandler):
    """Sends its page a few bytes at a time, each within any timeout of a single wait."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        page = SENTENCE.format("A page that comes slowly").encode() * 20
        self.send_response(200)
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        for start in range(0, len(page), 40):
            try:
                self.wfile.write(page[start : start + 40])
                self.wfile.flush()
            except OSError:  # the reader has stopped reading
                return
            time.sleep(0.1)

    def log_message(self, *_: object) -> None:
        pass


def test_a_server_that_sends_too_slowly_gives_what_came_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The fetch's timeout bounds each wait, not the whole: a page sent a byte at a time, each
    # in time, held the command line for as long as the server kept sending.
    monkeypatch.setattr(inputs, "FETCH_DEADLINE_SECONDS", 1.0)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started = time.monotonic()
    try:
        (slow,) = read_sources(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert time.monotonic() - started < 5
    assert isinstance(slow, Source) and 0 < len(slow.data) < 2_000
    assert slow.data.startswith(b"<") and "after 1 s, not the whole page" in slow.notes[0]


@pytest.mark.parametrize(
    "address", ["http://[::1", "http://example.org:port/", "http://exa mple.org/"]
)
def test_an_address_urllib_refuses_is_a_fetch_error_not_a_crash(address: str) -> None:
    (refused,) = read_sources(address)
    assert isinstance(refused, Unreadable) and refused.reason.startswith(address)


def test_the_command_line_reads_a_huge_sparse_file_without_running_out_of_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as stream:  # 64 GB of nothing, written as a hole: no disk is used
        stream.write(SENTENCE.format("The opening").encode())
        stream.truncate(64 * 1024**3)
    if huge.stat().st_blocks * 512 > 2**30:
        huge.unlink()
        pytest.skip("this file system stores no holes")
    started = time.monotonic()
    main(["extract", str(huge)])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err and "MemoryError" not in printed.err
    assert "huge.html" in printed.err  # its error or its warning, named
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("workers", ["1", "2"])
def test_extract_reads_every_page_of_a_folder_and_names_the_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    pages = _folder_with_a_bad_page(tmp_path)
    assert main(["extract", str(pages), "--workers", workers]) == 1
    printed = capsys.readouterr()
    assert printed.out.index("The first page") < printed.out.index("The third page")
    assert f"{pages / 'b.html.gz'}: not a readable gzip file" in printed.err


def test_workers_give_what_one_process_gives_in_the_same_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = sorted(path for path in CASES.rglob("*") if path.name.endswith(PAGE_SUFFIXES))
    pages = [
        gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in paths
    ]
    assert len(pages) > 20
    expected = "\n".join(
        f"==> {path} <==\n" + render_document(thresher.extract(page), "md") + "\n"
        for path, page in zip(paths, pages)
    )
    assert main(["extract", str(CASES), "--format", "md"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["extract", str(CASES), "--format", "md", "--workers", "2"]) == 0
    assert capsys.readouterr().out == expected


def test_pages_printed_together_are_each_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = _folder_with_a_bad_page(tmp_path)
    assert main(["extract", str(pages), "--format", "json"]) == 1
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(found["source"]).name for found in objects] == ["a.html", "c.html"]
    assert "first page" in objects[0]["text"] and "third page" in objects[1]["text"]
    assert main(["extract", str(pages), "--format", "txt"]) == 1
    printed = capsys.readouterr().out
    assert printed.startswith(f"==> {pages / 'a.html'} <==\n")
    assert f"\n\n==> {pages / 'c.html'} <==\nThe third page" in printed
    assert "b.html.gz <==" not in printed  # it failed, and standard error says why
    assert main(["extract", str(pages / "a.html")]) == 0
    assert "==>" not in capsys.readouterr().out  # one page alone needs no name


def test_a_file_name_that_is_not_utf8_is_named_in_escapes_that_utf8_output_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        (tmp_path / os.fsdecode(b"caf\xe9.html")).write_text(SENTENCE.format("A Latin-1 name"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    (tmp_path / "plain.html").write_text(SENTENCE.format("A plain name"))
    assert main(["extract", str(tmp_path), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    printed.encode("utf-8")  # no lone surrogate from the file system's bytes
    assert json.loads(printed.splitlines()[0])["source"] == f"{tmp_path}/caf\\xe9.html"
    assert main(["extract", str(tmp_path), "--format", "txt"]) == 0
    printed = capsys.readouterr().out
    printed.encode("utf-8")
    assert printed.startswith(f"==> {tmp_path}/caf\\xe9.html <==\n")


def test_outputs_mirror_the_folder_so_pages_of_one_name_do_not_collide(tmp_path: Path) -> None:
    pages = tmp_path / "site"
    for section in ("news", "sport"):
        (pages / section).mkdir(parents=True)
        (pages / section / "index.html").write_text(SENTENCE.format(f"The {section} index"))
    out = tmp_path / "out"
    assert main(["extract", str(pages), "-o", str(out), "--workers", "2"]) == 0
    assert "The news index" in (out / "news" / "index.txt").read_text()
    assert "The sport index" in (out / "sport" / "index.txt").read_text()


def test_render_pages_keeps_the_place_of_what_could_not_be_read() -> None:
    options = thresher.Options()
    jobs: list[PageJob | PageOutput] = [
        PageJob(Source(f"p{n}", SENTENCE.format(f"Page {n}").encode()), None, options, "txt")
        for n in range(5)
    ]
    jobs.insert(2, PageOutput("gone", None, error="gone: no such file"))
    for workers in (1, 2):
        outputs = list(render_pages(jobs, workers))
        assert [output.name for output in outputs] == ["p0", "p1", "gone", "p2", "p3", "p4"]
        assert outputs[2].text is None and outputs[2].error == "gone: no such file"
        assert all(f"Page {n}" in (o.text or "") for n, o in enumerate(outputs[:2]))


def test_extract_many_gives_each_page_its_document_or_error_in_order() -> None:
    pages: list[Page] = [
        SENTENCE.format("The first page"),
        b"%PDF-1.7\n1 0 obj",
        (SENTENCE.format("The third page").encode(), "https://example.org/third"),
    ]
    for workers in (1, 2):
        first, refused, third = extract_many(pages, workers=workers)
        assert isinstance(first, thresher.Document) and "The first page" in first.text
        assert isinstance(refused, thresher.NotHTMLError)
        assert str(refused) == str(thresher.NotHTMLError("a PDF document"))
        assert isinstance(third, thresher.Document) and third.url == "https://example.org/third"
        assert third == thresher.extract(pages[2][0], url=pages[2][1])  # type: ignore[index]


def test_extract_many_brings_comments_and_anatomy_back_from_its_workers() -> None:
    seed = (CASES / "seed-opinion" / "page.html").read_bytes()
    options = thresher.Options(include_anatomy=True)
    (in_process,) = extract_many([seed], options=options, workers=1)
    (from_worker,) = extract_many([seed], options=options, workers=2)
    assert isinstance(from_worker, thresher.Document)
    assert from_worker == in_process and len(from_worker.comments) >= 2


def shout_or_crash(job: str) -> str:
    """A stand-in task (spawned workers import it from here) whose worker dies on "crash"."""
    if job == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return job.upper()


def test_a_job_whose_worker_dies_fails_alone_and_in_its_place() -> None:
    def failed(job: str, failure: Failure) -> str:
        return f"{job} failed: {failure.kind}"

    jobs = ["a", "b", "crash", "c", "d", "e"]
    results = list(_in_order(jobs, 2, shout_or_crash, 30.0, failed))
    assert results == ["A", "B", "crash failed: died", "C", "D", "E"]
