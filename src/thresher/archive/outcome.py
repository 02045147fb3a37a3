"""What happened to each record of an archive, and the ledger that sums it up per file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..document import Document

Status = Literal["extracted", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """Where a record sits and what the archive says about it."""

    offset: int
    """The record's byte offset in the file (in the compressed file, for a gzipped one)."""
    length: int | None
    """The record's length in bytes in the file; None where its compression hides where
    records end."""
    record_id: str | None = None
    """WARC-Record-ID."""
    url: str | None = None
    """WARC-Target-URI: the address the page was fetched from."""
    warc_date: str | None = None
    """WARC-Date: when it was fetched."""
    http_status: int | None = None
    """The status of the HTTP response the record holds."""
    content_type: str | None = None
    """The HTTP Content-Type, without its parameters."""
    charset: str | None = None
    """The charset the HTTP Content-Type names."""
    payload_digest: str | None = None
    """WARC-Payload-Digest."""
    notes: tuple[str, ...] = ()
    """What was wrong with the record but did not stop its reading (a body cut short...)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One record's fate: a Document, a reason it was skipped, or a reason it failed."""

    status: Status
    """``extracted``, ``skipped`` or ``failed``."""
    info: RecordInfo
    """Where the record sits and what the archive says about it."""
    document: Document | None = None
    """The page's Document, when extracted."""
    reason: str | None = None
    """Why the record was skipped or failed."""


@dataclass(slots=True)
class Ledger:
    """Counts for one input file. Invariant: read == extracted + skipped + failed."""

    path: str
    read: int = 0
    extracted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[dict[str, Any]] = field(default_factory=list)
    truncated: list[int] = field(default_factory=list)  # offsets of records cut short
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if outcome.status == "extracted":
            self.extracted += 1
        elif outcome.status == "skipped":
            self.skipped[outcome.reason or "unknown"] += 1
        else:
            self.failed.append({"offset": outcome.info.offset, "reason": outcome.reason})
        if any(note.startswith("truncated") for note in outcome.info.notes):
            self.truncated.append(outcome.info.offset)

    @property
    def balanced(self) -> bool:
        return self.read == self.extracted + sum(self.skipped.values()) + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "read": self.read,
            "extracted": self.extracted,
            "skipped": sum(self.skipped.values()),
            "skipped_by_reason": dict(sorted(self.skipped.items())),
            "failed": len(self.failed),
            "failures": list(self.failed),
            "truncated": list(self.truncated),
            "balanced": self.balanced,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ledger:
        return cls(
            path=data["path"],
            read=data["read"],
            extracted=data["extracted"],
            skipped=Counter(data["skipped_by_reason"]),
            failed=list(data["failures"]),
            truncated=list(data["truncated"]),
            seconds=data["seconds"],
        )
