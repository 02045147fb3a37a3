"""Spark: a DataFrame of paths, ``mapInArrow`` calling ``process_archive`` once per path.

Every exception is caught inside the mapped function and returned as a failed row, because
one exception escaping a Spark task fails the task, and after its retries the whole job.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..archive.iterate import ArchiveOptions
from .results import FileResult, run_file

_RESULT_SCHEMA = "path string, shard string, ledger string, error string"


def run_spark(
    paths: Sequence[str],
    output_dir: str | Path,
    options: ArchiveOptions,
    *,
    spark: Any = None,
    cores: int = 2,
) -> list[FileResult]:
    """Process the files on a Spark session (a local one with ``cores`` when none is given)."""
    session = spark or local_session(cores)
    frame = session.createDataFrame([(str(p),) for p in paths], "path string")
    frame = frame.repartition(max(1, len(paths)))
    out = str(output_dir)

    def process(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            rows = [_row(run_file(path, out, options)) for path in batch.column(0).to_pylist()]
            yield pa.RecordBatch.from_pylist(rows, schema=_arrow_result_schema())

    rows = frame.mapInArrow(process, _RESULT_SCHEMA).collect()
    return [_from_row(row) for row in rows]


def local_session(cores: int) -> Any:
    """A local Spark session that runs tasks on this interpreter."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise RuntimeError(
            "the Spark engine needs PySpark and Java 17+: pip install 'thresher[spark]'"
        ) from error
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master(f"local[{cores},2]")
        .appName("thresher")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def _arrow_result_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in ("path", "shard", "ledger", "error")])


def _row(result: FileResult) -> dict[str, Any]:
    ledger = json.dumps(result.ledger) if result.ledger is not None else None
    return {"path": result.path, "shard": result.shard, "ledger": ledger, "error": result.error}


def _from_row(row: Any) -> FileResult:
    ledger = json.loads(row["ledger"]) if row["ledger"] else None
    return FileResult(row["path"], row["shard"], ledger, row["error"])
