"""One archive in, one shard out: the unit of work every engine (local, Ray, Spark) calls.

A shard is written under a hidden partial name and renamed when complete; its done-marker
(the shard's name plus ``.done``, holding the ledger as JSON) is written the same way, last.
So a shard without a marker is never trusted, a rerun skips a file whose marker exists, and a
retried task rewrites the same names instead of appending.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .iterate import ArchiveOptions, OnRecord, iter_archive
from .outcome import Ledger, Outcome
from .schema import ARCHIVE_SCHEMA_VERSION
from .writers import EXTENSIONS, open_writer, row_of

_ARCHIVE_SUFFIXES = (".warc.gz", ".warc.lz4", ".warc", ".arc.gz", ".arc", ".gz", ".lz4")


class ArchiveOpenError(OSError):
    """The input file cannot be opened or is not a file."""


def shard_path(input_path: str | Path, output_dir: str | Path, format: str) -> Path:
    """The shard's deterministic name: the input's stem and a hash of its absolute path."""
    source = Path(input_path)
    stem = source.name
    for suffix in _ARCHIVE_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    digest = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:10]
    return Path(output_dir) / f"{stem}-{digest}{EXTENSIONS[format]}"


def done_marker(shard: Path) -> Path:
    return shard.with_name(shard.name + ".done")


def read_done(shard: Path) -> Ledger | None:
    """The ledger of a finished shard, or None when the shard is missing or unfinished."""
    try:
        data = json.loads(done_marker(shard).read_text(encoding="utf-8"))
        ledger = Ledger.from_dict(data["ledger"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return ledger if shard.exists() else None


def process_archive(
    input_path: str | Path,
    output_dir: str | Path,
    options: ArchiveOptions | None = None,
    *,
    poisoned: Mapping[int, str] | None = None,
    on_record: OnRecord | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Ledger:
    """Extract every HTML response of one archive into one shard; return the file's ledger.

    ``on_record`` is called with each record's offset before it is read into an outcome,
    ``on_outcome`` with each outcome (engines use them for watchdogs and progress).

    Raises ``ArchiveOpenError`` only when the file cannot be opened at all; damage inside
    the file is reported in the ledger and in the rows' ``error`` column.
    """
    options = options or ArchiveOptions()
    source = Path(input_path)
    if not source.is_file():
        raise ArchiveOpenError(f"{source}: not a readable file")
    shard = shard_path(source, output_dir, options.format)
    shard.parent.mkdir(parents=True, exist_ok=True)
    partial = shard.with_name(f".{shard.name}.partial")
    ledger = Ledger(str(source))
    started = time.process_time()
    writer = open_writer(partial, options.format, options.rows_per_batch)
    try:
        for outcome in iter_archive(source, options, poisoned=poisoned, on_record=on_record):
            ledger.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            if outcome.status != "skipped":
                writer.add(row_of(outcome, source.name))
    finally:
        writer.close()
    ledger.seconds = time.process_time() - started
    os.replace(partial, shard)
    _write_marker(shard, ledger)
    return ledger


def _write_marker(shard: Path, ledger: Ledger) -> None:
    marker: dict[str, Any] = {
        "shard": shard.name,
        "schema_version": ARCHIVE_SCHEMA_VERSION,
        "ledger": ledger.to_dict(),
    }
    partial = shard.with_name(f".{shard.name}.done.partial")
    partial.write_text(json.dumps(marker, indent=1), encoding="utf-8")
    os.replace(partial, done_marker(shard))
