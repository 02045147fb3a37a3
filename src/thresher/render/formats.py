"""A whole Document in one output format: what the command line prints and the service sends."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .front_matter import front_matter
from .html import html_page

if TYPE_CHECKING:
    from ..document import Document

FORMATS = ("txt", "md", "html", "json", "anatomy")
MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "anatomy": "text/plain; charset=utf-8",
}


def render_document(
    document: Document,
    output_format: str,
    with_front_matter: bool = True,
    source: str | None = None,
) -> str:
    """``output_format`` is one of FORMATS; Markdown opens with the metadata as YAML unless
    ``with_front_matter`` is false. The JSON names the ``source`` the page was read from, where
    one is given: among many pages' objects, it tells which is which."""
    if output_format == "json":
        fields = document.to_dict()
        if source is not None:
            fields = {"schema_version": fields.pop("schema_version"), "source": source, **fields}
        return json.dumps(fields, ensure_ascii=False)
    if output_format == "md":
        head = front_matter(document.metadata_dict()) if with_front_matter else ""
        return head + document.markdown
    if output_format == "html":
        return html_page(document)
    if output_format == "anatomy":
        return render_anatomy(document)
    return document.text


def render_anatomy(document: Document) -> str:
    """Per block: label, confidence, kept or why dropped, where it sits, the start of its text."""
    lines = []
    for block in document.anatomy:
        text = " ".join(block.text.split())
        excerpt = text if len(text) <= 80 else text[:77] + "..."
        fate = "kept" if block.kept else f"dropped: {block.dropped_by}" if block.dropped_by else ""
        head = f"{block.label:<13} {block.confidence:4.2f}  {fate:<24} {block.path}"
        lines.append(f"{head}\n    {excerpt}")
    return "\n".join(lines)
