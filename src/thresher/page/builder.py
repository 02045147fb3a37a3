"""Build the page model in one iterative walk over the parsed tree.

The walk never recurses (pages nest thousands of levels deep), never changes the tree, and
keeps what it learns about elements in side tables (``ElementTable``), not on the nodes.
"""

from __future__ import annotations

import time

from ..dom import Node, ParsedPage
from ..label.vocabulary import ROLE_TAG_BITS, TAG_BITS, category_mask
from ..options import Options
from .model import Block, ElementTable, Page

# Subtrees whose text is never page text.
SKIPPED_TAGS = frozenset(
    "script style noscript template head svg math iframe object embed canvas select option "
    "textarea input button map audio video picture source link meta -comment !doctype".split()
)
# Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section "
    "table tbody thead tfoot tr ul summary center menu caption legend html".split()
)
CELL_TAGS = frozenset(("td", "th"))
LIST_TAGS = frozenset(("ul", "ol", "menu"))
CELL_SEPARATOR = "\ue000"  # private use: never in real text, not white space
_CHECK_CLOCK_EVERY = 2048
_MARKDOWN_WRAP = {"strong": "**", "b": "**", "em": "*", "i": "*"}


class _Walk:
    """State of one walk; lives only while ``build_page`` runs."""

    def __init__(self, options: Options, deadline: float) -> None:
        self.options = options
        self.deadline = deadline
        self.elements = ElementTable()
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.markdown: list[str] = []
        self.block_link_chars = 0
        self.block_links = 0
        self.header_row = False
        self.event = 0
        self.total_chars = 0
        self.total_link_chars = 0
        self.link_depth = 0
        self.pre_depth = 0
        self.warnings: list[str] = []
        # (element index, tag, chars before, link chars before, markdown suffix)
        self.stack: list[tuple[int, str, int, int, str]] = []
        self.block_stack: list[tuple[str, int]] = [("body", -1)]
        self.list_stack: list[bool] = []

    # -- elements -----------------------------------------------------------------------
    def enter(self, node: Node, tag: str) -> None:
        attributes = node.attributes
        table = self.elements
        index = len(table.tag)
        parent = self.stack[-1][0] if self.stack else -1
        marker = " ".join(
            value for key in ("class", "id", "role", "itemprop")
            if (value := attributes.get(key))
        ) if attributes else ""
        own = category_mask(marker) if marker else 0
        tag_bits = TAG_BITS.get(tag, 0)
        if attributes and "role" in attributes:
            tag_bits |= ROLE_TAG_BITS.get(attributes["role"] or "", 0)
        if parent >= 0:
            tokens = own | table.tokens[parent]
            tag_bits |= table.tags[parent]
            depth = table.depth[parent] + 1
            hidden = table.hidden[parent]
        else:
            tokens = own
            depth = 0
            hidden = False
        if not hidden and attributes and (
            "style" in attributes or "hidden" in attributes or "aria-hidden" in attributes
        ):
            style = (attributes.get("style") or "").replace(" ", "").lower()
            hidden = (
                "hidden" in attributes
                or attributes.get("aria-hidden") == "true"
                or "display:none" in style
                or "visibility:hidden" in style
            )
        table.tag.append(tag)
        table.parent.append(parent)
        table.depth.append(depth)
        table.own_tokens.append(own)
        table.tokens.append(tokens)
        table.tags.append(tag_bits)
        table.hidden.append(hidden)
        table.enter.append(self.event)
        table.exit.append(self.event)
        table.chars.append(0)
        table.link_chars.append(0)
        suffix = ""
        if tag in BLOCK_TAGS:
            self.flush()
            self.block_stack.append((tag, index))
            if tag in LIST_TAGS:
                self.list_stack.append(tag == "ol")
            elif tag == "pre":
                self.pre_depth += 1
            elif tag == "tr":
                self.header_row = False
        elif tag in CELL_TAGS:
            if self.text:
                self.text.append(CELL_SEPARATOR)
                self.markdown.append(CELL_SEPARATOR)
            if tag == "th":
                self.header_row = True
        elif tag == "br":
            self.text.append("\n")
            self.markdown.append("\n")
        elif tag == "a":
            self.link_depth += 1
            self.block_links += 1
            href = attributes.get("href") if attributes else None
            if self.options.include_links and href and not href.startswith(("javascript:", "#")):
                self.markdown.append("[")
                suffix = f"]({href})"
        elif tag == "img":
            if self.options.include_images and attributes and attributes.get("src"):
                alt = (attributes.get("alt") or "").replace("]", "")
                self.markdown.append(f"![{alt}]({attributes['src']})")
        elif tag in _MARKDOWN_WRAP and not self.pre_depth:
            suffix = _MARKDOWN_WRAP[tag]
            self.markdown.append(suffix)
        elif tag == "code" and not self.pre_depth:
            suffix = "`"
            self.markdown.append(suffix)
        self.stack.append((index, tag, self.total_chars, self.total_link_chars, suffix))

    def exit(self) -> None:
        index, tag, chars_before, link_chars_before, suffix = self.stack.pop()
        table = self.elements
        if suffix:
            self.markdown.append(suffix)
        if tag == "a":
            self.link_depth -= 1
        if tag in BLOCK_TAGS:
            self.flush()
            self.block_stack.pop()
            if tag in LIST_TAGS:
                self.list_stack.pop()
            elif tag == "pre":
                self.pre_depth -= 1
        table.exit[index] = self.event
        table.chars[index] = self.total_chars - chars_before
        table.link_chars[index] = self.total_link_chars - link_chars_before

    # -- text ---------------------------------------------------------------------------
    def add_text(self, text: str) -> None:
        self.text.append(text)
        if self.markdown and self.markdown[-1] == "[" and not text.strip():
            return
        self.markdown.append(text)
        visible = len(text) - text.count(" ") if self.pre_depth else len(text.strip())
        self.total_chars += visible
        if self.link_depth:
            self.total_link_chars += visible
            self.block_link_chars += visible

    def flush(self) -> None:
        if not self.text:
            return
        raw, markdown = "".join(self.text), "".join(self.markdown)
        self.text.clear()
        self.markdown.clear()
        preformatted = self.pre_depth > 0
        text = _clean_cells(raw, "\t", preformatted)
        if text:
            kind, element = self.block_stack[-1]
            if element < 0 and self.stack:
                element = self.stack[-1][0]
            self.blocks.append(Block(
                kind=kind,
                text=text,
                markdown=_clean_cells(markdown, " | ", preformatted),
                element=element,
                position=self.event,
                link_chars=self.block_link_chars,
                links=self.block_links,
                list_depth=len(self.list_stack),
                ordered=bool(self.list_stack) and self.list_stack[-1],
                header_row=self.header_row,
            ))
        self.block_link_chars = 0
        self.block_links = 0

    # -- the walk -----------------------------------------------------------------------
    def run(self, root: Node) -> None:
        root_id = root.mem_id
        node: Node | None = root
        while node is not None:
            self.event += 1
            if not self.event % _CHECK_CLOCK_EVERY and time.monotonic() > self.deadline:
                self.warnings.append("time limit reached: the rest of the page was not read")
                break
            tag = node.tag
            if tag == "-text":
                self.add_text(node.text_content or "")
            elif tag not in SKIPPED_TAGS:
                self.enter(node, tag)
                child = node.child
                if child is not None:
                    node = child
                    continue
                self.exit()
            node = self._climb(node, root_id)
        while self.stack:
            self.exit()
        self.flush()

    def _climb(self, node: Node, root_id: int) -> Node | None:
        """The next node in document order after ``node``'s subtree, exiting finished parents."""
        while node.mem_id != root_id:
            following = node.next
            if following is not None:
                return following
            parent = node.parent
            if parent is None:
                return None
            self.exit()
            node = parent
        return None


def _clean(raw: str, preformatted: bool) -> str:
    if preformatted:
        return raw.strip("\n").rstrip()
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_cells(raw: str, separator: str, preformatted: bool) -> str:
    if CELL_SEPARATOR not in raw:
        return _clean(raw, preformatted)
    cells = (_clean(cell, preformatted).replace("\n", " ") for cell in raw.split(CELL_SEPARATOR))
    return separator.join(cell for cell in cells if cell)


def build_page(parsed: ParsedPage, options: Options, deadline: float) -> Page:
    tree = parsed.tree
    walk = _Walk(options, deadline)
    root = tree.body or tree.root
    if root is not None:
        walk.run(root)
    _number_siblings(walk.elements)
    head = _read_head(tree)
    return Page(
        blocks=tuple(walk.blocks),
        elements=walk.elements,
        title_tag=head[0],
        meta=head[1],
        json_ld=head[2],
        lang=head[3],
        warnings=parsed.warnings + tuple(walk.warnings),
    )


def _number_siblings(table: ElementTable) -> None:
    """Number same-tag siblings (for paths) and count look-alike siblings (cards, posts)."""
    seen: dict[tuple[int, str], int] = {}
    numbers = table.sibling_index
    for key in zip(table.parent, table.tag):
        seen[key] = seen.get(key, 0) + 1
        numbers.append(seen[key])
    signatures = list(zip(table.parent, table.tag, table.own_tokens))
    counts: dict[tuple[int, str, int], int] = {}
    for signature in signatures:
        counts[signature] = counts.get(signature, 0) + 1
    table.repeats.extend(counts[signature] for signature in signatures)


def _read_head(tree: object) -> tuple[str, dict[str, str], tuple[str, ...], str]:
    title_node = tree.css_first("title")  # type: ignore[attr-defined]
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    meta: dict[str, str] = {}
    for node in tree.css("meta"):  # type: ignore[attr-defined]
        attributes = node.attributes
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        content = attributes.get("content")
        if key and content and key.lower() not in meta:
            meta[key.lower()] = content
    json_ld = tuple(
        node.text() for node in tree.css('script[type="application/ld+json"]')  # type: ignore[attr-defined]
    )
    html = tree.root  # type: ignore[attr-defined]
    lang = (html.attributes.get("lang") or "") if html is not None and html.attributes else ""
    return title, meta, json_ld, lang
