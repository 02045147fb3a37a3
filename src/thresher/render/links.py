"""Absolute addresses: the content leaves its page, so its relative links must not.

A link to ``/docs/pods/`` means nothing in a prompt or a corpus; resolved against the page's
address (or the ``<base href>`` it declares) it stays followable. Only the chosen blocks are
resolved, and an address that already has a scheme is left as it is.
"""

from __future__ import annotations

import re

from ..addresses import joined, split
from ..page.model import Block, Page, image_parts, image_target

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def base_address(url: str | None, page: Page) -> str | None:
    """What relative addresses resolve against: the page's ``<base href>`` read against its
    URL (without one, the address the page declares for itself), else that URL; None unless
    the result is an absolute http(s) address."""
    url = url or page.declared_address()
    base_href = page.declarations.base_href
    base = joined(url or "", base_href) if base_href else url
    parts = split(base) if base else None
    return base if parts and parts.scheme in ("http", "https") and parts.netloc else None


def with_absolute_links(blocks: list[Block], base: str) -> list[Block]:
    """The blocks with every link and image address absolute."""
    parts = split(base)
    origin = f"{parts.scheme}://{parts.netloc}" if parts else ""
    out = []
    for block in blocks:
        if block.targets:
            targets = tuple(_absolute(target, base, origin) for target in block.targets)
            if targets != block.targets:
                block = block._replace(targets=targets)
        if block.images_before:
            images = tuple(_absolute(image, base, origin) for image in block.images_before)
            block = block._replace(images_before=images)
        out.append(block)
    return out


def _absolute(target: str, base: str, origin: str) -> str:
    image = image_parts(target)
    if image:
        alt, src = image
        return image_target(alt, _resolved(src, base, origin))
    return _resolved(target, base, origin)


def _resolved(address: str, base: str, origin: str) -> str:
    address = address.strip()
    if not address or _SCHEME.match(address):
        return address
    if origin and address[0] == "/" and address[1:2] != "/" and "/." not in address:
        return origin + address  # the common case, "/path", needs no full resolution
    return joined(base, address) or address
