"""Plain text: a heading per line, paragraphs apart, one list item or table row per line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..comments import Comment
from ..page.model import Block

# Consecutive blocks of these kinds belong to one list or table: one line each, no gap.
LINE_KINDS = frozenset(("li", "tr", "dt", "dd"))


HEADING_KINDS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# The permalink a template puts after a heading: "Installation¶", "Prices #", a link icon.
_PERMALINK = re.compile(r"\s*\[?(?:[¶§🔗\uf0c1]|(?<=\s)#|(?<=\[)#)\]?(?:\([^()]*\))?\s*$")


def heading_text(text: str) -> str:
    """A heading's text without the permalink sign after it, when something is left."""
    return _PERMALINK.sub("", text) or text


def block_text(block: Block) -> str:
    return heading_text(block.text) if block.kind in HEADING_KINDS else block.text


def separator(previous: Block, block: Block) -> str:
    if previous.kind in LINE_KINDS and block.kind in LINE_KINDS:
        return "\n"
    return "\n\n"


def render_text(blocks: Sequence[Block]) -> str:
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            parts.append(separator(blocks[i - 1], block))
        parts.append(block_text(block))
    return "".join(parts)


def render_comments(comments: Sequence[Comment]) -> str:
    """Comments as a section of plain text after a rule (no invented words): a header line per
    comment with its author and date, then its text."""
    lines = ["---"]
    for comment in comments:
        if comment.kind != "comment":
            continue
        head = " · ".join(part for part in (comment.author, comment.date_text) if part)
        indent = "  " * comment.depth
        lines.append(f"{indent}{head}\n{indent}{comment.text}" if head else indent + comment.text)
    return "\n\n".join(lines)
