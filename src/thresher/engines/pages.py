"""Worker processes for single pages (the service, ``thresher extract --workers``), each
owned through a pipe, surviving what a page does to them.

A calling thread takes an idle worker, sends it the job and waits at most the job's hard
limit. A worker that outlives it (stuck in native code, where the pipeline's own clock cannot
stop it) is killed; one that dies (a segfault, the kernel's OOM killer) is noticed by its
closed pipe. Either way a fresh worker takes its place and the job comes back as a Failure
that says what happened; no other job is affected. So does a job for which no worker came
free in time.
"""

from __future__ import annotations

import contextlib
import enum
import multiprocessing
import pickle
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .local import exit_description

Task = Callable[[Any], Any]
_READY = "ready"
_START_SECONDS = 120.0  # to import thresher and load its models, on a busy machine


# A page is stopped after its own time limit plus a margin: the pipeline stops itself at its
# limit, so the margin only lets it finish rendering what it read.
_HARD_LIMIT_FACTOR = 2.0
_HARD_LIMIT_MARGIN = 10.0


def hard_limit(time_limit_seconds: float) -> float:
    """How long a worker may take on a page whose Options allow ``time_limit_seconds``."""
    return time_limit_seconds * _HARD_LIMIT_FACTOR + _HARD_LIMIT_MARGIN


class FailureKind(enum.StrEnum):
    BUSY = "busy"  # no worker came free in time
    TIMEOUT = "timeout"  # the job outlived its hard limit, and its worker was stopped
    DIED = "died"  # its worker crashed
    ERROR = "error"  # the task raised an exception


@dataclass(frozen=True, slots=True)
class Failure:
    """A job that yielded no result, and why; ``error_type`` names the exception of an
    ERROR."""

    kind: FailureKind
    message: str
    error_type: str = ""


@dataclass(slots=True, eq=False)  # each worker is itself: kept in a set by identity
class _Worker:
    process: Any
    conn: Connection


def _serve_jobs(conn: Connection, task: Task, warm: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool shuts its workers down
    if warm is not None:
        warm()
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = _answered(task, job)
        try:
            conn.send(result)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            message = f"the task's result cannot be sent back: {error}"
            conn.send(Failure(FailureKind.ERROR, message, type(error).__name__))


def _answered(task: Task, job: Any) -> Any:
    try:
        return task(job)
    except Exception as error:  # noqa: BLE001 - a failing task must not end the worker
        return Failure(FailureKind.ERROR, str(error), type(error).__name__)


class PagePool:
    """``workers`` processes running ``task``, a module-level function of one picklable job
    (``warm``, if given, runs in each worker before its first job: to load the models); with 0
    workers the task runs in the calling thread, unsupervised (for embedding and debugging)."""

    def __init__(
        self,
        workers: int,
        task: Task,
        *,
        warm: Callable[[], None] | None = None,
        queue_seconds: float = 30.0,
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be 0 or more")
        self.workers = workers
        self.task = task
        self.warm = warm
        self.queue_seconds = queue_seconds
        self._context = multiprocessing.get_context("spawn")  # safe beside the server's threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        starting = [self._spawn() for _ in range(workers)]
        try:
            for worker in starting:  # started together, awaited in turn
                self._idle.put(self._ready(worker))
        except RuntimeError:
            self.close()
            raise

    def run(self, job: Any, hard_limit_seconds: float) -> Any:
        """The task's result for ``job``, or a Failure."""
        if not self.workers:
            return _answered(self.task, job)
        try:
            payload = pickle.dumps(job)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            message = f"the job cannot be sent to a worker: {error}"
            return Failure(FailureKind.ERROR, message, type(error).__name__)
        try:
            worker = self._idle.get(timeout=self.queue_seconds)
        except queue.Empty:
            return Failure(
                FailureKind.BUSY,
                f"all {self.workers} workers stayed busy for {self.queue_seconds:g} s; "
                "retry later or start more --workers",
            )
        try:
            reply, worker = self._run_on(worker, payload, hard_limit_seconds)
        except RuntimeError as error:  # no successor could start: the pool runs one short
            return Failure(FailureKind.DIED, str(error))
        self._idle.put(worker)
        return reply

    @property
    def live(self) -> int:
        """Workers running now: fewer than ``workers`` only when a replacement failed to
        start."""
        with self._lock:
            return len(self._all) if self.workers else 0

    def _run_on(self, worker: _Worker, payload: bytes, seconds: float) -> tuple[Any, _Worker]:
        try:
            worker.conn.send_bytes(payload)
        except OSError:  # it died while idle: the job goes to its successor
            worker = self._replace(worker)
            worker.conn.send_bytes(payload)
        if not worker.conn.poll(seconds):
            self._kill(worker)
            message = f"the page took longer than {seconds:g} s; its worker was stopped"
            return Failure(FailureKind.TIMEOUT, message), self._replace(worker)
        try:
            return worker.conn.recv(), worker
        except (EOFError, OSError):
            worker.process.join(1)
            ended = exit_description(worker.process.exitcode)
            message = f"the worker extracting the page {ended}; it was replaced"
            return Failure(FailureKind.DIED, message), self._replace(worker)

    def _start(self) -> _Worker:
        return self._ready(self._spawn())

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve_jobs, args=(theirs, self.task, self.warm), daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> _Worker:
        """The worker, once it has loaded the models and waits for jobs."""
        reason = f"was not ready after {_START_SECONDS:g} s"
        try:
            if worker.conn.poll(_START_SECONDS) and worker.conn.recv() == _READY:
                return worker
        except (EOFError, OSError):
            worker.process.join(5)
            reason = exit_description(worker.process.exitcode)
        self._kill(worker)
        raise RuntimeError(
            f"a worker process could not start: it {reason} (its own error, if any, is on "
            "standard error; a script that starts workers must start them under "
            "'if __name__ == \"__main__\":', as Python's spawned processes import it again)"
        )

    def _replace(self, worker: _Worker) -> _Worker:
        self._kill(worker)
        return self._start()

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Stop every worker: politely, then by force."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(2)
            self._kill(worker)

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
