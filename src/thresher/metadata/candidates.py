"""Candidates: every value a source offers for a metadata field, with the source's name."""

from __future__ import annotations

from typing import Any

Candidates = dict[str, list[tuple[Any, str]]]
DATE_FIELDS = frozenset(("date_published", "date_modified"))


def add(candidates: Candidates, name: str, value: Any, source: str) -> None:
    """Record what a source offers for a field; an empty value offers nothing."""
    if value:
        candidates[name].append((value, source))
