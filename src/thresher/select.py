"""Stage 5: labelled blocks -> the blocks that make up the main content."""

from __future__ import annotations

from .label import BlockLabel, Labels
from .options import Options
from .page.model import Page


def select_main(page: Page, labels: Labels, options: Options) -> tuple[int, ...]:
    """Indices of the main-content blocks, in page order."""
    chosen = [i for i, label in enumerate(labels.labels) if label is BlockLabel.MAIN]
    if not options.include_tables:
        chosen = [i for i in chosen if page.blocks[i].kind != "tr"]
    return tuple(chosen)
