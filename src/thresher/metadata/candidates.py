"""Candidates: every value a source offers for a metadata field, with the source's name."""

from __future__ import annotations

from typing import Any

Candidates = dict[str, list[tuple[Any, str]]]
DATE_FIELDS = frozenset(("date_published", "date_modified"))
# On product, service, listing and collection pages a "by" or a marked author names a brand,
# a seller or a listed item's author far more often than the page's author (measured on
# WCXB: 0 right of 12 bylines offered); only what the page declares for itself counts there.
PAGE_TYPES_WITH_AUTHORS = ("article", "forum", "documentation")


def add(candidates: Candidates, name: str, value: Any, source: str) -> None:
    """Record what a source offers for a field; an empty value offers nothing."""
    if value:
        candidates[name].append((value, source))
