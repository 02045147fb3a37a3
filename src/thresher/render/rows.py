"""Table rows whose cells hold paragraphs, rejoined before any format is rendered.

The page model keeps a paragraph inside a table cell ("<td><p>...</p></td>") as a block of its
own, which is what the classifiers read; a reader of the output wants the row back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby

from ..page.model import CELL, Block, clean_text, plain

CELL_EDGES = " \t\r\n" + CELL  # what a row's text may begin or end in


def joined_rows(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each run of two or more from the same table row made one row block."""
    return joined_runs(blocks, lambda block: block.row, _row_of)


def joined_runs(
    blocks: Sequence[Block],
    key: Callable[[Block], int],
    join: Callable[[list[Block]], Block],
) -> list[Block]:
    """The blocks, each run of two or more that share a ``key`` of 0 or more made one by
    ``join``; a key below 0 is a block that belongs to nothing to rejoin."""
    if all(key(block) < 0 for block in blocks):
        return list(blocks)
    joined: list[Block] = []
    for found, run in groupby(blocks, key=key):
        members = list(run)
        if found < 0 or len(members) == 1:
            joined.extend(members)
        else:
            joined.append(join(members))
    return joined


def _row_of(members: list[Block]) -> Block:
    parts: list[str] = []
    for index, block in enumerate(members):
        if index:
            # Two paragraphs of one cell share it; the next cell's begin after a separator.
            parts.append(CELL if block.cell != members[index - 1].cell else " ")
        parts.append(block.raw.strip(CELL_EDGES))
    raw = "".join(parts)
    text = clean_text(plain(raw), False)
    return members[0]._replace(
        kind="tr",
        text=text,
        lines=text,
        raw=raw,
        targets=tuple(target for block in members for target in block.targets),
        header_row=any(block.header_row for block in members),
        layout_as="",
        link_chars=sum(block.link_chars for block in members),
        links=sum(block.links for block in members),
    )
