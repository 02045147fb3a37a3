"""Choosing the page's title among every candidate, with a learned ranker.

Sources disagree often: the ``<title>`` tag carries the site's name and SEO words, OpenGraph a
shortened form, the first ``<h1>`` may be a logo or a section name. Every candidate (each
heading near the top, each declared title, each part of the ``<title>`` tag) is described by
where it comes from, where it sits, and how far the other sources agree with it; a tree
ensemble trained on WCXB (``python -m training.train``) scores them, and the best one wins.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..addresses import split
from ..frozen import by_fields
from ..label.classify import BlockLabel, Labels
from ..label.title import CJK_SEPARATOR, agreement, split_title, words_of
from ..label.trees import TreeEnsemble
from ..label.vocabulary import CATEGORY_BITS
from ..page.model import INVISIBLE, Page, without_permalink

TITLE_MODEL = Path(__file__).resolve().parent.parent / "label" / "models" / "title.npz"

SOURCES = (
    "h1",
    "h2",
    "h3",
    "title-label",
    "opengraph",
    "twitter",
    "json-ld",
    "microdata",
    "meta",
    "title-tag",
    "title-part",
)
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
_HEADINGS_LOOKED_AT = 12
# Every candidate is compared with every other: a broken page that labels thousands of blocks
# as its title, or a <title> of thousands of parts, must not make that quadratic work endless
# (a mangled 5 MB page took 11 s). No WCXB page offers more than 12 from one source.
_MOST_PER_SOURCE = 12
_LONGEST = 300
_SPLIT = re.compile(rf"\s+[|\-–—:·•»/]\s+|\s+::\s+|{CJK_SEPARATOR}")
_CURLY = re.compile("[‘’“”]")
_STRAIGHT = re.compile("['\"]")
_CHAFF = ("navigation", "sidebar", "related", "comment", "footer", "share", "advertisement")
_DECLARED = ("opengraph", "twitter", "json-ld", "microdata", "meta")

# Whether a candidate holds another one whole, or is held by one (the h1 "Recent Trends in
# Photography" inside the <title>'s "8 Recent Trends in Photography"), was tried as five more
# features and left out: domain-CV accuracy 0.802 against 0.807 (means of three seeds).
FEATURE_NAMES: tuple[str, ...] = (
    *(f"source={source}" for source in SOURCES),
    "order_in_source",
    "block_position",
    "heading_blocks_before",
    "h1_count",
    "is_main_block",
    "in_chaff_container",
    "in_header",
    "marked_title",
    "in_article",
    "chars",
    "words",
    "separators",
    "ends_with_period",
    "upper_share",
    "digits",
    "curly_quotes",
    "straight_quotes",
    "sources_agreeing",
    "same_text_candidates",
    "agree_opengraph",
    "agree_title_tag",
    "agree_first_h1",
    "agree_json_ld",
    "agree_best_other",
    "prefix_of_title_tag",
    "title_tag_part_index",
    "title_tag_parts",
    "agree_sitename",
    "agree_url_slug",
    "blocks_to_main",
    *(f"page_type={kind}" for kind in PAGE_TYPES),
)


@dataclass(frozen=True, slots=True)
class TitleCandidate:
    text: str
    source: str
    order: int  # position among the candidates of its source
    block: int | None = None  # index of the heading block it comes from

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


def key(text: str) -> str:
    """The comparison form: NFKC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# Direction marks, zero-width spaces and soft hyphens: format characters nobody reads.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Markup that leaked into a declared title as text: "## Heading", "*Title*", "Name ()".
_LEAKED_MARKUP = re.compile(r"^#{1,6}\s+|^([*_]{1,2})(?=\S)(.*\S)\1$|\s*(?:\(\s*\)|\[\s*\])$")


def _tidy(text: str) -> str:
    """A candidate's text without invisible characters, leaked markup or a permalink sign."""
    text = " ".join(_INVISIBLE.sub("", text).split())
    if _LEAKED_MARKUP.search(text):  # (seldom: a substitution costs more than a search)
        text = _LEAKED_MARKUP.sub(r"\2", text)
    return without_permalink(text).strip()


def title_candidates(
    page: Page, labels: Labels, declared: list[tuple[str, str]]
) -> list[TitleCandidate]:
    """Headings near the top, the declared titles, and the parts of the <title> tag."""
    offered: list[tuple[str, str, int | None]] = []  # (text, source, block)
    headings = [i for i, block in enumerate(page.blocks) if block.kind in ("h1", "h2", "h3")]
    for index in headings[:_HEADINGS_LOOKED_AT]:
        offered.append((page.blocks[index].text, page.blocks[index].kind, index))
    for index, label in enumerate(labels.labels):
        if label is BlockLabel.TITLE:
            offered.append((page.blocks[index].text, "title-label", index))
    for value, source in declared:
        if isinstance(value, str) and source in _DECLARED:
            offered.append((value, source, None))
    if page.title_tag:
        offered.append((page.title_tag, "title-tag", None))
        parts = [part for part in split_title(_SPLIT, page.title_tag) if part.strip()]
        if len(parts) > 1:
            offered.extend((part, "title-part", None) for part in parts)
    found: list[TitleCandidate] = []
    counts: dict[str, int] = {}
    for text, source, block in offered:
        order = counts.get(source, 0)
        if order >= _MOST_PER_SOURCE:
            continue
        text = _tidy(text)
        if text and len(text) <= _LONGEST:
            found.append(TitleCandidate(text, source, order, block))
            counts[source] = order + 1
    return found


def candidate_features(
    page: Page,
    labels: Labels,
    candidates: list[TitleCandidate],
    sitename: str | None,
    url: str | None = None,
) -> np.ndarray:
    """One row of FEATURE_NAMES per candidate."""
    context = _Context(page, labels, candidates, sitename, url)
    rows = [context.features(row) for row in range(len(candidates))]
    return np.array(
        [[row.get(name, 0.0) for name in FEATURE_NAMES] for row in rows], np.float32
    ).reshape(len(candidates), len(FEATURE_NAMES))


class _Context:
    """What every candidate of a page is compared with."""

    def __init__(
        self,
        page: Page,
        labels: Labels,
        candidates: list[TitleCandidate],
        sitename: str | None,
        url: str | None,
    ) -> None:
        self.page, self.labels, self.candidates = page, labels, candidates
        self.keys = [key(c.text) for c in candidates]
        self.by_key: dict[str, list[int]] = {}
        for index, text_key in enumerate(self.keys):
            self.by_key.setdefault(text_key, []).append(index)
        self.words = [words_of(c.text) for c in candidates]
        self.firsts: dict[str, set[str]] = {}
        for candidate, text_words in zip(candidates, self.words):
            self.firsts.setdefault(candidate.source, text_words)
        self.title_tag = key(page.title_tag or "")
        self.title_words = words_of(page.title_tag or "")
        self.parts = [
            key(part) for part in split_title(_SPLIT, page.title_tag or "") if part.strip()
        ]
        self.site_words = words_of(sitename or "")
        self.slug_words = _slug_words(url)
        main = [i for i, label in enumerate(labels.labels) if label is BlockLabel.MAIN]
        self.first_main = main[0] if main else None
        self.h1_count = sum(block.kind == "h1" for block in page.blocks)
        # headings are few: where they sit, once, instead of a count per candidate
        self.headings = [i for i, b in enumerate(page.blocks) if b.kind in ("h1", "h2", "h3")]
        self.chaff = 0
        for name in _CHAFF:
            self.chaff |= CATEGORY_BITS[name]

    def features(self, row: int) -> dict[str, float]:
        candidate, text_key, text_words = self.candidates[row], self.keys[row], self.words[row]
        text = candidate.text
        letters = [ch for ch in text if ch.isalpha()]
        same = [i for i in self.by_key[text_key] if i != row]
        others = (agreement(text_words, w) for i, w in enumerate(self.words) if i != row)
        found = {
            f"source={candidate.source}": 1.0,
            f"page_type={self.labels.page_type}": 1.0,
            "order_in_source": candidate.order,
            "h1_count": self.h1_count,
            "chars": len(text),
            "words": len(text_words),
            "separators": len(_SPLIT.findall(text)),
            "ends_with_period": text.endswith("."),
            "upper_share": sum(ch.isupper() for ch in letters) / max(len(letters), 1),
            "digits": sum(ch.isdigit() for ch in text),
            "curly_quotes": len(_CURLY.findall(text)),
            "straight_quotes": len(_STRAIGHT.findall(text)),
            "sources_agreeing": len({self.candidates[i].source for i in same} - {candidate.source}),
            "same_text_candidates": len(same),
            "agree_opengraph": agreement(text_words, self.firsts.get("opengraph", set())),
            "agree_title_tag": agreement(text_words, self.title_words),
            "agree_first_h1": agreement(text_words, self.firsts.get("h1", set())),
            "agree_json_ld": agreement(text_words, self.firsts.get("json-ld", set())),
            "agree_best_other": max(others, default=0.0),
            "prefix_of_title_tag": bool(self.title_tag) and self.title_tag.startswith(text_key),
            "title_tag_part_index": self.parts.index(text_key) if text_key in self.parts else -1,
            "title_tag_parts": len(self.parts),
            "agree_sitename": agreement(text_words, self.site_words) if self.site_words else 0,
            "agree_url_slug": agreement(text_words, self.slug_words) if self.slug_words else -1,
        }
        found.update(self._block_features(candidate.block))
        return found

    def _block_features(self, index: int | None) -> dict[str, float]:
        if index is None:
            return {"block_position": -1.0, "heading_blocks_before": -1.0, "blocks_to_main": -99}
        blocks = self.page.blocks
        to_main = index - self.first_main if self.first_main is not None else -99
        marks = int(self.page.elements.part_tokens[max(blocks[index].element, 0)])
        return {
            "block_position": index / max(len(blocks), 1),
            "heading_blocks_before": bisect_left(self.headings, index),
            "is_main_block": self.labels.labels[index] is BlockLabel.MAIN,
            "in_chaff_container": bool(marks & self.chaff),
            "in_header": bool(marks & CATEGORY_BITS["header"]),
            "marked_title": bool(marks & CATEGORY_BITS["title"]),
            "in_article": bool(marks & CATEGORY_BITS["article"]),
            "blocks_to_main": max(-50, min(50, to_main)),
        }


@cache
def title_model() -> TreeEnsemble | None:
    return TreeEnsemble.load_for(TITLE_MODEL, FEATURE_NAMES)


# Two more readings of the address were tried as features and left out: how deep its path
# goes (a home page's title is often the site's name) and how far a candidate agrees with the
# host's name (a personal site declares its owner's name as every page's title): domain-CV
# accuracy 0.797 and 0.799 against 0.801 without them (means of three seeds).
def _slug_words(url: str | None) -> set[str]:
    """Words of the URL's last path segment: sites often write the headline there."""
    parts = split(url) if url else None
    if parts is None:
        return set()
    path = parts.path.rstrip("/")
    segment = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return words_of(segment.replace("-", " ").replace("_", " "))


def choose_title(
    page: Page,
    labels: Labels,
    declared: list[tuple[str, str]],
    sitename: str | None,
    url: str | None = None,
) -> tuple[str | None, str]:
    """The best-scored candidate and its source, or (None, "") when there is none or no model."""
    model = title_model()
    candidates = title_candidates(page, labels, declared)
    if model is None or not candidates:
        return None, ""
    scores = model.raw_scores(candidate_features(page, labels, candidates, sitename, url))
    best = candidates[int(np.argmax(scores))]
    source = "heading" if best.source in ("h2", "h3", "title-label") else best.source
    return best.text, "title-tag" if source == "title-part" else source
