"""Web addresses read without surprises: a malformed one ("http://[::1") is no address.

``urllib.parse`` raises ValueError on some malformed addresses; a page or a caller may hand
thresher any of them, and an address is never worth failing an extraction for.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

from .charsets import LONE_SURROGATE


def joined(base: str, address: str) -> str | None:
    """``address`` resolved against ``base``, or None when it is malformed, or relative to a
    malformed ``base`` (an absolute address needs no base)."""
    try:
        return urljoin(base, address)
    except ValueError:
        pass
    try:
        return address if urlsplit(address).scheme else None
    except ValueError:
        return None


# Schemes of addresses a reader cannot follow from the content: script that runs in the page
# showing it (javascript:, vbscript:), a document written into the address itself (data:), a
# file on the author's own disk (file:). A Markdown reader or a chat interface that renders
# the content would make the first two live links.
_UNFOLLOWABLE_SCHEMES = frozenset(("javascript", "vbscript", "data", "file"))
# As a browser reads an address: without leading controls and spaces, and without tabs and
# line breaks anywhere ("java\tscript:" is javascript:).
_LEADING = "".join(map(chr, range(0x21)))
_TABS_AND_BREAKS = str.maketrans("", "", "\t\n\r")


def without_surrogates(address: str) -> str:
    """The address with the bytes Python kept as lone surrogates (a command-line argument or a
    file name that is not UTF-8: "caf\\udce9") percent-encoded as a browser sends them
    ("caf%E9"), and any other lone surrogate, which no UTF-8 output takes, left out."""
    return LONE_SURROGATE.sub(_escaped_byte, address)


def _escaped_byte(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"%{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else ""


def followable(address: str) -> bool:
    """Whether a link or image address can be kept in the content: relative, or of any scheme
    but those that run script, hold a document inline or point into the author's disk."""
    colon = address.find(":")
    if colon < 0:
        return True
    scheme = without_tabs_and_breaks(address[:colon]).lstrip(_LEADING)
    return scheme.lower() not in _UNFOLLOWABLE_SCHEMES


def without_tabs_and_breaks(address: str) -> str:
    """The address as a browser follows it: an attribute's tabs and line breaks are no part of
    it ("/news/\n2025/" is "/news/2025/")."""
    return address.translate(_TABS_AND_BREAKS)


def split(address: str) -> SplitResult | None:
    """The parts of ``address``, or None when it is malformed."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


# The mark a browser writes into a page it saves (Chrome, Edge and Internet Explorer:
# "<!-- saved from url=(0042)https://..." before <html>) and the SingleFile extension's
# comment after <html> ("url: https://..."): the address the page was read from.
_SAVED_FROM = re.compile(
    r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)"
    r"|<!--\s*Page saved with SingleFile\s+url:\s*(https?://[^\s>]+)",
    re.IGNORECASE,
)
_SAVED_MARK_WITHIN = 4096  # both marks sit at the top of the file


def saved_from(text: str) -> str | None:
    """The address a browser or a saving extension wrote into a saved page, if any."""
    found = _SAVED_FROM.search(text, 0, _SAVED_MARK_WITHIN)
    if not found:
        return None
    address = found.group(1) or found.group(2)
    parts = split(address)
    return address if parts and parts.netloc else None
