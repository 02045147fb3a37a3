"""What an engine reports for each input file, and the progress it shows while running."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input file's end: its ledger when processed, else why it failed after retries."""

    path: str
    shard: str | None
    ledger: dict[str, Any] | None
    error: str | None = None
    attempts: int = 1
    already_done: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "shard": self.shard,
            "attempts": self.attempts,
            "already_done": self.already_done,
            "error": self.error,
            "ledger": self.ledger,
        }


def run_file(path: str, output_dir: str, options: Any) -> FileResult:
    """Process one archive, turning every exception into a failed result (for Ray and Spark)."""
    from ..archive.shard import process_archive, shard_path

    shard = str(shard_path(path, output_dir, options.format))
    try:
        ledger = process_archive(path, output_dir, options)
    except BaseException as error:  # an escaping exception would abort the whole job
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return FileResult(path, None, None, f"{type(error).__name__}: {error}")
    return FileResult(path, shard, ledger.to_dict())


@dataclass(slots=True)
class Progress:
    """Live counts of a run, for the progress line."""

    files_total: int
    files_done: int = 0
    files_failed: int = 0
    records: int = 0
    pages: int = 0
    errors: int = 0
    finished_records: int = 0  # in files already finished (live counts add the running ones)
    finished_pages: int = 0

    def add_ledger(self, ledger: dict[str, Any]) -> None:
        """Count a finished file."""
        self.files_done += 1
        self.errors += ledger["failed"]
        self.finished_records += ledger["read"]
        self.finished_pages += ledger["extracted"]
        self.records, self.pages = self.finished_records, self.finished_pages
