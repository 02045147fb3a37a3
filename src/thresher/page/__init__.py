"""Stage 3: the parsed tree -> the page model (blocks of text with the facts about them)."""

from .builder import build_page
from .model import Block, Page

__all__ = ["Block", "Page", "build_page"]
