"""Features of every block, as one matrix: a row per block, a named column per feature.

Per-block facts are gathered in one Python pass; everything that relates a block to its
ancestors, its neighbours or the whole page is computed with array operations.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ..page.model import Page
from .vocabulary import CATEGORIES, FUNCTION_WORDS, STRUCTURAL_TAGS

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
_DATE_LIKE = re.compile(
    r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}|\d{1,2}:\d{2}|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)
_CLOSING_CHARACTERS = frozenset(".!?:;。\"'”)")
_DIGIT = re.compile("[0-9]")
_PRICE_LIKE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP)\b")


def feature_names() -> list[str]:
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


def _bits(values: np.ndarray, count: int) -> np.ndarray:
    shifts = np.arange(count, dtype=np.uint64)
    return ((values[:, None].astype(np.uint64) >> shifts) & np.uint64(1)).astype(np.float32)


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def block_features(page: Page) -> np.ndarray:
    blocks = page.blocks
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    table = page.elements
    titles = {
        _normalise(value)
        for value in (
            page.title_tag,
            page.meta.get("og:title", ""),
            page.meta.get("twitter:title", ""),
        )
        if value
    }
    title_text = " | ".join(titles)
    description = " | ".join(
        _normalise(value)
        for value in (page.meta.get("description", ""), page.meta.get("og:description", ""))
        if value
    )

    # The text with the source's line breaks: the form the shipped models were trained on.
    (
        kind_names,
        _,
        texts,
        _,
        _,
        element_list,
        position_list,
        link_char_list,
        link_list,
        list_depth_list,
        _,
        header_row_list,
        *_,
    ) = zip(*blocks)
    chars = np.array([len(text) for text in texts], np.float32)
    link_chars = np.array(link_char_list, np.float32)
    links = np.array(link_list, np.float32)
    list_depth = np.array(list_depth_list, np.float32)
    header_row = np.array(header_row_list, np.float32)
    element = np.array(element_list, np.int64)
    position = np.array(position_list, np.int64)
    kinds = np.array([_KIND_CODE.get(kind, -1) for kind in kind_names], np.int64)
    commas = np.array([text.count(",") for text in texts], np.float32)
    stops = np.array([text.count(". ") + text.count("。") for text in texts], np.float32)
    ends = np.array([text[-1] in _CLOSING_CHARACTERS for text in texts], np.float32)
    capital = np.array([text[0].isupper() for text in texts], np.float32)
    count_digits = _DIGIT.findall
    digit_counts = [len(count_digits(text)) if len(text) < 400 else 0 for text in texts]
    digits = np.array(digit_counts, np.float32) / np.maximum(chars, 1)
    words = np.empty(n, np.float32)
    function_share = np.zeros(n, np.float32)
    date_like = np.zeros(n, np.float32)
    price_like = np.zeros(n, np.float32)
    description_match = np.zeros(n, np.float32)
    title_match = np.zeros(n, np.float32)
    text_counts = Counter(texts)
    text_repeats = np.array([text_counts[text] for text in texts], np.float32)
    is_function_word = FUNCTION_WORDS.__contains__
    for i, text in enumerate(texts):
        tokens = text.lower().split()
        words[i] = len(tokens)
        if tokens:
            function_share[i] = sum(map(is_function_word, tokens)) / len(tokens)
        length = len(text)
        if length < 120 and digit_counts[i]:  # dates and prices always hold a digit
            date_like[i] = _DATE_LIKE.search(text) is not None
            price_like[i] = _PRICE_LIKE.search(text) is not None
        # The first letters of a block's first word are a cheap test before the full one.
        if description and length > 30 and tokens and tokens[0][:4] in description:
            description_match[i] = _normalise(text[:80])[:60] in description
        if length < 300 and title_text:
            title_match[i] = " ".join(tokens) in title_text
    element = np.maximum(element, 0)

    parent = np.asarray(table.parent, np.int64)
    tokens = np.asarray(table.tokens, np.uint64)
    own = np.asarray(table.own_tokens, np.uint64)
    tags = np.asarray(table.tags, np.uint64)
    depth = np.asarray(table.depth, np.float32)
    hidden = np.asarray(table.hidden, np.float32)
    subtree_chars = np.asarray(table.chars, np.float32)
    subtree_links = np.asarray(table.link_chars, np.float32)
    enter = np.asarray(table.enter, np.int64)
    exit_ = np.asarray(table.exit, np.int64)
    safe_parent = np.where(parent >= 0, parent, np.arange(len(parent)))

    total_chars = max(float(chars.sum()), 1.0)
    link_density = np.minimum(link_chars / np.maximum(chars, 1), 1.0)
    log_chars = np.log1p(chars)
    heading = ((kinds >= 1) & (kinds <= 6)).astype(np.float32)
    offsets = np.cumsum(chars) - chars
    order = np.argsort(position, kind="stable")
    sorted_positions = position[order]

    def blocks_inside(elements: np.ndarray) -> np.ndarray:
        return (
            np.searchsorted(sorted_positions, exit_[elements], "right")
            - np.searchsorted(sorted_positions, enter[elements], "left")
        ).astype(np.float32)

    first_h1 = np.flatnonzero(kinds == _KIND_CODE["h1"])
    first_h1_index = first_h1[0] if len(first_h1) else n
    title_blocks = np.flatnonzero(title_match > 0)
    title_index = title_blocks[0] if len(title_blocks) else n
    index = np.arange(n, dtype=np.float32)

    columns: list[np.ndarray] = [
        log_chars,
        np.log1p(words),
        link_density,
        np.log1p(links),
        list_depth,
        commas,
        stops,
        ends,
        kinds.astype(np.float32),
        heading,
        title_match,
        index / n,
        offsets / total_chars,
        (index > first_h1_index).astype(np.float32),
        (index > title_index).astype(np.float32),
        depth[element],
        hidden[element],
        np.log1p(offsets),
        np.log1p(total_chars - offsets - chars),
        digits,
        capital,
        header_row,
    ]
    kind_onehot = np.zeros((n, len(BLOCK_KINDS)), np.float32)
    known = kinds >= 0
    kind_onehot[np.flatnonzero(known), kinds[known]] = 1.0
    columns.extend(kind_onehot.T)
    columns.extend(_bits(tokens[element], len(CATEGORIES)).T)
    grand = safe_parent[safe_parent[element]]
    near = own[element] | own[safe_parent[element]] | own[grand]
    columns.extend(_bits(near, len(CATEGORIES)).T)
    columns.extend(_bits(tags[element], len(STRUCTURAL_TAGS)).T)

    ancestor = element
    for _ in range(_ANCESTOR_LEVELS):
        ancestor = safe_parent[ancestor]
        inside = np.maximum(blocks_inside(ancestor), 1.0)
        columns += [
            subtree_chars[ancestor] / total_chars,
            subtree_links[ancestor] / np.maximum(subtree_chars[ancestor], 1.0),
            np.log1p(inside),
            np.log1p(subtree_chars[ancestor] / inside),
        ]

    repeats = np.asarray(table.repeats, np.float32)
    ancestor = element
    for _ in range(_ANCESTOR_LEVELS):
        columns.append(np.log1p(repeats[ancestor]))
        ancestor = safe_parent[ancestor]
    columns += [
        np.log1p(text_repeats),
        date_like,
        price_like,
        chars / np.maximum(subtree_chars[safe_parent[element]], 1.0),
        function_share,
        (index < title_index).astype(np.float32),
        description_match,
    ]
    columns += _inside_heading_containers(
        title_index if title_index < n else first_h1_index,
        element,
        safe_parent,
        position,
        enter,
        exit_,
    )

    best = _best_container(element, safe_parent, chars, link_density, len(parent))
    inside_best = (position >= enter[best]) & (position <= exit_[best])
    best_parent = safe_parent[best]
    inside_best_parent = (position >= enter[best_parent]) & (position <= exit_[best_parent])
    columns += [
        inside_best.astype(np.float32),
        inside_best_parent.astype(np.float32),
        np.full(n, subtree_chars[best] / total_chars, np.float32),
        np.full(n, subtree_links[best] / max(subtree_chars[best], 1.0), np.float32),
        depth[element] - depth[best],
        np.log1p(np.asarray(table.same_tag, np.float32)[element]),
    ]

    parent_of_block = safe_parent[element]
    for shift in (1, -1):
        columns += [
            _shift(log_chars, shift),
            _shift(link_density, shift),
            _shift(heading, shift),
            (parent_of_block == _shift(parent_of_block.astype(np.float32), shift)).astype(
                np.float32
            ),
        ]
    columns += [_window_mean(log_chars), _window_mean(link_density)]
    columns += _page_columns(page, n, chars, link_chars, kinds, tags)
    # One copy into a row-major matrix: the tree ensemble reads a block's features together.
    return np.ascontiguousarray(np.array(columns, dtype=np.float32).T)


def _inside_heading_containers(
    heading: int,
    element: np.ndarray,
    parent: np.ndarray,
    position: np.ndarray,
    enter: np.ndarray,
    exit_: np.ndarray,
) -> list[np.ndarray]:
    """Whether each block shares the main heading's parent, grandparent, ... element."""
    n = len(element)
    if heading >= n:
        return [np.zeros(n, np.float32) for _ in range(_ANCESTOR_LEVELS)]
    columns = []
    ancestor = int(element[heading])
    for _ in range(_ANCESTOR_LEVELS):
        ancestor = int(parent[ancestor])
        columns.append(
            ((position >= enter[ancestor]) & (position <= exit_[ancestor])).astype(np.float32)
        )
    return columns


def _page_columns(
    page: Page,
    n: int,
    chars: np.ndarray,
    link_chars: np.ndarray,
    kinds: np.ndarray,
    tags: np.ndarray,
) -> list[np.ndarray]:
    total = max(float(chars.sum()), 1.0)
    tag_names = page.elements.tag
    schema_text = " ".join(page.json_ld)
    og_type = page.meta.get("og:type", "").lower()
    values = [
        np.log1p(total),
        np.log1p(n),
        float(link_chars.sum()) / total,
        float("article" in tag_names),
        float("main" in tag_names),
        float(np.count_nonzero(kinds == _KIND_CODE["h1"])),
        float(og_type == "article"),
        float(chars[kinds == _KIND_CODE["li"]].sum()) / total,
        float(chars[kinds == _KIND_CODE["tr"]].sum()) / total,
        float(np.count_nonzero(chars < 30)) / n,
    ]
    values += [float(f'"{name}"' in schema_text) for name in _SCHEMA_TYPES]
    return [np.full(n, value, np.float32) for value in values]


def _window_mean(values: np.ndarray) -> np.ndarray:
    """Mean over each block and its neighbours within the window, clipped at the page ends."""
    padded = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    n = len(values)
    low = np.clip(np.arange(n) - _WINDOW, 0, n)
    high = np.clip(np.arange(n) + _WINDOW + 1, 0, n)
    return ((padded[high] - padded[low]) / (high - low)).astype(np.float32)


def _shift(values: np.ndarray, shift: int) -> np.ndarray:
    shifted = np.roll(values, shift)
    if shift > 0:
        shifted[:shift] = -1
    else:
        shifted[shift:] = -1
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
