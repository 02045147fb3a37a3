"""What every format does to the chosen blocks before rendering them.

Table rows whose cells hold paragraphs are rejoined (``rows``), and the permalink sign a
template sets after a definition, a caption or a paragraph ("SELECT¶") is dropped as it is
after a heading. The classifiers read the blocks as the page has them; only the output changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    return [_without_permalinks(block) for block in joined_rows(blocks)]


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
