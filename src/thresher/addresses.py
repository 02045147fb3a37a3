"""Web addresses read without surprises: a malformed one ("http://[::1") is no address.

``urllib.parse`` raises ValueError on some malformed addresses; a page or a caller may hand
thresher any of them, and an address is never worth failing an extraction for.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def joined(base: str, address: str) -> str | None:
    """``address`` resolved against ``base``, or None when either is malformed."""
    try:
        return urljoin(base, address)
    except ValueError:
        return None


def split(address: str) -> SplitResult | None:
    """The parts of ``address``, or None when it is malformed."""
    try:
        return urlsplit(address)
    except ValueError:
        return None
