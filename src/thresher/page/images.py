"""Where an image is: its address, as a browser would load it.

Pages that load images lazily give the ``src`` a placeholder (a blank pixel, a spinner, a
blurred copy written into the page as a ``data:`` address) and keep the image's address in an
attribute that a script copies in as the image scrolls into view. A placeholder is no image a
reader can open, and a ``data:`` address can be tens of kilobytes of text in the Markdown.
"""

from __future__ import annotations

import re

from ..addresses import followable

# The attributes lazy loaders keep the address in: lazysizes and most WordPress plugins
# (data-src, data-srcset), a3 and WP Rocket (data-lazy-src), the jQuery plugin (data-original).
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy")
_LAZY_SETS = ("srcset", "data-srcset", "data-lazy-srcset")


def image_source(attributes: dict[str, str | None], picture_source: str = "") -> str:
    """The address an <img> shows: the one a lazy loader keeps, where there is one (its
    ``src`` then holds a placeholder, which may be a file of its own: "lazy_placeholder.gif",
    "loading.svg"), else its ``src``, else the first source of the <picture> it is in, else
    its ``srcset``'s first; empty where the page gives none but placeholders."""
    for name in _LAZY_SOURCES:
        candidate = (attributes.get(name) or "").strip()
        if candidate and followable(candidate):
            return candidate
    # (the image's own before the picture's, which is often in a newer format, AVIF or WebP,
    # that fewer tools read)
    src = displayed_source(attributes) or picture_source
    if src:
        return src
    for name in _LAZY_SETS:
        candidate = first_candidate(attributes.get(name))
        if candidate:
            return candidate
    return ""


def displayed_source(attributes: dict[str, str | None]) -> str:
    """The ``src`` of an image that has no address elsewhere, unless it is a placeholder."""
    src = (attributes.get("src") or "").strip()
    return src if src and followable(src) and not is_placeholder(src) else ""


# The file a placeholder is, named for what it is: the word ends its name but for a short
# word or two and the hash a build adds ("lazy_placeholder.gif", "placeholder.60f9b1840c.svg",
# "loading-trans-ced15704.gif", "placeholder-400x400.png", "spinner.gif", "spacer.gif");
# "blank-notebook.png" is a picture of one.
_PLACEHOLDER = re.compile(
    r"(?:^|[-_.])(?:placeholder|loading|loader|spinner|blank|spacer|lazy[-_]?load)"
    r"(?:[-_.](?:[a-z0-9]{1,6}|\d{2,4}x\d{2,4})){0,2}(?:[-_.][0-9a-f]{8,})?"
    r"\.(?:gif|svg|png|webp)$",
    re.IGNORECASE,
)


def is_placeholder(address: str) -> bool:
    path = address.split("?", 1)[0].split("#", 1)[0]
    return _PLACEHOLDER.search(path.rsplit("/", 1)[-1]) is not None


def first_candidate(srcset: str | None) -> str:
    """The first address of a ``srcset`` ("a.jpg 480w, b.jpg 800w"), unless it is inline."""
    if not srcset:
        return ""
    first = srcset.strip().split(",", 1)[0].split()
    candidate = first[0] if first else ""
    return candidate if followable(candidate) else ""


# Declared this small, an image is an icon, an avatar or a spacer: shown beside words it may
# stand for one (an emoji), but alone it is no picture of the content.
_SMALLEST_PICTURE = 48


def is_icon(attributes: dict[str, str | None]) -> bool:
    """Whether the image's declared width or height is an icon's."""
    for name in ("width", "height"):
        declared = (attributes.get(name) or "").strip().removesuffix("px")
        if declared.isdigit() and int(declared) < _SMALLEST_PICTURE:
            return True
    return False
