"""From an archive's records to outcomes: each HTML response extracted, every other one counted.

This is the one place where the archive world meets the single-page core: the core sees
only the decoded HTTP body, the target URL and the charset the HTTP headers declare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmptyInputError, InputError, NotHTMLError, ThresherError
from ..options import DEFAULT_OPTIONS, Options, check_seconds
from ..pipeline import extract
from .http import BodyTooLarge, HttpResponse, parse_response
from .outcome import Outcome, RecordInfo
from .records import ArchiveRecord, Unreadable, read_archive


@dataclass(frozen=True, slots=True)
class ArchiveOptions:
    """Everything that changes how archives are read and what a run writes."""

    extract: Options = field(default_factory=lambda: DEFAULT_OPTIONS)
    """How each page is extracted."""
    format: str = "parquet"
    """The shards' format: ``parquet`` or ``jsonl`` (gzipped JSON lines)."""
    max_block_bytes: int = 32 * 1024 * 1024
    """A stored record larger than this is failed, not read."""
    statuses: tuple[int, int] = (200, 299)
    """The HTTP statuses whose pages are extracted, inclusive; others are skipped."""
    record_time_limit: float = 120.0
    """Seconds after which a worker stuck on one record is killed (local engine)."""
    worker_memory_mb: int = 4096
    """A worker whose resident size passes this is killed and replaced."""
    retries: int = 2
    """Further attempts at a file after a worker died on it."""
    rows_per_batch: int = 500
    """Rows written to a shard at a time."""

    def __post_init__(self) -> None:
        if self.format not in ("parquet", "jsonl"):
            raise ValueError("format must be 'parquet' or 'jsonl'")
        check_seconds("record_time_limit", self.record_time_limit)
        if self.worker_memory_mb <= 0:
            raise ValueError("worker_memory_mb must be positive")
        if self.retries < 0 or self.max_block_bytes <= 0 or self.rows_per_batch <= 0:
            raise ValueError("retries must be 0 or more; max_block_bytes, rows_per_batch positive")


OnRecord = Callable[[int], None]


def iter_archive(
    path: str | Path,
    options: ArchiveOptions | None = None,
    *,
    poisoned: Mapping[int, str] | None = None,
    on_record: OnRecord | None = None,
) -> Iterator[Outcome]:
    """Yield one Outcome per record of a WARC or ARC file, in file order.

    ``poisoned`` maps record offsets to a reason: those records are failed without being
    extracted (a supervisor uses it after a record killed a worker). ``on_record`` is called
    with a record's offset before its extraction starts.
    """
    options = options or ArchiveOptions()
    poisoned = poisoned or {}
    for item in read_archive(path, options.max_block_bytes):
        if isinstance(item, Unreadable):
            yield Outcome("failed", RecordInfo(item.offset, item.length), reason=item.reason)
            continue
        if item.offset in poisoned and item.record_type == "response":
            yield Outcome("failed", _info(item, None), reason=poisoned[item.offset])
            continue
        if on_record is not None:
            on_record(item.offset)
        yield _outcome(item, options)


def _outcome(record: ArchiveRecord, options: ArchiveOptions) -> Outcome:
    if record.record_type != "response":
        return Outcome("skipped", _info(record, None), reason=f"record type {record.record_type}")
    if record.too_large:
        reason = f"record larger than max_block_bytes={options.max_block_bytes}"
        return Outcome("failed", _info(record, None), reason=reason)
    try:
        response = parse_response(record.block, options.extract.max_input_bytes)
    except BodyTooLarge as error:
        return Outcome("failed", _info(record, None), reason=str(error))
    info = _info(record, response)
    skip = _skip_reason(response, options)
    if skip is not None:
        return Outcome("skipped", info, reason=skip)
    return _extract(response, info, options)


def _skip_reason(response: HttpResponse, options: ArchiveOptions) -> str | None:
    low, high = options.statuses
    if response.status is not None and not low <= response.status <= high:
        return f"http status {response.status}"
    if not response.is_html():
        return f"content type {response.content_type or 'unknown'}"
    return None


def _extract(response: HttpResponse, info: RecordInfo, options: ArchiveOptions) -> Outcome:
    try:
        document = extract(
            response.body, url=info.url, options=options.extract, declared_charset=info.charset
        )
    except InputError as error:
        return Outcome("skipped", info, reason=f"not a page: {_what(error)}")
    except ThresherError as error:
        return Outcome("failed", info, reason=f"{type(error).__name__}: {error}")
    except (MemoryError, RecursionError) as error:
        return Outcome("failed", info, reason=f"{type(error).__name__} while extracting")
    except Exception as error:  # a bug in one record must not end the file
        return Outcome("failed", info, reason=f"internal error {type(error).__name__}: {error}")
    return Outcome("extracted", info, document=document)


def _what(error: InputError) -> str:
    """What a record that is no page holds ('a PDF document', 'an RSS feed'), for counting."""
    if isinstance(error, NotHTMLError):
        return error.detected.split(" (")[0]
    return "empty" if isinstance(error, EmptyInputError) else type(error).__name__


def _info(record: ArchiveRecord, response: HttpResponse | None) -> RecordInfo:
    headers = record.headers
    notes = response.notes if response is not None else ()
    if record.truncated:
        notes = (f"truncated: {len(record.block)} of {record.declared_length} bytes", *notes)
    return RecordInfo(
        offset=record.offset,
        length=record.length,
        record_id=_record_id(headers.get("WARC-Record-ID")),
        url=_target(headers.get("WARC-Target-URI")),
        warc_date=headers.get("WARC-Date") or headers.get("Archive-Date"),
        http_status=response.status if response is not None else None,
        content_type=response.content_type or None if response is not None else None,
        charset=response.charset if response is not None else None,
        payload_digest=headers.get("WARC-Payload-Digest"),
        notes=notes,
    )


def _record_id(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().strip("<>").removeprefix("urn:uuid:")


def _target(value: str | None) -> str | None:
    # wget writes the target URI in angle brackets, as the WARC 1.0 grammar once suggested.
    return value.strip().strip("<>") or None if value else None
