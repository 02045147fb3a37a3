"""What every format does to the chosen blocks before rendering them.

The lines of code a highlighter set in boxes of their own are rejoined, and so are table rows
whose cells hold paragraphs (``rows``); the permalink sign a template sets after a definition,
a caption or a paragraph ("SELECT¶") is dropped as it is after a heading. The classifiers
read the blocks as the page has them; only the output changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..page.model import (
    BREAK,
    CODE,
    HEADING_KINDS,
    IMAGE,
    LINK_CLOSE,
    LINK_OPEN,
    STRIKE,
    Block,
    is_drop_cap,
)
from .rows import joined_rows, joined_runs

# Signs that are never a line's last word: the pilcrow, the link emoji, the link icon of the
# icon fonts. ("#" and "§" are, in "C#" and legal text: only a heading's are dropped.)
_SIGNS = ("¶", "🔗", "\uf0c1")
# Each run of spaces and each run of signs is tried once, from where it starts, and never given
# back: tried from each of its characters, 12,000 pilcrows inside a word took 4 s.
_SIGN = f"(?<![{''.join(_SIGNS)}])[{''.join(_SIGNS)}]++"
_TEXT_PERMALINK = re.compile(f"(?:(?<![ \\t])[ \\t]++)?{_SIGN}[ \\t]*+$", re.MULTILINE)
# In the raw text a line ends at a <br> mark or at the end; marks may close after the sign, and
# a link around nothing may follow it (the anchor a template sets beside the sign). The raw text
# keeps the page's own white space, a form feed too, where the text has plain spaces; the
# strike-through marks (<del>, <s>) close after the sign as the others do.
_RAW_PERMALINK = re.compile(
    f"(?:(?<!\\s)\\s++)?{_SIGN}"
    f"(?=(?:[\\s{LINK_CLOSE}-{CODE}{STRIKE}]|{LINK_OPEN}\\s*{LINK_CLOSE})*(?:{BREAK}|$))"
)


def prepared(blocks: Sequence[Block]) -> list[Block]:
    code = [
        _code_of([block]) if block.code >= 0 and block.kind != "pre" else block
        for block in joined_runs(blocks, lambda block: block.code, _code_of)
    ]
    shown = [_without_permalinks(block) for block in _with_drop_caps(joined_rows(code))]
    return _with_images(shown) if any(block.images_before for block in shown) else shown


def _with_images(blocks: list[Block]) -> list[Block]:
    """Each block after the images that stood alone before it, a paragraph each. An image
    block has no text: the plain text leaves it out."""
    shown: list[Block] = []
    for block in blocks:
        shown.extend(_image_block(block, image) for image in block.images_before)
        shown.append(block)
    return shown


def _image_block(block: Block, image: str) -> Block:
    """A paragraph of one image, standing where the block stands, but outside the list item
    the block opens (and its list): images that stood inside the item open its line."""
    containers = block.containers
    if block.layout == "li" and containers and containers[-1].kind == "li":
        containers = containers[:-1]
        if containers and containers[-1].kind in ("ul", "ol"):
            containers = containers[:-1]
    return block._replace(
        kind="p",
        text="",
        lines="",
        raw=IMAGE,
        targets=(image,),
        layout_as="",
        code=-1,
        table=-1,
        row=-1,
        language="",
        images_before=(),
        containers=containers,
    )


def _with_drop_caps(blocks: list[Block]) -> list[Block]:
    """A paragraph's first letter that a template set in a box of its own (a drop cap: "D",
    then "uring the pandemic") joined to it again, across the white space the paragraph's
    markup opens with, as in its text."""
    joined: list[Block] = []
    for block in blocks:
        if joined and is_drop_cap(joined[-1], block):
            letter = joined[-1].text
            joined[-1] = block._replace(
                text=letter + block.text,
                lines=letter + block.lines,
                raw=letter + block.raw.lstrip(),
            )
        else:
            joined.append(block)
    return joined


def _code_of(lines: list[Block]) -> Block:
    """One code block of the lines a highlighter set in boxes of their own (one line too: a
    one-line command in a box inside its <pre> is code all the same), with the empty lines
    between them."""
    text = lines[0].text + "".join(
        "\n" * (block.blank_lines_before + 1) + block.text for block in lines[1:]
    )
    return lines[0]._replace(
        kind="pre",
        text=text,
        lines=text,
        raw=text,
        targets=(),
        language=next((block.language for block in lines if block.language), ""),
        layout_as="",
    )


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
