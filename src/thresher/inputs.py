"""Where pages come from for the command line: files, folders, standard input, URLs.

A driver around the core: the core never imports this module.
"""

from __future__ import annotations

import http.client
import io
import os
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .decode import GZIP_MAGIC
from .errors import FetchError, InputError
from .options import DEFAULT_OPTIONS
from .unpack import unpack

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
FETCH_TIMEOUT_SECONDS = 20.0  # the longest wait for any bytes
FETCH_DEADLINE_SECONDS = 60.0  # the longest a page's body may take to come
_READ_SIZE = 1 << 16
FETCH_MAX_REDIRECTS = 5
USER_AGENT = "thresher/0.1 (+https://pypi.org/project/thresher/)"


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the path, URL or "-" it came from
    data: bytes
    url: str | None = None
    charset: str | None = None
    # A page found in a folder: its path below that folder, which its output mirrors (many
    # folders hold an index.html)
    relative: str | None = None
    notes: tuple[str, ...] = ()  # what reading it left out, told as the page's warnings


def printable(name: str) -> str:
    """A path as text any UTF-8 output takes: bytes of a file name that are not UTF-8 (kept
    by Python as lone surrogates) written as escapes such as \\xff."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A source that could not be read, and why; the sources after it are still read."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Named:
    """A page an argument names, not read yet: a URL, "-", a file, or a file in a folder."""

    page: str | Path
    folder: Path | None = None  # the folder it was found in, whose layout its output mirrors


def name_sources(spec: str) -> list[Named | Unreadable]:
    """Every page one command-line argument names, in order, before any is read: a folder is
    listed whole first, so that a run knows how many pages it has ahead."""
    path = Path(spec)
    if spec == "-" or spec.startswith(("http://", "https://")):
        return [Named(spec)]
    if path.is_dir():
        pages = sorted(p for p in path.rglob("*") if p.is_file() and _is_page(p))
        if not pages:
            return [Unreadable(spec, f"{path} holds no .html, .htm or .html.gz files")]
        return [Named(page, path) for page in pages]
    if path.is_file() or (path.exists() and not path.is_dir()):
        return [Named(path)]  # a file, or a pipe the shell made: <(curl -s URL)
    return [Unreadable(spec, f"{spec}: no such file or directory (nor an http(s) URL)")]


def read_named(
    named: Named, max_bytes: int = DEFAULT_OPTIONS.max_input_bytes
) -> Source | Unreadable:
    """The page itself, read up to ``max_bytes`` (``Options``'s ``max_input_bytes``, which the
    extraction would cut it to anyway), or why it could not be read."""
    page = named.page
    try:
        if page == "-":
            data, gzipped, notes = _read_maybe_gzipped(sys.stdin.buffer, "-", max_bytes)
            whole = "decompresses to more" if gzipped else "holds more"
            return _capped(Source("-", data, notes=notes), max_bytes, whole)
        if isinstance(page, str):
            return fetch(page, max_bytes)
        source = read_file(page, max_bytes)
    except (InputError, FetchError) as error:
        reason = str(error)
        return Unreadable(str(page), reason if str(page) in reason else f"{page}: {reason}")
    if named.folder is None:
        return source
    return replace(source, relative=page.relative_to(named.folder).as_posix())


def _is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def read_file(path: Path, max_bytes: int = DEFAULT_OPTIONS.max_input_bytes) -> Source:
    """The page in a file, gzipped or not, up to ``max_bytes``: a file of many gigabytes is not
    read whole into memory to be cut afterwards."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data, gzipped, notes = _read_maybe_gzipped(stream, str(path), max_bytes)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    whole = "decompresses to more" if gzipped else f"holds {size:,} bytes, more"
    source = Source(str(path), data, notes=notes)
    return _capped(source, max_bytes, whole if size or gzipped else "holds more")


def _read_maybe_gzipped(
    stream: BinaryIO, name: str, max_bytes: int
) -> tuple[bytes, bool, tuple[str, ...]]:
    """A page that may come gzipped, up to ``max_bytes`` + 1 bytes: whether it did, and what
    its reading tells. Its first bytes say so, not its name: a saved page can keep a
    compressed answer under the page's own name, and curl writes one out as it came."""
    named_gz = name.lower().endswith(".gz")
    peek = getattr(stream, "peek", None)
    if peek is not None and peek(2)[:2] == GZIP_MAGIC:
        data, notes = _gunzip_capped(stream, name, max_bytes)
        return data, True, notes
    notes = ("named .gz but not gzip-compressed: read as it is",) if named_gz else ()
    return stream.read(max_bytes + 1), False, notes


def _capped(source: Source, max_bytes: int, whole: str) -> Source:
    """The source cut to ``max_bytes``, with a note saying so, where it was read past them."""
    if len(source.data) <= max_bytes:
        return source
    name = "the file"
    if source.name == "-":
        name = "standard input"
    elif source.name.startswith(("http://", "https://")):
        name = "the page"
    note = (
        f"{name} {whole} than the {max_bytes:,} bytes one page may hold (max_input_bytes): "
        f"only its first {max_bytes:,} were read"
    )
    return replace(source, data=source.data[:max_bytes], notes=(*source.notes, note))


def _gunzip_capped(stream: BinaryIO, path: Path | str, limit: int) -> tuple[bytes, tuple[str, ...]]:
    """At most ``limit`` + 1 bytes of the gzipped file, and a note where its data ends early
    or is damaged partway: a download cut short still holds the page's beginning."""
    unpacked = unpack(stream.read, limit)
    if unpacked.problem and not unpacked.data:
        raise InputError(f"{path}: not a readable gzip file ({unpacked.problem})")
    if not unpacked.problem:
        return unpacked.data, ()
    size = len(unpacked.data)
    note = f"the gzip data was read up to where {unpacked.problem}: {size:,} bytes of the page"
    return unpacked.data, (note,)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = FETCH_MAX_REDIRECTS


def fetch(url: str, max_bytes: int = DEFAULT_OPTIONS.max_input_bytes) -> Source:
    """The page at an http(s) address, read up to ``max_bytes`` like a file."""
    opener = urllib.request.build_opener(_LimitedRedirects())
    try:
        # compressed, a page comes three to ten times faster on a slow link
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
        request = urllib.request.Request(url, headers=headers)
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data, notes = _body(response, max_bytes)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
            packing = (response.headers.get("Content-Encoding") or "").strip().lower()
        if packing in ("gzip", "x-gzip"):
            data, unpacking = _gunzip_capped(io.BytesIO(data), url, max_bytes)
            notes = (*notes, *unpacking)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from error
    except (
        urllib.error.URLError,
        http.client.HTTPException,  # a malformed answer, or an address http.client refuses
        TimeoutError,
        OSError,
        ValueError,  # an address urllib cannot parse: "http://[::1"
    ) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(
            f"{url}: could not fetch ({reason}); check the URL and the network"
        ) from error
    except InputError as error:
        raise FetchError(str(error)) from error
    return _capped(Source(url, data, final_url, charset, notes=notes), max_bytes, "holds more")


def _body(response: http.client.HTTPResponse, max_bytes: int) -> tuple[bytes, tuple[str, ...]]:
    """Up to ``max_bytes`` + 1 bytes of the answer; where the server closes the connection
    before the length it announced, or sends so slowly that the page is not all there within
    FETCH_DEADLINE_SECONDS, what came, with a note saying so."""
    deadline = time.monotonic() + FETCH_DEADLINE_SECONDS
    parts: list[bytes] = []
    size = 0
    try:
        # The timeout bounds each wait for bytes, not the whole: a server that sends a byte
        # every few seconds would hold the read for days.
        while size <= max_bytes and time.monotonic() < deadline:
            part = response.read1(min(_READ_SIZE, max_bytes + 1 - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
    except http.client.IncompleteRead as error:  # a chunked answer cut short
        data = b"".join(parts) + error.partial
        cut = f"after {len(data):,} bytes, before the answer's end"
        return data, (f"the server closed the connection {cut}: read as sent",)
    data = b"".join(parts)
    if size <= max_bytes and time.monotonic() >= deadline and not response.isclosed():
        slow = f"the server had sent {size:,} bytes after {FETCH_DEADLINE_SECONDS:g} s"
        return data, (f"{slow}, not the whole page: read as far as it came",)
    missing = response.length or 0  # what the announced length still awaits
    if not missing or len(data) > max_bytes:
        return data, ()
    cut = f"after {len(data):,} of the {len(data) + missing:,} announced bytes"
    return data, (f"the server closed the connection {cut}: read as sent",)
