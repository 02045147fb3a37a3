"""Stage 2: text -> parsed tree, behind a narrow interface.

thresher parses with lexbor (through selectolax): a fast, maintained HTML5 parser that keeps
deep trees and huge text nodes whole, where libxml2 silently drops them. Five inputs still
make it slow (its work grows with the square of their size): nesting tens of thousands of
elements deep (<optgroup> elements outside a list among them), one tag with tens of thousands
of attributes, one list with tens of thousands of options, thousands of formatting elements
left open (which also take memory without bound) and thousands of repeated <body> or <html>
tags with attributes. ``guard_markup`` rewrites those before parsing, keeping every character
of text, and says what it changed where the page shows it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .options import Options

if TYPE_CHECKING:
    from ._tags import Reading as _ReadingInC

Node = LexborNode

# Elements an HTML5 parser closes by itself when a sibling starts, that hold no content, or
# that stand at the tree's root (it opens <html>, <head> and <body> once, however often a page
# writes them, and leaves the elements open after </body> and </html>): they never deepen the
# tree, so the depth count skips them. (An <optgroup> closes the one before it only in a
# <select>: outside one, 64,000 of them nested as deep and took the parser 3.9 s.)
_NOT_NESTING = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
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
        "html",
        "head",
        "body",
    ]
)
# The parser's special elements that deepen the tree: one of them open stops an end tag of an
# ordinary element (a span, a b) from closing anything below it.
_SPECIAL = frozenset(
    (
        *("address", "applet", "article", "aside", "blockquote", "button", "center"),
        *("details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure"),
        *("footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hgroup", "listing", "main", "marquee", "menu", "nav", "noscript", "object"),
        *("ol", "plaintext", "pre", "search", "section", "select", "summary", "table"),
        *("template", "ul", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject"),
        "desc",
    )
)
# The special elements that stop an end tag of a special one from closing anything below
# them (the parser's scope).
_BOUNDARY = frozenset(
    (
        *("applet", "marquee", "object", "table", "template", "mi", "mo", "mn", "ms"),
        *("mtext", "annotation-xml", "foreignobject", "desc"),
    )
)
# The parser's formatting elements: each one open is also kept in a list that the parser reads
# again at every element it opens.
_FORMATTING = frozenset(
    (
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    )
)
# How far below the innermost element an end tag's element is looked for: beyond it, the end
# tag closes nothing here (the reading then counts more levels than the parser has, never
# fewer), and a flood of end tags costs the reading linear time.
_SEARCHED_LEVELS = 64
# The elements at whose start the parser puts a marker in its list of formatting elements:
# what the list holds before the last marker is neither cloned nor matched (see admits).
_MARKED = frozenset(("td", "th", "caption", "applet", "marquee", "object", "template"))
# How many formatting elements the reading lets the list hold (see admits). The most any
# wcxb-dev page leaves there is 5.
_MOST_FORMATTING = 8
# The parser merges the attributes of each <html> or <body> start tag after the first into the
# element the first opened, looking each one up among those the element has: in time that grows
# with the square of their number (30,000 times '<body aN=1>', 0.4 MB, took it 2.9 s; twice as
# many, 15 s). Past this many characters of such attributes, the later tags lose theirs. No
# wcxb-dev page repeats more than 501.
_MOST_MERGED_CHARS = 4096
_ROOTS = frozenset(("html", "body"))
# Elements whose content is code or a fallback, never text a reader sees, wherever they stand
# (inside MathML the parser keeps them elements, their content plain text).
NEVER_SHOWN_TAGS = frozenset(("script", "style", "noscript", "template"))


@dataclass(frozen=True, slots=True)
class ParsedPage:
    tree: LexborHTMLParser
    warnings: tuple[str, ...] = ()

    @property
    def root(self) -> Node | None:
        return self.tree.root


# A label, a date or a name an element shows sits in its first few nodes.
_MOST_NODES_READ = 64


def leading_text(
    node: Node,
    chars: int,
    most_nodes: int = _MOST_NODES_READ,
    skipped: frozenset[str] = frozenset(),
) -> str:
    """The element's text up to ``chars`` characters, as ``node.text()`` gives it, reading at
    most ``most_nodes`` of its nodes: what a date, a name or a tooltip's element shows, at a
    cost that does not grow with all it holds (elements nested in one another, each reading
    its whole subtree again, made a page's cost grow with the square of its size). The
    elements named in ``skipped`` are passed over with all they hold."""
    parts: list[str] = []
    size = 0
    root = node.mem_id
    current = node.first_child
    for _ in range(most_nodes):
        if current is None or size >= chars:
            break
        tag = current.tag
        if tag == "-text":
            piece = current.text_content or ""
            parts.append(piece)
            size += len(piece)
        elif current.first_child is not None and tag not in skipped:
            current = current.first_child
            continue
        current = _next_in_subtree(current, root)
    return "".join(parts)[:chars]


def shown_text(node: Node) -> str:
    """The element's whole text as ``node.text()`` gives it, without the content of the
    elements no reader sees (NEVER_SHOWN_TAGS), which the parser keeps as elements inside
    MathML and SVG: a script inside a formula's token is no part of it."""
    return leading_text(node, sys.maxsize, sys.maxsize, NEVER_SHOWN_TAGS)


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
    inside <noscript>, and old framed sites their content inside <noframes>: the page model
    skips what <noscript> holds, an HTML5 parser keeps <noframes> as raw text, and it drops
    everything a frameset holds but its frames.
    """
    unwrapped = _FALLBACK_TAG.sub("", text)
    return unwrapped if len(unwrapped) != len(text) else None


def frame_sources(parsed: ParsedPage, most: int = 5) -> list[str]:
    """Where a frameset's frames load their pages from."""
    found = (node.attributes.get("src") for node in parsed.tree.css("frame[src]"))
    return [source for source in found if source][:most]


# Elements whose content the parser reads as raw text up to their end tag (and <script>).
# Written self-closing ("<iframe ... />", a tracking pixel's habit) they have no end tag, and
# the rest of the page would become their text; browsers that run scripts never show it that
# way, so the guard closes them (a <script> written so is read as the parser reads it).
_RAW_TEXT_NAMES = ("iframe", "textarea", "title", "style", "xmp", "noembed", "noframes")


# The private-use characters the page model marks inline structure with (page/model.py). Icon
# fonts draw their glyphs with such characters; as page text they would read as a table cell
# or a link, so each becomes a space, as the glyph stands apart from the words around it.
# (References to them, "&#xe001;", become characters only in the parse: the page model's
# ``without_marks`` turns those into spaces where the walk reads texts and attributes.)
_MARKERS = tuple(chr(code) for code in range(0xE000, 0xE00A))
_MARKER_CHARACTERS = re.compile(f"[{''.join(_MARKERS)}]")


def guard_markup(
    text: str, options: Options, utf8: bytes | None = None
) -> tuple[str, tuple[str, ...]]:
    """The text with what would break the parser or the page model rewritten, and warnings
    saying what was; ``utf8`` is the text's own UTF-8 bytes, if known."""
    warnings: list[str] = []
    given = text
    if _may_hold_markers(text, utf8):
        text = _MARKER_CHARACTERS.sub(" ", text)
    source = utf8 if text is given else None
    reading = read_tags(text, options.max_tag_chars, options.max_depth, source)
    depth = options.max_depth
    if reading.deep:
        depth = _depth_parsed_in_time(text, options)
        if depth < options.max_depth:
            reading = read_tags(text, options.max_tag_chars, depth, source)
    if reading.long or reading.deep or reading.closings or reading.crowded or reading.merged:
        text = _rewrite_tags(text, reading, options, depth, warnings)
    if reading.options > _MOST_OPTIONS:
        # the same text and the same page shown: no warning, as nothing is lost
        text = _OPTION_TAG.sub(_as_group, text)
    return text, tuple(warnings)


# The parser cannot be stopped, and where elements nest deep its time grows with the tags
# times the levels open around them: 0.5 to 2.1 ns for each '<' and each level on pages
# flattened at 5,000 levels (AMD EPYC), 3.3 s for 16 MB of comment threads nested one in
# another. On a page that reaches the depth limit, the limit is lowered where the parse would
# take more than a share of the time limit, though not below the depth libxml2 keeps.
_PARSE_SECONDS_PER_TAG_LEVEL = 2.5e-9
_PARSE_SHARE = 0.25
_SHALLOWEST_LIMIT = 256


def _depth_parsed_in_time(text: str, options: Options) -> int:
    """The depth limit at which the parser reads a page that reaches it within its share of
    the time limit: ``max_depth`` on all but huge pages."""
    seconds_a_level = max(text.count("<"), 1) * _PARSE_SECONDS_PER_TAG_LEVEL
    affordable = int(options.time_limit_seconds * _PARSE_SHARE / seconds_a_level)
    return min(options.max_depth, max(affordable, _SHALLOWEST_LIMIT))


def _may_hold_markers(text: str, utf8: bytes | None) -> bool:
    # In UTF-8 each marker begins with the byte 0xEE, which few pages hold: a search for one
    # byte settles most pages at a twentieth of the cost of a search for each character in
    # the text (a pattern's search would read the page character by character).
    if utf8 is not None and b"\xee" not in utf8:
        return False
    return any(marker in text for marker in _MARKERS)


class TagReading(NamedTuple):
    """What the guard learns of a page's tags in one reading."""

    # (start, end) of each long start tag: its '<' and its '>'
    long: list[tuple[int, int]]
    # how many start tags open an <option>
    options: int
    # (start, end) of each tag that opens or closes an element nested past the depth limit,
    # its '>' included
    deep: list[tuple[int, int]]
    # (position, name) where a self-closed raw text element needs its end tag
    closings: list[tuple[int, str]]
    # (start, end) of each start tag of a formatting element that would crowd the parser's list
    # of them, its '>' included
    crowded: list[tuple[int, int]]
    # (start, end) of the attributes of each repeated <html> or <body> start tag past
    # _MOST_MERGED_CHARS: from the end of its name to its '>'
    merged: list[tuple[int, int]]


class _Reading:
    """What the Python reading of the tags finds as it goes."""

    def __init__(self, max_depth: int) -> None:
        self.found: list[tuple[int, int]] = []
        self.closings: list[tuple[int, str]] = []
        self.deep: list[tuple[int, int]] = []
        self.options = 0
        self.open: list[str] = []  # the names of the elements open, outermost first
        # a form was opened and no </form> has come since: the parser opens no other
        self.in_form = False
        self.max_depth = max_depth
        # The parser's list of active formatting elements, as the reading keeps it: the name,
        # the attributes as written and the segment (how many markers came before it) of each
        self.formatting: list[tuple[str, str, int]] = []
        self.segment = 0
        self.crowded: list[tuple[int, int]] = []  # (start, end) of each start tag refused
        self.roots_seen: set[str] = set()  # the root tags (<html>, <body>) read so far
        self.merged_chars = 0  # the characters of the repeated root tags' attributes
        self.merged: list[tuple[int, int]] = []

    def note_root(self, name: str, start: int, end: int) -> None:
        """A root tag whose attributes run from start to end (see _MOST_MERGED_CHARS)."""
        if name in self.roots_seen and end > start:
            self.merged_chars += end - start
            if self.merged_chars > _MOST_MERGED_CHARS:
                self.merged.append((start, end))
        self.roots_seen.add(name)

    def admits(self, name: str, attributes: str) -> bool:
        """Whether the start tag of the formatting element ``name`` may stay, the list then
        holding at most _MOST_FORMATTING elements; if so, its entry joins the list (see
        ``_tags.c``)."""
        entries = self.formatting
        if name == "a":
            return True
        alike = [k for k, entry in enumerate(entries) if entry[:2] == (name, attributes)]
        if len(alike) >= 3:
            del entries[alike[0]]
        elif len(entries) >= _MOST_FORMATTING:
            return False
        entries.append((name, attributes, self.segment))
        return True

    def forget(self, name: str, level: int) -> None:
        """An end tag of the formatting element ``name``, which closes ``level``: the parser
        takes the element after the last marker off the list, unless it is open but out of
        reach (in a table, say)."""
        entries = self.formatting
        for k in range(len(entries) - 1, -1, -1):
            if entries[k][2] != self.segment:
                return
            if entries[k][0] == name:
                if level >= 0 or self._surely_closed(name):
                    del entries[k]
                return

    def _surely_closed(self, name: str) -> bool:
        open_names = self.open
        return len(open_names) <= _SEARCHED_LEVELS and name not in open_names

    def closed_level(self, name: str) -> int:
        """The level (0 the outermost) of the element that the end tag of ``name`` closes,
        with every element inside it, or -1 where it closes none (see ``_tags.c``)."""
        if name in _NOT_NESTING or name in _RAW_TEXT:
            return -1
        open_names = self.open
        # the parser takes only the form itself off its stack at </form>, leaving the elements
        # inside it open: here, only an innermost form closes (the tree keeps its level)
        if name == "form":
            return len(open_names) - 1 if open_names and open_names[-1] == name else -1
        stops = _BOUNDARY if name in _SPECIAL else _SPECIAL
        lowest = max(len(open_names) - _SEARCHED_LEVELS, 0)
        for level in range(len(open_names) - 1, lowest - 1, -1):
            if open_names[level] == name:
                return level
            if open_names[level] in stops:
                return -1
        return -1


# The parser's time grows with the square of one list's options (at each one it adds, it
# settles again which of them is selected): one <select> of 20,000 options took it 2.4 s, of
# 40,000 10 s. As groups of options, which the page model skips as it skips options, they take
# it no time. Two wcxb-dev pages hold more than 1,000 (1,515 and 1,854), and give the same
# output either way.
_MOST_OPTIONS = 1_000
_OPTION_TAG = re.compile(r"<(/?)option(?=[\t\n\f\r />]|$)", re.IGNORECASE | re.ASCII)


def _as_group(tag: re.Match[str]) -> str:
    """An option's tag as a group's. Each group opens after closing the one before it: an
    option closes the option before it everywhere, a group only in a <select>, and outside one
    the groups would nest as deep as there are options (64,000 of them took the parser 3.9 s,
    where the options took it 0.02 s)."""
    return "</optgroup" if tag.group(1) else "</optgroup><optgroup"


def read_tags(text: str, limit: int, max_depth: int, utf8: bytes | None = None) -> TagReading:
    """The start tags longer than ``limit`` characters, the tags that nest elements deeper than
    ``max_depth`` (counted as the parser keeps elements open, see ``_tags.c``), and what else
    the guard needs (see ``TagReading``). Read in C where ``_tags.c`` is built (in ``utf8``,
    the text's own UTF-8 bytes, where they are given: the reading's characters are one byte
    each there, and it takes less than half the time it takes in the text), else in Python;
    the two follow the same steps."""
    if READ_TAGS is None:
        return read_tags_in_python(text, limit, max_depth)
    if utf8 is None:
        return TagReading(*READ_TAGS(text, limit, max_depth))
    # a tag of more characters than the limit has more bytes too
    spans, options, deep, closings, crowded, merged = READ_TAGS(utf8, limit, max_depth)
    if spans or deep or closings or crowded or merged:
        # one pass over the bytes turns every offset into a character's
        offsets = [offset for span in spans + deep + crowded + merged for offset in span]
        at = _character_offsets(utf8, offsets + [position for position, _ in closings])
        spans = [(at[start], at[end]) for start, end in spans]
        deep = [(at[start], at[end]) for start, end in deep]
        closings = [(at[position], name) for position, name in closings]
        crowded = [(at[start], at[end]) for start, end in crowded]
        merged = [(at[start], at[end]) for start, end in merged]
    long = [(start, end) for start, end in spans if end - start > limit]
    return TagReading(long, options, deep, closings, crowded, merged)


def read_tags_in_python(text: str, limit: int, max_depth: int) -> TagReading:
    """``read_tags`` in Python, as a pure-Python install reads them."""
    reading = _Reading(max_depth)
    _read_markup(text, 0, len(text), limit, False, reading)
    return TagReading(
        reading.found,
        reading.options,
        reading.deep,
        reading.closings,
        reading.crowded,
        reading.merged,
    )


def _character_offsets(utf8: bytes, offsets: list[int]) -> dict[int, int]:
    """Each byte offset as the offset of the character it begins; every offset is at an ASCII
    character or just after one (or at the end), never inside a character's bytes."""
    found: dict[int, int] = {}
    characters = previous = 0
    for offset in sorted(set(offsets)):
        characters += len(utf8[previous:offset].decode("utf-8", "surrogatepass"))
        found[offset] = characters
        previous = offset
    return found


def _compiled_reading() -> Callable[[str | bytes, int, int], _ReadingInC] | None:
    try:
        from ._tags import read_tags as read_in_c
    except ImportError:
        return None
    return read_in_c


READ_TAGS = _compiled_reading()
# Characters are ASCII white space and ASCII letters as the HTML tokenizer reads them (a
# pattern's \s and str.isalpha also take other characters).
_SPACES = "\t\n\f\r "
_NAME = re.compile(f"[^{_SPACES}/>]*+")
# An attribute, from the white space or '/' before it: a name (whose first character may be
# '=' or a quote), then maybe '=' and a value, which is quoted only where its quote follows the
# '=' (an unclosed quote runs to the end).
_ATTRIBUTE = re.compile(
    f"[{_SPACES}/]*+[^{_SPACES}/>][^{_SPACES}/>=]*+[{_SPACES}]*+"
    f"(?:=[{_SPACES}]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^{_SPACES}>]*+))?"
)
# (<noscript> is none: thresher's parser runs no scripts, so it reads its content as markup)
_RAW_TEXT = frozenset(("script", *_RAW_TEXT_NAMES))
# Elements whose content the parser reads as markup of drawings (foreign content).
DRAWINGS = frozenset(("svg", "math"))
_NAME_ENDS = frozenset(_SPACES + "/>")
# A tag's name in lowercase where its letters are ASCII, as the tokenizer lowers it (str.lower
# also lowers other letters, and "K", the kelvin sign, to "k").
_ASCII_LOWERCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# What a '<' may open, the whole tag where it opens one: a start or end tag's name (the '/'
# of an end tag in the first group), a comment, or a declaration, a processing instruction or
# a bogus comment (which end at the next '>').
_OPENING = re.compile(
    f"<(?:(/?)([a-zA-Z][^{_SPACES}/>]*+)(?:{_ATTRIBUTE.pattern})*+[{_SPACES}/]*+|(!--)|[!?/])"
)


def _read_markup(
    text: str, position: int, stop: int, limit: int, in_raw_text: bool, reading: _Reading
) -> None:
    """Reads the tags from position to stop. Outside drawings (<svg>, <math>) a raw text
    element's content is text to its end tag; inside one, or where one may still be open, it
    is read as markup that cannot run past that end tag (``in_raw_text``), where no element
    holds raw text; its elements count towards the depth as any others (see ``_tags.c``)."""
    drawings = 0  # the <svg> and <math> elements open
    while position < stop:
        opening = _OPENING.search(text, position, stop)
        if opening is None:
            break
        opened, end = opening.span()
        name = opening.group(2)
        if name is None:
            if opening.group(3) is None:
                position = _past(text, ">", opened + 2, stop)
            else:
                position = _comment_end(text, end, stop)
            continue
        name = name.translate(_ASCII_LOWERCASE)
        position = end + 1
        if opening.group(1):
            drawings -= drawings > 0 and name in DRAWINGS
            level = reading.closed_level(name)
            reading.in_form = reading.in_form and name != "form"
            if name in _FORMATTING:
                reading.forget(name, level)
            if level >= 0:
                if level >= reading.max_depth:
                    reading.deep.append((opened, min(position, stop)))
                del reading.open[level:]
            continue
        if end - opened > limit:
            reading.found.append((opened, end))
        reading.options += name == "option"
        reading.segment += name in _MARKED
        if name in _ROOTS:
            reading.note_root(name, opening.end(2), end)
        formatting = name in _FORMATTING
        if formatting and not reading.admits(name, text[opening.end(2) : end]):
            reading.crowded.append((opened, min(position, stop)))
            continue
        # "/>" closes an element in a drawing, and opens a special or a formatting one anyway
        closed = text.startswith("/>", end - 1, stop)
        if closed and (name in _SPECIAL or formatting):
            closed = False
        nests = name not in _NOT_NESTING and name not in _RAW_TEXT
        # a start tag closes nothing here, though the parser's may (see _tags.c)
        if not closed and nests and not (name == "form" and reading.in_form):
            reading.open.append(name)
            reading.in_form = reading.in_form or name == "form"
            if len(reading.open) > reading.max_depth:
                reading.deep.append((opened, min(position, stop)))
        if in_raw_text or position >= stop:
            continue
        if name in DRAWINGS:
            drawings += 1
        elif name in _RAW_TEXT and name != "script" and text.startswith("/>", end - 1, stop):
            reading.closings.append((position, name))
        elif name in _RAW_TEXT:
            raw_end = _raw_text_end(text, name, position, stop)
            if drawings:
                _read_markup(text, position, raw_end, limit, True, reading)
            position = raw_end


def _match_end(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int:
    found = pattern.match(text, start, stop)  # each of these patterns matches, if only ""
    return found.end() if found is not None else start


def _past(text: str, character: str, start: int, stop: int) -> int:
    found = text.find(character, start, stop)
    return stop if found < 0 else found + 1


def _comment_end(text: str, start: int, stop: int) -> int:
    """Past a comment opened just before start: at "-->" or "--!>", and "<!-->" and
    "<!--->" at once, as the parser reads them."""
    if text.startswith(">", start, stop):
        return start + 1
    if text.startswith("->", start, stop):
        return start + 2
    while True:
        dashes = text.find("--", start, stop)
        if dashes < 0:
            return stop
        if text.startswith("-->", dashes, stop):
            return dashes + 3
        if text.startswith("--!>", dashes, stop):
            return dashes + 4
        start = dashes + 1


def _raw_text_end(text: str, name: str, start: int, stop: int) -> int:
    """Where the end tag of the raw text element ``name`` begins, or stop."""
    while True:
        opened = text.find("</", start, stop)
        if opened < 0:
            return stop
        start = opened + 1
        after_name = opened + 2 + len(name)
        candidate = text[opened + 2 : min(after_name, stop)]
        same_name = candidate.isascii() and candidate.lower() == name
        if same_name and (after_name >= stop or text[after_name] in _NAME_ENDS):
            return opened


def _rewrite_tags(
    text: str, reading: TagReading, options: Options, depth: int, warnings: list[str]
) -> str:
    """The text with each tag nested deeper than ``depth`` and each formatting start tag that
    would crowd the parser's list removed, each other long tag cut, and each self-closed raw
    text element closed, in one pass."""
    limit = options.max_tag_chars
    removed = reading.deep + reading.crowded
    removed_starts = {start for start, _ in removed}
    stripped_ends = {end for _, end in reading.merged}
    cut = [
        (start, end)
        for start, end in reading.long
        if start not in removed_starts and end not in stripped_ends
    ]
    edits = [(start, end, _whole_attributes(text, start, end, limit)) for start, end in cut]
    edits += [(start, end, "") for start, end in removed + reading.merged]
    edits += [(position, position, f"</{name}>") for position, name in reading.closings]
    pieces = []
    kept = 0
    for start, end, replacement in sorted(edits):
        pieces += [text[kept:start], replacement]
        kept = end
    pieces.append(text[kept:])
    if cut:
        warnings.append(
            f"{len(cut)} tag(s) longer than {limit} characters had attributes dropped; raise "
            "Options(max_tag_chars) or --max-tag-chars to keep them"
        )
    if reading.deep and depth < options.max_depth:
        warnings.append(
            f"markup nested deeper than {depth} levels was flattened ({len(reading.deep)} tags "
            "removed, their text kept): the parser, which cannot be stopped, would have taken "
            f"longer than the time limit allows to read this page {options.max_depth} levels "
            "deep; raise Options(time_limit_seconds) or --time-limit to keep more of them"
        )
    elif reading.deep:
        warnings.append(
            f"markup nested deeper than {depth} levels was flattened "
            f"({len(reading.deep)} tags removed, their text kept); raise Options(max_depth) or "
            "--max-depth to keep them"
        )
    if reading.crowded:
        warnings.append(
            f"{len(reading.crowded)} start tag(s) of formatting elements (b, i, font...) "
            f"left open beyond the first {_MOST_FORMATTING} were removed, their text kept: the "
            "parser would have copied each one into every element that follows"
        )
    if reading.merged:
        warnings.append(
            f"{len(reading.merged)} repeated <html> or <body> start tag(s) had their attributes "
            f"dropped past the first {_MOST_MERGED_CHARS} characters of such attributes: the "
            "parser would have merged each one into the first tag's, in time that grows with "
            "the square of their number"
        )
    return "".join(pieces)


def _whole_attributes(text: str, start: int, end: int, limit: int) -> str:
    """The tag at start cut before the first attribute that ends past ``limit`` characters:
    a cut inside a quoted value would leave the quote open, and the parser would read the rest
    of the page into it."""
    stop = min(start + limit, end)
    position = _match_end(_NAME, text, start + 1, stop)
    while True:
        attribute = _ATTRIBUTE.match(text, position, end)
        if attribute is None or attribute.end() > stop:
            return text[start:position]
        position = attribute.end()
