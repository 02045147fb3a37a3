"""Compressed data unpacked within a limit, as far as it can be trusted.

A page or an HTTP body that arrives gzipped may end early (a download cut short, a crawler's
size limit): what unpacks before the end is the page's beginning, exactly, and is kept, with
the reason the unpacking stopped. Data damaged partway is another matter: deflate checks
nothing until a member's end, so what unpacks between the damage and the point zlib finds it
may be garbage; only the members before, each checked, are kept. The command line's pages and
the archive reader's bodies are read so; the service unpacks its request bodies here too, but
refuses one that stops early, as its client can send it again (``service/request.py``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

from .decode import GZIP_MAGIC

GZIP = 16 + zlib.MAX_WBITS
_STEP = 1 << 16  # compressed bytes read at a time


@dataclass(frozen=True, slots=True)
class Unpacked:
    data: bytes  # at most the limit and one byte more: the caller tells a cut by that byte
    problem: str  # why the unpacking stopped before the data's end; "" where it did not


def unpack(read: Callable[[int], bytes], limit: int, wbits: int = GZIP) -> Unpacked:
    """What the compressed data that ``read`` gives unpacks to, up to ``limit`` + 1 bytes (a
    small file may unpack to gigabytes). ``wbits`` is zlib's: gzip by default. Gzip members
    after the first are read on, as gzip reads them."""
    unpacked = bytearray()
    unpacker = zlib.decompressobj(wbits)
    pending, problem = b"", ""
    checked = 0  # what the members read through hold: each one's check was passed
    while len(unpacked) <= limit and not problem:
        if unpacker.eof:
            checked = len(unpacked)
            pending, problem = _next_member(unpacker.unused_data, read)
            if not pending:
                break
            unpacker = zlib.decompressobj(wbits)
        data = pending or read(_STEP)
        if not data:
            problem = "it ends early"
            break
        try:
            unpacked += unpacker.decompress(data, limit + 1 - len(unpacked))
        except zlib.error as error:
            return Unpacked(bytes(unpacked[:checked]), f"it is damaged: {error}")
        pending = unpacker.unconsumed_tail
    return Unpacked(bytes(unpacked), problem)


def _next_member(rest: bytes, read: Callable[[int], bytes]) -> tuple[bytes, str]:
    """The start of the next gzip member, or nothing at the end of the data; with a problem
    where bytes that are no member follow (zeros that pad a file are none)."""
    if len(rest) < len(GZIP_MAGIC):
        rest += read(_STEP)
    if not rest or rest.startswith(GZIP_MAGIC):
        return rest, ""
    padding = not rest.strip(b"\x00")
    return b"", "" if padding else "bytes that are no compressed data follow it"
