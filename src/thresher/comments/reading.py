"""Comments as records: each record's comment, then the list with containers dropped."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..frozen import by_fields
from ..label.vocabulary import CATEGORY_BITS
from ..page.model import Block, ElementTable, Page
from .fields import (
    Declared,
    after_member_card,
    card_name,
    date_of,
    declared_author,
    declared_text,
    form_inside,
    holds_text,
    in_user_panel,
    is_ad_label,
    is_control,
    loose_marked_author,
    marked_author,
    marked_text,
    name_beside_date,
    panel_name,
    profile_name,
    quoting_blocks,
    without_by,
    without_header,
    without_interface_lines,
    without_markup,
    without_member_card,
    without_trailing_badges,
    without_trailing_counts,
)
from .records import Record

_PINGBACK_TEXT = re.compile(r"^\s*(pingback|trackback)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment, pingback, trackback or forum post, as ``Document.comments`` holds
    them, in page order."""

    kind: str
    """``comment``, ``pingback``, ``trackback`` or ``post`` (a forum thread's posts)."""
    author: str | None
    """The name shown; for a pingback, the title of the page that links here."""
    date: str | None
    """ISO 8601: a day, or a day and time; None where the date shown could not be read."""
    date_text: str | None
    """The date as the page shows it ("3 days ago", "March 1, 2024 at 9:14 am")."""
    text: str
    """What the comment says, without its author line, date, reply button or quote."""
    depth: int
    """0 for a comment on the page, 1 for a reply to one, and so on."""
    reply_to: int | None
    """The index in ``Document.comments`` of the comment this one answers."""
    id: str | None = None
    """The identifier the page gives the comment (its element's ``id``), if any."""
    quote: str | None = None
    """What the comment quotes of another post, kept out of ``text``."""

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def with_text_mapped(self, fix: Callable[[str], str]) -> Comment:
        """The record with ``fix`` applied to the text it took from the page."""
        return replace(
            self,
            author=_mapped(fix, self.author),
            date_text=_mapped(fix, self.date_text),
            text=fix(self.text),
            quote=_mapped(fix, self.quote),
        )


def _mapped(fix: Callable[[str], str], value: str | None) -> str | None:
    return fix(value) if value else value


def as_post(comment: Comment | None) -> Comment | None:
    """A forum thread's records are posts, not reader comments."""
    return replace(comment, kind="post") if comment and comment.kind == "comment" else comment


def record_kinds(
    comments_by_record: list[Comment | None], owner: list[int | None]
) -> list[str | None]:
    """Per block: the kind of the comment record holding it (None outside, or in a container)."""
    kinds = [comment.kind if comment else None for comment in comments_by_record]
    return [kinds[record] if record is not None else None for record in owner]


def read_comments(
    page: Page, records: tuple[Record, ...], owner: list[int | None]
) -> list[Comment | None]:
    """One entry per record: its comment, or None for a container (no author, date or
    pingback line of its own). ``renumber`` turns this into the final list."""
    if not records:
        return []
    blocks_of: list[list[Block]] = [[] for _ in records]
    for block, holder in zip(page.blocks, owner):
        if holder is not None:
            blocks_of[holder].append(block)
    table = page.elements
    first_reply: dict[int, int] = {}  # record -> where its first nested record starts
    for reply in records:
        if reply.parent is not None and reply.parent not in first_reply:
            first_reply[reply.parent] = table.enter[reply.element]
    comments: list[Comment | None] = []
    declared = Declared(page)
    for index, record in enumerate(records):
        start, end = table.enter[record.element], table.exit[record.element]
        window = (start, first_reply.get(index, end))
        comment = _comment(page, declared, record, blocks_of[index], window)
        # A marked element with no author, date or pingback line of its own is a container;
        # one holding a form is the box for writing a comment, unless it is dated: a written
        # comment's own forms (edit, react) stand beside its date.
        is_form = any(form_inside(page, b, record.element) for b in blocks_of[index])
        has_marks = comment.author or comment.date_text
        box = is_form and not comment.date
        comments.append(comment if has_marks and not box else None)
    return comments


def renumber(comments: list[Comment | None], records: tuple[Record, ...]) -> tuple[Comment, ...]:
    """Drop containers; a reply then points to its nearest kept ancestor.

    A record's parent comes before it, so one pass finds each record's nearest kept ancestor
    and depth from its parent's (climbing every ancestor for each reply took time growing with
    the square of a thread's depth: 8,000 replies nested in one another, 5 s)."""
    nearest: list[int | None] = []  # each record itself if kept, else its nearest kept ancestor
    new_index: dict[int, int] = {}
    kept: list[Comment] = []
    for index, comment in enumerate(comments):
        above = records[index].parent
        parent = nearest[above] if above is not None else None
        nearest.append(parent if comment is None else index)
        if comment is None:
            continue
        reply_to = new_index[parent] if parent is not None else None
        depth = kept[reply_to].depth + 1 if reply_to is not None else 0
        new_index[index] = len(kept)
        kept.append(replace(comment, depth=depth, reply_to=reply_to))
    return tuple(kept)


def _body(blocks: list[Block], author: str | None, date_text: str | None) -> list[Block]:
    """The record's text blocks without its header lines, the lines that only repeat its
    author or date, and the status under it."""
    # the lines repeating the author or the date go first: a badge below them ("Author", the
    # thread starter's) is then a header line too
    own_lines = [
        b
        for b in blocks
        if not (author and without_by(b.text).startswith(author) and len(b.text) < len(author) + 60)
        and not (date_text and date_text in b.text and len(b.text) < len(date_text) + 40)
    ]
    return without_trailing_badges(
        [b for b in without_header(own_lines, author) if not is_ad_label(b.text)]
    )


def _author_and_date(
    page: Page,
    declared: Declared,
    record: Record,
    blocks: list[Block],
    window: tuple[int, int],
    text_blocks: list[Block],
    panel_lines: list[Block],
) -> tuple[str | None, str | None, str | None]:
    """Who wrote the record, and when: its date and the date's text as shown."""
    author = without_markup(
        declared_author(declared, window)
        or marked_author(page, declared, window, blocks)
        or panel_name(page, blocks, record.element)
        or profile_name(page, blocks, window)
        or card_name(text_blocks)
        or loose_marked_author(page, declared, window, blocks)
    )
    date, date_text = date_of(declared, window, text_blocks, author)
    if date_text is None:
        date, date_text = date_of(declared, window, panel_lines, author)
    if author is None and date_text:
        author = name_beside_date(text_blocks, " ".join(date_text.split()))
    if author and date_text is None:
        # a permalink is a link whose text is often the date; a container must not get one
        linked = [b for b in blocks if is_control(b)]
        date, date_text = date_of(declared, window, linked)
    return author, date, date_text


def _hidden_inside(table: ElementTable, block: Block, record_element: int) -> bool:
    """Whether an element inside the record hides the block (the hidden attribute,
    aria-hidden, display:none): a template's error message, a menu's items, no one's words.
    A box hiding the record too tells nothing (a whole page in a shell that scripts reveal)."""
    hides, parent = table.hides, table.parent
    node = block.element
    while node > record_element:  # elements are numbered in page order, parents first
        if node in hides:
            return True
        node = parent[node]
    return False


def _comment(
    page: Page, declared: Declared, record: Record, blocks: list[Block], window: tuple[int, int]
) -> Comment:
    table = page.elements
    quoting = quoting_blocks(page, blocks)
    panel = [in_user_panel(page, b, record.element, quote) for b, quote in zip(blocks, quoting)]
    text_blocks = [
        b
        for b, in_panel in zip(blocks, panel)
        if not is_control(b) and not in_panel and not _hidden_inside(table, b, record.element)
    ]
    # the poster's panel may hold the post's dateline ("by jroe » Sun Sep 01, 2019")
    panel_lines = [
        b for b, in_panel, quote in zip(blocks, panel, quoting) if in_panel and not quote
    ]
    whole = "\n".join(b.text for b in text_blocks)
    pingback = _PINGBACK_TEXT.match(whole)
    kind_bits = table.own_tokens[record.element]
    identifier = page.declarations.element_ids.get(record.element)
    # Comment systems give pingbacks their own class but the same kind of id as comments.
    marked_pingback = bool(kind_bits & CATEGORY_BITS["pingback"])
    if pingback:
        # The plain form: one line, "Pingback: <linking page's title>".
        title = _PINGBACK_TEXT.sub("", whole).strip() or None
        kind = pingback.group(1).lower()
        return Comment(
            kind, title, None, None, whole.strip(), record.depth, record.parent, identifier
        )
    # A quoted post's header ("jroe wrote: Sun Dec 17, 2023") names and dates the quoted post.
    quoted = {id(b) for b, quote in zip(blocks, quoting) if quote}
    own_lines = [b for b in text_blocks if id(b) not in quoted]
    author, date, date_text = _author_and_date(
        page, declared, record, blocks, window, own_lines, panel_lines
    )
    # The forms in a written comment (edit, react, the answer box under a question) hold
    # controls and their messages; some comment systems keep the text itself in a form, to
    # edit it in place, and then nothing but the header stands outside it.
    text_blocks = without_member_card(after_member_card(text_blocks, blocks, date_text))
    outside_forms = [b for b in text_blocks if not form_inside(page, b, record.element)]
    if holds_text(outside_forms, author):
        text_blocks = outside_forms
    text_blocks = declared_text(page, declared, window, text_blocks)
    body = _body(
        marked_text(page, text_blocks, record.element, (author, date_text), blocks),
        author,
        date_text,
    )
    body = without_trailing_counts(without_interface_lines(body))
    own = "\n\n".join(b.text for b in body if id(b) not in quoted).strip()
    quote = "\n\n".join(b.text for b in body if id(b) in quoted).strip()
    # A pingback marked up like a comment: the "author" is the linking page's title.
    return Comment(
        "pingback" if marked_pingback else "comment",
        author,
        date,
        date_text,
        own or quote,
        record.depth,
        record.parent,
        identifier,
        quote if own and quote else None,
    )
