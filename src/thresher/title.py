"""The page's own headline: a heading that agrees with the page's declared titles."""

from __future__ import annotations

import re

from .label import BlockLabel, Labels
from .page.model import Page

# Site names are appended to <title> after one of these.
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+[^|\-–—:·•»]{2,60}$")


def choose_title(page: Page, labels: Labels) -> str | None:
    for block, label in zip(page.blocks, labels.labels):
        if label is BlockLabel.TITLE:
            return block.text.replace("\n", " ")
    declared = page.meta.get("og:title") or page.meta.get("twitter:title") or page.title_tag
    if declared:
        return _TITLE_SUFFIX.sub("", declared.strip()) or declared.strip()
    for block in page.blocks:
        if block.kind == "h1":
            return block.text.replace("\n", " ")
    return None
