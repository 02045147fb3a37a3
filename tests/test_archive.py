"""The archive layer: reading WARC/ARC files, damaged ones included, and the ledger of each file.

Invariant checked everywhere: records read == extracted + skipped + failed, and no record of an
undamaged part of a file goes missing.
"""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastwarc")
pytest.importorskip("pyarrow")

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from bench.warcs import Page, http_response, page_records, warc_record, write_warc  # noqa: E402
from tests.conftest import SHARED_DATA, case_ids, load_case  # noqa: E402
from thresher.archive import (  # noqa: E402
    ArchiveOptions,
    Ledger,
    arrow_schema,
    iter_archive,
    process_archive,
    read_done,
    shard_path,
    to_layout,
)
from thresher.archive.http import BodyTooLarge, parse_response  # noqa: E402

SAMPLES = SHARED_DATA / "warc-samples"
CASE_PAGE = load_case(case_ids()[0])[0]


def pages(count: int = 6) -> list[Page]:
    chosen = case_ids()[:count]
    return [Page(load_case(case)[1]["url"], load_case(case)[0]) for case in chosen]


def ledger_of(path: Path, options: ArchiveOptions | None = None) -> tuple[Ledger, list]:
    ledger, outcomes = Ledger(str(path)), []
    for outcome in iter_archive(path, options):
        ledger.add(outcome)
        outcomes.append(outcome)
    assert ledger.balanced
    return ledger, outcomes


def records_of(items: list[Page]) -> list[bytes]:
    return [record for page in items for record in page_records(page)]


# -- HTTP bodies as crawlers stored them ------------------------------------------------------


def test_bare_lf_headers_are_read() -> None:
    response = parse_response(b"HTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>hi</p>", 1000)
    assert response.status == 200 and response.content_type == "text/html"
    assert response.body == b"<p>hi</p>"


def test_chunked_body_is_decoded_and_stale_chunked_header_is_ignored() -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n"
    )
    assert parse_response(chunked, 1000).body == b"<p>ab</p>"
    stale = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html><p>ab</p></html>"
    response = parse_response(stale, 1000)
    assert response.body == b"<html><p>ab</p></html>" and response.notes


T = TypeVar("T")


def _within(seconds: float, call: Callable[[], T]) -> T:
    """What ``call`` returns, failing the test (not hanging it) where it does not end."""
    results: list[T] = []
    worker = threading.Thread(target=lambda: results.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return results[0]


_CHUNK_LINE_BYTES = [b"-", b"0", b"1", b"3", b"a", b"f", b"x", b"_", b"+", b" ", b";", b"\r", b"\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CHUNK_LINE_BYTES), max_size=16).map(b"".join))
@example(b"-013\n \n\n_")  # a negative size read the body backwards, without end
@example(b"-3\r\nabc\r\n0\r\n\r\n")
@example(b"0x3\r\nabc\r\n0\r\n\r\n")
@example(b"1_0\r\n" + b"a" * 16 + b"\r\n0\r\n\r\n")
def test_any_chunked_body_is_read_to_an_end_and_never_grows(body: bytes) -> None:
    block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    response = _within(5, lambda: parse_response(block, 1000))
    assert len(response.body) <= len(body)
    first_line, ends = body.partition(b"\n")[:2]
    if not ends or not any(digit in b"013af" for digit in first_line):
        assert response.body == body  # no chunk size first: the body as it was stored


def test_lying_content_encoding_keeps_the_stored_body() -> None:
    block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<html>plain</html>"
    response = parse_response(block, 1000)
    assert response.body == b"<html>plain</html>"
    assert "does not match" in response.notes[0]


def test_gzip_and_raw_deflate_bodies_are_decoded() -> None:
    gz = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(b"<p>x</p>")
    assert parse_response(gz, 1000).body == b"<p>x</p>"
    raw = zlib.compressobj(wbits=-15)
    deflated = raw.compress(b"<p>y</p>") + raw.flush()
    block = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + deflated
    assert parse_response(block, 1000).body == b"<p>y</p>"


@pytest.mark.parametrize("coding", ["gzip", ""])
def test_a_compressed_body_cut_short_keeps_its_beginning_and_a_damaged_one_says_so(
    coding: str,
) -> None:
    # A body cut short was unpacked as far as it went without a word of the cut; one damaged
    # partway is kept as stored, as what unpacks before zlib finds the damage may be garbage
    page = (CASE_PAGE * 3)[:60_000]
    packed = gzip.compress(page, mtime=0)
    damaged = bytearray(packed)
    damaged[len(packed) // 2 : len(packed) // 2 + 40] = b"\xff" * 40
    head = b"HTTP/1.1 200 OK\r\n" + (f"Content-Encoding: {coding}\r\n" if coding else "").encode()
    cut = parse_response(head + b"\r\n" + packed[: len(packed) // 2], 1_000_000)
    assert page.startswith(cut.body) and len(cut.body) > len(page) // 4
    assert "ends early" in cut.notes[-1]
    kept = parse_response(head + b"\r\n" + bytes(damaged), 1_000_000)
    assert kept.body == bytes(damaged) and "damaged" in kept.notes[-1]


def test_a_gzip_body_under_no_content_encoding_is_unpacked() -> None:
    # It reached the extraction compressed, and the record failed as "gzip-compressed data"
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + gzip.compress(b"<p>z</p>")
    response = parse_response(block, 1000)
    assert response.body == b"<p>z</p>" and "under no Content-Encoding" in response.notes[0]
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(BodyTooLarge):
        parse_response(b"HTTP/1.1 200 OK\r\n\r\n" + bomb, 1_000_000)


def test_compression_bomb_is_capped() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    with pytest.raises(BodyTooLarge):
        parse_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb, 1_000_000)


# -- archives the tests build ------------------------------------------------------------------


@pytest.mark.parametrize("members", [True, False], ids=["gzip-members", "plain"])
def test_every_page_of_a_clean_archive_is_extracted(tmp_path: Path, members: bool) -> None:
    items = pages()
    path = write_warc(tmp_path / "a.warc.gz", records_of(items), gzip_members=members)
    ledger, outcomes = ledger_of(path)
    assert ledger.read == 2 * len(items)
    assert ledger.extracted == len(items) and ledger.skipped["record type request"] == len(items)
    extracted = [o for o in outcomes if o.status == "extracted"]
    assert [o.info.url for o in extracted] == [page.url for page in items]
    # byte ranges are exact: reading the range back gives the same record again
    data = path.read_bytes()
    for outcome in extracted:
        info = outcome.info
        assert info.length is not None
        piece = data[info.offset : info.offset + info.length]
        assert (gzip.decompress(piece) if members else piece).startswith(b"WARC/1.1")


@pytest.mark.parametrize("members", [True, False], ids=["gzip-members", "plain"])
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.93, 0.999])
def test_truncated_archive_loses_only_what_is_cut(
    tmp_path: Path, members: bool, fraction: float
) -> None:
    items = pages()
    full = write_warc(tmp_path / "full.warc", records_of(items), gzip_members=members)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * fraction)])
    ledger, outcomes = ledger_of(cut)
    whole, _ = ledger_of(full)
    assert ledger.read <= whole.read
    cut_records = [o for o in outcomes if o.info.notes and o.info.notes[0].startswith("truncated")]
    assert ledger.truncated == [o.info.offset for o in cut_records]
    if not members:  # in a plain file, the record the cut falls into is reported as cut short
        assert len(ledger.truncated) + ledger.failed.__len__() >= 1


def test_garbage_between_gzip_members_is_skipped_and_reported(tmp_path: Path) -> None:
    items = pages()
    members = [gzip.compress(record) for record in records_of(items)]
    damaged = b"".join(members[:3]) + b"\x00garbage\xff" * 50 + b"".join(members[3:])
    path = tmp_path / "g.warc.gz"
    path.write_bytes(damaged)
    ledger, _ = ledger_of(path)
    assert ledger.extracted == len(items)
    assert len(ledger.failed) == 1 and "unreadable" in ledger.failed[0]["reason"]
    assert ledger.failed[0]["offset"] >= len(b"".join(members[:2]))


def test_a_first_member_too_damaged_to_open_fails_its_records_only(tmp_path: Path) -> None:
    # The file's first bytes are read to tell ARC from WARC: a first member whose compressed
    # data is damaged (zlib's "invalid block type") raised out of iter_archive, and thresher
    # run failed the whole file
    items = pages()
    members = [gzip.compress(record, mtime=0) for record in records_of(items)]
    first = members[0][:10] + b"\xff" * 8 + members[0][18:]  # after gzip's 10-byte header
    path = tmp_path / "d.warc.gz"
    path.write_bytes(first + b"".join(members[1:]))
    ledger, outcomes = ledger_of(path)
    assert ledger.extracted == len(items) and ledger.failed
    assert outcomes[0].status == "failed" and outcomes[0].info.offset == 0


def test_garbage_between_plain_records_is_reported(tmp_path: Path) -> None:
    items = pages()
    records = records_of(items)
    path = tmp_path / "g.warc"
    path.write_bytes(b"".join(records[:3]) + b"junk junk junk\r\n" * 20 + b"".join(records[3:]))
    ledger, _ = ledger_of(path)
    assert ledger.extracted == len(items)
    assert len(ledger.failed) == 1 and ledger.failed[0]["offset"] == len(b"".join(records[:3]))


@pytest.mark.parametrize("members", [True, False], ids=["gzip-members", "plain"])
def test_bytes_before_the_first_record_are_reported(tmp_path: Path, members: bool) -> None:
    # The reader passes over anything before a record's start: a damaged first header (its
    # record with it) or junk at the head of the file would otherwise vanish unreported.
    items = pages()
    records = records_of(items)
    if members:
        junk = gzip.compress(b"junk junk junk\r\n" * 20)
        data = junk + b"".join(gzip.compress(record) for record in records)
    else:
        junk = b"WARX/1.0\r\n" + records[0][len(b"WARC/1.0\r\n") :]  # the first header damaged
        data = junk + b"".join(records[1:])
    path = tmp_path / ("f.warc.gz" if members else "f.warc")
    path.write_bytes(data)
    ledger, _ = ledger_of(path)
    assert len(ledger.failed) == 1 and ledger.failed[0]["offset"] == 0
    assert f"{len(junk)} bytes before the first record" in ledger.failed[0]["reason"]
    assert ledger.extracted == len(items)  # the damaged record is the first page's request
    if not members:  # blank lines before the first record are no damage
        path.write_bytes(b"\r\n\r\n" + b"".join(records))
        assert ledger_of(path)[0].failed == []


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_a_file_without_records_is_reported_not_passed_over(tmp_path: Path, suffix: str) -> None:
    text = b"This is a text file, not a web archive.\n" * 50
    path = tmp_path / ("notes" + suffix)
    path.write_bytes(gzip.compress(text) if suffix.endswith(".gz") else text)
    ledger, _ = ledger_of(path)
    assert ledger.read == 1 and len(ledger.failed) == 1
    assert "hold no record" in ledger.failed[0]["reason"]


@pytest.mark.parametrize("members", [True, False], ids=["gzip-members", "plain"])
def test_content_length_too_long_does_not_swallow_the_next_record(
    tmp_path: Path, members: bool
) -> None:
    items = pages(4)
    block = http_response(items[1])
    records = records_of(items)
    # the second page's response claims 300 bytes more than it has: the request record of
    # the third page follows inside those bytes in a plain file
    records[3] = warc_record("response", items[1].url, block, content_length=len(block) + 300)
    path = write_warc(tmp_path / "long.warc", records, gzip_members=members)
    ledger, _ = ledger_of(path)
    assert ledger.extracted == len(items)
    assert ledger.skipped["record type request"] == len(items)


def test_content_length_too_short_keeps_the_record_and_reports_the_rest(tmp_path: Path) -> None:
    items = pages(4)
    block = http_response(items[1])
    records = records_of(items)
    records[3] = warc_record("response", items[1].url, block, content_length=len(block) - 200)
    path = write_warc(tmp_path / "short.warc", records, gzip_members=False)
    ledger, _ = ledger_of(path)
    assert ledger.extracted == len(items)
    assert len(ledger.failed) == 1 and "belong to none" in ledger.failed[0]["reason"]


def _arc_file(records: list[tuple[str, bytes, int]]) -> bytes:
    """An ARC file (version 1) of (address, HTTP response, the length its line declares)."""
    about = b"1 0 thresher\nURL IP-address Archive-date Content-type Archive-length\n"
    head = f"filedesc://t.arc 127.0.0.1 20240101000000 text/plain {len(about)}\n".encode()
    lines = [head + about]
    for url, response, declared in records:
        line = f"{url} 127.0.0.1 20240101000000 text/html {declared}\n".encode()
        lines.append(b"\n" + line + response)
    return b"".join(lines) + b"\n"


def test_an_arc_record_declared_too_short_keeps_its_page_and_reports_the_rest(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # warcio read each line left of the short record as a record of its own ("response"
    # records from lines of HTML, skipped as if they were pages), and wrote a warning for
    # each to standard error, between a run's progress lines
    first, second = pages(2)
    short = http_response(first)
    whole = http_response(second)
    arc = _arc_file([(first.url, short, len(short) - 300), (second.url, whole, len(whole))])
    path = tmp_path / "s.arc"
    path.write_bytes(arc)
    ledger, outcomes = ledger_of(path)
    assert [o.info.url for o in outcomes if o.status == "extracted"] == [first.url, second.url]
    assert ledger.failed and all("to none" in f["reason"] for f in ledger.failed)
    assert ledger.skipped == {"record type warcinfo": 1}
    assert capfd.readouterr().err == ""


def test_gzip_bomb_body_fails_its_record_only(tmp_path: Path) -> None:
    items = pages(3)
    bomb = gzip.compress(b"<p>" + b"a" * 80_000_000)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
    records = records_of(items) + [warc_record("response", "https://bomb.example/", head + bomb)]
    path = write_warc(tmp_path / "bomb.warc.gz", records)
    options = ArchiveOptions(extract=ArchiveOptions().extract.with_(max_input_bytes=10_000_000))
    ledger, _ = ledger_of(path, options)
    assert ledger.extracted == len(items)
    assert len(ledger.failed) == 1 and "exceeds the cap" in ledger.failed[0]["reason"]


def test_non_html_and_error_responses_are_skipped_with_reasons(tmp_path: Path) -> None:
    records = [
        warc_record(
            "response",
            "https://a.example/x.png",
            http_response(Page("https://a.example/x.png", b"\x89PNG\r\n\x1a\n", "image/png")),
        ),
        warc_record(
            "response",
            "https://a.example/gone",
            http_response(Page("https://a.example/gone", b"<html>gone</html>", status=404)),
        ),
        warc_record("metadata", "https://a.example/", b"fetchTimeMs: 12\r\n"),
    ]
    # Servers label other things as HTML too: what the record holds is named.
    mislabelled = {
        "https://a.example/report": b"%PDF-1.7\n1 0 obj",
        "https://a.example/feed": b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        "https://a.example/blank": b"  \n ",
    }
    records += [
        warc_record("response", url, http_response(Page(url, body)))
        for url, body in mislabelled.items()
    ]
    ledger, _ = ledger_of(write_warc(tmp_path / "s.warc.gz", records))
    assert dict(ledger.skipped) == {
        "content type image/png": 1,
        "http status 404": 1,
        "record type metadata": 1,
        "not a page: a PDF document": 1,
        "not a page: an RSS feed": 1,
        "not a page: empty": 1,
    }


# -- shards --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_shard_has_the_schema_and_one_row_per_extracted_or_failed_record(
    tmp_path: Path, fmt: str
) -> None:
    import pyarrow.parquet as pq

    items = pages(4)
    path = write_warc(tmp_path / "in.warc.gz", records_of(items) + [b"WARC/1.1 broken\r\n\r\n"])
    ledger = process_archive(path, tmp_path / "out", ArchiveOptions(format=fmt))
    shard = shard_path(path, tmp_path / "out", fmt)
    if fmt == "parquet":
        table = pq.read_table(shard)
        assert table.schema.equals(arrow_schema())
        rows = table.to_pylist()
    else:
        with gzip.open(shard, "rt", encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        assert all(list(row) == arrow_schema().names for row in rows)
    assert len(rows) == ledger.extracted + len(ledger.failed)
    good = [row for row in rows if row["error"] is None]
    assert [row["url"] for row in good] == [page.url for page in items]
    assert all(row["text"] and row["warc_record_length"] for row in good)
    assert read_done(shard) is not None and not list((tmp_path / "out").glob(".*partial"))
    assert all(row["html"] is None for row in rows)  # HTML only when asked for


def test_the_html_column_is_filled_when_asked_for(tmp_path: Path) -> None:
    from thresher.cli import main

    path = write_warc(tmp_path / "in.warc.gz", records_of(pages(2)))
    out = tmp_path / "out"
    assert (
        main(["run", str(path), "-o", str(out), "--format", "jsonl", "--html", "--workers", "1"])
        == 0
    )
    with gzip.open(shard_path(path, out, "jsonl"), "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    assert len(rows) == 2
    for row in rows:
        assert row["html"].startswith("<") and "</" in row["html"]
        shown = LexborHTMLParser(row["html"]).text(separator="")
        assert "".join(shown.split()) == "".join(row["text"].split())


def test_the_metadata_columns_stay_empty_when_left_out(tmp_path: Path) -> None:
    from thresher.cli import main

    path = write_warc(tmp_path / "in.warc.gz", records_of(pages(2)))
    rows = {}
    for run, flags in (("full", []), ("bare", ["--no-metadata"])):
        out = tmp_path / run
        command = ["run", str(path), "-o", str(out), "--format", "jsonl", "--workers", "1"]
        assert main([*command, *flags]) == 0
        with gzip.open(shard_path(path, out, "jsonl"), "rt", encoding="utf-8") as lines:
            rows[run] = [json.loads(line) for line in lines]
    for full, bare in zip(rows["full"], rows["bare"], strict=True):
        assert full["title"] and bare["title"] is None
        assert bare["text"] == full["text"] and bare["language"] == full["language"]


def test_layouts_for_fineweb_and_dolma() -> None:
    row = {
        "id": "r1",
        "text": "body",
        "url": "https://a.example/",
        "warc_date": "2026-01-01",
        "warc_filename": "f.warc.gz",
        "language": "en",
        "language_confidence": 0.9,
        "title": "T",
    }
    assert to_layout(row, "fineweb")["language_score"] == 0.9
    dolma = to_layout(row, "dolma")
    assert dolma["source"] == "thresher" and dolma["metadata"]["url"] == "https://a.example/"


# -- the shared real-world samples ---------------------------------------------------------------


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix != ".md")


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="warc-samples are not beside this checkout")
@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_ledger_balances_on_every_sample(path: Path) -> None:
    ledger, outcomes = ledger_of(path)
    assert ledger.read == len(outcomes) > 0


EXPECTED_EXTRACTED = {
    "resiliparse/warcfile.warc": 16,
    "resiliparse/warcfile.warc.gz": 16,
    "resiliparse/warcfile.warc.lz4": 16,
    "resiliparse/clueweb-quirk.warc.gz": 29,
    "dolma/sample-0000.warc.gz": 22,
    "warcio/example.arc": 1,
    "warcio/example.arc.gz": 1,
    "warcio/example-wrong-chunks.warc.gz": 1,
    "warcio/example-iana.org-chunked.warc": 1,
    "whirlwind/whirlwind.warc.gz": 1,
}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="warc-samples are not beside this checkout")
@pytest.mark.parametrize("name", sorted(EXPECTED_EXTRACTED))
def test_known_traps_of_the_samples(name: str) -> None:
    anatomy = ArchiveOptions(extract=ArchiveOptions().extract.with_(include_anatomy=True))
    ledger, outcomes = ledger_of(SAMPLES / name, anatomy)
    assert ledger.extracted == EXPECTED_EXTRACTED[name]
    documents = [o.document for o in outcomes if o.document is not None]
    # Every page was decoded and read into blocks; a page of menus and labels may still have
    # no main content, and then it says so.
    assert all(any(block.text.strip() for block in d.anatomy) for d in documents)
    assert all(d.text or any("no main content" in w for w in d.warnings) for d in documents)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="warc-samples are not beside this checkout")
def test_clipped_record_is_reported_and_bare_lf_pages_decode() -> None:
    ledger, outcomes = ledger_of(SAMPLES / "resiliparse/clipped.warc.gz")
    assert ledger.truncated == [0] and "Chance The Rapper" in outcomes[0].document.text
    _, outcomes = ledger_of(SAMPLES / "resiliparse/clueweb-quirk.warc.gz")
    japanese = [o for o in outcomes if o.document and o.info.charset == "EUC-JP"]
    assert japanese and all(o.info.http_status == 200 for o in japanese)
    assert any("商品" in o.document.text for o in japanese)
    _, outcomes = ledger_of(SAMPLES / "warcio/example-trunc.warc")
    assert [o.info.offset for o in outcomes if o.status == "failed"] == [2560]


def test_scale_doc_lists_every_column_of_the_schema() -> None:
    from thresher.archive import COLUMNS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "scale.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    documented = [line.split("`")[1] for line in rows][: len(COLUMNS)]
    assert documented == [name for name, _, _ in COLUMNS]


def test_archive_options_refuse_nonsense() -> None:
    refused = (
        {"format": "csv"},
        {"retries": -1},
        {"record_time_limit": 0},
        {"record_time_limit": float("nan")},
        {"record_time_limit": float("inf")},
        {"rows_per_batch": 0},
    )
    for bad in refused:
        with pytest.raises(ValueError):
            ArchiveOptions(**bad)  # type: ignore[arg-type]
