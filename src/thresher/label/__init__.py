"""Stage 4: the page model -> a label and a confidence for every block."""

from .classify import BlockLabel, Labels, label_blocks

__all__ = ["BlockLabel", "Labels", "label_blocks"]
