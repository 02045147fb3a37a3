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
    """Process the files on a Spark session: the one given, else one on the cluster that
    spark-submit or spark-defaults.conf names, else a local one with ``cores``."""
    session = spark or spark_session(cores)
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


def spark_session(cores: int) -> Any:
    """A Spark session on the cluster Spark's configuration names (``spark-submit --master
    yarn``, or spark.master in spark-defaults.conf), else on this machine with ``cores``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise RuntimeError(
            "the Spark engine needs PySpark and Java 17+: pip install 'thresher[spark]'"
        ) from error
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    master = chosen_master(configured_master(), cores)
    builder = (
        SparkSession.builder.master(master)
        .appName("thresher")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    if master.startswith("local"):  # no network interface but the loopback is needed
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    return builder.getOrCreate()


def configured_master() -> str | None:
    """The master spark-submit was given or spark-defaults.conf names (Spark's own default
    where neither does: every local core)."""
    from pyspark import SparkConf, SparkContext

    if SparkContext._active_spark_context is None:
        # Starts the JVM as a session would, and with it the settings spark-submit passed
        # or spark-defaults.conf holds, so that they can be read before the session exists.
        SparkContext._ensure_initialized()
    master: str | None = SparkConf().get("spark.master", None)
    return master


def chosen_master(configured: str | None, cores: int) -> str:
    """A cluster's master as configured; Spark's own default (every core, no task retried)
    gives way to ``cores`` and a second attempt at a failed task."""
    if configured and not configured.startswith("local"):
        return configured
    return f"local[{cores},2]"


def _arrow_result_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in ("path", "shard", "ledger", "error")])


def _row(result: FileResult) -> dict[str, Any]:
    ledger = json.dumps(result.ledger) if result.ledger is not None else None
    return {"path": result.path, "shard": result.shard, "ledger": ledger, "error": result.error}


def _from_row(row: Any) -> FileResult:
    ledger = json.loads(row["ledger"]) if row["ledger"] else None
    return FileResult(row["path"], row["shard"], ledger, row["error"])
