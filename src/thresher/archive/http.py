"""Reading the HTTP response stored in a WARC record, tolerant of what crawlers really wrote.

Readers that trust the headers fail on real archives: ClueWeb09 ends header lines with a bare
LF, some crawlers store a body already de-chunked under a stale ``Transfer-Encoding: chunked``,
and a ``Content-Encoding`` may lie. Each step here tries the declared encoding and keeps the
bytes as they are, with a note, when the declaration turns out false. Decoded bodies are capped
so that a compression bomb costs at most ``max_body_bytes`` of memory.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

from ..decode import GZIP_MAGIC
from ..unpack import GZIP, Unpacked, unpack

_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class BodyTooLarge(ValueError):
    """The decoded body would exceed the configured cap."""


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int | None
    headers: dict[str, str]  # lower-cased names; a repeated header keeps its last value
    body: bytes
    notes: tuple[str, ...]

    @property
    def content_type(self) -> str:
        return media_type(self.headers.get("content-type", ""))[0]

    @property
    def charset(self) -> str | None:
        return media_type(self.headers.get("content-type", ""))[1]

    def is_html(self) -> bool:
        """HTML by its declared type, or by its first bytes when no type is declared."""
        if self.content_type:
            return self.content_type in _HTML_TYPES
        return bool(_HTML_START.match(self.body[:1024]))


def media_type(content_type: str) -> tuple[str, str | None]:
    """A Content-Type header's media type, lower case, and the charset it declares, if any."""
    found = _CHARSET.search(content_type)
    return content_type.split(";")[0].strip().lower(), found.group(1) if found else None


def parse_response(block: bytes, max_body_bytes: int) -> HttpResponse:
    """Split a stored HTTP response into status, headers and a decoded body."""
    head, body = _split_head(block)
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    status_match = _STATUS_LINE.match(lines[0]) if lines else None
    headers = _parse_headers(lines[1:] if status_match else lines)
    notes: list[str] = []
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body, notes)
    body = _decode_content(body, headers.get("content-encoding", ""), max_body_bytes, notes)
    if len(body) > max_body_bytes:
        raise BodyTooLarge(f"body of {len(body)} bytes exceeds the cap of {max_body_bytes}")
    status = int(status_match.group(1)) if status_match else None
    return HttpResponse(status, headers, body, tuple(notes))


def _split_head(block: bytes) -> tuple[bytes, bytes]:
    crlf, lf = block.find(b"\r\n\r\n"), block.find(b"\n\n")
    if crlf < 0 and lf < 0:
        return block, b""
    if lf < 0 or (0 <= crlf < lf):
        return block[:crlf], block[crlf + 4 :]
    return block[:lf], block[lf + 2 :]


def _parse_headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.partition(b":")
        if sep and name.strip():
            key = name.strip().decode("latin-1").lower()
            headers[key] = value.strip().decode("latin-1")
    return headers


def _dechunk(body: bytes, notes: list[str]) -> bytes:
    """Undo chunked transfer encoding, or keep the body when it was never chunked."""
    out, pos = bytearray(), 0
    while True:
        line_end = body.find(b"\n", pos)
        size = chunk_size(body[pos:line_end]) if line_end >= 0 else None
        if size is None:
            if pos == 0:
                notes.append("stale Transfer-Encoding: chunked header; body kept as stored")
                return body
            notes.append("chunked body ends without its last chunk")
            return bytes(out)
        if size == 0:
            return bytes(out)
        start = line_end + 1
        out += body[start : start + size]
        if start + size > len(body):
            notes.append("chunked body cut inside a chunk")
            return bytes(out)
        pos = start + size
        pos += 2 if body[pos : pos + 2] == b"\r\n" else 1


_HEX_DIGITS = b"0123456789abcdefABCDEF"
_MOST_SIZE_DIGITS = 15  # far beyond any body, within a 64-bit size


def chunk_size(line: bytes) -> int | None:
    """The size a chunk's line gives ("1a", "1a;name=value"), or None where the line gives
    none: hexadecimal digits alone, as ``int(x, 16)`` does not take them (it reads "-13",
    "0x1a" and "1_a" too, and a negative size read a body backwards without end)."""
    digits = line.split(b";", 1)[0].strip(b" \t\r")
    if not digits or len(digits) > _MOST_SIZE_DIGITS or digits.strip(_HEX_DIGITS):
        return None
    return int(digits, 16)


def _decode_content(body: bytes, encoding: str, cap: int, notes: list[str]) -> bytes:
    name = encoding.strip().lower()
    if name in ("", "identity", "none", "utf-8", "utf8"):
        return _unpacked_if_gzip(body, cap, notes)
    if name in ("gzip", "x-gzip", "deflate"):
        # zlib's header or gzip's (32); deflate comes zlib-wrapped and raw under the one name
        unpacked = _inflate(body, zlib.MAX_WBITS | 32, cap)
        if name == "deflate" and not unpacked.data:
            unpacked = _inflate(body, -zlib.MAX_WBITS, cap)
        if not unpacked.data and unpacked.problem:
            notes.append(
                f"Content-Encoding {name} does not match the body ({unpacked.problem}); "
                "kept as stored"
            )
            return body
        _note_problem(unpacked, notes)
        return unpacked.data
    # Brotli and zstd have no bounded decoder in the standard library: a capped read is
    # the only safe read of a body that may be a bomb, so such bodies are kept as stored.
    notes.append(f"Content-Encoding {name} not supported; body kept as stored")
    return body


def _unpacked_if_gzip(body: bytes, cap: int, notes: list[str]) -> bytes:
    """A body that is gzip under no coding (the crawler stored the compressed answer and
    dropped its header, or the server compressed without saying so), unpacked."""
    if not body.startswith(GZIP_MAGIC):
        return body
    unpacked = _inflate(body, GZIP, cap)
    if not unpacked.data:  # HTML never starts so, but this is no readable gzip
        notes.append(f"a gzip body under no Content-Encoding did not unpack ({unpacked.problem})")
        return body
    notes.append("a gzip body under no Content-Encoding was unpacked")
    _note_problem(unpacked, notes)
    return unpacked.data


def _inflate(body: bytes, wbits: int, cap: int) -> Unpacked:
    unpacked = unpack(io.BytesIO(body).read, cap, wbits)
    if len(unpacked.data) > cap:
        raise BodyTooLarge(f"decoded body exceeds the cap of {cap} bytes")
    return unpacked


def _note_problem(unpacked: Unpacked, notes: list[str]) -> None:
    if unpacked.problem:
        size = len(unpacked.data)
        notes.append(f"the body was unpacked up to where {unpacked.problem}: {size:,} bytes kept")
