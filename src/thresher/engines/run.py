"""A run: inputs expanded to archive files, finished shards skipped, an engine, a summary."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..archive.iterate import ArchiveOptions
from ..archive.schema import ARCHIVE_SCHEMA_VERSION
from ..archive.shard import read_done, shard_path
from .local import usable_cores
from .results import FileResult, Progress

ENGINES = ("local", "ray", "spark")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".warc.lz4", ".arc", ".arc.gz")


class InputListError(ValueError):
    """An input is neither an archive, a directory nor a list of paths."""


def expand_inputs(inputs: Iterable[str | Path]) -> list[str]:
    """Archive files from files, directories (searched recursively) and lists of paths."""
    found: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += sorted(str(p) for p in path.rglob("*") if _is_archive(p) and p.is_file())
        elif _is_archive(path) or not path.exists():
            found.append(str(path))  # a missing archive fails later, with its name, in the run
        else:
            found += _read_list(path)
    return list(dict.fromkeys(found))


def _is_archive(path: Path) -> bool:
    return path.name.endswith(ARCHIVE_SUFFIXES)


def _read_list(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputListError(
            f"{path}: not an archive (.warc, .warc.gz, .warc.lz4, .arc, .arc.gz) "
            f"and not a text file listing archives ({error})"
        ) from error
    base = path.parent
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [str(base / entry) if not os.path.isabs(entry) else entry for entry in entries]


def run(
    inputs: Sequence[str | Path],
    output_dir: str | Path,
    options: ArchiveOptions | None = None,
    *,
    engine: str = "local",
    workers: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> dict[str, Any]:
    """Process archives into shards under ``output_dir``; write and return the run's summary."""
    options = options or ArchiveOptions()
    # A cluster's workers run in folders of their own: a path relative to this one is lost there.
    out = Path(os.path.abspath(output_dir))
    out.mkdir(parents=True, exist_ok=True)
    paths = _distinct(expand_inputs(inputs))
    done, todo = _split_done(paths, out, options)
    workers = workers or usable_cores()
    started = time.monotonic()
    results = done + _engine_run(engine, todo, out, options, workers, on_progress)
    summary = summarise(results, time.monotonic() - started, engine, workers, options)
    _write_summary(out, summary)
    return summary


def _distinct(paths: list[str]) -> list[str]:
    """Each archive once, by its absolute path, however it was named: as written, from
    another folder, or through a link. Named twice, one file went to two workers at once,
    which raced to write the same shard."""
    found: dict[str, str] = {}
    for path in paths:
        found.setdefault(os.path.realpath(path), os.path.abspath(path))
    return list(found.values())


def _split_done(
    paths: list[str], out: Path, options: ArchiveOptions
) -> tuple[list[FileResult], list[str]]:
    done, todo = [], []
    for path in paths:
        shard = shard_path(path, out, options.format)
        ledger = read_done(shard)
        if ledger is None:
            todo.append(path)
        else:
            done.append(FileResult(path, str(shard), ledger.to_dict(), already_done=True))
    return done, todo


def _engine_run(
    engine: str,
    paths: list[str],
    out: Path,
    options: ArchiveOptions,
    workers: int,
    on_progress: Callable[[Progress], None] | None,
) -> list[FileResult]:
    if not paths:
        return []
    if engine == "local":
        from .local import LocalPool

        return LocalPool(out, options, workers).run(paths, on_progress)
    if engine == "ray":
        from .ray import run_ray

        return run_ray(paths, out, options, num_cpus=workers, on_progress=on_progress)
    if engine == "spark":
        from .spark import run_spark

        return run_spark(paths, out, options, cores=workers)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def summarise(
    results: list[FileResult],
    seconds: float,
    engine: str,
    workers: int,
    options: ArchiveOptions,
) -> dict[str, Any]:
    ledgers = [r.ledger for r in results if r.ledger is not None]
    skipped: Counter[str] = Counter()
    for ledger in ledgers:
        skipped.update(ledger["skipped_by_reason"])
    new = [r.ledger for r in results if r.ledger is not None and not r.already_done]
    extracted_now = sum(ledger["extracted"] for ledger in new)
    return {
        "thresher_version": __version__,
        "schema_version": ARCHIVE_SCHEMA_VERSION,
        "engine": engine,
        "workers": workers,
        "options": _options_dict(options),
        "wall_seconds": round(seconds, 3),
        "files": len(results),
        "files_processed": len(new),
        "files_already_done": sum(r.already_done for r in results),
        "files_failed": [r.to_dict() for r in results if r.ledger is None],
        "records_read": sum(ledger["read"] for ledger in ledgers),
        "records_extracted": sum(ledger["extracted"] for ledger in ledgers),
        "records_skipped": sum(skipped.values()),
        "records_failed": sum(ledger["failed"] for ledger in ledgers),
        "skipped_by_reason": dict(skipped.most_common()),
        "pages_per_second": round(extracted_now / seconds, 2) if seconds > 0 else None,
        "all_balanced": all(ledger["balanced"] for ledger in ledgers),
        "per_file": [r.to_dict() for r in results],
    }


def _options_dict(options: ArchiveOptions) -> dict[str, Any]:
    data = asdict(options)
    data["extract"] = {k: str(v) if k == "focus" else v for k, v in data["extract"].items()}
    return data


def _write_summary(out: Path, summary: dict[str, Any]) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = out / f"run-summary-{stamp}-{os.getpid()}.json"
    target.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    return target


class ProgressLine:
    """A one-line live progress display for a terminal: files, records, pages/s, errors."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 0.5) -> None:
        self._stream = stream
        self._every = every
        self._last = 0.0
        self._started = time.monotonic()

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self._last < self._every:
            return
        self._last = now
        rate = progress.pages / max(now - self._started, 1e-9)
        finished = progress.files_done + progress.files_failed
        errors = progress.errors + progress.files_failed
        line = (
            f"\rthresher: files {finished}/{progress.files_total}  records {progress.records}  "
            f"pages {progress.pages} ({rate:,.0f}/s)  errors {errors}"
        )
        self._stream.write(line)
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\n")
        self._stream.flush()
