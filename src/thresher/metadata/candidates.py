"""Candidates: every value a source offers for a metadata field, with the source's name."""

from __future__ import annotations

from typing import Any

Candidates = dict[str, list[tuple[Any, str]]]
DATE_FIELDS = frozenset(("date_published", "date_modified"))
# Pages someone wrote on some day. On product, service, listing and collection pages a "by", a
# marked author or a date in the body belongs to a brand, a seller or a listed item far more
# often than to the page (measured on WCXB: 0 right of 12 bylines offered, 0 right of 52 dates
# in the body chosen); only what the page declares for itself counts there.
AUTHORED_PAGE_TYPES = ("article", "forum", "documentation")


def add(candidates: Candidates, name: str, value: Any, source: str) -> None:
    """Record what a source offers for a field; an empty value offers nothing."""
    if value:
        candidates[name].append((value, source))
