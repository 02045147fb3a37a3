"""What every format does to the chosen blocks before rendering them.

The lines of code a highlighter set in boxes of their own are rejoined, and so are table rows
whose cells hold paragraphs (``rows``); the permalink sign a template sets after a definition,
a caption or a paragraph ("SELECT¶") is dropped as it is after a heading. The classifiers
read the blocks as the page has them; only the output changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from ..page.model import HEADING_KINDS, Block
from .rows import joined_rows

# Signs that are never a line's last word: the pilcrow, the link emoji, the link icon of the
# icon fonts. ("#" and "§" are, in "C#" and legal text: only a heading's are dropped.)
_SIGNS = ("¶", "🔗", "\uf0c1")
_SIGN = f"[{''.join(_SIGNS)}]+"
_TEXT_PERMALINK = re.compile(f"[ \\t]*{_SIGN}[ \\t]*$", re.MULTILINE)
# In the raw text a line ends at a <br> mark or at the end; marks may close after the sign.
_RAW_PERMALINK = re.compile(f"[ \\t\\n]*{_SIGN}(?=[ \\t\\n\ue002-\ue005]*(?:\ue007|$))")


def prepared(blocks: Sequence[Block]) -> list[Block]:
    return [_without_permalinks(block) for block in joined_rows(_joined_code(blocks))]


def _joined_code(blocks: Sequence[Block]) -> Sequence[Block]:
    """Each run of blocks from one <pre> made one code block: the lines a highlighter set in
    boxes of their own."""
    if all(block.code < 0 for block in blocks):
        return blocks
    joined: list[Block] = []
    for code, run in groupby(blocks, key=lambda block: block.code):
        members = list(run)
        if code < 0 or len(members) == 1:
            joined.extend(members)
            continue
        text = "\n".join(block.text for block in members)
        joined.append(
            members[0]._replace(
                kind="pre",
                text=text,
                lines=text,
                raw=text,
                targets=(),
                language=next((block.language for block in members if block.language), ""),
                layout_as="",
            )
        )
    return joined


def _without_permalinks(block: Block) -> Block:
    text = block.text
    if not any(sign in text for sign in _SIGNS) or block.kind in HEADING_KINDS:
        return block
    if block.kind == "pre" or not _TEXT_PERMALINK.search(text):
        return block
    text = _TEXT_PERMALINK.sub("", text)
    if not text.strip():
        return block  # a sign alone is what the block holds: keep it
    return block._replace(text=text, raw=_RAW_PERMALINK.sub("", block.raw))
