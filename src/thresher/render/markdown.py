"""Markdown (CommonMark with GFM tables and strikethrough) of the chosen blocks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..comments import Comment
from ..page.model import Block, Container, backtick_fence, markdown_of_text, without_permalink
from .prepare import prepared
from .text import same_structure, separator


def _heading_level(kind: str) -> int:
    return int(kind[1]) if len(kind) == 2 and kind[0] == "h" and kind[1].isdigit() else 0


def _table_row(block: Block, markdown: str, previous: Block | None, width: int) -> str:
    """A row of a table ``width`` cells wide: a reader drops the cells of a row beyond the
    header's, so every row of a table has as many as its widest."""
    # A row is one line: a line break in a cell would end the table.
    cells = markdown.replace("\n", " ").split(" | ")
    cells += [" "] * (width - len(cells))
    row = "| " + " | ".join(cells) + " |"
    starts_table = previous is None or not same_structure(previous, block)
    if starts_table:
        rule = "| " + " | ".join("---" for _ in cells) + " |"
        if block.header_row:
            return row + "\n" + rule
        blank_header = "| " + " | ".join(" " for _ in cells) + " |"
        return blank_header + "\n" + rule + "\n" + row
    return row


def _table_runs(blocks: Sequence[Block]) -> list[range]:
    """Where each run of rows of one table begins and ends."""
    runs: list[range] = []
    for index, block in enumerate(blocks):
        if block.kind != "tr":
            continue
        if runs and runs[-1].stop == index and same_structure(blocks[index - 1], block):
            runs[-1] = range(runs[-1].start, index + 1)
        else:
            runs.append(range(index, index + 1))
    return runs


def _without_empty_columns(rows: Sequence[str]) -> list[str]:
    """A table's rows without the columns where no row has anything: a spacer column of a
    layout table, or an index column left blank."""
    cells = [row.split(" | ") for row in rows]
    width = max(len(row) for row in cells)
    kept = [c for c in range(width) if any(c < len(row) and row[c].strip() for row in cells)]
    if not kept or len(kept) == width:
        return list(rows)
    return [" | ".join(row[c] if c < len(row) else "" for c in kept) for row in cells]


def _tables(blocks: Sequence[Block], markdowns: list[str]) -> list[int]:
    """For each block, the most cells a row of its run of table rows has (0 off tables);
    the runs' Markdown loses its empty columns on the way."""
    widths = [0] * len(blocks)
    for run in _table_runs(blocks):
        rows = _without_empty_columns(markdowns[run.start : run.stop])
        markdowns[run.start : run.stop] = rows
        width = max(len(row.split(" | ")) for row in rows)
        widths[run.start : run.stop] = [width] * len(run)
    return widths


# What would make a line of text a heading, a list item, a quote or a rule in Markdown: "# ",
# "- ", "1. ", ">" at its start, or a line of dashes or equals signs. A line of text that begins
# so is escaped, so it stays text.
_BLOCK_MARK = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<mark>#{1,6}(?=[ \t]|$)|[-+*](?=[ \t]|$)|>|[-=_*](?=[-=_* \t]*$))"
    r"|(?P<number>\d{1,9})(?P<delimiter>[.)])(?=[ \t]|$))",
    re.MULTILINE,
)


# How any line that _BLOCK_MARK matches begins: a line of text seldom does, and then the
# pattern need not try every position of it.
_MARK_START = re.compile(r"[ \t]*[-+*#>=_\d]")
# A run of "#" that ends a heading after a space (or is all of it) would close the heading
# line, and a Markdown reader drops it: its last "#" is escaped ("Issue ##" stays whole).
_CLOSING_HASHES = re.compile(r"(?:^|(?<=[ \t]))(#*)#[ \t]*$")


def _escaped_starts(markdown: str) -> str:
    if "\n" not in markdown and not _MARK_START.match(markdown):
        return markdown
    return _BLOCK_MARK.sub(_escape_mark, markdown)


def _escape_mark(found: re.Match[str]) -> str:
    if found["number"]:  # the delimiter is what CommonMark lets a backslash escape
        return f"{found['indent']}{found['number']}\\{found['delimiter']}"
    return f"{found['indent']}\\{found['mark']}"


# A list a page wrote by hand in a paragraph: lines that open with a bullet character. (Lines
# numbered by hand stay text: as list markers their numbers would stop being words of the
# Markdown, which a reader's text of it must keep.)
_WRITTEN_BULLET = re.compile(r"^[ \t]*[•●▪◦‣∙■►][ \t]+", re.MULTILINE)


def _paragraphs(markdown: str) -> str:
    """A paragraph block's Markdown: a line break in it is a hard break, text that would read
    as Markdown syntax is escaped, and the lines of a bulleted list written by hand are its
    items."""
    if not _WRITTEN_BULLET.search(markdown):
        if "\n" not in markdown:
            return _escaped_starts(markdown)
        paragraphs = _escaped_starts(markdown).split("\n\n")
        return "\n\n".join(paragraph.replace("\n", "  \n") for paragraph in paragraphs)
    lines = markdown.split("\n")
    items = [bool(_WRITTEN_BULLET.match(line)) for line in lines]
    parts = []
    for index, line in enumerate(lines):
        if index:
            gap = not line or not lines[index - 1]
            if gap or items[index] == items[index - 1]:
                parts.append("\n" if gap or items[index] else "  \n")
            else:
                parts.append("\n\n")  # a list begins or ends
        if items[index]:
            parts.append("- " + _escaped_starts(_WRITTEN_BULLET.sub("", line)))
        else:
            parts.append(_escaped_starts(line))
    return "".join(parts)


def _one_line(markdown: str) -> str:
    return " ".join(line for line in markdown.split("\n") if line)


# A list item's later lines are indented by its marker's width, three at least: enough to
# nest under "- " and under "1. " alike, and too few to make an indented code block of them.
_LEAST_ITEM_INDENT = 3


class _Nesting:
    """The list items the Markdown has opened, and the marks that nest each block's lines in
    the items and quotes it stands in."""

    def __init__(self) -> None:
        self.indents: dict[int, int] = {}  # an opened item's element -> its lines' indent
        self.shown: Counter[int] = Counter()  # a numbered list's element -> items opened
        # whether the block just marked opens a numbered list at a number other than 1,
        # which a Markdown reader takes for a new list only after a blank line
        self.counts_on = False

    def marks(self, block: Block) -> tuple[list[str], list[str], bool]:
        """What the block's first line and its other lines begin with, a piece for each
        container the block stands in, and whether the block opens a list item.

        An item is opened by the first of its blocks laid out as an item (its own text, or
        the box that opens it), with a marker; its later blocks, nested lists, code and
        quotes are indented under it. A box that follows a left-out opening stays a
        paragraph, as a product grid's cards do, and so does a heading that opens an item
        (Markdown splitters look for headings at a line's start). Only a quote's own
        paragraphs are quoted, by the quotes inside the innermost item they stand in: a
        list, a heading or code that a page sets in a quote (Sphinx indents whole sections
        so) keeps its own form, and so do the items of a list in a quote."""
        quoted = block.layout == "blockquote"
        self.counts_on = False
        if not block.containers and not quoted:
            return [], [], False  # most blocks
        first: list[str] = []
        rest: list[str] = []
        opens = False
        list_kind, list_element, list_start = "ul", -1, 1
        innermost = _innermost_item(block.containers) if block.layout == "li" else -1
        for position, container in enumerate(block.containers):
            piece = ""
            marker = ""
            if container.kind == "blockquote":
                piece = "> " if quoted else ""
            elif container.kind != "li":
                list_kind, list_element = container.kind, container.element
                list_start = container.start
            elif container.element in self.indents:
                piece = " " * self.indents[container.element]
            elif position == innermost:
                marker = self._marker(list_kind, list_element, list_start)
                self.indents[container.element] = max(len(marker), _LEAST_ITEM_INDENT)
                piece = " " * self.indents[container.element]
                opens = True
            first.append(marker or piece)
            rest.append(piece)
            if piece and container.kind == "li":  # the quotes around the item's list are not
                first[:position] = rest[:position] = [
                    "" if mark == "> " else mark for mark in rest[:position]
                ]
        if quoted and "> " not in rest:  # (quotes nested past the limit)
            first.append("> ")
            rest.append("> ")
        return first, rest, opens

    def _marker(self, list_kind: str, list_element: int, start: int) -> str:
        """The item's number in its list where the list is numbered: "1." on every item
        leaves a reader of the Markdown itself to count them."""
        if list_kind != "ol":
            return "- "
        self.shown[list_element] += 1
        self.counts_on = start != 1 and self.shown[list_element] == 1
        return f"{start - 1 + self.shown[list_element]}. "


def _innermost_item(containers: tuple[Container, ...]) -> int:
    for position in range(len(containers) - 1, -1, -1):
        if containers[position].kind == "li":
            return position
    return -1


def _nested(markdown: str, first: str, rest: str) -> str:
    if not first and not rest:
        return markdown
    lines = markdown.split("\n")
    others = (rest + line if line else rest.rstrip() for line in lines[1:])
    return "\n".join((first + lines[0], *others))


def _blank_line(previous: Block, before: list[str], block: Block, after: list[str]) -> str:
    """The line between two blocks: the indents and quote marks of the containers both
    stand in and both are nested in alike, so that it stays inside them (a blank line would
    end a quote, or the item of a quote inside it)."""
    if not before or not after:
        return ""
    shared = 0
    for mine, theirs in zip(previous.containers, block.containers):
        if mine != theirs:
            break
        shared += 1
    line = ""
    for piece_before, piece_after in zip(before[:shared], after[:shared]):
        if piece_before != piece_after:
            break
        line += piece_after
    return line.rstrip()


def _without_whole_bold(markdown: str) -> str:
    """A heading's text without bold around all of it: a heading is strong already, and the
    marks would only stand between a reader and its words ("## **Our Verdict**"). Two spans
    ("**Part 1** and **Part 2**") stay, as does an escaped star before the last two."""
    inner = markdown[2:-2]
    whole = markdown.startswith("**") and markdown.endswith("**") and "**" not in inner
    if whole and inner and inner.strip() == inner and not inner.endswith("\\"):
        return inner
    return markdown


def _render_block(block: Block, markdown: str, previous: Block | None, table_width: int) -> str:
    level = _heading_level(block.kind)
    if level:
        text = _without_whole_bold(without_permalink(_one_line(markdown)))
        return "#" * level + " " + _CLOSING_HASHES.sub(r"\1\\#", text)
    if block.layout == "li":
        return _escaped_starts(_one_line(markdown))
    if block.kind == "pre":
        fence = backtick_fence(block.text, shortest=3)
        return f"{fence}{block.language}\n{block.text}\n{fence}"
    if block.kind == "tr":
        return _table_row(block, markdown, previous, table_width)
    return _paragraphs(markdown)


def _separator(previous: Block, block: Block, items_open: tuple[bool, bool], blank: str) -> str:
    """As in the text, but a definition list has no Markdown of its own: its lines are held
    apart by hard breaks (a plain line break would run a term into its definition), and a
    new term after a definition begins a paragraph. A list item's later paragraph is a
    paragraph apart, or it would run on from the line before, and so is the item after it;
    a blank line inside a quote is a line of the quote (``blank``), or it would end it."""
    if previous.kind in ("dt", "dd") and block.kind in ("dt", "dd"):
        return "\n\n" if previous.kind == "dd" and block.kind == "dt" else "  \n"
    if separator(previous, block) == "\n" and (all(items_open) or block.layout != "li"):
        return "\n"
    return "\n" + blank + "\n"


def render_markdown(blocks: Sequence[Block], title: str | None = None) -> str:
    blocks = prepared(blocks)
    parts: list[str] = []
    if title:
        parts.append("# " + title)
    # A code block's Markdown is its text; every other block's inline Markdown, made once.
    markdowns = [block.text if block.kind == "pre" else block.markdown for block in blocks]
    widths = _tables(blocks, markdowns)
    for index, width in enumerate(widths):
        if width == 1:  # rows of one cell lay text out: as a table it would gain a blank header
            blocks[index] = blocks[index]._replace(kind="p")
            markdowns[index] = blocks[index].markdown
    previous: Block | None = None
    before: list[str] = []
    opened_before = False
    nesting = _Nesting()
    for block, markdown, width in zip(blocks, markdowns, widths):
        first, rest, opens_item = nesting.marks(block)
        if previous is not None:
            blank = _blank_line(previous, before, block, rest)
            items_open = (opened_before, opens_item and not nesting.counts_on)
            parts.append(_separator(previous, block, items_open, blank))
        elif parts:
            parts.append("\n\n")
        body = _render_block(block, markdown, previous, width)
        parts.append(_nested(body, "".join(first), "".join(rest)))
        previous, before, opened_before = block, rest, opens_item
    return "".join(parts)


def render_comments_markdown(comments: Sequence[Comment]) -> str:
    """Readers' comments after a rule, as Markdown: a line with each comment's author and
    date, then its text, a reply quoted once for each level it is nested; their words escaped
    where Markdown would read them as markup ("# 1", "2*3*4", "<b>"), as the content's are.
    Only readers' comments: a thread's posts are its content already. Empty without any."""
    parts = []
    for comment in comments:
        if comment.kind != "comment":
            continue
        named = (markdown_of_text(part) for part in (comment.author, comment.date_text) if part)
        head = _escaped_starts(" · ".join(named))
        body = _paragraphs(markdown_of_text(comment.text))
        quote = "> " * comment.depth
        markdown = f"{head}  \n{body}" if head and body else head or body
        parts.append(_nested(markdown, quote, quote))
    return "\n\n".join(["---", *parts]) if parts else ""
