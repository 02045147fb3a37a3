"""Shard writers: Parquet (zstd, explicit schema) and gzipped JSON lines, one row per outcome."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from .outcome import Outcome
from .schema import ARCHIVE_SCHEMA_VERSION, COLUMN_NAMES, arrow_schema

EXTENSIONS = {"parquet": ".parquet", "jsonl": ".jsonl.gz"}
REPEATED_COLUMNS = (
    "language",
    "page_type",
    "http_status",
    "content_type",
    "charset",
    "sitename",
    "warc_filename",
    "thresher_version",
    "schema_version",
)


class ShardWriter(Protocol):
    def add(self, row: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def row_of(outcome: Outcome, filename: str) -> dict[str, Any]:
    """The output row of an extracted or failed record."""
    info = outcome.info
    row: dict[str, Any] = {
        "id": info.record_id or f"{filename}:{info.offset}",
        "url": info.url,
        "warc_date": info.warc_date,
        "warc_filename": filename,
        "warc_record_offset": info.offset,
        "warc_record_length": info.length,
        "http_status": info.http_status,
        "content_type": info.content_type,
        "charset": info.charset,
        "payload_digest": info.payload_digest,
        "thresher_version": __version__,
        "schema_version": ARCHIVE_SCHEMA_VERSION,
        "error": outcome.reason if outcome.status == "failed" else None,
        "warnings": list(info.notes),
    }
    document = outcome.document
    if document is not None:
        row.update(document.metadata_dict())
        row.update(
            url=info.url or document.url,
            text=document.text,
            markdown=document.markdown,
            html=document.html,
            charset=document.encoding or info.charset,
            author_bio=document.author_bio,
            comments=[comment.to_dict() for comment in document.comments],
            warnings=[*info.notes, *document.warnings],
        )
    return {name: row.get(name) for name in COLUMN_NAMES}


def open_writer(path: Path, format: str, rows_per_batch: int) -> ShardWriter:
    if format == "parquet":
        return ParquetWriter(path, rows_per_batch)
    return JsonlWriter(path)


class ParquetWriter:
    """Rows buffered into record batches; zstd-compressed Parquet with the archive schema."""

    def __init__(self, path: Path, rows_per_batch: int) -> None:
        import pyarrow.parquet as pq

        self._schema = arrow_schema()
        self._writer = pq.ParquetWriter(
            path,
            self._schema,
            compression="zstd",
            # Dictionaries and min/max statistics only pay off on short, repetitive columns;
            # on page text they cost time and save nothing.
            use_dictionary=list(REPEATED_COLUMNS),
            write_statistics=list(REPEATED_COLUMNS),
        )
        self._rows: list[dict[str, Any]] = []
        self._batch = rows_per_batch

    def add(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


class JsonlWriter:
    """One JSON object per line, gzip-compressed; every schema column present in every row."""

    def __init__(self, path: Path) -> None:
        # closed by close(): the writer outlives any one with-block of its caller
        self._file = gzip.open(path, "wt", encoding="utf-8", compresslevel=6)  # noqa: SIM115

    def add(self, row: dict[str, Any]) -> None:
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._file.close()
