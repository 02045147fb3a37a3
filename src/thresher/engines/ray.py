"""Ray: one task per archive, each calling the same ``process_archive`` as the local engine.

Shard names are deterministic, so a task Ray retries after a lost node rewrites its shard
instead of adding a second copy (Ray Data's writers append on a rerun; they are not used).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..archive.iterate import ArchiveOptions
from .results import FileResult, Progress, run_file


def run_ray(
    paths: Sequence[str],
    output_dir: str | Path,
    options: ArchiveOptions,
    *,
    num_cpus: int | None = None,
    address: str | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> list[FileResult]:
    """Run one Ray task per file, on the Ray cluster this process finds (``address``, else
    the one ``RAY_ADDRESS`` names, else one that ``ray start`` began on this machine), or on a
    local Ray of ``num_cpus`` CPUs started for the run where there is none."""
    ray = _import_ray()
    if not ray.is_initialized():
        _start_or_join(ray, address, num_cpus)
    task = ray.remote(num_cpus=1, max_retries=options.retries)(run_file)
    pending = {task.remote(path, str(output_dir), options): path for path in paths}
    progress = Progress(files_total=len(paths))
    results: list[FileResult] = []
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1, timeout=1.0)
        for ref in ready:
            path = pending.pop(ref)
            results.append(_result(ray, ref, path))
            _count(progress, results[-1])
        if on_progress is not None:
            on_progress(progress)
    return results


_QUIET = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}


def _start_or_join(ray: Any, address: str | None, num_cpus: int | None) -> None:
    """A running cluster has its own CPUs, and Ray refuses to join it when told a number of
    them: so the number is given only to start a local Ray, which is what Ray does when it
    finds no cluster."""
    try:
        if address is None and num_cpus is not None:
            try:
                ray.init(num_cpus=num_cpus, **_QUIET)
                return
            except ValueError as error:
                if "existing cluster" not in str(error):
                    raise
        ray.init(address=address, **_QUIET)
    except (ConnectionError, ValueError) as error:
        raise RuntimeError(f"could not start or join Ray: {error}") from error


def _result(ray: Any, ref: Any, path: str) -> FileResult:
    try:
        result: FileResult = ray.get(ref)
    except Exception as error:  # the task's worker died on every attempt
        return FileResult(path, None, None, f"ray task failed: {type(error).__name__}: {error}")
    return result


def _count(progress: Progress, result: FileResult) -> None:
    if result.ledger is None:
        progress.files_failed += 1
        return
    progress.add_ledger(result.ledger)


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise RuntimeError("the Ray engine needs Ray: pip install 'thresher[ray]'") from error
    return ray
