"""Markdown (CommonMark with GFM tables) of the chosen blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..page.model import Block, without_permalink
from .text import separator


def _heading_level(kind: str) -> int:
    return int(kind[1]) if len(kind) == 2 and kind[0] == "h" and kind[1].isdigit() else 0


_BACKTICKS = re.compile("`{3,}")


def _fence(code: str) -> str:
    """A fence longer than any run of backticks in the code, so the code cannot close it."""
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=2)
    return "`" * (longest + 1)


def _table_row(block: Block, previous: Block | None) -> str:
    cells = block.markdown.split(" | ")
    row = "| " + " | ".join(cells) + " |"
    starts_table = previous is None or previous.kind != "tr"
    if starts_table:
        rule = "| " + " | ".join("---" for _ in cells) + " |"
        if block.header_row:
            return row + "\n" + rule
        blank_header = "| " + " | ".join(" " for _ in cells) + " |"
        return blank_header + "\n" + rule + "\n" + row
    return row


def render_block(block: Block, previous: Block | None) -> str:
    level = _heading_level(block.kind)
    if level:
        return "#" * level + " " + without_permalink(block.markdown.replace("\n", " "))
    if block.kind == "li":
        marker = "1." if block.ordered else "-"
        indent = "  " * max(block.list_depth - 1, 0)
        return indent + marker + " " + block.markdown.replace("\n", " ")
    if block.kind == "pre":
        fence = _fence(block.text)
        return f"{fence}\n{block.text}\n{fence}"
    if block.kind == "blockquote":
        return "\n".join("> " + line for line in block.markdown.split("\n"))
    if block.kind == "tr":
        return _table_row(block, previous)
    return block.markdown.replace("\n", "  \n")


def render_markdown(blocks: Sequence[Block], title: str | None = None) -> str:
    parts: list[str] = []
    if title:
        parts.append("# " + title)
    previous: Block | None = None
    for block in blocks:
        if parts:
            parts.append(separator(previous, block) if previous is not None else "\n\n")
        parts.append(render_block(block, previous))
        previous = block
    return "".join(parts)
