"""Build the page model in one iterative walk over the parsed tree.

The walk never recurses (pages nest thousands of levels deep), never changes the tree, and
keeps what it learns about elements in side tables, not on the nodes. It is the hottest loop
of thresher, so it keeps per-node work to a few list operations.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from ..addresses import followable
from ..dom import NEVER_SHOWN_TAGS, Node, ParsedPage, leading_text, subtree_nodes
from ..label.vocabulary import (
    CATEGORY_BITS,
    ROLE_TAG_BITS,
    TAG_BITS,
    category_mask,
)
from ..options import Options
from .elements import part_tokens, sibling_counts
from .formulas import Formula, draws_a_formula, formula_of, image_formula, script_formula
from .head import item_name, read_head
from .images import first_candidate, image_source, is_icon
from .line_numbers import LineNumbers
from .model import (
    BREAK,
    CELL,
    CODE,
    EMPHASIS,
    FORMULA,
    IMAGE,
    LINK_CLOSE,
    LINK_OPEN,
    STRIKE,
    STRONG,
    Block,
    Container,
    Declarations,
    ElementTable,
    Page,
    clean_text,
    image_target,
    plain,
    without_marks,
)


def _is_time_tag(tag: str) -> bool:
    """<time>, or a custom element named for a time that shows a stamp as "2 years ago" or in
    the reader's time zone (GitHub's relative-time, Microsoft Learn's local-time, a timeago or
    timestamp component): each keeps the stamp in an attribute, ``datetime`` or its own."""
    return tag == "time" or ("-" in tag and "time" in tag)


# Tooltips that may hold the date a forum shows as "2y" or "1 year ago": the title, and the
# attribute of the widely used Tippy.js library.
_TOOLTIP = "data-tippy-content"
_LONGEST_TOOLTIP = 80
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

# Subtrees whose text is never page text.
SKIPPED_TAGS = frozenset(
    [
        *NEVER_SHOWN_TAGS,
        "noframes",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "optgroup",
        "datalist",
        "textarea",
        "input",
        "button",
        "map",
        "audio",
        "video",
        "picture",
        "source",
        "link",
        "meta",
        "-comment",
        "!doctype",
        # A ruby annotation's reading (Japanese furigana, Chinese pinyin) sits above its base
        # text, not in the line: read inline it doubles each word ("漢字かんじ").
        "rt",
        "rp",
    ]
)
# Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "summary",
        "center",
        "menu",
        "caption",
        "legend",
        "html",
    ]
)
CELL_TAGS = frozenset(("td", "th"))
# Boxes that take the form of the list item, the quote or the table cell they are in; a
# heading, a list, a table or a quote inside one keeps its own. A heading that opens a list
# item was tried as the item ("- ## Fluke 117"): on wcxb-dev the truth's list items gained
# (Markdown F1 0.699 -> 0.702) and its headings lost more (0.777 -> 0.772), and Markdown
# splitters that cut at a line's "#" would no longer see the heading.
_CONTAINED_BOXES = frozenset(
    ("p", "div", "section", "article", "figure", "figcaption", "address", "center", "details")
)
# In a data table's row a heading is a cell's styling ("<th><h4>Amount</h4></th>") and a short
# list its value's parts (a Markdown table holds no list); "tr" is the text of the row's cells
# that sits in no box.
_CELL_BOXES = _CONTAINED_BOXES | {"tr", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
_LONGEST_ROW_CHARS = 1500
# A cell spans at most this many columns and rows as the walk reads it (HTML allows 1,000 and
# 65,534): a span beyond any table a reader could take in would fill the Markdown with empty
# cells.
_MOST_SPANNED_COLUMNS = 50
_MOST_SPANNED_ROWS = 1000
_MOST_CELL_PARAGRAPHS = 3  # more, and the cell holds a story, not a value
LIST_TAGS = frozenset(("ul", "ol", "menu"))
# Items of lists nested deeper than this are read as items of this depth. Markdown indents an
# item three spaces a level, so a list nested thousands of levels deep made every item a line
# of thousands of spaces (a page of 288 KB gave 442 MB of Markdown). No wcxb-dev page nests
# lists deeper than 7.
DEEPEST_LIST = 12
# Lists, items and quotes a block records as standing in, at most: a list item nested twelve
# deep stands in 24, with room for quotes. Each is a few characters of every line's indent in
# the Markdown, so a page nested thousands of levels deep is read as nested this deep.
MOST_CONTAINERS = 36
_CONTAINER_TAGS = frozenset(("li", "blockquote", *LIST_TAGS))
_INLINE_MARKS = {
    "strong": STRONG,
    "b": STRONG,
    "em": EMPHASIS,
    "i": EMPHASIS,
    "code": CODE,
    "del": STRIKE,
    "s": STRIKE,
    "strike": STRIKE,
}
_CHECK_CLOCK_EVERY = 2048
# What the stages after the walk (labels, selection, rendering, metadata) take for each block
# and each element it found, at most: pages made of one kind of block repeated, 60,000 to
# 100,000 of them, took 10 to 44 µs a block (AMD EPYC), and a page of few blocks about 1 µs
# an element. The walk stops where the rest would pass the deadline, not at the deadline:
# a page of 200,000 paragraphs under a limit of 2 s took 5.8 s, the walk done within it.
# Uncompiled (a pure-Python install, see setup.py), those stages take about three times as long.
COMPILED: bool = not __file__.endswith(".py")  # this module as mypyc built it (build_info.py)
_SLOWER_UNCOMPILED = 1 if COMPILED else 3
_LATER_SECONDS_PER_BLOCK = 40e-6 * _SLOWER_UNCOMPILED
_LATER_SECONDS_PER_ELEMENT = 2e-6 * _SLOWER_UNCOMPILED
# Marks where two touching items get a space between them (see ``add_text``). The parser drops
# a NUL in the page's text or reads it as U+FFFD, so the page's own text never holds one.
_GAP = "\x00"
# A line break the renderers show and the classifiers do not read (they were trained on the
# text without it).
_UNREAD_BREAK = _GAP + BREAK
# What an item may end in besides a letter or a digit, where one styled alike follows it.
_ITEM_ENDS = frozenset(")]%")
# Skipped elements a browser draws as a box in the line (an icon, a picture, a control, a
# frame), as it draws an <img>: the words on either side of one do not run together ("Mar 7",
# a comment icon, "29" is no "729").
_INLINE_BOXES = frozenset(
    ("svg", "picture", "button", "select", "textarea", "iframe", "object", "embed", "video")
)
# The elements whose blocks are lines of a larger structure: a list, a table, a list of
# terms, a quote.
_LINE_TAGS = frozenset(("li", "tr", "dt", "dd", "blockquote"))
# The regions of a page that a tag or a role names, where an image belongs with no text
# outside them.
_REGION_BITS = sum(
    TAG_BITS[region]
    for region in ("nav", "header", "footer", "aside", "form", "dialog", "menu", "button")
)
# The class words that mark a region as not the content's: an image there goes with no text
# outside it. (A thumbnail's box may hold a post's own picture, above its first paragraph.)
_CHAFF_BITS = sum(
    CATEGORY_BITS[name]
    for name in (
        "navigation", "header", "footer", "sidebar", "comment", "share", "related", "popular",
        "advertisement", "promotion", "breadcrumb", "pagination", "consent", "modal", "hidden",
        "skip", "search", "account", "user", "button", "toolbar", "copyright",
    )
)  # fmt: skip
_SPAN_BITS = CATEGORY_BITS["byline"] | CATEGORY_BITS["user"] | CATEGORY_BITS["meta"]
_DATE_BITS = CATEGORY_BITS["meta"]
_LONGEST_SPAN = 500  # visible characters of an author's or a date's inline mark
# Parts (texts and marks) of such a mark: at most 23 in the marks with a text on every other
# wcxb-dev page. A span of thousands of line breaks or tags holds few visible characters but
# is no name.
_MOST_SPAN_PARTS = 200


@dataclass(slots=True)
class _Row:
    """A table row being read: its blocks as (block index, cell number), and whether it
    holds no other table."""

    element: int
    cells: int = 0
    members: list[tuple[int, int]] = field(default_factory=list)
    simple: bool = True
    blank_lines_at_start: int = 0  # the walk's count of empty lines of code as the row opened
    # The columns the last cell spans beyond its first, and the cells of this row that span
    # the rows below it, as column -> how many rows more.
    spanned_columns: int = 0
    spans_below: dict[int, int] = field(default_factory=dict)


class _Walk:
    """State of one walk; lives only while ``build_page`` runs."""

    def __init__(self, options: Options, deadline: float) -> None:
        self.options = options
        self.deadline = deadline
        # The element table's columns, an entry per element entered: kept apart, not as a
        # row per element, because the table is read by column and turning the rows around
        # took as long as filling them.
        self.tags: list[str] = []
        self.parents: list[int] = []
        self.depths: list[int] = []
        self.own_tokens: list[int] = []
        self.tokens: list[int] = []
        self.tag_bits: list[int] = []
        self.hidden: list[bool] = []
        self.enters: list[int] = []
        self.exits: list[int] = []
        self.chars: list[int] = []
        self.link_chars: list[int] = []
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        # How many of ``parts`` ``_shows_text`` has read, and whether they show anything.
        self.parts_read = 0
        self.parts_shown = False
        self.targets: list[str] = []
        # The addresses of the links open around the walk's position that have a mark: a
        # link around whole blocks (a card's heading and summary) marks each of them.
        self.open_links: list[str] = []
        self.block_link_chars = 0
        self.block_links = 0
        self.header_row = False
        # A list item entered whose text has not begun: its first block opens the item.
        self.item_waiting = False
        self.quotes: list[int] = []  # the <blockquote> elements open around the position
        # The lists, items and quotes open around the position; a new tuple when one opens or
        # closes, which the blocks between share.
        self.containers: tuple[Container, ...] = ()
        self.containers_before: dict[int, tuple[Container, ...]] = {}  # to restore on exit
        self.quote_headers: set[int] = set()  # <cite> elements that open a quotation
        self.open_rows: list[_Row] = []  # the table rows open around the walk's position
        self.tables: list[int] = []  # the <table> elements open around the position
        # For each, the columns that a cell of a row above spans into the next rows, as
        # column -> how many rows more: a row reads an empty cell there, so that its own
        # cells stay under their headings.
        self.row_spans: list[dict[int, int]] = []
        self.event = 0
        self.total_chars = 0
        self.total_link_chars = 0
        self.link_depth = 0
        self.pre_depth = 0
        self.marks: set[str] = set()  # the inline marks open around the walk's position
        self.code_language = ""  # of the <pre> being read, from it or its <code>
        self.code_element = -1  # the outermost <pre> being read
        self.line_numbers = LineNumbers()  # of the <pre> being read
        self.blank_lines = 0  # empty lines of code in boxes of their own, since the last block
        # Where the last formula's text sits in ``parts``, the flush count and the characters
        # read as it ended (see ``_formula_script``).
        self.formula_at: tuple[int, int, int] = (-1, -1, -1)
        self.skip_inside = False  # the element just entered is a formula's drawing
        # Images in a block of their own, waiting for the block they belong with (see
        # ``_hold_images``), the element they stand in, and which ``targets`` are icons.
        self.held_images: list[str] = []
        self.images_in = -1
        self.icons: set[int] = set()
        self.code_tables: set[int] = set()  # tables that set code a row a line
        self.warnings: list[str] = []
        self.times: list[tuple[int, str, str]] = []
        self.tooltips: list[tuple[int, str, str]] = []
        self.item_dates: list[tuple[int, str, str]] = []  # microdata dates with a stamp
        self.item_authors: list[tuple[int, str]] = []
        self.item_texts: list[int] = []
        # Inline elements whose own text matters later (a comment's author, a date):
        # element index -> (parts length, flush count) at entry.
        self.span_starts: dict[int, tuple[int, int]] = {}
        self.spans: list[tuple[int, str]] = []
        self.ids: dict[int, str] = {}
        self.hides: list[int] = []  # elements that hide themselves
        self.classes: list[str] = []  # each element's class attribute
        self.hrefs: list[tuple[int, str]] = []  # (element, address) of each link
        self.declared_records: list[int] = []  # schema.org Comment, Question or Answer items
        self.flushes = 0
        self.last_text = ""  # the last text node read, while no block boundary follows it
        self.opened_at = -1  # where in ``parts`` the first mark opened after that text sits
        # The inline element that closed last, with text, as (parent, tag, classes, parts
        # length, flush count) at its close; and whether the element just entered repeats
        # it with nothing between them (see ``add_text``).
        self.closed_item: tuple[int, str, str, int, int] = (-2, "", "", 0, 0)
        self.next_item = False
        self.after_box = False  # an <img> or a box (_INLINE_BOXES) was passed since the last text
        # Cells begun in the text being gathered after some text (see ``_cell_text``), and
        # how many of its parts are cell marks (a row of empty cells is nothing but marks).
        self.cells_after_text = 0
        self.cell_marks = 0
        # the elements open around the position: index, tag, chars before, link chars
        # before, closing mark
        self.stack: list[tuple[int, str, int, int, str]] = []
        self.block_stack: list[tuple[str, int]] = [("body", -1)]
        self.list_stack: list[bool] = []

    # -- elements -----------------------------------------------------------------------
    def enter(self, node: Node, tag: str) -> None:
        attributes = node.attributes
        index = len(self.tags)
        own = 0
        tag_bits = TAG_BITS.get(tag, 0)
        hidden = False
        classes = ""
        if attributes:
            # (attributes.get(...) each time, not a bound ``get``: compiled, the first is a
            # direct dictionary lookup and the second a call through Python)
            classes = attributes.get("class") or ""
            role = attributes.get("role")
            element_id = attributes.get("id")
            itemprop = attributes.get("itemprop")
            marker = f"{classes} {element_id or ''} {role or ''} {itemprop or ''}"
            if element_id:
                self.ids[index] = element_id
            if len(marker) > 3:
                own = category_mask(marker)
            if role:
                tag_bits |= ROLE_TAG_BITS.get(role, 0)
            if "style" in attributes or "hidden" in attributes or "aria-hidden" in attributes:
                hidden = _is_hidden(attributes)
                if hidden:
                    self.hides.append(index)
                    if attributes.get("aria-hidden") == "true" and draws_a_formula(node):
                        self.skip_inside = True
        if self.stack:
            parent = self.stack[-1][0]
            tokens = own | self.tokens[parent]
            tag_bits |= self.tag_bits[parent]
            depth = self.depths[parent] + 1
            hidden = hidden or self.hidden[parent]
        else:
            parent, tokens, depth = -1, own, 0
        self.tags.append(tag)
        self.parents.append(parent)
        self.depths.append(depth)
        self.own_tokens.append(own)
        self.tokens.append(tokens)
        self.tag_bits.append(tag_bits)
        self.hidden.append(hidden)
        self.enters.append(self.event)
        if (
            classes
            and tag not in BLOCK_TAGS
            and self.closed_item == (parent, tag, classes, len(self.parts), self.flushes)
        ):
            self.next_item = True
        self.classes.append(classes)
        self.exits.append(0)
        self.chars.append(0)
        self.link_chars.append(0)
        if attributes and ("itemprop" in attributes or "itemtype" in attributes):
            tag = self._note_declarations(index, node, tag, attributes)
        if tag in BLOCK_TAGS:
            # a date box (wpDiscuz's div.wpd-comment-date) may keep its date in a tooltip too
            if own & _DATE_BITS and ("title" in attributes or _TOOLTIP in attributes):
                self._note_tooltip(index, node, attributes)
            if tag == "table" and _numbers_its_lines(node):
                self.code_tables.add(index)
                self.tag_bits[index] |= _PRE_BIT  # what it holds is read as code inside a <pre>
            self._enter_block(tag, index, attributes)
            mark = ""
        else:
            if own & _SPAN_BITS or _is_time_tag(tag):
                self.span_starts[index] = (len(self.parts), self.flushes)
            if self.pre_depth:
                self.line_numbers.enter(index, len(self.parts))
            # a formula's drawing shows nothing of its own, not even an image
            mark = "" if self.skip_inside else self._enter_inline(tag, index, node, attributes)
        self.stack.append((index, tag, self.total_chars, self.total_link_chars, mark))

    def _note_declarations(
        self, index: int, node: Node, tag: str, attributes: dict[str, str | None]
    ) -> str:
        """Keep what the attributes declare about records and their parts; the tag the
        element is read as (a post's declared text is a block of its own, even in a
        <span>)."""
        if "itemtype" in attributes and _declares_comment(attributes["itemtype"]):
            self.declared_records.append(index)
        if "itemprop" in attributes:
            self._item_property(index, node, attributes)
            if attributes.get("itemprop") in _ITEM_TEXTS and tag not in BLOCK_TAGS:
                return "div"
        return tag

    def _enter_block(self, tag: str, index: int, attributes: dict[str, str | None]) -> None:
        if self.parts:
            self.flush()
        self.block_stack.append((tag, index))
        if tag in _CONTAINER_TAGS:
            self._enter_container(tag, index, _list_start(attributes) if tag == "ol" else 1)
        if tag == "li":
            self.item_waiting = True
        elif tag == "blockquote":
            self.quotes.append(index)
        elif tag in LIST_TAGS:
            self.list_stack.append(tag == "ol")
        elif tag == "pre":
            self._enter_code(index, attributes)
        elif tag == "tr":
            self.header_row = False
            self.open_rows.append(_Row(index, blank_lines_at_start=self.blank_lines))
        elif tag == "table":
            self.tables.append(index)
            self.row_spans.append({})
            if self.open_rows:
                self.open_rows[-1].simple = False  # a table in a cell lays the page out
            if index in self.code_tables:
                self._enter_code(index, attributes)

    def _enter_code(self, index: int, attributes: dict[str, str | None]) -> None:
        """A <pre>, or a table that sets code a row a line: its text keeps its white space."""
        self.pre_depth += 1
        self.code_language = self.code_language or _code_language(attributes)
        if self.pre_depth == 1:
            self.code_element = index
            self.line_numbers.begin()
            self.blank_lines = 0

    def _leave_code(self) -> None:
        self.pre_depth -= 1
        if not self.pre_depth:
            self.code_language = ""

    def _enter_inline(
        self, tag: str, index: int, node: Node, attributes: dict[str, str | None]
    ) -> str:
        """Read an element inside a block's text; the mark that closes it, if any."""
        # a time element's title is its stamp (``_time_stamp``), not a tooltip
        tooltip = attributes and ("title" in attributes or _TOOLTIP in attributes)
        if tooltip and not _is_time_tag(tag):
            self._note_tooltip(index, node, attributes)
        if tag in CELL_TAGS:
            self._enter_cell(tag, attributes)
        elif tag == "br":
            self.parts.append(BREAK)
            self.last_text = ""
            self.line_numbers.line_break()
        elif tag == "a":
            self.link_depth += 1
            self.block_links += 1
            href = without_marks(attributes.get("href") or "") if attributes else None
            if href:
                self.hrefs.append((index, href))
            if self.options.include_links and href and href[0] != "#" and followable(href):
                self._open(LINK_OPEN)
                self.targets.append(href)
                self.open_links.append(href)
                return LINK_CLOSE
        elif tag == "img" and attributes:
            self.after_box = True
            formula = image_formula(attributes)
            if formula is not None:
                self._add_formula(formula)
            elif self.options.include_images and not self.hidden[index]:
                self._add_image(attributes, "")  # (a hidden one is a spinner, or decoration)
        elif _is_time_tag(tag):
            stamp = _time_stamp(attributes)
            self.times.append((index, stamp, _shown(node)))
        elif tag == "cite" and self.quotes and not self._shows_text():
            # A <cite> that opens a quotation names its source ("jroe wrote:"): the quoted
            # words start on the next line, not run on from it ("wrote:Last time"). Inside
            # the text it is a title, as documentation generators use it.
            self.quote_headers.add(index)
        elif tag == "code" and self.pre_depth and not self.code_language:
            self.code_language = _code_language(attributes)
        elif tag in _INLINE_MARKS and not self.pre_depth and _INLINE_MARKS[tag] not in self.marks:
            # Only the outermost of nested <b> or <em> marks its span: the marks toggle.
            mark = _INLINE_MARKS[tag]
            if mark == CODE and self.parts and self.parts[-1] == CODE:
                # Code set in boxes side by side shows apart ("U+00DF 0x C3 9F"): the text
                # gets a space there, the classifiers read it as before (see _block_texts).
                self.parts.append(_GAP)
            self.marks.add(mark)
            self._open(mark)
            return mark
        return ""

    def _add_image(self, attributes: dict[str, str | None], source: str) -> None:
        """An image, where it has an address to show: ``source`` is the first that a
        <picture> around it offers, which a lazy loader may have left the image without."""
        src = image_source(attributes, source)
        if src:
            if is_icon(attributes):
                self.icons.add(len(self.targets))
            self._open(IMAGE)
            self.targets.append(image_target(attributes.get("alt") or "", src))

    def _hold_images(self) -> None:
        """Keep the images of a block that holds nothing else, icons aside, for the block
        after it."""
        images = [
            target
            for index, target in enumerate(self.targets)
            if index not in self.icons and target.startswith("![")
        ]
        if images and not self.held_images:
            self.images_in = self.block_stack[-1][1]
        self.held_images.extend(images)

    def _images_for(self, element: int) -> tuple[str, ...]:
        """The images held for a block in ``element``: those that stand in no region of the
        page that is not the content's and that the block is not in too (a header's logo is
        not the article's heading's)."""
        images, self.held_images = tuple(self.held_images), []
        held_in = self.images_in
        if not images or held_in < 0 or element < 0:
            return ()
        outside = self.tokens[held_in] & _CHAFF_BITS & ~self.tokens[element]
        regions = self.tag_bits[held_in] & _REGION_BITS & ~self.tag_bits[element]
        return () if outside or regions else images

    def _in_the_line(self, held_in: int) -> bool:
        """Whether held images stood inside the list item, row, term or quote that the block
        being made is a line of: they open that line, where a paragraph of their own would
        cut the list in two."""
        line = next((e for tag, e in reversed(self.block_stack) if tag in _LINE_TAGS), -1)
        while held_in > line:
            held_in = self.parents[held_in]
        return line >= 0 and held_in == line

    def _in_hidden(self) -> bool:
        return bool(self.stack) and self.hidden[self.stack[-1][0]]

    def _picture(self, node: Node) -> None:
        """The image a <picture> holds; its <source> elements offer it in other sizes and
        formats."""
        source = ""
        for child in node.iter():
            attributes = child.attributes
            if child.tag == "source" and not source:
                source = first_candidate(attributes.get("srcset") or attributes.get("data-srcset"))
            elif child.tag == "img":
                self._add_image(attributes, source)
                return

    def _shows_text(self) -> bool:
        """Whether the text gathered since the last block shows anything: a character, a
        cell or a line break. Each call reads only the parts added since the last one: a
        quotation of thousands of <cite> titles, each reading all the parts before it, made
        a page's cost grow with the square of its size."""
        if not self.parts_shown:
            unread = "".join(self.parts[self.parts_read :])
            self.parts_shown = bool(plain(unread).strip())
            self.parts_read = len(self.parts)
        return self.parts_shown

    def _clear_parts(self) -> None:
        self.parts.clear()
        self.parts_read, self.parts_shown = 0, False

    def _note_tooltip(self, index: int, node: Node, attributes: dict[str, str | None]) -> None:
        tip = attributes.get("title") or attributes.get(_TOOLTIP) or ""
        if len(tip) <= _LONGEST_TOOLTIP and _YEAR.search(tip):
            self.tooltips.append((index, without_marks(tip), _shown(node)))

    def _enter_cell(self, tag: str, attributes: dict[str, str | None]) -> None:
        self.cells_after_text += len(self.parts) > self.cell_marks
        self.last_text = ""
        if self.open_rows:
            row = self.open_rows[-1]
            # The columns the cell before spans, and those a cell above spans into this
            # row, read as empty cells: the row's cells stay in their columns.
            for _ in range(row.spanned_columns):
                self._add_cell(row)
            row.spanned_columns = 0
            spans = self.row_spans[-1] if self.row_spans else {}
            while spans.get(row.cells, 0) > 0:
                self._add_cell(row)
            self._add_cell(row)
            if attributes:
                self._note_spans(row, attributes)
        elif self.parts:
            self.parts.append(CELL)
            self.cell_marks += 1
        if tag == "th":
            self.header_row = True

    def _add_cell(self, row: _Row) -> None:
        row.cells += 1
        # Every cell after the first opens with a mark, an empty one too: without it the
        # cells after it would move a column left (an index column's blank header).
        if row.cells > 1:
            self.parts.append(CELL)
            self.cell_marks += 1

    def _note_spans(self, row: _Row, attributes: dict[str, str | None]) -> None:
        columns = _span(attributes.get("colspan"), _MOST_SPANNED_COLUMNS)
        rows = _span(attributes.get("rowspan"), _MOST_SPANNED_ROWS)
        row.spanned_columns = columns - 1
        if rows > 1:
            for column in range(row.cells - 1, row.cells - 1 + columns):
                row.spans_below[column] = rows - 1

    def _open(self, mark: str) -> None:
        """Add a mark that opens an inline item (see ``add_text``)."""
        if self.opened_at < 0:
            self.opened_at = len(self.parts)
        self.parts.append(mark)

    def _dates_in_skipped(self, node: Node) -> None:
        """Comment systems put a post's date inside its permalink button: keep the date,
        on the element around the button, though the button's text is not read."""
        for found in _item_dates_in(node):
            self._item_date(self.stack[-1][0], found, found.attributes)

    def _declared_meta(self, node: Node) -> None:
        """A <meta itemprop> in the body states a fact of the item around it (a post's date)."""
        attributes = node.attributes
        if attributes and attributes.get("itemprop") in _ITEM_DATES:
            self._item_date(self.stack[-1][0], node, attributes)

    def _item_property(self, index: int, node: Node, attributes: dict[str, str | None]) -> None:
        """Comment systems and Q&A sites declare each post's author, date and text."""
        prop = attributes.get("itemprop")
        if prop in _ITEM_DATES:
            self._item_date(index, node, attributes)
        elif prop in _ITEM_TEXTS:
            self.item_texts.append(index)
        elif prop == "author":
            # A Person item is its name; without one, the panel's text is no name.
            if "itemscope" in attributes:
                name = item_name(node) or ""
            else:
                name = " ".join(leading_text(node, _LONGEST_ITEM_AUTHOR).split())
            if 0 < len(name) < _LONGEST_ITEM_AUTHOR:
                self.item_authors.append((index, without_marks(name)))

    def _enter_container(self, tag: str, index: int, start: int) -> None:
        """Note a list, an item or a quote that the blocks ahead stand in. Past the limit an
        item stands in place of the innermost one, as an item of a list nested deeper than
        DEEPEST_LIST is read as an item of that depth."""
        kind = tag if tag in ("li", "blockquote", "ol") else "ul"
        containers = self.containers
        if len(containers) < MOST_CONTAINERS:
            containers = (*containers, Container(kind, index, start))
        elif kind == "li":
            items = [at for at, container in enumerate(containers) if container.kind == "li"]
            if items:
                containers = (*containers[: items[-1]], Container(kind, index))
        self.containers_before[index] = self.containers
        self.containers = containers

    def _item_date(self, index: int, node: Node, attributes: dict[str, str | None]) -> None:
        stamp = attributes.get("content") or attributes.get("datetime") or ""
        if stamp:
            self.item_dates.append((index, without_marks(stamp), _shown(node)))

    def exit(self) -> None:
        index, tag, chars_before, link_chars_before, mark = self.stack.pop()
        if mark:
            self.parts.append(mark)
            self.marks.discard(mark)
            if mark == LINK_CLOSE:
                self.open_links.pop()
        if tag == "a":
            self.link_depth -= 1
        elif tag == "cite" and index in self.quote_headers:
            self.quote_headers.discard(index)
            self.parts.append(_UNREAD_BREAK)
            self.last_text = ""
        elif tag in BLOCK_TAGS:
            if tag == "pre" and self.pre_depth == 1:
                self.line_numbers.remove(self.parts)
            if self.parts:
                self.flush()
            self.block_stack.pop()
            if index in self.containers_before:
                self.containers = self.containers_before.pop(index)
            if tag == "li":
                self.item_waiting = False
            elif tag == "blockquote":
                self.quotes.pop()
            elif tag == "tr":
                self._close_row()
            elif tag == "table":
                self.tables.pop()
                self.row_spans.pop()
                if index in self.code_tables:
                    self._leave_code()
            elif tag in LIST_TAGS:
                self.list_stack.pop()
            elif tag == "pre":
                self._leave_code()
        if index in self.span_starts:
            self._close_span(index, self.total_chars - chars_before)
        if self.pre_depth:
            self.line_numbers.close(index, self.parts)
        classes = self.classes[index]
        if classes and self.total_chars > chars_before and tag not in BLOCK_TAGS:
            parent = self.parents[index]
            self.closed_item = (parent, tag, classes, len(self.parts), self.flushes)
        self.exits[index] = self.event
        self.chars[index] = self.total_chars - chars_before
        self.link_chars[index] = self.total_link_chars - link_chars_before

    def _layout_of(self, kind: str) -> str:
        if kind not in _CONTAINED_BOXES:
            return ""
        if self.item_waiting:
            return "li"
        return "blockquote" if self.quotes else ""

    def _close_row(self) -> None:
        """Mark the blocks of a data table's row whose cells hold paragraphs with the row,
        so that renderers can rejoin them. A row of one cell, a long one or one that holds
        another table lays a page out: its blocks stay blocks."""
        row = self.open_rows.pop()
        if self.row_spans:
            self._carry_spans(row)
        in_code_table = bool(self.tables) and self.tables[-1] in self.code_tables
        if in_code_table and not row.members and self.blank_lines == row.blank_lines_at_start:
            self.blank_lines += 1  # a line of code of nothing but white space
        if not row.simple or len(row.members) < 2:
            return  # most rows: their cells hold no boxes, and the row is one block
        per_cell = Counter(cell for _, cell in row.members)
        if len(per_cell) < 2 or max(per_cell.values()) > _MOST_CELL_PARAGRAPHS:
            return
        blocks = self.blocks
        members = [(blocks[i], i, cell) for i, cell in row.members]
        if any(block.kind not in _CELL_BOXES for block, _, _ in members):
            return
        if sum(len(block.text) for block, _, _ in members) > _LONGEST_ROW_CHARS:
            return
        for _, i, cell in members:
            blocks[i] = blocks[i]._replace(row=row.element, cell=cell)

    def _carry_spans(self, row: _Row) -> None:
        """The columns spanned into the next row: each span above one row shorter, and the
        spans this row's cells begin."""
        spans = self.row_spans[-1]
        carried = {column: left - 1 for column, left in spans.items() if left > 1}
        carried.update(row.spans_below)
        self.row_spans[-1] = carried

    def _close_span(self, index: int, chars: int) -> None:
        start, flushes = self.span_starts.pop(index)
        # A name or a date is short; joining a longer span's parts, again for each such span
        # nested in it, made a page's cost grow with the square of its size: 5,000 <time>
        # elements nested around 20,000 line breaks took 2 s, in few visible characters.
        short = chars <= _LONGEST_SPAN and len(self.parts) - start <= _MOST_SPAN_PARTS
        if flushes == self.flushes and short:
            raw = "".join(self.parts[start:]).replace(_UNREAD_BREAK, " ").replace(_GAP, " ")
            text = clean_text(plain(raw), False).replace("\n", " ")
            if text:
                self.spans.append((index, text))

    # -- text ---------------------------------------------------------------------------
    def add_text(self, text: str) -> None:
        if self._touching_items(text) and not self.pre_depth:
            # Items laid out side by side ("Big Agnes</span><span>Anthracite"), not one word:
            # the gap goes after the marks that close the first item and before those that
            # open the next. Digits touching digits in any two elements were tried as items
            # too: on wcxb-dev 9 pages gained and 10 lost word F1 ("June 14, 2024" beside a
            # short "1 yr" came apart, and so did "4.5" beside "0/5"); between elements styled
            # alike they are items (a listing's "2026" and "1h 54m").
            opened = self.opened_at
            self.parts.insert(opened if opened >= 0 else len(self.parts), _GAP)
        self.parts.append(text)
        self.last_text = text
        if self.pre_depth:
            self.line_numbers.read(text)
        self.opened_at = -1
        self.next_item = self.after_box = False
        visible = len(text) - text.count(" ") if self.pre_depth else len(text.strip())
        self.total_chars += visible
        if self.link_depth:
            self.total_link_chars += visible
            self.block_link_chars += visible

    def _add_formula(self, formula: Formula | None, from_mathml: bool = False) -> None:
        """A formula as its TeX, marked so that Markdown keeps it as it is."""
        if formula is None:
            return
        if self.parts and self.parts[-1] == FORMULA:
            self.parts.append(" ")  # "$a$ $b$": touching, "$a$$b$" would read as "$$"
        self.parts.append(FORMULA)
        self.add_text(formula.written)
        if from_mathml:
            self.formula_at = (len(self.parts) - 1, self.flushes, self.total_chars)
        else:  # two scripts in a row are two formulas
            self.formula_at = (-1, -1, -1)
        self.parts.append(FORMULA)

    def _formula_script(self, node: Node) -> None:
        """MathJax keeps the TeX its author wrote in a script after the formula it drew: the
        TeX replaces the formula read from the MathML; a script with no formula before it
        is one MathJax has not drawn."""
        formula = script_formula(node)
        if formula is None:
            return
        at, flushes, chars = self.formula_at
        self.formula_at = (-1, -1, -1)
        if chars != self.total_chars:
            self._add_formula(formula)
        elif flushes == self.flushes and at < len(self.parts):
            self.parts[at] = formula.written
        elif flushes == self.flushes - 1 and self.blocks:
            self._rewrite_formula_block(formula)

    def _rewrite_formula_block(self, formula: Formula) -> None:
        """The TeX of a formula set apart (MathJax's box for one closes before its script)
        in place of the formula read from the MathML, where that is all its block holds."""
        last = self.blocks[-1]
        held = last.raw.strip()
        if held.count(FORMULA) != 2 or held[:1] != FORMULA or held[-1:] != FORMULA:
            return
        raw = FORMULA + formula.written + FORMULA
        self.blocks[-1] = last._replace(raw=raw, text=formula.written, lines=formula.written)

    def _touching_items(self, text: str) -> bool:
        """Whether the text opens an item laid out beside the one before it, though no space
        parts them: after a lowercase letter, a capital; after an element, an element of the
        same tag and classes under the same parent that opens with a capital or a digit
        ("PHP</span><span class=tab>C#", "Bug</span><span class=tag>62048"). Pasted word
        processor markup cuts words into such elements too ("child</span><span>ren"), but
        not before a capital or a digit. And any word after an image or a box drawn in the
        line (see ``_INLINE_BOXES``)."""
        last = self.last_text
        if text[:1].isupper() and last[-1:].islower():
            return True
        if self.after_box and text[:1].isalnum() and last[-1:].isalnum():
            return True
        return (
            self.next_item
            and len(text) > 1
            and len(last) > 1
            and (text[0].isupper() or text[0].isdigit())
            and (last[-1].isalnum() or last[-1] in _ITEM_ENDS)
        )

    def flush(self) -> None:
        self.last_text = ""
        if self.pre_depth:
            self.line_numbers.give_up()
        cells_after_text, self.cells_after_text = self.cells_after_text, 0
        only_marks, self.cell_marks = len(self.parts) == self.cell_marks, 0
        if only_marks:
            self._clear_parts()  # the marks of empty cells, before a box in the next cell
            return
        self.flushes += 1
        if self.open_links:
            self.parts.append(LINK_CLOSE)
        raw = "".join(self.parts)
        self._clear_parts()
        # Most flushes hold only the white space between tags: no block, no cleaning.
        text = lines = ""
        if not raw.isspace():
            raw, text, lines = _block_texts(raw, cells_after_text, self.pre_depth > 0)
        if text:
            self._add_block(raw, text, lines)
        elif self.pre_depth and BREAK in raw:
            self.blank_lines += 1  # a line of code that holds nothing but its line break
        elif IMAGE in raw and not self.pre_depth:
            self._hold_images()
        self.targets.clear()
        self.icons.clear()
        self.block_link_chars = 0
        self.block_links = 0
        if self.open_links:
            self.parts.append(LINK_OPEN)
            self.targets.append(self.open_links[-1])

    def _add_block(self, raw: str, text: str, lines: str) -> None:
        """A block of the text just gathered, with the facts of where it stands."""
        kind, element = self.block_stack[-1]
        layout = self._layout_of(kind)
        if element < 0 and self.stack:
            element = self.stack[-1][0]
        targets = tuple(self.targets)
        images_before: tuple[str, ...] = ()
        if self.held_images:
            held_in = self.images_in
            images_before = self._images_for(element)
            if images_before and self._in_the_line(held_in):
                raw = IMAGE * len(images_before) + " " + raw
                targets, images_before = images_before + targets, ()
        self.blocks.append(
            Block(
                kind,
                text,
                lines,
                raw,
                targets,
                element,
                self.event,
                self.block_link_chars,
                self.block_links,
                min(len(self.list_stack), DEEPEST_LIST),
                bool(self.list_stack) and self.list_stack[-1],
                self.header_row,
                self.code_language if self.pre_depth else "",
                layout,
                code=self.code_element if self.pre_depth else -1,
                table=self.tables[-1] if self.tables else -1,
                blank_lines_before=self.blank_lines if self.pre_depth else 0,
                images_before=images_before,
                containers=self.containers,
            )
        )
        self.blank_lines = 0
        self.item_waiting = False
        if self.open_rows:
            row = self.open_rows[-1]
            # Cells' plain text cut off where a paragraph opens the next cell ends in
            # the new cell's mark: it belongs to the cells before.
            ended_cell = kind == "tr" and raw.rstrip().endswith(CELL)
            row.members.append((len(self.blocks) - 1, row.cells - ended_cell))

    # -- the walk -----------------------------------------------------------------------
    def run(self, root: Node) -> None:
        node: Node | None = root
        # How far below the root the walk is: it ends on climbing back to the root. (A count,
        # as comparing each node's identity with the root's cost one more parser call a node.)
        below_root = 0
        # The parser gives a node's tag as a new string each time; its tag number, with one
        # name per number within a page, costs half as much and shares the strings.
        names: dict[int, str | None] = {}
        while node is not None:
            self.event += 1
            if not self.event % _CHECK_CLOCK_EVERY and self._out_of_time():
                self.warnings.append(
                    time_limit_warning(
                        self.options,
                        ": the rest of the page was not read, so that what was read is labelled "
                        "within the limit",
                        "it all",
                    )
                )
                break
            number = node.tag_id
            tag = names.get(number)
            if tag is None:
                tag = names[number] = node.tag
            if tag == "-text":
                # (a search of the whole markup for references to marks took more time)
                self.add_text(without_marks(node.text_content or ""))
            elif tag is not None and tag not in SKIPPED_TAGS:
                self.enter(node, tag)
                child = node.first_child
                if self.skip_inside:
                    self.skip_inside, child = False, None
                if child is not None:
                    node = child
                    below_root += 1
                    continue
                self.exit()
            else:
                self._skip(node, tag)
            # Climb to the next node in document order, leaving finished parents.
            while below_root:
                following = node.next
                if following is not None:
                    node = following
                    break
                node = node.parent
                below_root -= 1
                if node is None:
                    break
                self.exit()
            else:
                node = None
        while self.stack:
            self.exit()
        if self.parts:
            self.flush()

    def _skip(self, node: Node, tag: str | None) -> None:
        """Read what an element whose text is no page text still shows or declares."""
        if tag in _INLINE_BOXES:
            self.after_box = True
        if tag == "picture" and self.options.include_images and not self._in_hidden():
            self._picture(node)
        elif tag == "math":
            self._add_formula(formula_of(node), from_mathml=True)
        elif tag == "script" and self.stack:
            self._formula_script(node)
        elif tag == "button" and self.stack:
            self._dates_in_skipped(node)
        elif tag == "meta" and self.stack:
            self._declared_meta(node)

    def _out_of_time(self) -> bool:
        """Whether the stages after the walk could no longer read what it has found before
        the deadline: they take time in proportion to its blocks and elements, and none of
        them can stop part way."""
        later = len(self.blocks) * _LATER_SECONDS_PER_BLOCK
        later += len(self.tags) * _LATER_SECONDS_PER_ELEMENT
        return time.monotonic() + later > self.deadline

    def element_table(self) -> ElementTable:
        tag, parent = tuple(self.tags), tuple(self.parents)
        own_tokens, tokens = tuple(self.own_tokens), tuple(self.tokens)
        sibling_index, same_tag, repeats = sibling_counts(parent, tag, own_tokens)
        return ElementTable(
            tag=tag,
            parent=parent,
            depth=tuple(self.depths),
            own_tokens=own_tokens,
            tokens=tokens,
            tags=tuple(self.tag_bits),
            hidden=tuple(self.hidden),
            enter=tuple(self.enters),
            exit=tuple(self.exits),
            chars=tuple(self.chars),
            link_chars=tuple(self.link_chars),
            sibling_index=sibling_index,
            same_tag=same_tag,
            repeats=repeats,
            part_tokens=part_tokens(tag, own_tokens, tokens),
            hides=frozenset(self.hides),
            classes=tuple(self.classes),
        )


def _block_texts(raw: str, cells_after_text: int, preformatted: bool) -> tuple[str, str, str]:
    """A block's raw text with its marks, its clean text, and the lines the classifiers
    read."""
    glued = ""
    if _GAP in raw:
        glued = raw.replace(_UNREAD_BREAK, "").replace(_GAP, "")
        raw = raw.replace(_UNREAD_BREAK, BREAK).replace(_GAP, " ")
    visible = _cell_text(plain(raw), cells_after_text)
    text = clean_text(visible, preformatted)
    if glued:  # the classifiers read the items still touching, as they were trained
        visible = _cell_text(plain(glued), cells_after_text)
        return raw, text, _source_lines(visible, clean_text(visible, False))
    return raw, text, text if preformatted else _source_lines(visible, text)


def _cell_text(visible: str, cells_after_text: int) -> str:
    """The text as the classifiers were trained to read it: cells of a table row become one
    line only where a cell began after some text, white space included. A mark that only
    keeps an empty first cell's place (for the renderers) does not make it so, and white
    space before a row's first cell does."""
    if cells_after_text:
        return visible if CELL in visible else CELL + visible
    return visible.lstrip(CELL)


def _source_lines(visible: str, text: str) -> str:
    """The block's text broken at the source's line breaks as well, without blank lines."""
    if "\n" in visible.strip():
        return clean_text(visible.replace("\n", BREAK), False, paragraphs=False)
    return text.replace("\n\n", "\n") if "\n\n" in text else text


# "language-python" or "lang-js" on a <pre> or its <code> (the HTML specification's convention,
# which highlighters follow), or a data-lang attribute.
_LANGUAGE_CLASS = re.compile(r"(?:^|\s)(?:language|lang)-([A-Za-z0-9_+#.\-]{1,20})(?=\s|$)")
_LANGUAGE_NAME = re.compile(r"[A-Za-z0-9_+#.\-]{1,20}")


# Some sites keep a time element's stamp in its title, the text showing "Over a year ago", and
# custom elements in an attribute of their own ("ts", "publishdate").
_ATTRIBUTE_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_NO_STAMP_ATTRIBUTES = frozenset(("class", "id", "style", "datetime"))


def _time_stamp(attributes: dict[str, str | None] | None) -> str:
    if not attributes:
        return ""
    declared = attributes.get("datetime")
    if declared:
        return without_marks(declared)
    for name, value in attributes.items():
        if value and name not in _NO_STAMP_ATTRIBUTES:
            found = _ATTRIBUTE_STAMP.match(value.strip())
            if found:
                return found.group(0)
    return ""


def _code_language(attributes: dict[str, str | None] | None) -> str:
    if not attributes:
        return ""
    declared = (attributes.get("data-lang") or attributes.get("data-language") or "").strip()
    if _LANGUAGE_NAME.fullmatch(declared):
        return declared.lower()
    found = _LANGUAGE_CLASS.search(attributes.get("class") or "")
    return found.group(1).lower() if found else ""


def _span(declared: str | None, most: int) -> int:
    """A cell's colspan or rowspan as a count from 1 to ``most``; 1 where it is not a number."""
    digits = (declared or "").strip()
    return min(max(int(digits), 1), most) if digits.isdigit() and len(digits) < 7 else 1


def _is_hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# Code hosts (GitHub's files and gists, Gitea) and highlight.js's line-number plugin set code
# in a table, a line a row, each line's number in a first cell that the style sheet fills from
# its data-line-number attribute; read as a table, the code lost its indentation.
_LINE_NUMBER = "data-line-number"
_PRE_BIT = TAG_BITS["pre"]


def _numbers_its_lines(table: Node) -> bool:
    """Whether a table sets code a row a line: its first row opens with an empty cell that
    declares a line number, and another cell follows it."""
    row = _first_row(table)
    if row is None:
        return False
    cells = [cell for cell in row.iter() if cell.tag in CELL_TAGS]
    if len(cells) < 2:
        return False
    nodes = subtree_nodes(cells[0], _MOST_NODES_IN_A_NUMBER_CELL)
    if nodes is None:
        return False  # a cell holding more than a number's mark holds more than a number
    declared = any(_LINE_NUMBER in (node.attributes or {}) for node in nodes if node.tag != "-text")
    shown = any((node.text_content or "").strip() for node in nodes if node.tag == "-text")
    return declared and not shown


# A line number's cell is empty or holds the one element that declares the number (Gitea's
# <span data-line-number>), perhaps with white space around it.
_MOST_NODES_IN_A_NUMBER_CELL = 8
_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))


def _first_row(table: Node) -> Node | None:
    """The table's own first row. A search of the whole table would find a row of a table
    nested in a caption or a cell, and, run for each of thousands of tables nested in one
    another, cost time growing with the square of their number."""
    for child in table.iter():
        if child.tag == "tr":
            return child
        if child.tag in _ROW_GROUPS:
            row = next((row for row in child.iter() if row.tag == "tr"), None)
            if row is not None:
                return row
    return None


_COMMENT_TYPES = frozenset(("comment", "usercomments", "question", "answer"))
_ITEM_DATES = frozenset(("datePublished", "dateCreated", "commentTime", "uploadDate"))
_ITEM_TEXTS = frozenset(("text", "commentText"))
_LONGEST_ITEM_AUTHOR = 100
_ITEM_DATE_SELECTOR = ", ".join(f'[itemprop="{name}"]' for name in sorted(_ITEM_DATES))
# A button holds a few nodes: walked, they cost half the selector's 5 µs (an average wcxb-dev
# page has 20 buttons); a larger subtree is left to the selector.
_MOST_NODES_WALKED = 32


def _item_dates_in(node: Node) -> list[Node]:
    """The node and the elements inside it that state an item's date, in document order."""
    nodes = subtree_nodes(node, _MOST_NODES_WALKED)
    if nodes is None:
        return list(node.css(_ITEM_DATE_SELECTOR))
    return [
        found
        for found in nodes
        if found.tag != "-text" and (found.attributes or {}).get("itemprop") in _ITEM_DATES
    ]


def _declares_comment(itemtype: str | None) -> bool:
    """A schema.org Comment, Question or Answer item: comment systems, forums and Q&A sites
    declare each record so."""
    if not itemtype:
        return False
    return any(
        kind.rstrip("/").rsplit("/", 1)[-1].casefold() in _COMMENT_TYPES
        for kind in itemtype.split()
    )


def time_limit_warning(options: Options, what_was_cut: str, everything: str) -> str:
    """The warning of a reading stopped at the time limit, and how to read ``everything``."""
    return (
        f"time limit of {options.time_limit_seconds:g} s reached{what_was_cut}; "
        f"raise Options(time_limit_seconds) or --time-limit to read {everything}"
    )


def build_page(parsed: ParsedPage, options: Options, deadline: float) -> Page:
    tree = parsed.tree
    # The head first: the walk stops where the rest could not be read by the deadline, which
    # can only count time already spent (200,000 microdata authors and dates took the head
    # 0.6 s).
    head = read_head(tree, deadline)
    walk = _Walk(options, deadline)
    if not head.complete:
        walk.warnings.append(
            time_limit_warning(
                options,
                " while the page's meta tags, JSON-LD, links and microdata were read: the rest "
                "of them were not read",
                "them all",
            )
        )
    root = tree.body or tree.root
    if root is not None:
        walk.run(root)
    return Page(
        blocks=tuple(walk.blocks),
        elements=walk.element_table(),
        title_tag=head.title,
        meta={key: value for key, value in reversed(head.meta_pairs)},
        json_ld=head.json_ld,
        lang=head.lang,
        warnings=parsed.warnings + tuple(walk.warnings),
        declarations=Declarations(
            meta_pairs=head.meta_pairs,
            links=head.links,
            base_href=head.base_href,
            microdata=head.microdata,
            times=tuple(walk.times),
            item_dates=tuple(walk.item_dates),
            item_authors=tuple(walk.item_authors),
            item_texts=tuple(walk.item_texts),
            tooltips=tuple(walk.tooltips),
            spans=tuple(walk.spans),
            element_ids=walk.ids,
            hrefs=tuple(walk.hrefs),
            comment_items=tuple(walk.declared_records),
        ),
    )


_SHOWN_CHARS = 200


def _shown(node: Node) -> str:
    """What a date's, a tooltip's or a microdata date's element shows, white space collapsed."""
    shown = without_marks(leading_text(node, _SHOWN_CHARS * 20))
    return " ".join(shown.split())[:_SHOWN_CHARS]


def _list_start(attributes: dict[str, str | None]) -> int:
    """The number <ol start="..."> gives the list's first item (1 where it gives none)."""
    written = (attributes.get("start") or "").strip()
    if not (written.isascii() and written.isdigit()) or len(written) > 9:
        return 1
    return int(written)
