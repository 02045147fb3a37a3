"""Features of every block, as one matrix: a row per block, a named column per feature.

Each group of features is one function that returns its columns by name: the block's own
text (one Python pass over the blocks), its position, the vocabulary of the elements around
it, its ancestors, the element that gathers the most prose, its neighbours and the page as a
whole. Everything but the text pass is array operations. ``FEATURE_NAMES`` fixes the order
in which the shipped models read the columns.

A compiled install fills the same matrix in C (``_features.c``) from the same text pass: on a
page of a few hundred blocks the groups below spend their time calling NumPy hundreds of times,
not computing. The functions here stay the reference, which the C reading matches to the bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..page.model import Page
from .context import window_mean
from .text_counts import TextCounts, count_texts, normalise
from .vocabulary import CATEGORIES, STRUCTURAL_TAGS
from .written_in_c import function_in_c

BLOCK_KINDS: tuple[str, ...] = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "tr",
    "dt",
    "dd",
    "figcaption",
    "div",
    "section",
    "article",
    "td",
    "span",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "body",
    "caption",
    "summary",
    "address",
    "main",
)
_KIND_CODE = {kind: i for i, kind in enumerate(BLOCK_KINDS)}
_ANCESTOR_LEVELS = 4
_SCHEMA_TYPES: tuple[str, ...] = (
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Product",
    "QAPage",
    "DiscussionForumPosting",
    "CollectionPage",
    "ItemList",
    "FAQPage",
    "TechArticle",
    "WebPage",
    "Recipe",
    "Event",
    "Offer",
    "Comment",
    "SearchResultsPage",
    "Organization",
)
_WINDOW = 2


def feature_names() -> list[str]:
    """The columns in the order the shipped models read them."""
    names = [
        "log_chars",
        "log_words",
        "link_density",
        "log_links",
        "list_depth",
        "commas",
        "sentences",
        "ends_with_stop",
        "kind_code",
        "is_heading",
        "title_match",
        "relative_index",
        "relative_offset",
        "after_first_h1",
        "after_title_block",
        "depth",
        "hidden",
        "chars_before_log",
        "chars_after_log",
        "digit_share",
        "capital_start",
        "header_row",
    ]
    names += [f"kind_{kind}" for kind in BLOCK_KINDS]
    names += [f"ancestor_{category.name}" for category in CATEGORIES]
    names += [f"near_{category.name}" for category in CATEGORIES]
    names += [f"in_{tag}" for tag in STRUCTURAL_TAGS]
    for level in range(1, _ANCESTOR_LEVELS + 1):
        names += [
            f"up{level}_share",
            f"up{level}_link_density",
            f"up{level}_blocks_log",
            f"up{level}_text_per_block",
        ]
    names += [f"repeats_up{level}_log" for level in range(_ANCESTOR_LEVELS)]
    names += [
        "text_repeats_log",
        "date_like",
        "price_like",
        "share_of_parent",
        "function_word_share",
        "before_title_block",
        "description_match",
        "in_heading_up1",
        "in_heading_up2",
        "in_heading_up3",
        "in_heading_up4",
    ]
    names += [
        "in_best",
        "in_best_parent",
        "best_share",
        "best_link_density",
        "best_depth_gap",
        "same_kind_siblings_log",
    ]
    for side in ("prev", "next"):
        names += [
            f"{side}_log_chars",
            f"{side}_link_density",
            f"{side}_is_heading",
            f"{side}_same_parent",
        ]
    names += ["window_log_chars", "window_link_density"]
    names += [
        "page_log_chars",
        "page_log_blocks",
        "page_link_density",
        "page_has_article",
        "page_has_main",
        "page_h1_count",
        "og_article",
        "page_list_share",
        "page_table_share",
        "page_short_share",
    ]
    names += [f"schema_{name}" for name in _SCHEMA_TYPES]
    return names


FEATURE_NAMES: tuple[str, ...] = tuple(feature_names())


# A compiled install fills the matrix in C (``_features.c``), the same bits as the NumPy
# columns below; these columns it writes as the value before log1p, which is left to NumPy.
FILL_ROWS = function_in_c("_features", "fill_rows")
LOGGED_IN_C: tuple[int, ...] = tuple(
    FEATURE_NAMES.index(name)
    for name in (
        "log_words",
        "log_links",
        "chars_before_log",
        "chars_after_log",
        *(f"up{level}_blocks_log" for level in range(1, _ANCESTOR_LEVELS + 1)),
        *(f"up{level}_text_per_block" for level in range(1, _ANCESTOR_LEVELS + 1)),
        *(f"repeats_up{level}_log" for level in range(_ANCESTOR_LEVELS)),
        "text_repeats_log",
        "same_kind_siblings_log",
    )
)


def _bits(values: np.ndarray, count: int) -> np.ndarray:
    shifts = np.arange(count, dtype=np.uint64)
    return ((values[:, None].astype(np.uint64) >> shifts) & np.uint64(1)).astype(np.float32)


Columns = dict[str, np.ndarray]


@dataclass(frozen=True, slots=True)
class _Blocks:
    """What the groups of features share about the blocks: one entry per block."""

    texts: tuple[str, ...]
    chars: np.ndarray
    link_chars: np.ndarray
    link_density: np.ndarray
    log_chars: np.ndarray
    kinds: np.ndarray
    heading: np.ndarray
    element: np.ndarray  # the element a block belongs to (the root for a block of none)
    position: np.ndarray
    title_index: int  # the first block that repeats the page's title, or len(texts)
    total_chars: float


@dataclass(frozen=True, slots=True)
class _Elements:
    """The element table as arrays; ``parent`` leads the root to itself."""

    parent: np.ndarray
    depth: np.ndarray
    chars: np.ndarray
    link_chars: np.ndarray
    enter: np.ndarray
    exit: np.ndarray

    def blocks_inside(self, elements: np.ndarray, sorted_positions: np.ndarray) -> np.ndarray:
        return (
            np.searchsorted(sorted_positions, self.exit[elements], "right")
            - np.searchsorted(sorted_positions, self.enter[elements], "left")
        ).astype(np.float32)

    def holds(self, element: int | np.ndarray, position: np.ndarray) -> np.ndarray:
        """Whether each block position lies inside ``element``."""
        return (position >= self.enter[element]) & (position <= self.exit[element])


def block_features(page: Page) -> np.ndarray:
    """The matrix the block models read: a row per block, FEATURE_NAMES' columns."""
    if not page.blocks:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    if FILL_ROWS is not None:
        return _filled_rows(page, FILL_ROWS)
    columns = feature_columns(page)
    # One copy into a row-major matrix: the tree ensemble reads a block's features together.
    return np.ascontiguousarray(np.array([columns[name] for name in FEATURE_NAMES], np.float32).T)


def _filled_rows(page: Page, fill_rows: Callable[..., None]) -> np.ndarray:
    """The matrix as the C reading fills it, from the same facts as ``feature_columns``."""
    facts, counts = _block_facts(page)
    kinds = [_KIND_CODE.get(kind, -1) for kind in facts[0]]
    chars = np.array(counts.chars, np.float32)
    table = page.elements
    page_values = _page_values(
        page, chars, np.array(kinds, np.int64), float(sum(facts[3])), len(kinds)
    )
    rows = np.empty((len(kinds), len(FEATURE_NAMES)), np.float32)
    fill_rows(
        rows,
        np.log1p(chars),
        (kinds, *facts[1:7]),
        tuple(counts),
        (
            table.parent,
            table.depth,
            table.chars,
            table.link_chars,
            table.enter,
            table.exit,
            table.own_tokens,
            table.tokens,
            table.tags,
            table.hidden,
            table.repeats,
            table.same_tag,
        ),
        tuple(page_values.values()),
        (
            len(BLOCK_KINDS),
            len(CATEGORIES),
            len(STRUCTURAL_TAGS),
            _KIND_CODE["h1"],
            _ANCESTOR_LEVELS,
            _WINDOW,
        ),
    )
    rows[:, LOGGED_IN_C] = np.log1p(rows[:, LOGGED_IN_C])
    return rows


def feature_columns(page: Page) -> Columns:
    """Each feature's column, by name, from the groups below (a page with blocks)."""
    columns, blocks = _text_columns(page)
    table = page.elements
    parent = np.asarray(table.parent, np.int64)
    elements = _Elements(
        parent=np.where(parent >= 0, parent, np.arange(len(parent))),
        depth=np.asarray(table.depth, np.float32),
        chars=np.asarray(table.chars, np.float32),
        link_chars=np.asarray(table.link_chars, np.float32),
        enter=np.asarray(table.enter, np.int64),
        exit=np.asarray(table.exit, np.int64),
    )
    columns |= _position_columns(page, blocks, elements)
    columns |= _vocabulary_columns(page, blocks, elements)
    columns |= _ancestor_columns(page, blocks, elements)
    columns |= _best_container_columns(page, blocks, elements)
    columns |= _neighbour_columns(blocks, elements)
    columns |= _page_columns(page, blocks)
    return columns


def _text_columns(page: Page) -> tuple[Columns, _Blocks]:
    """What each block's own text and counts say."""
    facts, counts = _block_facts(page)
    kind_names, element_list, position_list, link_char_list, *_ = facts
    link_list, list_depth_list, header_row_list, texts = facts[4:]
    n = len(kind_names)
    chars = np.array(counts.chars, np.float32)
    kinds = np.array([_KIND_CODE.get(kind, -1) for kind in kind_names], np.int64)
    title_match = np.array(counts.title_match, np.float32)
    link_chars = np.array(link_char_list, np.float32)
    link_density = np.minimum(link_chars / np.maximum(chars, 1), 1.0)
    log_chars = np.log1p(chars)
    heading = ((kinds >= 1) & (kinds <= 6)).astype(np.float32)
    title_blocks = np.flatnonzero(title_match > 0)
    blocks = _Blocks(
        texts=texts,
        chars=chars,
        link_chars=link_chars,
        link_density=link_density,
        log_chars=log_chars,
        kinds=kinds,
        heading=heading,
        element=np.maximum(np.array(element_list, np.int64), 0),
        position=np.array(position_list, np.int64),
        title_index=int(title_blocks[0]) if len(title_blocks) else n,
        total_chars=max(float(chars.sum()), 1.0),
    )
    columns = {
        "log_chars": log_chars,
        "log_words": np.log1p(np.array(counts.words, np.float32)),
        "link_density": link_density,
        "log_links": np.log1p(np.array(link_list, np.float32)),
        "list_depth": np.array(list_depth_list, np.float32),
        "commas": np.array(counts.commas, np.float32),
        "sentences": np.array(counts.sentences, np.float32),
        "ends_with_stop": np.array(counts.ends_with_stop, np.float32),
        "kind_code": kinds.astype(np.float32),
        "is_heading": heading,
        "title_match": title_match,
        "digit_share": np.array(counts.digits, np.float32) / np.maximum(chars, 1),
        "capital_start": np.array(counts.capital_start, np.float32),
        "header_row": np.array(header_row_list, np.float32),
        "text_repeats_log": np.log1p(np.array(counts.repeats, np.float32)),
        "function_word_share": np.array(counts.function_share, np.float32),
        "date_like": np.array(counts.date_like, np.float32),
        "price_like": np.array(counts.price_like, np.float32),
        "description_match": np.array(counts.description_match, np.float32),
    }
    return columns, blocks


def _block_facts(page: Page) -> tuple[tuple[tuple[Any, ...], ...], TextCounts]:
    """The blocks' fields the features read, as columns (kind, element, position, link
    characters, links, list depth, header row, text), and the counts of their texts."""
    # The texts are the blocks' lines (the source's line breaks kept, touching items still
    # touching): the form the shipped models were trained on.
    (kind, _, texts, _, _, element, position, link_chars, links, list_depth, _, header_row, *_) = (
        zip(*page.blocks)
    )
    counts = count_texts(texts, _title_text(page), _description_text(page))
    return (kind, element, position, link_chars, links, list_depth, header_row, texts), counts


def _title_text(page: Page) -> str:
    """The page's declared titles, normalised, for a block to be found in."""
    titles = {
        normalise(value)
        for value in (
            page.title_tag,
            page.meta.get("og:title", ""),
            page.meta.get("twitter:title", ""),
        )
        if value
    }
    return " | ".join(titles)


def _description_text(page: Page) -> str:
    return " | ".join(
        normalise(value)
        for value in (page.meta.get("description", ""), page.meta.get("og:description", ""))
        if value
    )


def _position_columns(page: Page, blocks: _Blocks, elements: _Elements) -> Columns:
    """Where a block stands: in the page's order, its text and its tree."""
    n = len(blocks.texts)
    chars = blocks.chars
    offsets = np.cumsum(chars) - chars
    index = np.arange(n, dtype=np.float32)
    first_h1 = np.flatnonzero(blocks.kinds == _KIND_CODE["h1"])
    first_h1_index = first_h1[0] if len(first_h1) else n
    title_index = blocks.title_index
    headline = title_index if title_index < n else first_h1_index
    columns = {
        "relative_index": index / n,
        "relative_offset": offsets / blocks.total_chars,
        "after_first_h1": (index > first_h1_index).astype(np.float32),
        "after_title_block": (index > title_index).astype(np.float32),
        "before_title_block": (index < title_index).astype(np.float32),
        "depth": elements.depth[blocks.element],
        "hidden": np.asarray(page.elements.hidden, np.float32)[blocks.element],
        "chars_before_log": np.log1p(offsets),
        "chars_after_log": np.log1p(blocks.total_chars - offsets - chars),
    }
    for level, inside in enumerate(_inside_heading_containers(headline, blocks, elements), 1):
        columns[f"in_heading_up{level}"] = inside
    return columns


def _vocabulary_columns(page: Page, blocks: _Blocks, elements: _Elements) -> Columns:
    """The block's kind, and what the class, id and role tokens and the structural tags
    around it say."""
    table = page.elements
    element = blocks.element
    kind_onehot = np.zeros((len(blocks.texts), len(BLOCK_KINDS)), np.float32)
    known = blocks.kinds >= 0
    kind_onehot[np.flatnonzero(known), blocks.kinds[known]] = 1.0
    own = np.asarray(table.own_tokens, np.uint64)
    parent = elements.parent[element]
    near = own[element] | own[parent] | own[elements.parent[parent]]
    ancestors = _bits(np.asarray(table.tokens, np.uint64)[element], len(CATEGORIES))
    tags = _bits(np.asarray(table.tags, np.uint64)[element], len(STRUCTURAL_TAGS))
    columns = {f"kind_{kind}": kind_onehot[:, i] for i, kind in enumerate(BLOCK_KINDS)}
    near_bits = _bits(near, len(CATEGORIES))
    for i, category in enumerate(CATEGORIES):
        columns[f"ancestor_{category.name}"] = ancestors[:, i]
        columns[f"near_{category.name}"] = near_bits[:, i]
    columns |= {f"in_{tag}": tags[:, i] for i, tag in enumerate(STRUCTURAL_TAGS)}
    return columns


def _ancestor_columns(page: Page, blocks: _Blocks, elements: _Elements) -> Columns:
    """How much text, links and blocks each of the four elements above a block holds, and
    how often each repeats among its siblings (cards, rows and posts repeat)."""
    sorted_positions = np.sort(blocks.position, kind="stable")
    repeats = np.asarray(page.elements.repeats, np.float32)
    columns: Columns = {}
    ancestor = blocks.element
    for level in range(_ANCESTOR_LEVELS):
        columns[f"repeats_up{level}_log"] = np.log1p(repeats[ancestor])
        ancestor = elements.parent[ancestor]
        subtree_chars = elements.chars[ancestor]
        inside = np.maximum(elements.blocks_inside(ancestor, sorted_positions), 1.0)
        columns[f"up{level + 1}_share"] = subtree_chars / blocks.total_chars
        columns[f"up{level + 1}_link_density"] = elements.link_chars[ancestor] / np.maximum(
            subtree_chars, 1.0
        )
        columns[f"up{level + 1}_blocks_log"] = np.log1p(inside)
        columns[f"up{level + 1}_text_per_block"] = np.log1p(subtree_chars / inside)
    parent_chars = elements.chars[elements.parent[blocks.element]]
    columns["share_of_parent"] = blocks.chars / np.maximum(parent_chars, 1.0)
    same_tag = np.asarray(page.elements.same_tag, np.float32)
    columns["same_kind_siblings_log"] = np.log1p(same_tag[blocks.element])
    return columns


def _best_container_columns(page: Page, blocks: _Blocks, elements: _Elements) -> Columns:
    """Where a block stands to the element that gathers the most prose."""
    n = len(blocks.texts)
    best = _best_container(
        blocks.element, elements.parent, blocks.chars, blocks.link_density, len(elements.parent)
    )
    best_chars = elements.chars[best]
    return {
        "in_best": elements.holds(best, blocks.position).astype(np.float32),
        "in_best_parent": elements.holds(elements.parent[best], blocks.position).astype(np.float32),
        "best_share": np.full(n, best_chars / blocks.total_chars, np.float32),
        "best_link_density": np.full(
            n, elements.link_chars[best] / max(best_chars, 1.0), np.float32
        ),
        "best_depth_gap": elements.depth[blocks.element] - elements.depth[best],
    }


def _neighbour_columns(blocks: _Blocks, elements: _Elements) -> Columns:
    """What the blocks just before and after say, and the mean of a small window."""
    parent = elements.parent[blocks.element]
    columns: Columns = {}
    for side, shift in (("prev", 1), ("next", -1)):
        same_parent = parent == _shift(parent.astype(np.float32), shift)
        columns |= {
            f"{side}_log_chars": _shift(blocks.log_chars, shift),
            f"{side}_link_density": _shift(blocks.link_density, shift),
            f"{side}_is_heading": _shift(blocks.heading, shift),
            f"{side}_same_parent": same_parent.astype(np.float32),
        }
    columns["window_log_chars"] = window_mean(blocks.log_chars, _WINDOW).astype(np.float32)
    columns["window_link_density"] = window_mean(blocks.link_density, _WINDOW).astype(np.float32)
    return columns


def _inside_heading_containers(
    heading: int, blocks: _Blocks, elements: _Elements
) -> list[np.ndarray]:
    """Whether each block shares the main heading's parent, grandparent, ... element."""
    n = len(blocks.texts)
    if heading >= n:
        return [np.zeros(n, np.float32) for _ in range(_ANCESTOR_LEVELS)]
    columns = []
    ancestor = int(blocks.element[heading])
    for _ in range(_ANCESTOR_LEVELS):
        ancestor = int(elements.parent[ancestor])
        columns.append(elements.holds(ancestor, blocks.position).astype(np.float32))
    return columns


def _page_columns(page: Page, blocks: _Blocks) -> Columns:
    """Facts of the whole page, the same in every block's row."""
    n = len(blocks.texts)
    link_chars = float(blocks.link_chars.sum())
    values = _page_values(page, blocks.chars, blocks.kinds, link_chars, n)
    # one matrix of the repeated rows, its columns views of it: a column apiece cost more
    repeated = np.repeat(np.array([list(values.values())], np.float32), n, axis=0)
    return {name: repeated[:, i] for i, name in enumerate(values)}


def _page_values(
    page: Page, chars: np.ndarray, kinds: np.ndarray, link_chars: float, n: int
) -> dict[str, float]:
    """The page-wide features by name, in FEATURE_NAMES' order."""
    total = max(float(chars.sum()), 1.0)
    tag_names = page.elements.tag
    schema_text = " ".join(page.json_ld)
    values = {
        "page_log_chars": float(np.log1p(total)),
        "page_log_blocks": float(np.log1p(n)),
        "page_link_density": link_chars / total,
        "page_has_article": float("article" in tag_names),
        "page_has_main": float("main" in tag_names),
        "page_h1_count": float(np.count_nonzero(kinds == _KIND_CODE["h1"])),
        "og_article": float(page.meta.get("og:type", "").lower() == "article"),
        "page_list_share": float(chars[kinds == _KIND_CODE["li"]].sum()) / total,
        "page_table_share": float(chars[kinds == _KIND_CODE["tr"]].sum()) / total,
        "page_short_share": float(np.count_nonzero(chars < 30)) / n,
    }
    values |= {f"schema_{name}": float(f'"{name}"' in schema_text) for name in _SCHEMA_TYPES}
    return values


def _shift(values: np.ndarray, shift: int) -> np.ndarray:
    """The values moved ``shift`` places on (back, for a negative shift), -1 where the page
    ends. Slices, not ``np.roll``, whose overhead counts on a page of few blocks: on one of
    two blocks the neighbour features took 0.46 CPU ms with it and 0.28 without."""
    shifted = np.full_like(values, -1)
    if shift > 0:
        shifted[shift:] = values[:-shift]
    else:
        shifted[:shift] = values[-shift:]
    return shifted


def _best_container(
    element: np.ndarray,
    parent: np.ndarray,
    chars: np.ndarray,
    link_density: np.ndarray,
    element_count: int,
) -> int:
    """The element that gathers the most prose, scored as Readability scores candidates."""
    prose = (chars >= 25) & (link_density < 0.5)
    weight = np.where(prose, 1.0 + np.minimum(chars / 100.0, 3.0), 0.0) * (1.0 - link_density)
    score = np.zeros(element_count, np.float64)
    level1 = parent[element]
    level2 = parent[level1]
    np.add.at(score, element, weight)
    np.add.at(score, level1, weight * 0.5)
    np.add.at(score, level2, weight * 0.25)
    return int(np.argmax(score))
