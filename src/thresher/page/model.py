"""The page model: the page's text cut into blocks, and the elements the blocks sit in.

Element facts are kept in parallel lists indexed by element number, so that later stages can
turn them into arrays in one step instead of walking objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    """One run of text that renders as its own line or paragraph."""

    kind: str  # p, h1..h6, li, pre, blockquote, tr, dt, dd, figcaption, div, ...
    text: str
    markdown: str
    element: int  # index of the element that holds the block
    position: int  # order of the block's end among element entries and exits
    link_chars: int
    links: int
    list_depth: int
    ordered: bool  # an item of a numbered list
    header_row: bool  # a table row of header cells


@dataclass(slots=True)
class ElementTable:
    """Facts about every element the builder entered, by element index."""

    tag: list[str] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    own_tokens: list[int] = field(default_factory=list)  # vocabulary bits of class/id/role
    tokens: list[int] = field(default_factory=list)  # bits of the element and all its ancestors
    tags: list[int] = field(default_factory=list)  # structural tag bits, self and ancestors
    hidden: list[bool] = field(default_factory=list)
    enter: list[int] = field(default_factory=list)
    exit: list[int] = field(default_factory=list)
    chars: list[int] = field(default_factory=list)  # text characters in the subtree
    link_chars: list[int] = field(default_factory=list)
    sibling_index: list[int] = field(default_factory=list)  # among same-tag siblings, from 1
    repeats: list[int] = field(default_factory=list)  # siblings with the same tag and tokens

    def __len__(self) -> int:
        return len(self.tag)


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Block, ...]
    elements: ElementTable
    title_tag: str
    meta: dict[str, str]
    json_ld: tuple[str, ...]
    lang: str
    warnings: tuple[str, ...] = ()

    def xpath(self, element: int) -> str:
        """A path from the root to an element, for showing where a block came from."""
        steps: list[str] = []
        table = self.elements
        while element >= 0:
            steps.append(f"{table.tag[element]}[{table.sibling_index[element]}]")
            element = table.parent[element]
        return "/" + "/".join(reversed(steps))
