"""Reading the records of a WARC or ARC file, with their byte ranges, surviving damage.

FastWARC reads WARC (plain, gzip, LZ4); warcio reads ARC. Neither reports damage well, so this
module checks what they return:

- a record whose block is shorter than its Content-Length is marked ``truncated``;
- a Content-Length that is too long swallows the records after it: their ``WARC/1.x`` lines are
  looked for inside the block, and the hidden records are read back out of it;
- bytes that belong to no record (garbage between records, the tail of a record whose
  Content-Length is too short) come back as :class:`Unreadable` spans;
- a read error (garbage between gzip members, a corrupt member) resumes at the next member
  or record start, and the skipped bytes come back as :class:`Unreadable`.

So every byte of a file is accounted for by a record or by a reported span.
"""

from __future__ import annotations

import contextlib
import io
import mmap
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from ..unpack import unpack

_GZIP_MAGIC = b"\x1f\x8b\x08"
_LZ4_MAGIC = b"\x04\x22\x4d\x18"
_RESYNC_WINDOW = 1 << 20
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One record: its WARC headers and its block (for a response, the HTTP message)."""

    offset: int
    length: int | None  # None where the file's compression hides record boundaries
    record_type: str
    headers: dict[str, str]
    block: bytes
    declared_length: int
    too_large: bool = False  # block cut at the reader's cap

    @property
    def truncated(self) -> bool:
        return len(self.block) < self.declared_length and not self.too_large


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A span of the file that no record could be read from."""

    offset: int
    length: int | None
    reason: str


Item = ArchiveRecord | Unreadable


def read_archive(path: str | Path, max_block_bytes: int) -> Iterator[Item]:
    """Yield every record of a WARC or ARC file, and every span that could not be read."""
    path = Path(path)
    with path.open("rb") as stream:
        head = stream.read(64)
    if _is_arc(path, head):
        yield from _read_arc(path, max_block_bytes)
    else:
        yield from _read_warc(path, head, max_block_bytes)


def _is_arc(path: Path, head: bytes) -> bool:
    if head.startswith(_GZIP_MAGIC):  # (a first member too damaged to open unpacks to nothing)
        head = unpack(io.BytesIO(head).read, 9).data
    return head.startswith(b"filedesc:") or path.name.endswith((".arc", ".arc.gz"))


def _read_warc(path: Path, head: bytes, cap: int) -> Iterator[Item]:
    compressed = head.startswith((_GZIP_MAGIC, _LZ4_MAGIC))
    size = path.stat().st_size
    with path.open("rb") as stream, _map(stream, size, compressed) as plain:
        start = 0
        while start < size:
            resume = yield from _read_from(stream, start, size, plain, cap)
            if resume is None:
                return
            start = resume


def _read_from(
    stream: BinaryIO, start: int, size: int, plain: mmap.mmap | None, cap: int
) -> Generator[Item, None, int | None]:
    """Read records from ``start``; on a read error, report the damage and say where to resume."""
    from fastwarc.warc import ArchiveIterator

    stream.seek(start)
    pending: ArchiveRecord | None = None
    last_offset = start
    try:
        records = ArchiveIterator(stream, parse_http=False, auto_decode="none", quirks_mode=True)
        for raw in records:
            offset = int(raw.stream_pos)
            if pending is not None:
                yield from _finish(pending, offset, plain)
            elif offset > start:  # the reader passes over what precedes a record's start
                yield from _no_record(
                    start, offset, plain, "{} bytes before the first record belong to none"
                )
            block = _read_block(raw.reader, int(raw.content_length), cap)
            pending = _record(raw, offset, block[:cap], len(block) > cap)
            last_offset = offset
    except (OSError, ValueError, EOFError) as error:
        if pending is not None:
            yield from _finish(pending, None, plain)
        return (yield from _resync(stream, last_offset, size, plain, error))
    if pending is not None:
        yield from _finish(pending, size, plain)
    elif size > start:
        yield from _no_record(
            start, size, plain, "{} bytes hold no record that a WARC reader finds"
        )
    return None


def _no_record(start: int, end: int, plain: mmap.mmap | None, says: str) -> Iterator[Unreadable]:
    """The bytes from ``start`` to ``end``, which hold no record, unless they are blank
    (counted as they lie in the file: compressed, where it is)."""
    if plain is None or plain[start:end].strip():
        yield Unreadable(start, end - start, says.format(end - start))


def _read_block(reader: Any, declared: int, cap: int) -> bytes:
    # Readers allocate the size they are asked for: asking for the cap on every record would
    # cost a cap-sized buffer per record. The reader stops at Content-Length in any case.
    block: bytes = reader.read(min(declared, cap + 1))
    return block


def _record(raw: object, offset: int, block: bytes, too_large: bool) -> ArchiveRecord:
    headers = {str(k): str(v) for k, v in raw.headers.items()}  # type: ignore[attr-defined]
    record_type = str(raw.record_type).rsplit(".", 1)[-1]  # type: ignore[attr-defined]
    declared = int(raw.content_length)  # type: ignore[attr-defined]
    return ArchiveRecord(offset, None, record_type, headers, block, declared, too_large)


def _finish(
    record: ArchiveRecord, next_offset: int | None, plain: mmap.mmap | None
) -> Iterator[Item]:
    """Complete a record once the next one's offset is known: its length, hidden records, gaps."""
    length = None
    if next_offset is not None and next_offset > record.offset:
        length = next_offset - record.offset
    hidden_at = _hidden_record_start(record)
    if hidden_at is not None:
        yield _with(record, record.block[:hidden_at], length)
        yield from _read_hidden(record, hidden_at)
        return
    yield _with(record, record.block, length)
    if plain is not None and length is not None:
        gap = _gap_after(record, next_offset, plain)  # type: ignore[arg-type]
        if gap is not None:
            yield gap


def _with(record: ArchiveRecord, block: bytes, length: int | None) -> ArchiveRecord:
    return ArchiveRecord(
        record.offset,
        length,
        record.record_type,
        record.headers,
        block,
        record.declared_length if len(block) == len(record.block) else len(block),
        record.too_large,
    )


def _hidden_record_start(record: ArchiveRecord) -> int | None:
    """Where a following record starts inside this block, when Content-Length was too long."""
    block = record.block
    found = block.find(b"\nWARC/1.")
    while found >= 0:
        candidate = found + 1
        if b"WARC-Type:" in block[candidate : candidate + 4096]:
            return candidate
        found = block.find(b"\nWARC/1.", candidate)
    return None


def _read_hidden(record: ArchiveRecord, start: int) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator

    inner = io.BytesIO(record.block[start:])
    count = 0
    try:
        for raw in ArchiveIterator(inner, parse_http=False, auto_decode="none", quirks_mode=True):
            block = raw.reader.read()
            count += 1
            yield _record(raw, record.offset, block, False)
    except (OSError, ValueError) as error:
        yield Unreadable(record.offset, None, f"record hidden in a previous record: {error}")
    if count == 0:
        yield Unreadable(record.offset, None, "a Content-Length covers what looks like a record")


def _gap_after(record: ArchiveRecord, next_offset: int, plain: mmap.mmap) -> Unreadable | None:
    """Bytes between the end of an uncompressed record and the start of the next."""
    header_end = plain.find(b"\r\n\r\n", record.offset, next_offset)
    if header_end < 0:
        return None
    end = header_end + 4 + record.declared_length
    gap = plain[end:next_offset]
    if not gap.strip():
        return None
    end += len(gap) - len(gap.lstrip(b"\r\n"))  # the record's own closing blank lines
    size = next_offset - end
    return Unreadable(end, size, f"{size} bytes between records belong to none")


def _resync(
    stream: BinaryIO, after: int, size: int, plain: mmap.mmap | None, error: Exception
) -> Generator[Item, None, int | None]:
    """Find the next member or record start after a read error; report the bytes skipped."""
    resume = _next_start(stream, after + 1, size, plain is not None)
    skipped = (resume if resume is not None else size) - after
    yield Unreadable(after, skipped, f"unreadable data ({error}); skipped to the next record")
    return resume


def _next_start(stream: BinaryIO, position: int, size: int, uncompressed: bool) -> int | None:
    while position < size:
        stream.seek(position)
        window = stream.read(_RESYNC_WINDOW + 8)
        for magic in (b"WARC/1.",) if uncompressed else (_GZIP_MAGIC, _LZ4_MAGIC):
            found = window.find(magic)
            while 0 <= found < _RESYNC_WINDOW:
                if uncompressed or _member_opens(window[found:]):
                    return position + found
                found = window.find(magic, found + 1)
        position += _RESYNC_WINDOW
    return None


def _member_opens(data: bytes) -> bool:
    if data.startswith(_LZ4_MAGIC):
        return True
    return unpack(io.BytesIO(data[:4096]).read, 8).data.startswith(b"WARC")


def _map(stream: BinaryIO, size: int, compressed: bool) -> mmap.mmap | contextlib.nullcontext[None]:
    """The plain file mapped for reading (to check gaps between records), else nothing."""
    if compressed or size == 0:
        return contextlib.nullcontext()
    return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)


def _read_arc(path: Path, cap: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        records = ArchiveIterator(stream, arc2warc=True)
        offset = 0
        try:
            while (read := _quietly(lambda: _next_arc_record(records, cap))) is not None:
                offset, length, raw, block, lines_after = read
                headers = dict(raw.rec_headers.headers)
                declared = headers.get("Content-Length", "")
                if not (declared.isascii() and declared.isdigit()):
                    # warcio reads any line as a record's header: here, the rest of a record
                    # whose declared length was too short
                    yield Unreadable(
                        offset, length, f"{length} bytes between records belong to none"
                    )
                    continue
                too_large = len(block) > cap
                yield ArchiveRecord(
                    offset, length, raw.rec_type, headers, block[:cap], len(block), too_large
                )
                if lines_after:
                    # warcio passes over a line after a record where a blank one should be
                    yield Unreadable(
                        offset + (length or 0),
                        None,
                        "a line after the record belongs to none (its length may be declared "
                        "too short)",
                    )
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as error:
            yield Unreadable(offset, None, f"unreadable ARC data ({error}); rest of file skipped")


def _next_arc_record(records: Any, cap: int) -> tuple[int, int | None, Any, bytes, int] | None:
    """The next record's offset, length, warcio record and block, and how many lines that
    are not blank warcio passed over after it; None at the end."""
    raw = next(records, None)
    if raw is None:
        return None
    block = _arc_block(raw, cap)
    raw.raw_stream.read()  # warcio measures a record only once it is read through
    passed_over = records.err_count
    offset, length = records.get_record_offset(), records.get_record_length() or None
    return offset, length, raw, block, records.err_count - passed_over


def _quietly(step: Callable[[], T]) -> T:
    """One step of warcio's reading, without the warnings it writes to standard error (a
    record "not followed by newline", a decompression error): the damage they tell of is
    reported with the records, and a run over damaged archives wrote them between its
    progress lines. Only the step is redirected, never the caller's work between records."""
    with contextlib.redirect_stderr(io.StringIO()):
        return step()


def _arc_block(raw: object, cap: int) -> bytes:
    http = raw.http_headers  # type: ignore[attr-defined]
    head = http.to_bytes() if http is not None else b""
    return bytes(head) + raw.raw_stream.read(cap + 1)  # type: ignore[attr-defined]
