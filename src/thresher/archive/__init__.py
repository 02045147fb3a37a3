"""Web archives in, clean corpora out: the archive layer around the single-page core.

    read_archive   WARC/ARC file -> records and unreadable spans, with byte ranges
    iter_archive   records -> Outcome (a Document, a skip reason or a failure), in file order
    process_archive  one archive -> one shard + done-marker; returns the file's Ledger

Engines (``thresher.engines``) call ``process_archive`` once per file.
"""

from .iterate import ArchiveOptions, iter_archive
from .outcome import Ledger, Outcome, RecordInfo
from .records import ArchiveRecord, Unreadable, read_archive
from .schema import ARCHIVE_SCHEMA_VERSION, COLUMNS, arrow_schema, to_layout
from .shard import ArchiveOpenError, done_marker, process_archive, read_done, shard_path

__all__ = [
    "ARCHIVE_SCHEMA_VERSION",
    "COLUMNS",
    "ArchiveOpenError",
    "ArchiveOptions",
    "ArchiveRecord",
    "Ledger",
    "Outcome",
    "RecordInfo",
    "Unreadable",
    "arrow_schema",
    "done_marker",
    "iter_archive",
    "process_archive",
    "read_archive",
    "read_done",
    "shard_path",
    "to_layout",
]
