"""The result of an extraction: immutable, typed, and convertible to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Document:
    """What thresher read from one page.

    ``text`` and ``markdown`` hold the main content only. Fields that later releases fill
    (authors, dates, comments...) are added with a new ``schema_version``; existing fields
    keep their meaning.
    """

    text: str
    markdown: str
    title: str | None
    page_type: str
    page_type_confidence: float
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "url": self.url,
            "title": self.title,
            "page_type": self.page_type,
            "page_type_confidence": round(self.page_type_confidence, 4),
            "language": self.language,
            "encoding": self.encoding,
            "text": self.text,
            "markdown": self.markdown,
            "warnings": list(self.warnings),
        }
