"""Plain text: a heading per line, paragraphs apart, one list item or table row per line."""

from __future__ import annotations

from collections.abc import Sequence

from ..comments import Comment
from ..page.model import HEADING_KINDS, Block, without_permalink
from .prepare import prepared

# Consecutive blocks of one of these groups form one list, table or list of terms: a line
# each, no gap between them; a gap where one structure gives way to another.
LINE_GROUPS = {"li": "list", "tr": "table", "dt": "definitions", "dd": "definitions"}


def block_text(block: Block) -> str:
    return without_permalink(block.text) if block.kind in HEADING_KINDS else block.text


def same_structure(previous: Block, block: Block) -> bool:
    """Whether the two blocks are lines of one list, table or list of terms."""
    group = LINE_GROUPS.get(block.layout)
    return (
        group is not None
        and group == LINE_GROUPS.get(previous.layout)
        and block.table == previous.table
    )


def separator(previous: Block, block: Block) -> str:
    return "\n" if same_structure(previous, block) else "\n\n"


def render_text(blocks: Sequence[Block]) -> str:
    blocks = [block for block in prepared(blocks) if block.text]  # (an image has none)
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            parts.append(separator(blocks[i - 1], block))
        parts.append(block_text(block))
    return "".join(parts)


def render_comments(comments: Sequence[Comment]) -> str:
    """Comments as a section of plain text after a rule (no invented words): a header line per
    comment with its author and date, then its text. Only readers' comments: a thread's posts
    are its content already. Empty when there are none."""
    lines = []
    for comment in comments:
        if comment.kind != "comment":
            continue
        head = " · ".join(part for part in (comment.author, comment.date_text) if part)
        indent = "  " * comment.depth
        lines.append(f"{indent}{head}\n{indent}{comment.text}" if head else indent + comment.text)
    return "\n\n".join(["---", *lines]) if lines else ""
