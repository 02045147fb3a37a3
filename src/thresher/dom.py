"""Stage 2: text -> parsed tree, behind a narrow interface.

thresher parses with lexbor (through selectolax): a fast, maintained HTML5 parser that keeps
deep trees and huge text nodes whole, where libxml2 silently drops them. Two inputs still make
any HTML5 tree builder slow (its work grows with the square of their size): nesting tens of
thousands of elements deep, and one tag with tens of thousands of attributes. ``guard_markup``
rewrites those before parsing, keeping every character of text, and says what it changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .options import Options

Node = LexborNode

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})[^<>]*>")
# Elements an HTML5 parser closes by itself when a sibling starts, or that hold no content:
# they never deepen the tree, so the depth estimate skips them.
_NOT_NESTING = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rp",
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Depth can only exceed the limit if there are at least that many tags.
_TAGS_PER_DEPTH_UNIT = 4


@dataclass(frozen=True, slots=True)
class ParsedPage:
    tree: LexborHTMLParser
    warnings: tuple[str, ...] = ()

    @property
    def root(self) -> Node | None:
        return self.tree.root


# A label, a date or a name an element shows sits in its first few nodes.
_MOST_NODES_READ = 64


def leading_text(node: Node, chars: int, most_nodes: int = _MOST_NODES_READ) -> str:
    """The element's text up to ``chars`` characters, as ``node.text()`` gives it, reading at
    most ``most_nodes`` of its nodes: what a date, a name or a tooltip's element shows, at a
    cost that does not grow with all it holds (elements nested in one another, each reading
    its whole subtree again, made a page's cost grow with the square of its size)."""
    parts: list[str] = []
    size = 0
    root = node.mem_id
    current = node.first_child
    for _ in range(most_nodes):
        if current is None or size >= chars:
            break
        if current.tag == "-text":
            piece = current.text_content or ""
            parts.append(piece)
            size += len(piece)
        elif current.first_child is not None:
            current = current.first_child
            continue
        current = _next_in_subtree(current, root)
    return "".join(parts)[:chars]


def first_with(node: Node, attribute: str, value: str, most_nodes: int) -> Node | None:
    """The first element inside ``node`` whose ``attribute`` is ``value``, looking at most
    ``most_nodes`` nodes (a selector would search the whole subtree, again for each element
    nested in another)."""
    root = node.mem_id
    current = node.first_child
    for _ in range(most_nodes):
        if current is None:
            return None
        if current.tag != "-text" and (current.attributes or {}).get(attribute) == value:
            return current
        current = current.first_child or _next_in_subtree(current, root)
    return None


def subtree_nodes(node: Node, most_nodes: int) -> list[Node] | None:
    """The node and every node inside it, in document order; None when they are more than
    ``most_nodes``. For a few nodes this is quicker than a selector, which is parsed anew on
    each call."""
    nodes: list[Node] = []
    root = node.mem_id
    current: Node | None = node
    while current is not None:
        if len(nodes) == most_nodes:
            return None
        nodes.append(current)
        current = current.first_child or _next_in_subtree(current, root)
    return nodes


def _next_in_subtree(node: Node, root: int) -> Node | None:
    """The node after ``node`` in document order, leaving no element above ``root``."""
    current: Node | None = node
    while current is not None and current.mem_id != root:
        if current.next is not None:
            return current.next
        current = current.parent
    return None


def parse(text: str, options: Options, utf8: bytes | None = None) -> ParsedPage:
    """The guarded markup's tree; ``utf8``, the text's own UTF-8 bytes where the caller has
    them, is what the parser reads when the guard leaves the text as it is."""
    guarded, warnings = guard_markup(text, options, utf8)
    source = utf8 if utf8 is not None and guarded is text else guarded
    return ParsedPage(LexborHTMLParser(source), warnings)


def fragment_text(markup: str) -> str:
    """The text a fragment of markup shows ("<p>I did <a>this</a></p>" reads "I did this")."""
    root = LexborHTMLParser(markup).body
    return root.text(separator="") if root is not None else ""


# The wrappers of what a page offers readers whose browser runs no scripts or shows no
# frames, and the frameset that stands in for a body.
_FALLBACK_TAG = re.compile(r"</?(?:noscript|noframes|frameset|frame)\b[^<>]*>", re.IGNORECASE)


def unwrap_fallbacks(text: str) -> str | None:
    """The page with its <noscript> and <noframes> wrappers (and any frameset) removed, or None
    when it has none.

    Some sites (forum engines among them) serve the whole page for readers without JavaScript
    inside <noscript>, and old framed sites their content inside <noframes>: an HTML5 parser
    keeps both as raw text, and drops everything a frameset holds but its frames.
    """
    unwrapped = _FALLBACK_TAG.sub("", text)
    return unwrapped if len(unwrapped) != len(text) else None


def frame_sources(parsed: ParsedPage, most: int = 5) -> list[str]:
    """Where a frameset's frames load their pages from."""
    found = (node.attributes.get("src") for node in parsed.tree.css("frame[src]"))
    return [source for source in found if source][:most]


# Elements whose content the parser reads as raw text up to their end tag. Written
# self-closing ("<iframe ... />", a tracking pixel's habit) they have no end tag, and the rest
# of the page would become their text; browsers that run scripts never show it that way.
_RAW_TEXT_NAMES = "iframe|textarea|title|style|xmp|noembed|noframes"
# (lower and upper case spelled out: a case-blind pattern scans the page half as fast)
_SELF_CLOSED_RAW_TEXT = re.compile(rf"<({_RAW_TEXT_NAMES}|{_RAW_TEXT_NAMES.upper()})(\s[^<>]*?)?/>")


def _close_raw_text_elements(text: str) -> tuple[str, int]:
    """The text with each self-closed raw-text element closed, and how many were."""
    return _SELF_CLOSED_RAW_TEXT.subn(lambda m: f"<{m[1]}{m[2] or ''}></{m[1]}>", text)


# The private-use characters the page model marks inline structure with (page/model.py). Icon
# fonts draw their glyphs with such characters; as page text they would read as a table cell
# or a link, so each becomes a space, as the glyph stands apart from the words around it.
_MARKERS = tuple(chr(code) for code in range(0xE000, 0xE008))
_MARKER_CHARACTERS = re.compile(f"[{''.join(_MARKERS)}]")


def guard_markup(
    text: str, options: Options, utf8: bytes | None = None
) -> tuple[str, tuple[str, ...]]:
    """The text with what would break the parser or the page model rewritten, and warnings
    saying what was; ``utf8`` is the text's own UTF-8 bytes, if known."""
    warnings: list[str] = []
    # Of the rewritings below only the closings add a '>', each one; the rest keep them all.
    tag_ends = _count_tag_ends(text, utf8)
    if _may_hold_markers(text, utf8):
        text = _MARKER_CHARACTERS.sub(" ", text)
    text, closed = _close_raw_text_elements(text)
    limit = options.max_tag_chars
    if _holds_long_tag(text, limit):
        text = _shorten_long_tags(text.split(">"), limit, warnings)
    if tag_ends + closed >= options.max_depth * _TAGS_PER_DEPTH_UNIT:
        text = _flatten_deep_nesting(text, options.max_depth, warnings)
    return text, tuple(warnings)


def _count_tag_ends(text: str, utf8: bytes | None) -> int:
    """How many '>' the text holds: counted in its UTF-8 bytes where they are known (a '>' is
    one byte there, never part of another character's), which NumPy reads several times
    faster than str.count reads the text."""
    if utf8 is None:
        return text.count(">")
    return int(np.count_nonzero(np.frombuffer(utf8, np.uint8) == _GREATER_THAN))


_GREATER_THAN = ord(">")


def _may_hold_markers(text: str, utf8: bytes | None) -> bool:
    # In UTF-8 each marker begins with the byte 0xEE, which few pages hold: a search for one
    # byte settles most pages at a twentieth of the cost of a search for each character in
    # the text (a pattern's search would read the page character by character).
    if utf8 is not None and b"\xee" not in utf8:
        return False
    return any(marker in text for marker in _MARKERS)


def _holds_long_tag(text: str, limit: int) -> bool:
    """Whether a tag in the text is longer than ``limit`` characters, without splitting the
    whole page at each '>' (which took more time than all the rest of the guard).

    A tag that long sits in a run of as many characters without a '>', and such a run covers
    one of the windows of half that length laid end to end from the start: only the runs
    around windows without a '>' (a long script, a stylesheet, a data attribute) are read.
    """
    stride = max(limit // 2, 1)
    start = 0
    while start + stride <= len(text):
        if text.find(">", start, start + stride) >= 0:
            start += stride
            continue
        begin = text.rfind(">", 0, start) + 1
        end = text.find(">", start + stride)
        end = len(text) if end < 0 else end
        # Each piece ends where a tag closes; a tag in it starts after one of its '<'.
        if end - begin > limit and _has_long_tag(text[begin:end], limit):
            return True
        start = (end // stride + 1) * stride  # the next window past this run
    return False


def _has_long_tag(piece: str, limit: int) -> bool:
    return _long_tag_start(piece, limit) >= 0


# What a '<' can open: a tag, an end tag, a comment or a declaration. A '<' before anything
# else (a digit, a space, a stray byte) opens nothing, in text or inside a tag, so a tag runs
# on past it ("<div a0=x ... <3 ... a20000=x>" is one tag of 20,000 attributes).
_OPENER = re.compile(r"<[a-zA-Z/!?]")
# A tag's name ends at white space, '/' or the '>' that ends the piece; "i<n;" in a script is
# a comparison, not a tag.
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/]|$)")


def _long_tag_start(piece: str, limit: int) -> int:
    """Where a tag longer than ``limit`` characters starts in a piece of markup without a
    '>', or -1. A tag runs to the piece's end, as only a '>' ends it; a comment, a
    declaration or an end tag is none (the parser reads them in linear time, and cutting a
    comment short would leave it open over the rest of the page)."""
    opened = _OPENER.search(piece)
    while opened is not None and len(piece) - opened.start() > limit:
        at = opened.start()
        if _TAG_NAME.match(piece, at) is not None:
            return at
        if piece[at + 1] in "!?":
            return -1  # a comment or a declaration, to the piece's end at least
        # An end tag, or a letter that begins no tag's name ("i<n;" in a script): in a raw
        # text element, where the guard may be, more text follows.
        opened = _OPENER.search(piece, at + 2)
    return -1


def _shorten_long_tags(pieces: list[str], limit: int, warnings: list[str]) -> str:
    count = 0
    inside = ""  # the comment or raw text element the markup is in, if any
    for index, piece in enumerate(pieces):
        if inside:
            inside = _still_inside(inside, piece)
            continue
        start = _long_tag_start(piece, limit) if len(piece) > limit else -1
        if start >= 0:
            pieces[index] = piece[:start] + _whole_attributes(piece[start : start + limit])
            count += 1
        inside = _opened_inside(piece)
    if count:
        warnings.append(
            f"{count} tag(s) longer than {limit} characters had attributes dropped; raise "
            "Options(max_tag_chars) or --max-tag-chars to keep them"
        )
    return ">".join(pieces)


# Elements whose content the parser reads as text up to their end tag, as a browser that
# runs scripts does (thresher's parser reads <noscript> so too).
_RAW_TEXT = frozenset(("script", "noscript", *_RAW_TEXT_NAMES.split("|")))


def _opened_inside(piece: str) -> str:
    """What the '>' after a piece leaves the markup inside: a comment that does not close
    there, or a raw text element whose start tag ends there ("" for neither)."""
    opened = None
    for opened in _OPENER.finditer(piece):
        if piece[opened.start() + 1] != "/":
            break  # the construct the piece ends in; before it, text and end tags
    else:
        return ""
    if piece.startswith("<!--", opened.start()):
        # "<!-->" and "<!--->" close at once, as any comment ending in "--" or "--!" does
        body = piece[opened.start() + 4 :]
        return "" if body in ("", "-") or body.endswith(_COMMENT_ENDS) else "comment"
    tag = _TAG_NAME.match(piece, opened.start())
    name = tag[1].lower() if tag is not None else ""
    return name if name in _RAW_TEXT else ""


_COMMENT_ENDS = ("--", "--!")


def _still_inside(inside: str, piece: str) -> str:
    """Whether the '>' after a piece of a comment or a raw text element ends it."""
    if inside == "comment":
        return "" if piece.endswith(_COMMENT_ENDS) else inside
    # The end tag runs to the '>': it is the piece's last "</" (a stranger one keeps it open).
    ended = piece.rfind("</")
    name_end = ended + 2 + len(inside)
    if ended < 0 or piece[ended + 2 : name_end].lower() != inside:
        return inside
    rest = piece[name_end : name_end + 1]
    return "" if not rest or rest.isspace() or rest == "/" else inside


def _whole_attributes(head: str) -> str:
    """The start of a tag cut before the attribute it stops in: a cut inside a quoted value
    would leave the quote open, and the parser would read the rest of the page into it."""
    quote = ""
    cut = 0
    for position, character in enumerate(head):
        if quote:
            if character == quote:
                quote = ""
        elif character in "\"'":
            quote = character
        elif character.isspace():
            cut = position
    return head[:cut] if cut > 0 else head.split(None, 1)[0]


def _flatten_deep_nesting(text: str, max_depth: int, warnings: list[str]) -> str:
    pieces: list[str] = []
    depth = dropped = position = 0
    stack_over: list[str] = []
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _NOT_NESTING or match.group(0).endswith("/>"):
            continue
        if not closing:
            depth += 1
            if depth <= max_depth:
                continue
            stack_over.append(name)
        else:
            if depth > max_depth and stack_over:
                stack_over.pop()
                depth -= 1
            else:
                depth = max(0, depth - 1)
                continue
        dropped += 1
        pieces.append(text[position : match.start()])
        position = match.end()
    if not dropped:
        return text
    pieces.append(text[position:])
    warnings.append(
        f"markup nested deeper than {max_depth} levels was flattened "
        f"({dropped} tags removed, their text kept); raise Options(max_depth) or --max-depth "
        "to keep them"
    )
    return "".join(pieces)
