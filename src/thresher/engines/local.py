"""A supervised process pool: every core of one machine, surviving workers that die or hang.

Python's stock pools lose work when a worker dies: ``ProcessPoolExecutor`` breaks for every
pending task, ``multiprocessing.Pool`` waits forever for the lost result. Here the supervisor
owns each worker through a pipe and a small shared array in which the worker writes which
record it is extracting and since when. So the supervisor can:

- kill a worker stuck on one record past ``record_time_limit`` (a hard kill, which a
  signal-based timeout inside the worker cannot give for native code or other threads);
- kill a worker whose resident memory exceeds ``worker_memory_mb``;
- notice a worker that crashed (a segfault, the kernel's OOM killer);

and in every case start a fresh worker, mark the record it was on as failed ("poisoned") and
give the file again to a worker, which skips that record. After ``retries`` further attempts
a file goes to the failed list with the reason; no other file is affected.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..archive.iterate import ArchiveOptions
from ..archive.outcome import Outcome
from ..archive.shard import process_archive, shard_path
from .results import FileResult, Progress

_RECORDS, _OFFSET, _SINCE, _PAGES = 0, 1, 2, 3  # slots of a worker's shared status array
_POLL_SECONDS = 0.2
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(slots=True)
class _Task:
    path: str
    attempts: int = 0
    poisoned: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    status: Any  # shared int64s: records begun, current offset, its start time (ns), pages
    task: _Task | None = None
    kill_reason: str | None = None


def _worker_main(conn: Connection, status: Any, output_dir: str, options: ArchiveOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor handles interruption

    def on_record(offset: int) -> None:
        status[_RECORDS] += 1
        status[_OFFSET] = offset
        status[_SINCE] = time.monotonic_ns()

    def on_outcome(outcome: Outcome) -> None:
        status[_PAGES] += outcome.status == "extracted"

    while True:
        task = conn.recv()
        if task is None:
            return
        path, poisoned = task
        status[_RECORDS], status[_OFFSET], status[_SINCE] = 0, -1, time.monotonic_ns()
        status[_PAGES] = 0
        try:
            ledger = process_archive(
                path,
                output_dir,
                options,
                poisoned=poisoned,
                on_record=on_record,
                on_outcome=on_outcome,
            )
            conn.send(("done", {**ledger.to_dict(), "worker_peak_rss_mb": _peak_rss_mb()}))
        except Exception as error:
            conn.send(("error", f"{type(error).__name__}: {error}"))
        status[_SINCE] = 0


class LocalPool:
    """Run ``process_archive`` over many files on ``workers`` supervised processes."""

    def __init__(self, output_dir: str | Path, options: ArchiveOptions, workers: int) -> None:
        self._output_dir = str(output_dir)
        self._options = options
        self._size = max(1, workers)
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []

    def run(
        self, paths: Sequence[str], on_progress: Callable[[Progress], None] | None = None
    ) -> list[FileResult]:
        queue = deque(_Task(path) for path in paths)
        results: list[FileResult] = []
        progress = Progress(files_total=len(paths))
        try:
            while queue or any(worker.task for worker in self._workers):
                self._assign(queue)
                self._collect(queue, results, progress)
                self._police()
                if on_progress is not None:
                    on_progress(self._live(progress))
        finally:
            self.close()
        return results

    def _live(self, progress: Progress) -> Progress:
        busy = [w for w in self._workers if w.task is not None]
        progress.records = progress.finished_records + sum(int(w.status[_RECORDS]) for w in busy)
        progress.pages = progress.finished_pages + sum(int(w.status[_PAGES]) for w in busy)
        return progress

    def _assign(self, queue: deque[_Task]) -> None:
        # an idle worker can die too (the OOM killer picks any process): drop it unused
        self._workers = [w for w in self._workers if w.task is not None or w.process.is_alive()]
        # no more workers than files waiting for one: each starts a Python of its own
        idle = sum(worker.task is None for worker in self._workers)
        while len(queue) > idle and len(self._workers) < self._size:
            self._workers.append(self._start_worker())
            idle += 1
        for worker in self._workers:
            if worker.task is None and queue:
                worker.task = queue.popleft()
                worker.task.attempts += 1
                # a worker dying right now shows up at its sentinel, and the task is retried
                with contextlib.suppress(OSError):
                    worker.conn.send((worker.task.path, dict(worker.task.poisoned)))

    def _start_worker(self) -> _Worker:
        parent, child = self._context.Pipe()
        status = self._context.RawArray("q", 4)
        process = self._context.Process(
            target=_worker_main,
            args=(child, status, self._output_dir, self._options),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent, status)

    def _collect(self, queue: deque[_Task], results: list[FileResult], progress: Progress) -> None:
        busy = [w for w in self._workers if w.task is not None]
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=_POLL_SECONDS)) if handles else set()
        for worker in busy:
            if worker.conn in ready and self._receive(worker, results, progress):
                continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                self._replace(worker, queue, results, progress)

    def _receive(self, worker: _Worker, results: list[FileResult], progress: Progress) -> bool:
        task = worker.task
        assert task is not None
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            return False
        shard = str(shard_path(task.path, self._output_dir, self._options.format))
        if kind == "done":
            results.append(FileResult(task.path, shard, payload, attempts=task.attempts))
            progress.add_ledger(payload)
        else:
            results.append(FileResult(task.path, None, None, payload, task.attempts))
            progress.files_failed += 1
        worker.task = None
        return True

    def _replace(
        self, worker: _Worker, queue: deque[_Task], results: list[FileResult], progress: Progress
    ) -> None:
        """A worker died: poison its record, retry its file (bounded), start a new worker."""
        task = worker.task
        assert task is not None
        worker.process.join(timeout=5)  # the sentinel fires before the exit code is collected
        reason = worker.kill_reason or _death_reason(worker.process.exitcode)
        offset = int(worker.status[_OFFSET])
        if offset >= 0 and int(worker.status[_SINCE]) > 0:
            task.poisoned[offset] = reason
        self._workers.remove(worker)
        worker.conn.close()
        if task.attempts <= self._options.retries:
            queue.appendleft(task)
            return
        results.append(FileResult(task.path, None, None, reason, task.attempts))
        progress.files_failed += 1

    def _police(self) -> None:
        """Kill workers that are stuck on one record or use too much memory."""
        now = time.monotonic_ns()
        limit_ns = int(self._options.record_time_limit * 1e9)
        for worker in self._workers:
            if worker.task is None or worker.kill_reason is not None:
                continue
            since = int(worker.status[_SINCE])
            if since and now - since > limit_ns:
                self._kill(worker, f"killed: record exceeded {self._options.record_time_limit}s")
            elif _resident_mb(worker.process.pid) > self._options.worker_memory_mb:
                self._kill(worker, f"killed: worker above {self._options.worker_memory_mb} MB")

    @staticmethod
    def _kill(worker: _Worker, reason: str) -> None:
        worker.kill_reason = reason
        worker.process.kill()

    def close(self) -> None:
        for worker in self._workers:
            if worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
        self._workers = []


def _peak_rss_mb() -> float:
    """This process's peak resident memory. (ru_maxrss would not do: on Linux it carries the
    parent's peak across exec, so a spawned worker would report its parent's.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _death_reason(exitcode: int | None) -> str:
    return f"worker {exit_description(exitcode)} while on this record"


def usable_cores() -> int:
    """The cores this process may run on: its affinity mask where the system has one (a
    container or ``taskset`` limits it), else every core of the machine."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def exit_description(exitcode: int | None) -> str:
    """How a process ended, from its exit code: "died of signal SIGKILL", "exited with code 1"."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else "?"
        return f"died of signal {name}"
    return f"exited with code {exitcode}"


def _resident_mb(pid: int | None) -> float:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0
