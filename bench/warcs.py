"""Writing WARC files from pages: the throughput archive of the benchmark, and test archives.

Each page becomes a WARC/1.1 ``response`` record preceded by its ``request`` record, as a
crawler writes them; ``gzip_members`` writes one gzip member per record, the Common Crawl
layout. ``python -m bench.warcs OUT.warc.gz`` writes every page of wcxb-dev into one archive.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .dataset import DEFAULT_DATA, load_samples


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    extra_http: tuple[str, ...] = ()


def http_response(page: Page) -> bytes:
    lines = [f"HTTP/1.1 {page.status} OK", f"Content-Type: {page.content_type}"]
    lines += [*page.extra_http, f"Content-Length: {len(page.body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + page.body


def warc_record(
    record_type: str, url: str, block: bytes, *, content_length: int | None = None
) -> bytes:
    """One WARC record; ``content_length`` may lie, for tests of damaged files."""
    record_id = uuid.UUID(bytes=hashlib.md5(url.encode() + record_type.encode()).digest())
    kind = "response" if record_type == "response" else "request"
    headers = [
        "WARC/1.1",
        f"WARC-Type: {record_type}",
        f"WARC-Target-URI: {url}",
        "WARC-Date: 2026-11-01T00:00:00Z",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        f"Content-Type: application/http; msgtype={kind}",
        f"Content-Length: {len(block) if content_length is None else content_length}",
    ]
    if record_type == "response":
        digest = hashlib.sha1(block.split(b"\r\n\r\n", 1)[-1]).hexdigest()
        headers.insert(5, f"WARC-Payload-Digest: sha1:{digest}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def page_records(page: Page) -> list[bytes]:
    request = f"GET / HTTP/1.1\r\nHost: {page.url.split('/')[2]}\r\n\r\n".encode()
    return [
        warc_record("request", page.url, request),
        warc_record("response", page.url, http_response(page)),
    ]


def write_warc(path: Path, records: Iterable[bytes], gzip_members: bool = True) -> Path:
    with path.open("wb") as out:
        for record in records:
            out.write(gzip.compress(record, compresslevel=6, mtime=0) if gzip_members else record)
    return path


def wcxb_pages(root: Path = DEFAULT_DATA, limit: int | None = None) -> Iterable[Page]:
    for sample in load_samples(root, limit):
        yield Page(sample.url or f"https://example.org/{sample.page_id}", sample.html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    records = (
        record for page in wcxb_pages(args.data, args.limit) for record in page_records(page)
    )
    write_warc(args.output, records, gzip_members=args.output.name.endswith(".gz"))


if __name__ == "__main__":
    main()
