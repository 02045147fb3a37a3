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


# Each candidate costs the choice a validation (a date parsed, a name cleaned): a field takes
# at most this many, the first ones, however often a page repeats itself (200,000 meta tags
# dating a listing's items added 0.9 s). A list of names counts once: a physics paper's
# thousands of authors are one candidate. On wcxb-dev a field gets at most 963 (the authors
# of a page that links its writers' profiles a thousand times).
MOST_CANDIDATES = 5_000


def add(candidates: Candidates, name: str, value: Any, source: str) -> None:
    """Record what a source offers for a field; an empty value offers nothing, and a field
    that holds MOST_CANDIDATES takes no more."""
    if value and len(candidates[name]) < MOST_CANDIDATES:
        candidates[name].append((value, source))


def full_fields(candidates: Candidates) -> list[str]:
    """The fields that took all the candidates they could, and may have been offered more."""
    return [name for name, offered in candidates.items() if len(offered) >= MOST_CANDIDATES]
