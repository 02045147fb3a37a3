"""Reader comments, pingbacks and forum posts as records, read from the page model.

A record is an element marked as a comment (or pingback) in its class, id or role that is a
list item or carries an id, as comment systems write them; an inner marked element with no
list between it and an outer one is part of the same record. Records nested in records are
replies. Each record's author, date and text come from the marks and blocks inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .label.vocabulary import CATEGORY_BITS, TAG_BITS
from .metadata.dates import parse_date
from .page.model import Block, Page

_RECORD_BITS = CATEGORY_BITS["comment"] | CATEGORY_BITS["pingback"]
_AUTHOR_BITS = CATEGORY_BITS["user"] | CATEGORY_BITS["byline"]
_BODY_BITS = CATEGORY_BITS["content"] | CATEGORY_BITS["body"] | CATEGORY_BITS["article"]
_RECORD_TAGS = frozenset(("li", "article", "div", "section"))
_LISTS = frozenset(("ol", "ul"))
_PINGBACK_TEXT = re.compile(r"^\s*(pingback|trackback)\s*:\s*", re.IGNORECASE)
_SAYS = re.compile(r"\s+(says|said|wrote|schreibt|dit)\s*:?\s*$", re.IGNORECASE)
_CONTROLS = frozenset(("reply", "antworten", "répondre", "responder", "report", "quote", "like"))
MAX_RECORDS = 20_000
_LONGEST_CONTROL = 40
_LONGEST_USER_PANEL = 300
_SHORTEST_RECORD = 30
_LONGEST_NAME = 60
_HANDLE_AND_NAME = re.compile(r"^(\S+)\s+\([^()]+\)$")
_LONGEST_HEADER_LINE = 100
# Labels forums print above a post: the poster's status or rank, not the post.
FORUM_BADGES = frozenset(
    (
        "thread starter",
        "original poster",
        "op",
        "author",
        "moderator",
        "staff member",
        "administrator",
        "admin",
        "member",
        "members",
        "new member",
        "senior member",
        "well-known member",
        "active member",
        "guest",
        "reputation",
    )
)
_POST_NUMBER = re.compile(r"^(?:#|(?:reply|post|comment|answer)\s+#?)?\d{1,6}$", re.IGNORECASE)
_POST_COUNTS = re.compile(r"\b\d[\d,.]*\s+(?:posts?|messages?|replies)\b|\bedited by\b", re.I)


@dataclass(frozen=True, slots=True)
class Comment:
    kind: str  # comment, pingback, trackback or post
    author: str | None
    date: str | None
    date_text: str | None
    text: str
    depth: int
    reply_to: int | None
    id: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "author": self.author,
            "date": self.date,
            "date_text": self.date_text,
            "text": self.text,
            "depth": self.depth,
            "reply_to": self.reply_to,
            "id": self.id,
        }


@dataclass(frozen=True, slots=True)
class Record:
    element: int
    depth: int
    parent: int | None  # index into the list of records


def find_records(page: Page) -> tuple[Record, ...]:
    table = page.elements
    ids = page.declarations.element_ids
    marked = [
        index
        for index, own in enumerate(table.own_tokens)
        if own & _RECORD_BITS
        and table.tag[index] in _RECORD_TAGS
        and (table.tag[index] == "li" or index in ids)
    ]
    declared = page.declarations.comment_items
    if declared:  # a record the page declares needs no class, id or particular tag
        marked = sorted(set(marked).union(declared))
    # An item too short to hold a name and a text is a part ("li.comment-time"), not a record.
    marked = [index for index in marked if table.chars[index] >= _SHORTEST_RECORD][:MAX_RECORDS]
    containers = _containers(table, marked)
    records: list[Record] = []
    open_records: list[tuple[int, int]] = []  # (element, record index) of enclosing records
    for element in marked:
        while open_records and table.exit[open_records[-1][0]] < table.enter[element]:
            open_records.pop()
        outer = open_records[-1][0] if open_records else None
        if (
            outer is not None
            and outer not in containers
            and not _list_between(table, element, outer)
        ):
            continue  # an inner part of the record that is already open
        parent = open_records[-1][1] if open_records else None
        records.append(Record(element, len(open_records), parent))
        open_records.append((element, len(records) - 1))
    return tuple(records) if any(_has_text(page, r) for r in records) else ()


def _containers(table: object, marked: list[int]) -> set[int]:
    """Marked elements that directly hold two or more marked elements: a box of records
    (``div#comments``), not a record whose parts repeat its mark."""
    enter, exit_ = table.enter, table.exit  # type: ignore[attr-defined]
    tags, tokens = table.tag, table.own_tokens  # type: ignore[attr-defined]
    children: dict[tuple[int, str, int], int] = {}  # (holder, tag, marks) -> how many
    stack: list[int] = []
    for element in marked:
        while stack and exit_[stack[-1]] < enter[element]:
            stack.pop()
        if stack:
            shape = (stack[-1], tags[element], tokens[element])
            children[shape] = children.get(shape, 0) + 1
        stack.append(element)
    # the records in a box look alike: the same tag and the same marks, repeated
    return {holder for (holder, _, _), count in children.items() if count >= 2}


def _list_between(table: object, element: int, ancestor: int) -> bool:
    tags, parents = table.tag, table.parent  # type: ignore[attr-defined]
    node = parents[element]
    while node >= 0 and node != ancestor:
        if tags[node] in _LISTS:
            return True
        node = parents[node]
    return False


def _has_text(page: Page, record: Record) -> bool:
    table = page.elements
    return table.chars[record.element] > 0


def record_of_blocks(page: Page, records: tuple[Record, ...]) -> list[int | None]:
    """For each block, the innermost record it belongs to, or None: one sweep in page order."""
    table = page.elements
    owner: list[int | None] = [None] * len(page.blocks)
    starts = [table.enter[record.element] for record in records]
    ends = [table.exit[record.element] for record in records]
    open_records: list[int] = []
    next_record = 0
    for block_index, block in enumerate(page.blocks):
        position = block.position
        while next_record < len(records) and starts[next_record] <= position:
            while open_records and ends[open_records[-1]] < starts[next_record]:
                open_records.pop()
            open_records.append(next_record)
            next_record += 1
        while open_records and ends[open_records[-1]] < position:
            open_records.pop()
        if open_records:
            owner[block_index] = open_records[-1]
    return owner


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
    for index, record in enumerate(records):
        start, end = table.enter[record.element], table.exit[record.element]
        window = (start, first_reply.get(index, end))
        comment = _comment(page, record, blocks_of[index], window)
        # A marked element with no author, date or pingback line of its own is a container;
        # one holding a form is the box for writing a comment.
        is_form = any(_form_inside(page, b, record.element) for b in blocks_of[index])
        has_marks = comment.author or comment.date_text
        comments.append(comment if has_marks and not is_form else None)
    return comments


def renumber(comments: list[Comment | None], records: tuple[Record, ...]) -> tuple[Comment, ...]:
    """Drop containers; a reply then points to its nearest kept ancestor."""

    def kept_parent(index: int | None) -> int | None:
        while index is not None and comments[index] is None:
            index = records[index].parent
        return index

    new_index: dict[int, int] = {}
    kept: list[Comment] = []
    for index, comment in enumerate(comments):
        if comment is None:
            continue
        parent = kept_parent(records[index].parent)
        depth, ancestor = 0, parent
        while ancestor is not None:
            depth += 1
            ancestor = kept_parent(records[ancestor].parent)
        new_index[index] = len(kept)
        reply_to = new_index.get(parent) if parent is not None else None
        kept.append(replace(comment, depth=depth, reply_to=reply_to))
    return tuple(kept)


def _is_control(block: Block) -> bool:
    """A button-like line inside a comment: Reply, Report, "reply to comment", Like."""
    text = block.text.strip().lower()
    if text in _CONTROLS:
        return True
    if _SAYS.search(text):
        return False  # "Jane said:" opens a quotation: a link, but part of the post
    return len(text) <= _LONGEST_CONTROL and block.link_chars >= 0.8 * len(text)


def _comment(page: Page, record: Record, blocks: list[Block], window: tuple[int, int]) -> Comment:
    table = page.elements
    quoting = _quoting(page, blocks)
    text_blocks = [
        b
        for b, quote in zip(blocks, quoting)
        if not _is_control(b) and not _in_user_panel(page, b, record.element, quote)
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
    author = _author(page, window, blocks) or _panel_name(page, blocks, record.element)
    date, date_text = _date(page, window, text_blocks)
    if author and date_text is None:
        # a permalink is a link whose text is often the date; a container must not get one
        linked = [b for b in blocks if _is_control(b)]
        date, date_text = _date(page, window, linked)
    body = [
        b.text
        for b in _without_header(text_blocks, author)
        if not (author and b.text.startswith(author) and len(b.text) < len(author) + 60)
        and not (date_text and date_text in b.text and len(b.text) < len(date_text) + 40)
    ]
    # A pingback marked up like a comment: the "author" is the linking page's title.
    return Comment(
        "pingback" if marked_pingback else "comment",
        author,
        date,
        date_text,
        "\n\n".join(body).strip(),
        record.depth,
        record.parent,
        identifier,
    )


def _without_header(blocks: list[Block], author: str | None) -> list[Block]:
    """The blocks after a post's header lines: short lines at its top that hold the author,
    a date, a post number or counts ("#3", "Posted by jane 9,844 posts", "last edited by")."""
    start = 0
    for block in blocks:
        text = block.text.strip()
        if len(text) > _LONGEST_HEADER_LINE or not _is_header_line(text, author):
            break
        start += 1
    return blocks[start:] if start < len(blocks) else blocks


def _is_header_line(text: str, author: str | None) -> bool:
    if text.endswith(":"):
        return False  # "name:" or "name said:" opens a quotation of that name
    if author and author in text:
        return True
    if text.casefold().rstrip(":") in FORUM_BADGES:
        return True
    return bool(_POST_NUMBER.match(text) or _POST_COUNTS.search(text) or parse_date(text))


def _form_inside(page: Page, block: Block, record_element: int) -> bool:
    """A form between the block and its record: the box for writing a comment. (A form
    around the record, as some forums wrap a whole thread for moderation, does not count.)"""
    table = page.elements
    if not table.tags[max(block.element, 0)] & TAG_BITS["form"]:
        return False
    node = block.element
    while node >= 0 and node != record_element:
        if table.tag[node] == "form":
            return True
        node = table.parent[node]
    return False


def _quoting(page: Page, blocks: list[Block]) -> list[bool]:
    """For each block: part of a quotation (the blockquote, or the "name:" line before it)."""
    inside = [bool(page.elements.tags[max(b.element, 0)] & TAG_BITS["blockquote"]) for b in blocks]
    opens = [
        block.text.rstrip().endswith(":") and index + 1 < len(blocks) and inside[index + 1]
        for index, block in enumerate(blocks)
    ]
    return [a or b for a, b in zip(inside, opens)]


def _in_user_panel(page: Page, block: Block, record_element: int, quoting: bool) -> bool:
    """A block inside the record's user panel (avatar, name, rank, join date, post count).
    A quotation is an <aside> too (Discourse), and is not a panel."""
    table = page.elements
    # A panel is short beside the post ("userContent" wraps the post itself, and is not).
    longest = min(_LONGEST_USER_PANEL, table.chars[record_element] // 2)
    node = block.element
    while node >= 0 and node != record_element:
        own, chars = table.own_tokens[node], table.chars[node]
        if own & _AUTHOR_BITS and not own & _BODY_BITS and chars <= _LONGEST_USER_PANEL:
            return True
        if table.tag[node] == "aside" and not quoting and chars <= longest:
            return True
        node = table.parent[node]
    return False


def _panel_name(page: Page, blocks: list[Block], record_element: int) -> str | None:
    """The first short line inside a marked author or user element of the record, when no
    element marks the name itself (the name is then a plain link inside the panel)."""
    table = page.elements
    for block in blocks:
        text = block.text.strip()
        if not 1 < len(text) <= _LONGEST_NAME or parse_date(text) or text[0].isdigit():
            continue
        node = block.element
        while node >= 0 and node != record_element:
            own = table.own_tokens[node]
            if own & _AUTHOR_BITS and not own & _BODY_BITS:
                return text
            node = table.parent[node]
    return None


def _author(page: Page, window: tuple[int, int], blocks: list[Block]) -> str | None:
    """The name in an author mark inside the record: an inline mark first, else a short block."""
    table = page.elements
    marked = [
        text
        for element, text in page.declarations.spans
        if window[0] <= table.enter[element] <= window[1]
        and table.own_tokens[element] & _AUTHOR_BITS
    ]
    marked += [
        block.text
        for block in blocks
        if window[0] <= table.enter[max(block.element, 0)] <= window[1]
        and table.own_tokens[max(block.element, 0)] & _AUTHOR_BITS
    ]
    names = [_handle(_SAYS.sub("", text.split("\n")[0]).strip()) for text in marked]
    names = [
        name
        for name in names
        if name
        and parse_date(name) is None
        and len(name) <= 80
        and name.casefold() not in FORUM_BADGES
    ]
    # One letter is mostly an avatar's placeholder; it is a name only when nothing else is.
    return next((name for name in names if len(name) > 1), names[0] if names else None)


def _handle(name: str) -> str:
    """'rimelek (Ákos Takács)' -> 'rimelek': forums show a user's handle, then the full name."""
    found = _HANDLE_AND_NAME.match(name)
    return found.group(1) if found else name


def _date(
    page: Page, window: tuple[int, int], blocks: list[Block]
) -> tuple[str | None, str | None]:
    table = page.elements
    declared = (*page.declarations.times, *page.declarations.item_dates)
    for element, stamp, text in declared:
        if window[0] <= table.enter[element] <= window[1]:
            return parse_date(stamp) or parse_date(text), text or stamp
    for element, text in page.declarations.spans:
        if window[0] <= table.enter[element] <= window[1] and parse_date(text):
            return parse_date(text), text
    for block in blocks:
        if len(block.text) < 80 and (found := parse_date(block.text)):
            return found, block.text
    return None, None
