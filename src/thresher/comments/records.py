"""Finding comment records in the page model: which elements are records, which blocks each
holds.

A record is an element marked as a comment (or pingback) in its class, id or role that is a
list item or carries an id, as comment systems write them, or an element the page declares a
schema.org Comment (or, on a Q&A site, a Question or an Answer); an inner marked element with
no list between it and an outer one is part of the same record, unless the outer one holds
two or more marked elements of its shape (a box of look-alike records). Records nested in
records are replies.

A thread whose posts carry no comment mark is read by two fallbacks: the largest group of
alike elements marked as posts or messages that hold a poster's mark (``find_post_records``),
else the largest group of alike boxes numbered by their ids that link to their own number or
hold a poster's mark (``find_numbered_records``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..frozen import by_fields
from ..label.vocabulary import CATEGORY_BITS, MODEL_CATEGORY_BITS, TAG_BITS
from ..page.model import ElementTable, Page

_RECORD_BITS = CATEGORY_BITS["comment"] | CATEGORY_BITS["pingback"]
_RECORD_TAGS = frozenset(("li", "article", "div", "section"))
_LISTS = frozenset(("ol", "ul"))
_SHORTEST_RECORD = 30
# A list of comments inside a <nav> (or role=navigation) links to comments elsewhere: the
# "Recent Comments" widget of a blog's sidebar, which names each commenter and the post. Neither
# its items nor the widget around them (a box numbered "recent-comments-3") are records.
_NAVIGATION = TAG_BITS["nav"]


@dataclass(frozen=True, slots=True)
class Record:
    element: int
    depth: int
    parent: int | None  # index into the list of records

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


def find_records(page: Page) -> tuple[Record, ...]:
    table = page.elements
    ids = page.declarations.element_ids
    candidates = [
        index
        for index, own in enumerate(table.own_tokens)
        if own & _RECORD_BITS
        and table.tag[index] in _RECORD_TAGS
        and table.chars[index] >= _SHORTEST_RECORD  # shorter, a part ("li.comment-time")
    ]
    candidates = _outside_navigation(table, candidates)
    marked = [i for i in candidates if table.tag[i] == "li" or _numbered(ids.get(i))]
    declared = page.declarations.comment_items
    if declared:  # a record the page declares needs no class, id or particular tag
        marked = sorted(
            set(marked).union(i for i in declared if table.chars[i] >= _SHORTEST_RECORD)
        )
    if not marked:  # no list items, ids or declarations: a list of alike marked boxes (Substack)
        marked = _alike_boxes(table, candidates)
    containers = _containers(table, marked)
    declared_items = frozenset(declared)
    records: list[Record] = []
    record_at: dict[int, int] = {}  # element -> its record's index
    open_records: list[tuple[int, int]] = []  # (element, record index) of enclosing records
    for element in marked:
        while open_records and table.exit[open_records[-1][0]] < table.enter[element]:
            open_records.pop()
        outer = open_records[-1][0] if open_records else None
        if (
            outer is not None
            and (outer, _shape(table, element)) not in containers
            and not _list_between(table, element, outer)
            and not _declared_within(table, element, outer, declared_items)
        ):
            continue  # an inner part of the record that is already open
        if open_records:
            parent: int | None = open_records[-1][1]
            depth = len(open_records)
        else:
            parent = _replied_to(table, element, record_at)
            depth = records[parent].depth + 1 if parent is not None else 0
        records.append(Record(element, depth, parent))
        record_at[element] = len(records) - 1
        open_records.append((element, len(records) - 1))
    return tuple(records) if any(_has_text(page, r) for r in records) else ()


def _outside_navigation(table: ElementTable, candidates: list[int]) -> list[int]:
    """The candidates neither in a <nav> nor around one."""
    tags, parent = table.tags, table.parent
    navigations = [
        table.enter[index]
        for index, bits in enumerate(tags)
        if bits & _NAVIGATION and (parent[index] < 0 or not tags[parent[index]] & _NAVIGATION)
    ]
    if not navigations:
        return candidates
    return [
        index
        for index in candidates
        if not tags[index] & _NAVIGATION
        and not _holds_any(navigations, table.enter[index], table.exit[index])
    ]


def _holds_any(positions: list[int], enter: int, exit_: int) -> bool:
    """Whether a sorted position lies after ``enter`` and no later than ``exit_``."""
    following = bisect_right(positions, enter)
    return following < len(positions) and positions[following] <= exit_


# A declared item inside another that holds less than this share of its text is an item of its
# own (a Q&A page declares the question around its one answer); one holding nearly all of it
# declares the same record twice (an <li> and the <article> in it).
_MOST_OF_OUTER_ITEM = 0.9


def _declared_within(
    table: ElementTable, element: int, outer: int, declared: frozenset[int]
) -> bool:
    return (
        element in declared
        and outer in declared
        and table.chars[element] < _MOST_OF_OUTER_ITEM * table.chars[outer]
    )


_MOST_PLACEHOLDERS = 3  # empty elements looked past; all of a long run, for every reply, is slow


def _replied_to(table: ElementTable, element: int, record_at: dict[int, int]) -> int | None:
    """The record a reply answers where replies stand in a box right after it, not inside it
    (Drupal's template: ``article.comment`` then ``div.indented`` holding its replies): the
    record just before the reply's box (empty placeholders aside), of the reply's tag."""
    box = table.parent[element]
    before = _previous_sibling(table, box) if box >= 0 else -1
    for _ in range(_MOST_PLACEHOLDERS):
        if before < 0 or table.chars[before]:
            break
        before = _previous_sibling(table, before)
    if before in record_at and table.tag[before] == table.tag[element]:
        return record_at[before]
    return None


def _previous_sibling(table: ElementTable, element: int) -> int:
    """The element before ``element`` under the same parent, or -1. Elements are numbered in
    page order, so the one just before is the previous sibling or inside it."""
    parent = table.parent[element]
    node = element - 1
    while node > parent and table.parent[node] != parent:
        node = table.parent[node]
    return node if node > parent else -1


_POST_BITS = CATEGORY_BITS["article"] | CATEGORY_BITS["forum"] | CATEGORY_BITS["qa"]
_POSTER_BITS = CATEGORY_BITS["user"] | CATEGORY_BITS["byline"]
# A "user" mark on a page's controls is no poster's ("paginate user": a board's page links).
_CONTROL_BITS = CATEGORY_BITS["pagination"] | CATEGORY_BITS["navigation"]
_FEWEST_POSTS = 2
# Posts are mostly their own words; rows of mostly linked text tease other threads (a
# "recent topics" widget beside the thread).
_MOST_LINKED_SHARE = 0.5


def _numbered(identifier: str | None) -> bool:
    """Whether an id numbers a record ("comment-714510"); a box's id names it ("comments")."""
    return identifier is not None and any(c.isdigit() for c in identifier)


def find_post_records(page: Page) -> tuple[Record, ...]:
    """A thread's posts where no element is marked as a comment: the largest group of sibling
    elements alike (one tag, one set of marks) marked as a post, message or reply, each
    holding a poster's name mark and some text. Replies are not nested."""
    table = page.elements
    # an <article> is a post by its tag (Flarum's page for crawlers marks nothing else)
    marked = [
        element
        for element, (own, tag) in enumerate(zip(table.own_tokens, table.tag))
        if (own & _POST_BITS or tag == "article")
        and tag in _RECORD_TAGS
        and table.chars[element] >= _SHORTEST_RECORD
    ]
    posted = [
        [element for element in members if _holds_poster(table, element)]
        for members in _alike_groups(table, marked)
        if not _mostly_linked(table, members)
    ]
    posts = max(posted, key=len, default=[])
    if len(posts) < _FEWEST_POSTS:
        return ()
    return tuple(Record(element, 0, None) for element in posts)


# Boxes that a thread's posts come in, and an id that numbers a post ("p2270718", "post_57").
_POST_BOX_TAGS = _RECORD_TAGS | {"table", "tr", "td"}
_NUMBERED_ID = re.compile(r"[A-Za-z_-]*?(\d+)")
_NUMBER = re.compile(r"(?<!\d)\d+(?!\d)")
_MOST_BOXES = 8  # boxes around one post that carry its number (vBulletin: edit57, post57...)


def find_numbered_records(page: Page) -> tuple[Record, ...]:
    """A thread's posts where nothing marks them as posts: the largest group of alike boxes
    each numbered by its id that hold a link with that number, the post's permalink
    (``<div id="p2270718">`` holding ``<a href="viewtopic.php?pid=2270718#p2270718">``), or
    a poster's mark (``<td id="message_978958971">`` holding ``<span class="user">``).
    Replies are not nested."""
    table = page.elements
    numbered = _numbered_boxes(page)
    linked = _linking_to_themselves(page, numbered)
    posts = {
        element: number
        for number, elements in numbered.items()
        for element in elements
        if element in linked or _holds_poster(table, element)
    }
    # Posts look alike and stand as deep as each other, though a page may split them into
    # several lists (ads between parts of the thread).
    groups: dict[tuple[int, str, int], list[int]] = {}
    for element in _outermost(table, posts):
        if table.chars[element] >= _SHORTEST_RECORD:
            shape = (
                table.depth[element],
                table.tag[element],
                table.own_tokens[element] & MODEL_CATEGORY_BITS,
            )
            groups.setdefault(shape, []).append(element)
    alike = [members for members in groups.values() if not _mostly_linked(table, members)]
    found = max(alike, key=len, default=[])
    if len(found) < _FEWEST_POSTS:
        return ()
    return tuple(Record(element, 0, None) for element in found)


def _numbered_boxes(page: Page) -> dict[str, list[int]]:
    """The boxes whose id is a name and a number, by number. A post's number is its own: a
    number many boxes share numbers something else, and would make the links' check slow."""
    table = page.elements
    numbered: dict[str, list[int]] = {}
    for element, identifier in page.declarations.element_ids.items():
        found = _NUMBERED_ID.fullmatch(identifier)
        if found and table.tag[element] in _POST_BOX_TAGS:
            numbered.setdefault(found.group(1), []).append(element)
    return {number: boxes for number, boxes in numbered.items() if len(boxes) <= _MOST_BOXES}


def _linking_to_themselves(page: Page, numbered: dict[str, list[int]]) -> set[int]:
    """The numbered boxes holding a link that carries their number."""
    table = page.elements
    linked: set[int] = set()
    for link, address in page.declarations.hrefs:
        for number in _NUMBER.findall(address):
            for element in numbered.get(number, ()):
                if table.enter[element] <= table.enter[link] <= table.exit[element]:
                    linked.add(element)
    return linked


def _outermost(table: ElementTable, numbers: dict[int, str]) -> list[int]:
    """Of the boxes (element -> its number) numbered alike and nested (vBulletin's "edit57"
    around "post57"), the outermost, in page order."""
    kept: list[int] = []
    for element in sorted(numbers):
        outer = kept[-1] if kept else -1
        inside = outer >= 0 and table.enter[element] <= table.exit[outer]
        if not (inside and numbers[outer] == numbers[element]):
            kept.append(element)
    return kept


def _alike_siblings_holder(table: ElementTable, element: int) -> int:
    """The element holding the post and its alike siblings, or -1: a post repeats among its
    siblings, or sits in a box that does (SMF sets each post's "post_wrapper" in a box of
    its own)."""
    parent = table.parent[element]
    if table.repeats[element] >= _FEWEST_POSTS:
        return parent
    if parent >= 0 and table.repeats[parent] >= _FEWEST_POSTS:
        return table.parent[parent]
    return -1


def _mostly_linked(table: ElementTable, members: list[int]) -> bool:
    chars = sum(table.chars[element] for element in members)
    return sum(table.link_chars[element] for element in members) > _MOST_LINKED_SHARE * chars


def _holds_poster(table: ElementTable, element: int) -> bool:
    """Whether an element inside ``element`` is marked as a user's or an author's."""
    enter, exit_, own = table.enter, table.exit, table.own_tokens
    for inner in range(element + 1, len(own)):  # elements are numbered in page order
        if enter[inner] > exit_[element]:
            return False
        if own[inner] & _POSTER_BITS and not own[inner] & _CONTROL_BITS:
            return True
    return False


def _alike_groups(table: ElementTable, elements: list[int]) -> list[list[int]]:
    """The elements that repeat alike, as siblings or each in a box of its own that repeats
    (a listing's rows, each holding one record), grouped by their holder and shape."""
    groups: dict[tuple[int, str, int], list[int]] = {}
    for element in elements:
        holder = _alike_siblings_holder(table, element)
        if holder >= 0:
            groups.setdefault((holder, *_shape(table, element)), []).append(element)
    return list(groups.values())


def _alike_boxes(table: ElementTable, candidates: list[int]) -> list[int]:
    """The candidates in groups of two or more alike: a lone marked box in a box alike to its
    neighbour is a comment form's prompt, no record."""
    alike = (group for group in _alike_groups(table, candidates) if len(group) >= _FEWEST_POSTS)
    return sorted(element for group in alike for element in group)


def _shape(table: ElementTable, element: int) -> tuple[str, int]:
    return table.tag[element], table.own_tokens[element] & MODEL_CATEGORY_BITS


def _containers(table: ElementTable, marked: list[int]) -> set[tuple[int, tuple[str, int]]]:
    """(holder, shape) where a marked element directly holds two or more marked elements of
    that shape (tag and marks): a box of records (``div#comments``), or a comment with its
    replies, whose other marked parts (its own ``article.comment-body``) stay its parts."""
    enter, exit_ = table.enter, table.exit
    children: dict[tuple[int, tuple[str, int]], int] = {}  # (holder, shape) -> how many
    stack: list[int] = []
    for element in marked:
        while stack and exit_[stack[-1]] < enter[element]:
            stack.pop()
        if stack:
            held = (stack[-1], _shape(table, element))
            children[held] = children.get(held, 0) + 1
        stack.append(element)
    # the records in a box look alike: the same tag and the same marks, repeated
    return {held for held, count in children.items() if count >= 2}


def _list_between(table: ElementTable, element: int, ancestor: int) -> bool:
    tags, parents = table.tag, table.parent
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
