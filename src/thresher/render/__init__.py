"""Stage 6: chosen blocks -> text, Markdown or HTML, one module per format."""

from .front_matter import front_matter
from .html import html_page, render_comments_html, render_html
from .markdown import render_comments_markdown, render_markdown
from .text import render_comments, render_text

__all__ = [
    "front_matter",
    "html_page",
    "render_comments",
    "render_comments_html",
    "render_comments_markdown",
    "render_html",
    "render_markdown",
    "render_text",
]
