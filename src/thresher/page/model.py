"""The page model: the page's text cut into blocks, and the elements the blocks sit in.

Element facts are kept as columns (a tuple per fact, indexed by element number), so that later
stages turn them into arrays in one step instead of walking objects.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..addresses import without_tabs_and_breaks
from ..frozen import by_fields

# Inline structure rides inside a block's raw text as private-use characters (never white
# space; the parse stage turns the page's own into spaces), so the walk builds one string per
# block and Markdown is made only for the blocks that are kept.
CELL = "\ue000"
LINK_OPEN = "\ue001"
LINK_CLOSE = "\ue002"
STRONG = "\ue003"
EMPHASIS = "\ue004"
CODE = "\ue005"
IMAGE = "\ue006"
# A <br>. Outside <pre> a line break in the source is only white space, so the break a page
# asks for needs a mark of its own.
BREAK = "\ue007"
# Around a formula's TeX (page/formulas.py), which Markdown takes as it is.
FORMULA = "\ue008"
# Text struck through (<del>, <s>, <strike>): an old price beside the new one, a retraction.
STRIKE = "\ue009"
# Character-class ranges: every mark (the parse stage's guard, dom._MARKERS, must cover them
# all), and those the Markdown and the HTML write as formatting, all but a cell's edge and a
# line break.
ANY_MARK = f"{CELL}-{STRIKE}"
FORMATTING_MARKS = f"{LINK_OPEN}-{IMAGE}{FORMULA}{STRIKE}"
_FORMATTING = re.compile(f"[{FORMATTING_MARKS}]")
_MARKUP = re.compile(f"{LINK_OPEN}(\\s*){LINK_CLOSE}|[{FORMATTING_MARKS}]")
_LINK_MARKS = re.compile(f"[{LINK_OPEN}{LINK_CLOSE}{IMAGE}]")
_ANY_MARK = re.compile(f"[{ANY_MARK}]")
# Code spans are fenced apart (see _code_span); the backtick only stands in should a stray
# mark be left.
_MARKDOWN_OF = {
    STRONG: "**",
    EMPHASIS: "*",
    STRIKE: "~~",
    CODE: "`",
    LINK_OPEN: "[",
    FORMULA: "",
}


def clean_text(
    raw: str,
    preformatted: bool,
    cell_separator: str = "\t",
    *,
    paragraphs: bool = True,
    empty_cells: bool = False,
) -> str:
    """Collapse white space (outside <pre>), break lines at <br> only, and join table cells
    with ``cell_separator``, leaving out empty ones unless ``empty_cells`` is true. Two <br>
    in a row end a paragraph, as old templates and forum posts write one, unless
    ``paragraphs`` is false."""
    if not preformatted and "\n" in raw:
        raw = raw.replace("\n", " ")
    if BREAK in raw:
        raw = raw.replace(BREAK, "\n")
    if CELL in raw:
        cells = (
            clean_text(cell, preformatted, paragraphs=False).replace("\n", " ")
            for cell in raw.split(CELL)
        )
        return cell_separator.join(cell for cell in cells if cell or empty_cells)
    if preformatted:
        return raw.strip("\n").rstrip()
    if "\n" not in raw:
        return " ".join(raw.split())
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    if not paragraphs:
        return "\n".join(line for line in lines if line)
    return _with_paragraphs(lines)


def _with_paragraphs(lines: list[str]) -> str:
    """The lines joined, a blank line where empty ones stood between two with text."""
    out: list[str] = []
    gap = False
    for line in lines:
        if not line:
            gap = bool(out)
            continue
        if out:
            out.append("\n\n" if gap else "\n")
        out.append(line)
        gap = False
    return "".join(out)


# Characters that show nothing and that str.split() does not take for white space, as the body
# of a regex character class: the soft hyphen, zero-width spaces and joiners, direction marks
# and embeddings, the word joiner and its kin, a stray byte-order mark. Site builders fill
# "empty" paragraphs and line ends with them. In the content only those at the edge of a run
# of text go: inside one they join the parts of an emoji, or letters in Persian and Indic.
INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# A run that ends a run of text is read once, from its start and never given back: tried from
# each of its characters, 20,000 zero-width spaces inside a word took 4.6 s.
_EDGE_INVISIBLE = re.compile(
    f"(?:(?<=[\\s{ANY_MARK}])|^)[{INVISIBLE}]+"
    f"|(?<![{INVISIBLE}])[{INVISIBLE}]++(?=[\\s{ANY_MARK}]|$)",
    re.MULTILINE,
)
_VISIBLE = re.compile(f"[^\\s{INVISIBLE}]")


def shows_nothing(text: str) -> bool:
    return _VISIBLE.search(text) is None


def without_filler_paragraphs(text: str) -> str:
    """The text without the paragraphs that hold nothing but invisible characters: filler
    that shows only once the text is repaired (a page encoded twice)."""
    if not _HAS_INVISIBLE.search(text):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if not (_HAS_INVISIBLE.search(p) and shows_nothing(p))]
    return "\n\n".join(kept)


def without_invisible(block: Block) -> Block:
    """The block without invisible characters at the edges of its runs of text, where a tag
    (a link, an emphasis) ends a run as much as white space does."""
    if block.kind == "pre" or not _HAS_INVISIBLE.search(block.text):
        return block
    raw = _EDGE_INVISIBLE.sub("", block.raw)
    return block._replace(text=clean_text(plain(raw), False), raw=raw)


HEADING_KINDS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# The permalink a template puts after a heading: "Installation¶", "Prices #", a link icon, or
# in Markdown "[¶](#installation)"; "C#" keeps its '#'.
_PERMALINK = re.compile(r"\s*\[?(?:[¶§🔗\uf0c1]|(?<=\s)#|(?<=\[)#)\]?(?:\([^()]*\))?\s*$")
# The characters a permalink can end with: most headings end otherwise, and a pattern
# anchored at the end is still tried at every position of the text.
_PERMALINK_ENDS = frozenset("¶§🔗\uf0c1#])")


def without_permalink(heading: str) -> str:
    """A heading's text without the permalink sign after it, when something is left."""
    if heading.rstrip()[-1:] not in _PERMALINK_ENDS:
        return heading
    return _PERMALINK.sub("", heading) or heading


_SHOWN = re.compile(f"[^\\s{FORMATTING_MARKS}]")


def _shows_something(raw: str) -> bool:
    """Whether the raw text holds more than white space and inline markers: what
    ``plain(raw).strip()`` tells, found at the first such character instead of after copying
    the text (a span that goes on through thousands of touching spans is asked again at each)."""
    return _SHOWN.search(raw) is not None


def plain(raw: str) -> str:
    """The raw text without its inline markers."""
    if raw.isascii():
        return raw  # (the markers are private-use characters: an ASCII text holds none)
    return _FORMATTING.sub("", raw)


class Container(NamedTuple):
    """A list, a list item or a quote that a block stands in."""

    kind: str  # "ul" (any list not numbered), "ol", "li" or "blockquote"
    element: int
    # the number of a numbered list's first item: steps that images or ads split into lists
    # of their own go on counting (<ol start="4">)
    start: int = 1


class Block(NamedTuple):
    """One run of text that renders as its own line or paragraph.

    A named tuple rather than a dataclass: pages have hundreds of blocks and a tuple is the
    cheapest immutable record to create.
    """

    kind: str  # p, h1..h6, li, pre, blockquote, tr, dt, dd, figcaption, div, ...
    text: str  # a line per <br>; the source's own line breaks are spaces
    # The text broken where the page's source breaks its lines too. In a byline the source
    # often sets the name, the role and the date on lines of their own; the classifiers read
    # this form, which they were trained on, and in it touching inline items stay touching
    # ("Big AgnesAnthracite"), as they were before ``text`` spaced them.
    lines: str
    raw: str  # the text with inline markers, before white space was collapsed
    targets: tuple[str, ...]  # link addresses and image Markdown, in the order of the markers
    element: int  # index of the element that holds the block
    position: int  # order of the block's end among element entries and exits
    link_chars: int
    links: int
    list_depth: int  # how many lists hold the block, at most DEEPEST_LIST (builder.py)
    ordered: bool  # an item of a numbered list
    header_row: bool  # a table row of header cells
    language: str = ""  # the language of the code the block is in, where the page names it
    # The kind a paragraph or a box is laid out as where its container gives it its form:
    # "li" for the first block of a list item ("<li><p>...</p></li>"), "blockquote" for the
    # paragraphs of a quote; empty for every other block.
    layout_as: str = ""
    # A paragraph in a cell of a data table ("<td><p>...</p></td>"): the <tr> element it
    # belongs to and its cell's number there, so that renderers can rejoin the row; -1 else.
    row: int = -1
    cell: int = 0
    # The <pre> element whose text the block is part of: highlighters set each line of code in
    # a box of its own ("<div class=line>"), which the page model reads as a block, and the
    # renderers rejoin as one code block; -1 outside code.
    code: int = -1
    # The <table> element the block sits in (the innermost), so that two tables one after the
    # other stay two; -1 outside tables.
    table: int = -1
    # Empty lines of code just before the block, in boxes of their own ("<div class=line><br>
    # </div>"): they make no block, and the renderers set them back when they rejoin the code.
    blank_lines_before: int = 0
    # Images that stood in blocks of their own just before the block (a figure's picture
    # before its caption, a photo between paragraphs), as image targets: with no text they
    # make no block, and the renderers show them, a paragraph each, before the block they
    # belong with (inside a list item, a row or a quote, they open its line instead). Only
    # with ``Options(include_images=True)``.
    images_before: tuple[str, ...] = ()
    # The lists, list items and quotes the block stands in, the outermost first, so that the
    # renderers nest a list item's later paragraphs, its code and its nested lists inside it,
    # and a quote's lists inside the quote. The walk reads at most MOST_CONTAINERS
    # (builder.py); a block nested deeper stands in the innermost of those.
    containers: tuple[Container, ...] = ()

    @property
    def layout(self) -> str:
        """The kind the renderers lay the block out as."""
        return self.layout_as or self.kind

    @property
    def anchors(self) -> list[tuple[str, str]]:
        """The block's links as (text, address), in page order."""
        targets = iter(self.targets)
        found: list[tuple[str, str]] = []
        start, address = -1, ""
        for match in _LINK_MARKS.finditer(self.raw):
            mark = match.group(0)
            if mark == IMAGE:
                next(targets, "")
            elif mark == LINK_OPEN:
                start, address = match.end(), next(targets, "")
            elif start >= 0:
                found.append((" ".join(plain(self.raw[start : match.start()]).split()), address))
                start = -1
        return found

    @property
    def markdown(self) -> str:
        """The block's inline Markdown: emphasis, code, links and images."""
        raw = self.raw if self.kind == "pre" else _tidy_emphasis(_escaped_inline(self.raw))
        if LINK_OPEN in raw and self.kind != "pre":
            raw = _space_outside_links(raw)
        if self.kind == "tr" and "|" in raw:
            raw = raw.replace("|", "\\|")  # a cell's own bar would start a new column
        markdown = _marks_as_markdown(*_joined_links(raw, self.targets))
        return clean_text(markdown, self.kind == "pre", " | ", empty_cells=self.kind == "tr")


def _joined_links(raw: str, targets: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The halves of a link cut in two, touching and pointing the same way, made one link
    again: a page that sets a word's end in an element of its own ("Co</a><a href=/c>ntact",
    an overflow that shows on demand) would read "[Co](/c)[ntact](/c)". Targets are in the
    order their links and images open."""
    if LINK_CLOSE + LINK_OPEN not in raw:
        return raw, targets
    pieces: list[str] = []
    joined: set[int] = set()  # the targets of second halves
    start = 0
    opened = 0  # how many links and images opened before the mark
    link = -1  # the target of the last link opened
    for found in _LINK_MARKS.finditer(raw):
        mark, at = found.group(0), found.start()
        if mark == LINK_CLOSE:
            continue
        index, opened = opened, opened + 1
        if mark != LINK_OPEN:
            continue
        touching = raw[at - 1 : at] == LINK_CLOSE
        if touching and link >= 0 and index < len(targets) and targets[index] == targets[link]:
            pieces.append(raw[start : at - 1])
            start = at + 1
            joined.add(index)
            continue
        link = index
    if not joined:
        return raw, targets
    pieces.append(raw[start:])
    return "".join(pieces), tuple(t for i, t in enumerate(targets) if i not in joined)


def _marks_as_markdown(raw: str, targets: tuple[str, ...]) -> str:
    """The marks of a block's raw text written as Markdown, each link or image with its
    target, taken in the order they open: a link's as it opens, so that an image inside it
    takes its own ("[![logo](logo.png)](/home)"). (Outside the class: mypyc cannot compile a
    closure in a method of a NamedTuple.)"""
    if not _FORMATTING.search(raw):
        return raw  # most blocks: plain text
    remaining = iter(targets)
    links: list[str] = []  # the targets of the links open

    def replace(match: re.Match[str]) -> str:
        mark = match.group(0)
        if len(mark) > 1:  # a link around nothing but white space
            next(remaining, "")
            return match.group(1)
        if mark == LINK_OPEN:
            links.append(next(remaining, ""))
        if mark == LINK_CLOSE:
            target = links.pop() if links else next(remaining, "")
            return "](" + _destination(target) + ")"
        if mark == IMAGE:
            target = next(remaining, "")
            image = image_parts(target)
            return (
                f"![{_image_description(image[0])}]({_destination(image[1])})" if image else target
            )
        return _MARKDOWN_OF[mark]

    return _MARKUP.sub(replace, raw)


# Page text that Markdown would read as markup: a backslash before punctuation or before a
# mark that becomes punctuation (a link's bracket, a code span's fence), a backtick, an asterisk
# or an underscore that could open or close emphasis ("2*3*4", "_id_"; not "a * b" or
# "snake_case"), a "<" that could open a tag ("git commit <file>"), a "](" that would end a
# link, an entity ("&amp;"); and in a link's text any bracket, which would end or unbalance
# it. Escaped outside code spans, where a backslash is taken literally.
_INLINE_SPECIAL = re.compile(
    f"(?P<link>[{LINK_OPEN}{LINK_CLOSE}])"
    r"|(?P<special>\\(?=[!-/:-@\[-`{-~" + ANY_MARK + r"]|$)|`|(?<=\S)[*~]|[*~](?=\S)|(?<![^\W_])_"
    r"|_(?![^\W_])|<(?=[A-Za-z/!?])|\](?=\()|&(?=#?\w+;))"
    r"|(?P<bracket>[\[\]])"
)
_MAYBE_SPECIAL = re.compile(r"[\\`*~_<\[\]&]")  # a cheap first look: most blocks have none


def markdown_of_text(text: str) -> str:
    """Plain text (a comment's, its author's name) escaped where Markdown would read it as
    inline markup."""
    return _escaped_inline(without_marks(text))


def _escaped_inline(raw: str) -> str:
    """Page text escaped where Markdown would read it as markup, each code span fenced so
    that its own backticks cannot close it, and each formula's TeX left as it is."""
    if CODE not in raw and FORMULA not in raw and not _MAYBE_SPECIAL.search(raw):
        return raw
    # An empty code span goes, and two that still touch are one: two fences side by side make
    # one run of backticks, which a reader takes for neither span's end. (The walk sets a
    # space between code elements side by side, "<code>U+00DF</code><code>0x C3 9F</code>".)
    raw = raw.replace(CODE + CODE, "")
    in_link = False

    def escaped(found: re.Match[str]) -> str:
        nonlocal in_link
        if found.lastgroup == "link":
            in_link = found.group(0) == LINK_OPEN
            return found.group(0)
        if found.lastgroup == "bracket" and not in_link:
            return found.group(0)
        return "\\" + found.group(0)

    out = []
    for formula, text in _toggled(raw, FORMULA):
        if formula:
            out.append(text)
            continue
        for code, part in _toggled(text, CODE):
            if code:
                in_link = _ends_in_link(part, in_link)
                out.append(_code_span(part))
            else:
                out.append(_INLINE_SPECIAL.sub(escaped, part))
    return "".join(out)


def _toggled(raw: str, mark: str) -> list[tuple[bool, str]]:
    """The pieces of ``raw`` between a toggling mark, each with whether the mark holds it; a
    span never closed is plain text."""
    pieces = raw.split(mark)
    if len(pieces) % 2 == 0:
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    return list(zip(itertools.cycle((False, True)), pieces))


def _ends_in_link(text: str, in_link: bool) -> bool:
    """Whether a link is open after ``text``, given whether one was before it."""
    opened, closed = text.rfind(LINK_OPEN), text.rfind(LINK_CLOSE)
    return in_link if opened == closed else opened > closed


# White space at the edge of a link's text belongs outside it: a line break there would be a
# break inside the brackets ("[Rent a car  \n](...)"), and spaces would be underlined with the
# words ("Want to see how?[ Learn more ](...)" reads "how? [Learn more](...) "). A no-break
# space stays without a break beside it: in a page encoded twice it is the second half of
# "\u00c2\u00a0", which the repair of the Document turns back only while the two touch.
_SPACE_OR_BREAK = f"[\\s{BREAK}]"
_PLAIN_SPACES = " \t\n\r\f\v"
_PLAIN_SPACE = f"[{_PLAIN_SPACES}]"
_LINK_EDGE_SPACE = f"(?:{_SPACE_OR_BREAK}*{BREAK}{_SPACE_OR_BREAK}*|{_PLAIN_SPACE}+)"
_SPACE_AFTER_LINK_START = re.compile(f"{LINK_OPEN}({_LINK_EDGE_SPACE})")
# The same white space before a link's end: the whole run before it, read once from where it
# starts and never given back (a run tried from each of its characters, or given back a
# character at a time to find a break in it, costs the square of its length: a thousand
# spaces a million steps; 8,000 breaks after a link, 0.7 s). Which part of it goes outside is
# decided once the run is read (_outside_link_end).
_SPACE_BEFORE_LINK_END = re.compile(f"(?<!{_SPACE_OR_BREAK})({_SPACE_OR_BREAK}++){LINK_CLOSE}")
# What any match of it ends in, searched for first: few links end in white space.
_SPACE_THEN_LINK_END = re.compile(f"{_SPACE_OR_BREAK}{LINK_CLOSE}")


def _outside_link_end(found: re.Match[str]) -> str:
    """A run of white space before a link's end goes after it whole if it holds a line break;
    else only its plain spaces at the end do."""
    run = found.group(1)
    if BREAK in run:
        return LINK_CLOSE + run
    kept = run.rstrip(_PLAIN_SPACES)
    return kept + LINK_CLOSE + run[len(kept) :]


def _space_outside_links(raw: str) -> str:
    if _SPACE_THEN_LINK_END.search(raw):
        raw = _SPACE_BEFORE_LINK_END.sub(_outside_link_end, raw)
    return _SPACE_AFTER_LINK_START.sub(lambda found: found.group(1) + LINK_OPEN, raw)


_BACKTICK_RUNS = re.compile("`+")


def backtick_fence(code: str, shortest: int = 1) -> str:
    """A run of backticks longer than any in ``code``, so the code cannot close it: a code
    span's fence, or with ``shortest`` 3 a code block's."""
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(code)), default=0)
    return "`" * max(longest + 1, shortest)


def _code_span(code: str) -> str:
    """A code span in a fence longer than any run of backticks in it, the white space at its
    edges outside (a reader trims it); emphasis and line breaks in code mean nothing, and a
    link in it becomes a link around code ("[`close()`](...)"): code holds no link."""
    code = code.replace(STRONG, "").replace(EMPHASIS, "").replace(STRIKE, "").replace(BREAK, " ")
    return "".join(_fenced(piece) for piece in _LINK_EDGES.split(code))


_LINK_EDGES = re.compile(f"([{LINK_OPEN}{LINK_CLOSE}])")


def _fenced(code: str) -> str:
    lead, core, trail = _edge_space(code)
    if not plain(core) or core in (LINK_OPEN, LINK_CLOSE):
        return code
    fence = backtick_fence(core)
    pad = " " if core.startswith("`") or core.endswith("`") else ""
    return f"{lead}{fence}{pad}{core}{pad}{fence}{trail}"


_SPAN_MARKS = (STRONG, EMPHASIS, STRIKE)
_EMPHASIS_PIECES = re.compile(f"([{STRONG}{EMPHASIS}{STRIKE}{BREAK}{LINK_OPEN}{LINK_CLOSE}])")
# Where emphasis cannot run on: across a line break, or in or out of a link's text.
_EMPHASIS_BOUNDS = (BREAK, LINK_OPEN, LINK_CLOSE)


def _edge_space(text: str) -> tuple[str, str, str]:
    """The white space before the text's first other character, the text from it to its last
    other character, and the white space after. Read with string methods: a regular expression
    with a lazy middle tries the end at every character of each run of white space inside the
    text (20,000 no-break spaces in one bold span took 9 s to render as Markdown)."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = len(text) - len(text.lstrip())
    return text[:start], core, text[start + len(core) :]


def _tidy_emphasis(raw: str) -> str:
    """Bold and italic marks as Markdown can read them: a span is closed before a line break
    or a link's edge and opened again after it (emphasis cannot cross one, and a span that
    ends inside a link it began outside breaks the link), white space just inside a mark goes
    outside it ("** bold **" is no emphasis), two spans that touch are one ("**B****old**"),
    and an empty span or one never closed goes."""
    if STRONG not in raw and EMPHASIS not in raw and STRIKE not in raw:
        return raw
    out: list[str] = []
    opened: dict[str, int] = {}  # mark -> its index in ``out``, in the order opened
    for piece in _EMPHASIS_PIECES.split(raw):
        if piece in _EMPHASIS_BOUNDS:
            marks = list(opened)
            for mark in reversed(marks):
                _close(out, opened, mark)
            out.append(piece)
            for mark in marks:
                opened[mark] = len(out)
                out.append(mark)
        elif piece in opened:
            _close(out, opened, piece)
        elif piece in _SPAN_MARKS:
            if len(out) >= 4 and out[-1] == piece and out[-3] == piece:
                out.pop()  # the span just closed goes on
                opened[piece] = len(out) - 2
            elif _wraps_one_span_of(out, piece):
                # "<b><i>Fortune</i></b><i>®</i>": the bold span just closed holds one italic
                # span and nothing else; the two marks swap so that the italic goes on,
                # instead of five asterisks in a row that a reader cannot pair.
                outer, inner = out[-1], out[-2][1:-1]
                out[-3:] = [piece, outer + inner + outer]
                opened[piece] = len(out) - 2
            else:
                opened[piece] = len(out)
                out.append(piece)
        elif piece:
            if _is_word_char(piece[0]) and _ends_in_a_closer(out, opened):
                _end_span_before_punctuation(out)
            out.append(piece)
    for index in sorted(opened.values(), reverse=True):
        del out[index]  # never closed
    return "".join(out)


def _is_punctuation(char: str) -> bool:
    """As CommonMark 0.31 counts it: symbols too ("™"). The page model's marks (private use)
    are not, though each becomes Markdown punctuation: a span's edges never move past one."""
    return unicodedata.category(char)[0] in "PS"


def _is_word_char(char: str) -> bool:
    return not char.isspace() and not _is_punctuation(char) and not _ANY_MARK.match(char)


def _ends_in_a_closer(out: list[str], opened: dict[str, int]) -> bool:
    return (
        len(out) >= 3
        and out[-1] in _SPAN_MARKS
        and len(out) - 1 not in opened.values()
        and out[-3] == out[-1]
    )


def _end_span_before_punctuation(out: list[str]) -> None:
    """Where a span ends in punctuation and a word follows ("**Why?**The"), Markdown takes
    the closing mark for no closer: the span ends before its punctuation instead. A span of
    nothing but punctuation loses its marks."""
    text = out[-2]
    end = len(text.rstrip())
    while end and _is_punctuation(text[end - 1]):
        end -= 1
        while end and text[end - 1].isspace():
            end -= 1
    core = text[:end]
    if core == text:
        return
    if not _shows_something(core):
        out[-3:] = [text]
        return
    mark = out.pop()
    out[-1:] = [core, mark, text[len(core) :]]


def _follows_a_word(out: list[str]) -> bool:
    before = next((piece for piece in reversed(out) if piece), "")
    return bool(before) and _is_word_char(before[-1])


def _wraps_one_span_of(out: list[str], mark: str) -> bool:
    """Whether ``out`` ends in a span of the other mark whose text is one span of ``mark``."""
    if len(out) < 4 or out[-1] == mark or out[-1] not in _SPAN_MARKS:
        return False
    text = out[-2]
    return (
        out[-3] == out[-1]
        and len(text) > 2
        and text[0] == mark
        and text[-1] == mark
        and mark not in text[1:-1]
    )


def _close(out: list[str], opened: dict[str, int], mark: str) -> None:
    """Close ``mark``'s span, the white space at the edges of its text put outside it; a span
    opened inside it and still open closes first, so that the marks always nest."""
    inner_spans = [(at, other) for other, at in opened.items() if at > opened[mark]]
    for _, other in sorted(inner_spans, reverse=True):
        _close(out, opened, other)
    start = opened.pop(mark)
    inner = "".join(out[start + 1 :])
    del out[start:]
    lead, text, trail = _edge_space(inner)
    if trail[:1] == "\u00a0" and text[-1:] == "\u00c2":
        # In a page encoded twice, "\u00c2\u00a0" is one no-break space, which the repair of
        # the Document turns back only while the two touch: both go outside.
        text, trail = text[:-1], "\u00c2" + trail
    if not lead and text and _is_punctuation(text[0]) and _follows_a_word(out):
        # "was**$9.99**": a mark between a word and punctuation opens nothing in Markdown;
        # the span opens after the punctuation instead.
        first = len(text) - len(text.lstrip())
        while first < len(text) and _is_punctuation(text[first]):
            first += 1
            while first < len(text) and text[first].isspace():
                first += 1
        lead, text = text[:first], text[first:]
    if not _shows_something(text):
        out.append(inner)  # an empty span: its marks say nothing
        return
    if (len(text) - len(text.rstrip("\\"))) % 2:
        text += "\\"  # a backslash that met white space, now before the mark, must not escape it
    # An empty lead right after an empty string is left out: spans that go on as one left one
    # each, and looking back past them for a word (_follows_a_word) grew with their number.
    if lead or not out or out[-1]:
        out.append(lead)
    # No empty string after the closing mark: the next span of its kind may go on from it.
    out.extend((mark, text, mark, trail) if trail else (mark, text, mark))


# An image rides in a block's targets as its Markdown, "![alt](src)": the form the Markdown
# renderer writes as it is; the other renderers read it back with these two.
_IMAGE_TARGET = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>.*)\)", re.DOTALL)


def image_target(alt: str, src: str) -> str:
    return f"![{' '.join(without_marks(alt).replace(']', '').split())}]({without_marks(src)})"


def without_marks(text: str) -> str:
    """The text with each of the page model's marks a space. The guard turns their characters
    into spaces before the parse (dom.guard_markup), but a character reference to one
    ("&#xe001;", an icon font's glyph) becomes the character only in the parse: read as a mark,
    it opened a link in the text ("Home[About" in the Markdown)."""
    # most texts are ASCII, which Python knows without reading them, or hold nothing as high
    if text.isascii() or max(text) < CELL:
        return text
    return _ANY_MARK.sub(" ", text)


def image_parts(target: str) -> tuple[str, str] | None:
    """(alt, src) of an image target, or None when ``target`` is no image's."""
    found = _IMAGE_TARGET.fullmatch(target) if target.startswith("![") else None
    return (found["alt"], found["src"]) if found else None


_DESCRIPTION_SPECIAL = re.compile(r"[\\\[`<]")


def _image_description(alt: str) -> str:
    """The alt text as Markdown reads it back: a bracket would end or unbalance it, a backslash
    would escape what follows, and a backtick or a "<" could open a code span or a tag that runs
    past the image. (The target holds no "]": its pattern ends there.)"""
    return _DESCRIPTION_SPECIAL.sub(r"\\\g<0>", alt)


def _destination(address: str) -> str:
    """A link's address as Markdown reads it whole: without the tabs and line breaks a browser
    drops, its backslashes escaped (one before a parenthesis ended the link early, and two read
    as one), and in angle brackets where it holds a space or unbalanced parentheses, which would
    end it early (its own angle brackets then percent-encoded, as a browser sends them)."""
    address = without_tabs_and_breaks(address).replace("\\", "\\\\")
    if " " in address or address.count("(") != address.count(")"):
        return "<" + address.replace("<", "%3C").replace(">", "%3E") + ">"
    return address


@dataclass(frozen=True, slots=True)
class ElementTable:
    """Facts about every element the builder entered, one tuple per fact, by element index."""

    tag: tuple[str, ...]
    parent: tuple[int, ...]
    depth: tuple[int, ...]
    own_tokens: tuple[int, ...]  # vocabulary bits of class/id/role/itemprop
    tokens: tuple[int, ...]  # bits of the element and all its ancestors
    tags: tuple[int, ...]  # structural tag bits, self and ancestors
    hidden: tuple[bool, ...]
    enter: tuple[int, ...]  # walk step at which the element was entered
    exit: tuple[int, ...]  # ... and left
    chars: tuple[int, ...]  # text characters in the subtree
    link_chars: tuple[int, ...]
    sibling_index: tuple[int, ...]  # among same-tag siblings, from 1
    same_tag: tuple[int, ...]  # siblings with the same tag, itself included
    repeats: tuple[int, ...]  # siblings with the same tag and tokens, itself included
    # ``tokens`` without the class words of <html> and <body>: themes list words such as
    # "sidebar", "related" or "footer" there, where they describe the page, not a part of it.
    part_tokens: tuple[int, ...]
    # the elements that hide themselves (``hidden`` is true for them and all they hold)
    hides: frozenset[int] = frozenset()
    # the class attribute as written: elements a template repeats share it
    classes: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    def __len__(self) -> int:
        return len(self.tag)


@dataclass(frozen=True, slots=True)
class Declarations:
    """What the page says about itself in markup, for the metadata stage."""

    meta_pairs: tuple[tuple[str, str], ...] = ()  # (name or property, lower case; content)
    links: tuple[tuple[str, str], ...] = ()  # (rel, href)
    base_href: str = ""  # <base href>: what the page's relative addresses resolve against
    microdata: tuple[tuple[str, str], ...] = ()  # (itemprop, content, datetime or short text)
    times: tuple[tuple[int, str, str], ...] = ()  # (element index, datetime attribute, text)
    spans: tuple[tuple[int, str], ...] = ()  # (element index, text) of author and date marks
    element_ids: dict[int, str] = field(default_factory=dict)  # (element, its id attribute)
    hrefs: tuple[tuple[int, str], ...] = ()  # (element, address) of each link in the body
    comment_items: tuple[int, ...] = ()  # declared Comment, Question, Answer items, in order
    item_dates: tuple[tuple[int, str, str], ...] = ()  # (element, stamp, text) of itemprop dates
    item_authors: tuple[tuple[int, str], ...] = ()  # (element, name) of itemprop="author"
    item_texts: tuple[int, ...] = ()  # elements holding an item's itemprop="text"
    # (element, tooltip, text) of inline elements whose tooltip holds a year: forums show
    # "2y" or "1 year ago" and keep the date itself in a title or a tooltip attribute
    tooltips: tuple[tuple[int, str, str], ...] = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


_ABSOLUTE_ADDRESS = re.compile(r"https?://[^/\s]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Block, ...]
    elements: ElementTable
    title_tag: str
    meta: dict[str, str]  # the first value of each meta name
    json_ld: tuple[str, ...]
    lang: str
    warnings: tuple[str, ...] = ()
    declarations: Declarations = Declarations()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    def declared_address(self) -> str | None:
        """The absolute http(s) address the page declares for itself: its canonical link,
        else its og:url."""
        canonical = (href for rel, href in self.declarations.links if "canonical" in rel.split())
        for address in (*canonical, self.meta.get("og:url", "")):
            if _ABSOLUTE_ADDRESS.match(address.strip()):
                return address.strip()
        return None

    def xpath(self, element: int, known: dict[int, str] | None = None) -> str:
        """A path from the root to an element, for showing where a block came from.

        ``known`` caches the paths already built, which blocks of one page mostly share.
        """
        table = self.elements
        known = {} if known is None else known
        chain: list[int] = []
        while element >= 0 and element not in known:
            chain.append(element)
            element = table.parent[element]
        path = known.get(element, "")
        for step in reversed(chain):
            path += f"/{table.tag[step]}[{table.sibling_index[step]}]"
            known[step] = path
        return path


def is_drop_cap(block: Block, following: Block) -> bool:
    """Whether ``block`` is the first letter of the paragraph ``following`` it, set in a box of
    its own. A letter before a name, as forums set a member's initial beside it, is none: only
    a paragraph that opens in lowercase takes one."""
    letter = block.text
    return (
        len(letter) == 1
        and letter.isupper()
        and not block.links
        and following.kind == "p"
        and following.text[:1].islower()
    )


# Chinese and Japanese write without spaces: about two of these characters make a word.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# Thai, Lao, Burmese and Khmer write words without spaces too (a space ends a phrase): about
# five of their letters, vowel and tone marks counted, make a word.
_UNSPACED_ALPHABET = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_LETTERS_PER_WORD = 5


def word_count(text: str, most: int | None = None) -> int:
    """Words in any script: spaced words, plus unspaced CJK text at two characters a word and
    unspaced Thai, Lao, Burmese or Khmer at five letters a word. With ``most``, counting stops
    there: most callers ask whether a block has a few words, and a block may be 50 MB."""
    if most is None:
        words = len(text.split())
    else:
        words = min(len(text.split(None, most)), most)
        if words == most:
            return most
    if not text.isascii():
        unspaced = len(_UNSPACED_ALPHABET.findall(text)) // _LETTERS_PER_WORD
        words += len(_UNSPACED_SCRIPT.findall(text)) // 2 + unspaced
    return words if most is None else min(words, most)


def code_lines(blocks: Sequence[Block]) -> dict[int, list[int]]:
    """The blocks of each code block (``Block.code``), by the <pre> element they are lines of:
    a highlighter sets each line in a box of its own, which the page model reads as a block."""
    lines: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.code >= 0:
            lines.setdefault(block.code, []).append(index)
    return lines


def has_words(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` words."""
    return word_count(text, count) >= count
