"""Where an image is: its address, as a browser would load it.

Pages that load images lazily give the ``src`` a placeholder (a blank pixel, a blurred copy
written into the page as a ``data:`` address) and keep the image's address in an attribute
that a script copies in as the image scrolls into view. A placeholder is no image a reader can
open, and a ``data:`` address can be tens of kilobytes of text in the Markdown.
"""

from __future__ import annotations

# The attributes lazy loaders keep the address in: lazysizes and most WordPress plugins
# (data-src, data-srcset), a3 and WP Rocket (data-lazy-src), the jQuery plugin (data-original).
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy")
_LAZY_SETS = ("srcset", "data-srcset", "data-lazy-srcset")


def image_source(attributes: dict[str, str | None]) -> str:
    """The address an <img> shows: its ``src`` unless that is a placeholder, else the one a
    lazy loader keeps; empty where the page gives none."""
    src = (attributes.get("src") or "").strip()
    if src and not _is_inline(src):
        return src
    for name in _LAZY_SOURCES:
        candidate = (attributes.get(name) or "").strip()
        if candidate and not _is_inline(candidate):
            return candidate
    for name in _LAZY_SETS:
        candidate = first_candidate(attributes.get(name))
        if candidate:
            return candidate
    return ""


def first_candidate(srcset: str | None) -> str:
    """The first address of a ``srcset`` ("a.jpg 480w, b.jpg 800w"), unless it is inline."""
    if not srcset:
        return ""
    first = srcset.strip().split(",", 1)[0].split()
    candidate = first[0] if first else ""
    return "" if _is_inline(candidate) else candidate


def _is_inline(address: str) -> bool:
    return address[:5].lower() == "data:"
