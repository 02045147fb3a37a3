"""Paragraphs that carry on a run of main-content paragraphs under one parent element.

The block classifier reads where a block stands on its page, and its training pages taught it
that text far down a page is seldom the main content. On a long document that is wrong: an
article of 300 plain paragraphs (real prose, in one <article>) kept the first 127 of them, one
of 3,000 kept 1,066, and nothing said so. The probability fell from 0.93 at the top to 0.16
at the 290th paragraph, and setting the position features of a late paragraph to those of an
early one gave it back 0.9. Dropping those features from the training made the figures by
domain CV worse and did not cure it (see the README).

So a paragraph the classifier doubts (not one it is sure of) joins the content where it is
prose and sits under the same parent element as main paragraphs before it: the paragraphs of
one article body are siblings, while comments, teasers and footers stand in containers of
their own. By domain CV (the training's own, the bag of three) word F1 went from 0.8861 to
0.8862 and no page type lost. One stack alone went from 0.8851 to 0.8853: 13 of the 1,358
pages changed, 6 gained (a 7,700-word guide from 0.57 to 0.97) and 7 lost (three by 0.06,
where a note or a list of links in prose stood among the paragraphs). The two long articles
above keep all 300 and 3,000 paragraphs.

The lines of one code block, each in a box of its own, carry on one another alike
(``with_whole_code``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..page.model import Block, Page, code_lines, has_words

LEAST_MAIN_SIBLINGS = 3  # main paragraphs under the parent: fewer, and it may be a card
LEAST_PROBABILITY = 0.1  # below, the classifier is sure the paragraph is not content
LEAST_WORDS = 15
MOST_LINK_SHARE = 0.1


def continued(page: Page, probability: np.ndarray, main: Sequence[bool]) -> list[bool]:
    """``main`` with the doubted prose paragraphs that carry on a run of main paragraphs under
    their parent element added."""
    blocks, parent = page.blocks, page.elements.parent
    paragraphs = [i for i, block in enumerate(blocks) if block.kind == "p"]
    main_siblings = Counter(parent[blocks[i].element] for i in paragraphs if main[i])
    result = list(main)
    if not main_siblings or max(main_siblings.values()) < LEAST_MAIN_SIBLINGS:
        return result
    started: set[int] = set()  # parents with a main paragraph before the walk's position
    for i in paragraphs:
        owner = parent[blocks[i].element]
        if main[i]:
            started.add(owner)
        elif (
            owner in started
            and main_siblings[owner] >= LEAST_MAIN_SIBLINGS
            and probability[i] >= LEAST_PROBABILITY
            and _is_prose(blocks[i])
        ):
            result[i] = True
    return result


def _is_prose(block: Block) -> bool:
    mostly_unlinked = block.link_chars <= MOST_LINK_SHARE * max(len(block.text), 1)
    return mostly_unlinked and has_words(block.text, LEAST_WORDS)


# Measured on the domain-CV out-of-fold probabilities of the shipped recipe: one wcxb-dev page
# gains (a quickstart's code, 0.825 -> 0.834), none loses; with the shipped models no page's
# text changes. Only adding: a code block mostly doubted keeps the classifier's call.
def with_whole_code(page: Page, main: Sequence[bool]) -> list[bool]:
    """``main`` with every line of a code block whose lines are mostly content (by their
    characters): highlighters set each line in a box of its own, which the classifier reads
    apart, and a doubted line ("import os" at the top) would leave a hole in the code."""
    result = list(main)
    for members in code_lines(page.blocks).values():
        chosen = total = 0
        for i in members:
            total += len(page.blocks[i].text)
            chosen += len(page.blocks[i].text) if main[i] else 0
        if chosen and 2 * chosen >= total:
            for i in members:
                result[i] = True
    return result
