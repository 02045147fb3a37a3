"""HTML of the chosen blocks: clean, semantic markup and nothing else of the page's own.

No class, style, script or event attribute of the page survives; the only attributes written
are a link's ``href``, an image's ``src`` and ``alt``, and a code block's ``language-*`` class
(the HTML specification's way to name a code's language), and addresses a reader cannot follow
(``javascript:``, ``vbscript:``, ``data:``, ``file:``: ``addresses.followable``) are dropped.
Every piece of text is escaped, so the output is safe to embed. Lists, list items and quotes
nest as the page nested them (a list item's later paragraphs and code inside the item, a
quote's list inside the quote), consecutive table rows become one table, and a heading loses
its permalink sign as in the other formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

from ..addresses import followable
from ..comments import Comment
from ..page.model import (
    CELL,
    CODE,
    EMPHASIS,
    FORMATTING_MARKS,
    FORMULA,
    HEADING_KINDS,
    IMAGE,
    LINK_CLOSE,
    LINK_OPEN,
    STRIKE,
    STRONG,
    Block,
    Container,
    clean_text,
    image_parts,
    without_permalink,
)
from .prepare import prepared
from .rows import CELL_EDGES
from .text import LINE_GROUPS

if TYPE_CHECKING:
    from ..document import Document

_MARKERS = re.compile(f"([{FORMATTING_MARKS}])")
_TOGGLES = {STRONG: "strong", EMPHASIS: "em", CODE: "code", STRIKE: "del"}
# The elements written inside a line of text: a repair of the HTML reads across their tags as
# the plain text reads across them (decode.turned_back).
INLINE_TAGS = frozenset((*_TOGGLES.values(), "a", "img"))


def render_html(blocks: Sequence[Block]) -> str:
    """An HTML fragment of the blocks, one element per line; a list or a quote is one line
    with all it holds."""
    nest = _Nest()
    for (containers, group), run in groupby(prepared(blocks), key=_group):
        members = list(run)
        opened_item = nest.enter(containers)
        if group[0] == "table":
            nest.add(_table(members))
        elif group[0] == "definitions":
            nest.add(_definitions(members))
        else:
            for block in members:
                if opened_item and block.layout == "li":
                    nest.add(_inline(block.raw, iter(block.targets)))
                else:
                    nest.add(_block(block))
                opened_item = False
    nest.enter(())
    return "\n".join("".join(line) for line in nest.lines)


class _Nest:
    """The HTML written so far, a list of pieces per line (a list or a quote is one line of
    all it holds: joined as they come, a long list would be copied at each item), and the
    lists, items and quotes open at its end."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = []
        self.open: list[tuple[Container, str]] = []  # with the tags that close each
        self.opening = ""  # start tags that the next piece of HTML begins with
        self.new_line = True  # whether the next piece begins a line: it opens a list or quote

    def enter(self, containers: tuple[Container, ...]) -> bool:
        """Close what the next blocks do not stand in and open what they do; whether a list
        item was opened for them, which their first block's text begins."""
        shared = 0
        while shared < min(len(self.open), len(containers)):
            if self.open[shared][0] != containers[shared]:
                break
            shared += 1
        closing = "".join(tags for _, tags in reversed(self.open[shared:]))
        if closing and self.lines:
            self.lines[-1].append(closing)
        del self.open[shared:]
        if not self.open:
            self.new_line = True
        for container in containers[shared:]:
            start, end = _tags_of(container, self.open[-1][0] if self.open else None)
            self.opening += start
            self.open.append((container, end))
        return len(containers) > shared and containers[-1].kind == "li"

    def add(self, html: str) -> None:
        """A piece of HTML: a line of its own at the top level, on the line of the list or
        quote it stands in otherwise."""
        if self.new_line or not self.open or not self.lines:
            self.lines.append([self.opening, html])
        else:
            self.lines[-1] += (self.opening, html)
        self.opening = ""
        self.new_line = False


def _tags_of(container: Container, parent: Container | None) -> tuple[str, str]:
    """The start and end tags of a list, an item or a quote; an item outside a list gets a
    list, and a list directly inside another an item, so that the HTML stays valid."""
    in_list = parent is not None and parent.kind in ("ul", "ol")
    if container.kind == "li":
        return ("<li>", "</li>") if in_list else ("<ul><li>", "</li></ul>")
    tag = container.kind
    start = f' start="{container.start}"' if tag == "ol" and container.start != 1 else ""
    opening = f"<{tag}{start}>"
    return (f"<li>{opening}", f"</{tag}></li>") if in_list else (opening, f"</{tag}>")


def render_comments_html(comments: Sequence[Comment]) -> str:
    """Reader comments as a section of articles, each headed by its author and time, a reply
    inside the article it answers (as HTML nests comments)."""
    items = []
    open_articles = 0
    for comment in comments:
        if comment.kind != "comment":
            continue
        depth = min(comment.depth, open_articles)  # a reply to a comment left out nests less
        items.append("</article>" * (open_articles - depth))
        head = []
        if comment.author:
            head.append(f"<b>{_escaped(comment.author)}</b>")
        if comment.date_text:
            stamp = f' datetime="{escape(comment.date)}"' if comment.date else ""
            head.append(f"<time{stamp}>{_escaped(comment.date_text)}</time>")
        header = f"<header>{' · '.join(head)}</header>" if head else ""
        items.append(f"\n<article>{header}{_text_as_html(comment.text)}")
        open_articles = depth + 1
    if not items:
        return ""
    return "<section>" + "".join(items) + "</article>" * open_articles + "\n</section>"


def html_page(document: Document) -> str:
    """A standalone HTML document: the metadata in its head, a header with the title, the
    authors and the date, then the content (rendered here if the extraction did not)."""
    head = ['<meta charset="utf-8">']
    if document.title:
        head.append(f"<title>{_escaped(document.title)}</title>")
    if document.url and followable(document.url):
        # Relative links of the content resolve against the page they came from.
        head.append(f'<base href="{escape(document.url)}">')
        head.append(f'<link rel="canonical" href="{escape(document.url)}">')
    for name, value in (
        ("author", ", ".join(document.authors)),
        ("description", document.description),
        ("date", document.date_published),
    ):
        if value:
            head.append(f'<meta name="{name}" content="{escape(value)}">')
    lang = f' lang="{escape(document.language)}"' if document.language else ""
    return (
        f"<!DOCTYPE html>\n<html{lang}>\n<head>\n"
        + "\n".join(head)
        + "\n</head>\n<body>\n<article>\n"
        + _header(document)
        + (document.html if document.html is not None else _text_as_html(document.text))
        + "\n</article>\n</body>\n</html>"
    )


def _text_as_html(text: str) -> str:
    return "\n".join(f"<p>{_lines(_escaped(part))}</p>" for part in text.split("\n\n") if part)


def _header(document: Document) -> str:
    lines = []
    if document.title:
        lines.append(f"<h1>{_escaped(document.title)}</h1>")
    byline = []
    if document.authors:
        byline.append(_escaped(", ".join(document.authors)))
    if document.date_published:
        day = escape(document.date_published)
        byline.append(f'<time datetime="{day}">{day[:10]}</time>')
    if byline:
        lines.append(f"<p>{' · '.join(byline)}</p>")
    return "<header>\n" + "\n".join(lines) + "\n</header>\n" if lines else ""


def _group(block: Block) -> tuple[tuple[Container, ...], tuple[str, int]]:
    """Where a block is rendered, and with what: the lists, items and quotes it stands in,
    and the others of its table (by the table's element) or list of terms, or nothing
    ("")."""
    containers = block.containers
    while containers and containers[-1].kind in ("ul", "ol"):
        containers = containers[:-1]  # a box set in a list but in no item of it: not an item
    group = LINE_GROUPS.get(block.layout, "")
    if group not in ("table", "definitions"):
        return containers, ("", -1)
    return containers, (group, block.table if group == "table" else -1)


def _block(block: Block) -> str:
    if block.kind in HEADING_KINDS:
        return f"<{block.kind}>{_escaped(without_permalink(block.text))}</{block.kind}>"
    if block.kind == "pre":
        language = f' class="language-{escape(block.language)}"' if block.language else ""
        return f"<pre><code{language}>{_escaped(block.text)}</code></pre>"
    content = _inline(block.raw, iter(block.targets), "</p>\n<p>")
    if block.layout == "blockquote" and not _in_quote(block):  # (nested past the limit)
        return f"<blockquote><p>{content}</p></blockquote>"
    return f"<p>{content}</p>"


def _in_quote(block: Block) -> bool:
    return any(container.kind == "blockquote" for container in block.containers)


def _table(rows: list[Block]) -> str:
    lines = ["<table>"]
    for row in rows:
        cell = "th" if row.header_row else "td"
        targets = iter(row.targets)
        # An empty cell keeps its place; empty cells at the end of a row hold no place.
        parts = row.raw.rstrip(CELL_EDGES).split(CELL)
        cells = (_inline(part, targets) for part in parts)
        lines.append("<tr>" + "".join(f"<{cell}>{text}</{cell}>" for text in cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _definitions(blocks: list[Block]) -> str:
    items = (
        f"<{block.kind}>{_inline(block.raw, iter(block.targets))}</{block.kind}>"
        for block in blocks
    )
    return "<dl>" + "".join(items) + "</dl>"


def _escaped(text: str) -> str:
    """Text content escaped; quotes need escaping only inside attribute values."""
    return escape(text, quote=False)


def _lines(html: str) -> str:
    return html.replace("\n", "<br>\n")


def _inline(raw: str, targets: Iterator[str], paragraph_break: str | None = None) -> str:
    """Escaped text with its links, emphasis, code and images as tags, a <br> per line break;
    every tag opened in the block is closed in it, so the fragment is well formed whatever the
    page nested. With ``paragraph_break``, a blank line ends a paragraph: the tags open there
    close before it and open again after it."""
    out: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, start tag)
    for piece in _MARKERS.split(clean_text(raw, False, " ")):
        if not piece:
            continue
        if piece in _TOGGLES:
            _toggle(out, open_tags, _TOGGLES[piece])
        elif piece == LINK_OPEN:
            href = next(targets, "")
            safe = href and followable(href)
            start = f'<a href="{escape(href)}">' if safe else "<a>"
            out.append(start)
            open_tags.append(("a", start))
        elif piece == LINK_CLOSE:
            if any(name == "a" for name, _ in open_tags):
                _close_through(out, open_tags, "a")
        elif piece == IMAGE:
            out.append(_image(next(targets, "")))
        elif piece == FORMULA:
            continue  # a formula's TeX is its text
        elif paragraph_break and "\n\n" in piece:
            closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
            reopening = "".join(start for _, start in open_tags)
            between = closing + paragraph_break + reopening
            out.append(between.join(_lines(_escaped(part)) for part in piece.split("\n\n")))
        else:
            out.append(_lines(_escaped(piece)))
    out.extend(f"</{name}>" for name, _ in reversed(open_tags))
    return "".join(out).strip()


def _toggle(out: list[str], open_tags: list[tuple[str, str]], tag: str) -> None:
    if any(name == tag for name, _ in open_tags):
        _close_through(out, open_tags, tag)
    else:
        out.append(f"<{tag}>")
        open_tags.append((tag, f"<{tag}>"))


def _close_through(out: list[str], open_tags: list[tuple[str, str]], tag: str) -> None:
    """Close ``tag`` and whatever opened inside it, as the page's own closing tag did."""
    while open_tags:
        inner, _ = open_tags.pop()
        out.append(f"</{inner}>")
        if inner == tag:
            return


def _image(target: str) -> str:
    image = image_parts(target)
    if image is None or not followable(image[1]):
        return ""
    alt, src = image
    return f'<img src="{escape(src)}" alt="{escape(alt)}">'
