"""Stage 5: labelled blocks -> the blocks that make up the main content."""

from __future__ import annotations

import numpy as np

from .label import BlockLabel, Labels
from .options import Options
from .page.model import Page

# When no block reaches the threshold, keep those close to the most likely one rather than
# return nothing: an empty result is never the best guess for a page that has text.
_FALLBACK_SHARE_OF_BEST = 0.5
_FALLBACK_LABELS = frozenset((BlockLabel.MAIN, BlockLabel.BOILERPLATE))


def select_main(page: Page, labels: Labels, options: Options) -> tuple[int, ...]:
    """Indices of the main-content blocks, in page order."""
    wanted = {BlockLabel.MAIN, BlockLabel.TEASER} if options.keep_teasers else {BlockLabel.MAIN}
    chosen = [i for i, label in enumerate(labels.labels) if label in wanted]
    if not chosen:
        chosen = _fallback(labels)
    if not options.include_tables:
        chosen = [i for i in chosen if page.blocks[i].kind != "tr"]
    return tuple(chosen)


def _fallback(labels: Labels) -> list[int]:
    candidates = [i for i, label in enumerate(labels.labels) if label in _FALLBACK_LABELS]
    if not candidates:
        return []
    probability = labels.main_probability
    best = float(np.max(probability[candidates]))
    return [i for i in candidates if probability[i] >= best * _FALLBACK_SHARE_OF_BEST]
