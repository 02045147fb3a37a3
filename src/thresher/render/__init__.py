"""Stage 6: chosen blocks -> text in the form a user asked for, one module per format."""

from .front_matter import front_matter
from .markdown import render_markdown
from .text import render_comments, render_text

__all__ = ["front_matter", "render_comments", "render_markdown", "render_text"]
