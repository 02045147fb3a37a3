"""Every block named: the classifier's main/boilerplate call, refined by structure.

Comment and pingback records (from the ``comments`` package) claim their blocks; an author box, an
inline teaser, a byline or a share bar is recognised from the marks on its elements and its
shape. The main text is built from these same labels; each block also says whether the text
holds it and, where the selection stage left out a block labelled as content (an interface line,
a repeated passage), why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..frozen import by_fields
from ..page.model import Block, Page
from .classify import BlockLabel, Labels
from .vocabulary import CATEGORY_BITS, TAG_BITS

RULE_CONFIDENCE = 0.9
_LONGEST_BYLINE = 160
_LARGEST_AUTHOR_BOX = 2000  # visible characters: boxes on wcxb-dev pages hold up to 1,600
_LIST_OF_CARDS = 4  # siblings alike: co-authors' boxes come in twos and threes
_TEASER_MAX_CHARS = 150
_TEASER_LINK_SHARE = 0.9
_TEASER_KINDS = frozenset(("p", "div"))
_BOILERPLATE_KINDS: tuple[tuple[int, int, BlockLabel], ...] = (
    # (category bits, structural tag bits, label): the first that matches names the block
    (CATEGORY_BITS["consent"], 0, BlockLabel.CONSENT),
    (CATEGORY_BITS["advertisement"], 0, BlockLabel.ADVERTISEMENT),
    (CATEGORY_BITS["share"], 0, BlockLabel.SHARE),
    (
        CATEGORY_BITS["navigation"] | CATEGORY_BITS["breadcrumb"] | CATEGORY_BITS["pagination"],
        TAG_BITS["nav"] | TAG_BITS["menu"],
        BlockLabel.NAVIGATION,
    ),
    (CATEGORY_BITS["footer"] | CATEGORY_BITS["copyright"], TAG_BITS["footer"], BlockLabel.FOOTER),
    (0, TAG_BITS["form"], BlockLabel.FORM),
    (
        CATEGORY_BITS["related"] | CATEGORY_BITS["popular"] | CATEGORY_BITS["card"],
        0,
        BlockLabel.TEASER,
    ),
)


@dataclass(frozen=True, slots=True)
class AnatomyBlock:
    label: BlockLabel
    confidence: float
    text: str
    path: str
    kept: bool = False  # in the main content
    dropped_by: str | None = None  # why the selection left out a block labelled as content

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    def to_dict(self) -> dict[str, object]:
        return {
            "label": str(self.label),
            "confidence": round(self.confidence, 3),
            "text": self.text,
            "path": self.path,
            "kept": self.kept,
            "dropped_by": self.dropped_by,
        }


def refine(page: Page, labels: Labels, record_kinds: list[str | None]) -> Labels:
    """Labels with comments, pingbacks, author bios, teasers and kinds of chaff named.

    ``record_kinds`` gives, per block, the kind of the comment record holding it, if any.
    """
    named = [_name(page, i, block, labels, record_kinds) for i, block in enumerate(page.blocks)]
    _name_bio_headings(page, named)
    return replace(labels, labels=tuple(named))


def _name_bio_headings(page: Page, named: list[BlockLabel]) -> None:
    """The heading of an author box ("About the author") belongs to the box."""
    marks = CATEGORY_BITS["byline"] | CATEGORY_BITS["bio"]
    for index in range(1, len(named)):
        previous = page.blocks[index - 1]
        if (
            named[index] is BlockLabel.AUTHOR_BIO
            and previous.kind[0] == "h"
            and _near_tokens(page, max(previous.element, 0)) & marks
        ):
            named[index - 1] = BlockLabel.AUTHOR_BIO


def _is_author_box(page: Page, element: int) -> bool:
    """Whether the nearest element marked for the author is a box of the page's author: one
    holding a whole post is the post, whatever its marks say (WordPress names a post's element
    after its tags, so "tag-vmware-by-broadcom" marks it with "by"), and one that repeats with
    its neighbours is the author line of each card in a list."""
    table = page.elements
    for marked in _up(page, element):
        if table.own_tokens[marked] & CATEGORY_BITS["byline"]:
            in_a_list = any(table.repeats[up] >= _LIST_OF_CARDS for up in _up(page, marked))
            return table.chars[marked] <= _LARGEST_AUTHOR_BOX and not in_a_list
    return True


def _near_tokens(page: Page, element: int) -> int:
    mask = 0
    for up in _up(page, element):
        mask |= page.elements.own_tokens[up]
    return mask


def _up(page: Page, element: int, levels: int = 3) -> Iterator[int]:
    """The element and its closest ancestors."""
    while element >= 0 and levels:
        yield element
        element = page.elements.parent[element]
        levels -= 1


def _name(
    page: Page, index: int, block: Block, labels: Labels, record_kinds: list[str | None]
) -> BlockLabel:
    label = labels.labels[index]
    kind = record_kinds[index]
    if kind is not None:
        return BlockLabel.PINGBACK if kind in ("pingback", "trackback") else BlockLabel.COMMENT
    if label is BlockLabel.TITLE:
        return label
    element = max(block.element, 0)
    near = _near_tokens(page, element)
    # An author box: an element marked for the author that is also marked as a bio, or that
    # holds more than a byline's worth of text, but no more than a box's.
    if (
        near & CATEGORY_BITS["byline"]
        and (near & CATEGORY_BITS["bio"] or len(block.text) > _LONGEST_BYLINE)
        and _is_author_box(page, element)
    ):
        return BlockLabel.AUTHOR_BIO
    if label is BlockLabel.MAIN:
        return BlockLabel.TEASER if _is_teaser(page, index, block, near, labels) else label
    if near & (CATEGORY_BITS["byline"] | CATEGORY_BITS["meta"]) and (
        len(block.text) <= _LONGEST_BYLINE
    ):
        return BlockLabel.BYLINE
    tags = page.elements.tags[element]
    for category_bits, tag_bits, named in _BOILERPLATE_KINDS:
        if near & category_bits or tags & tag_bits:
            return named
    return BlockLabel.BOILERPLATE


def _is_teaser(page: Page, index: int, block: Block, near: int, labels: Labels) -> bool:
    """A paragraph that is nothing but a short link, between paragraphs of an article's body:
    a promotion set into the text, not part of it. (In a list or a grid, links are content.)"""
    if (
        labels.page_type != "article"
        or block.kind not in _TEASER_KINDS
        or len(block.text) > _TEASER_MAX_CHARS
    ):
        return False
    if block.link_chars < _TEASER_LINK_SHARE * len(block.text):
        return False
    blocks, named = page.blocks, labels.labels
    before = index > 0 and named[index - 1] is BlockLabel.MAIN and blocks[index - 1].kind == "p"
    after = (
        index + 1 < len(blocks)
        and named[index + 1] is BlockLabel.MAIN
        and blocks[index + 1].kind == "p"
    )
    return before and after


def confidences(labels: Labels) -> np.ndarray:
    """How sure each label is: the model's probability, or a fixed trust in a rule."""
    probability = labels.main_probability
    out = np.where(
        np.array([label is BlockLabel.MAIN for label in labels.labels], bool),
        probability,
        1.0 - probability,
    )
    ruled = np.array(
        [label not in (BlockLabel.MAIN, BlockLabel.BOILERPLATE) for label in labels.labels], bool
    )
    out[ruled] = np.maximum(out[ruled], RULE_CONFIDENCE)
    return out


def anatomy(
    page: Page, labels: Labels, chosen: Collection[int], dropped: Mapping[int, str]
) -> tuple[AnatomyBlock, ...]:
    """Every block with its label, whether the main content holds it, and if the selection
    left it out, why."""
    sure = confidences(labels) if len(labels.labels) else np.zeros(0)
    paths: dict[int, str] = {}
    kept = set(chosen)
    return tuple(
        AnatomyBlock(
            label,
            float(sure[i]),
            block.text,
            page.xpath(block.element, paths),
            i in kept,
            dropped.get(i),
        )
        for i, (block, label) in enumerate(zip(page.blocks, labels.labels))
    )
