"""What a page shows its readers about its author and date: bylines, datelines, author boxes,
a thread's first poster, lone dates near the headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..label import BlockLabel, Labels
from ..label.title import split_title
from ..label.vocabulary import CATEGORY_BITS
from ..page.model import HEADING_KINDS, Block, Page
from .authors import (
    MAX_NAME_CHARS,
    capitalised_name,
    clean_names,
    is_byline_label,
    is_writer_label,
    names_after_by,
    names_of_profile_link,
    points_to_a_profile,
)
from .candidates import AUTHORED_PAGE_TYPES, Candidates, add
from .choose import TITLE_SEPARATORS
from .dates import MEMBER_DATE, UPDATE_WORDS, may_hold_date, parse_date

_BYLINE_WINDOW = 25  # blocks after the headline in which a byline is looked for
_DATELINE_WINDOW = 40  # and a dateline: dates sit further down, under a lead image or a bio
_LONGEST_DATELINE = 160
_LONGEST_HANDLE_WORDS = 3
_MOST_LISTED_NAMES = 12
# An author box far below the headline still names the writer in so many words.
_WRITTEN_BY = re.compile(
    r"^\s*(?:this\s+(?:post|article|story|piece|guide)\s+(?:was|is)\s+)?"
    r"(?:written|authored|posted)\s+by\b",
    re.IGNORECASE,
)
_YEAR_DIGITS = re.compile("[0-9]{4}")  # every date parse_date reads has a four-digit year
_LONGEST_LONE_DATE = 40
_MOST_LONE_DATE_WORDS = 6
_MOST_LONE_DATES = 2
# Elsewhere a lone date is a review's, an offer's or a page revision's (measured on WCXB: on
# documentation, product and service pages it was never the publication date).
_PAGE_TYPES_WITH_LONE_DATES = ("article", "forum")
_DATELINE_BEFORE_TITLE = 3  # some pages put the date or the section above the headline
_TITLE_SEPARATORS = tuple((sep, re.compile(re.escape(sep))) for sep in TITLE_SEPARATORS)


def from_blocks(page: Page, labels: Labels, candidates: Candidates) -> None:
    """A heading that repeats the declared title; bylines and datelines just below it."""
    blocks = page.blocks
    title_index, first_h1 = _from_headings(page, labels, candidates)
    headline = title_index
    if title_index is None and first_h1 is None:
        headline = _first_content_block(labels)
    bits = CATEGORY_BITS["byline"] | CATEGORY_BITS["meta"]
    avoid = CATEGORY_BITS["comment"] | CATEGORY_BITS["related"]
    tokens = page.elements.part_tokens
    # Measured: a second anchor adds about as many wrong names as right ones.
    byline_zone = set(_near_headline(blocks, headline, _BYLINE_WINDOW, both=False))
    with_bylines = labels.page_type in AUTHORED_PAGE_TYPES
    dateline_zone = _near_headline(blocks, headline, _DATELINE_WINDOW)
    listed: list[list[str]] = []  # names after "by" in list items
    for index in dateline_zone if with_bylines else ():
        block = blocks[index]
        marks = tokens[max(block.element, 0)]
        if len(block.text) > _LONGEST_DATELINE or marks & avoid:
            continue
        if index in byline_zone:
            _from_byline(blocks, index, _close_marks(page, block.element), candidates, listed)
        # A short line near the title holding a date is a dateline, marked up or not.
        if not _member_label_above(blocks, index):
            _from_dateline(block.text, "byline" if marks & bits else "dateline", candidates)
    # One list item with a "by" is the byline of a template that lists the post's details;
    # several are a list of works or of other stories, each with its own author.
    if len(listed) == 1:
        add(candidates, "authors", listed[0], "by-phrase")
    if labels.page_type in _PAGE_TYPES_WITH_LONE_DATES:
        _from_lone_dates(page, set(dateline_zone), candidates)
    if labels.page_type == "forum":
        _from_first_poster(page, title_index, avoid, candidates)
    if with_bylines:
        _from_author_spans(page, sorted(byline_zone), avoid, candidates)
        _from_author_boxes(page, byline_zone, avoid, candidates)
        _from_name_lines(page, headline, avoid, candidates)
        _from_bio_lines(page, labels, avoid, candidates)


def _from_headings(
    page: Page, labels: Labels, candidates: Candidates
) -> tuple[int | None, str | None]:
    """Offer the title block, the first <h1> and the <title> (whose last part may be the
    site's name); the title block's index and the first <h1>'s text."""
    blocks = page.blocks
    title_index = next(
        (i for i, label in enumerate(labels.labels) if label is BlockLabel.TITLE), None
    )
    if title_index is not None:
        add(candidates, "title", blocks[title_index].text, "heading")
    first_h1 = next((block.text for block in blocks if block.kind == "h1"), None)
    add(candidates, "title", first_h1, "h1")
    add(candidates, "title", page.title_tag, "title-tag")
    for separator, pattern in _TITLE_SEPARATORS:
        parts = split_title(pattern, page.title_tag) if separator in page.title_tag else []
        if len(parts) > 1:
            add(candidates, "sitename", parts[-1], "title-tag")
            break
    return title_index, first_h1


_LONGEST_LABEL = 20


def _member_label_above(blocks: Sequence[Block], index: int) -> bool:
    """A date whose label is the line above it, as a definition list sets them apart ("Joined"
    in a <dt>, "Nov 4, 2011" in its <dd>), and the label says it is a member's date."""
    label = blocks[index - 1].text if index > 0 else ""
    return len(label) <= _LONGEST_LABEL and bool(MEMBER_DATE.match(label))


def _from_dateline(text: str, source: str, candidates: Candidates) -> None:
    """A dateline's date for publication (often the only date a page shows, whatever it says:
    the ranker weighs it); where it says the day is an update, the modification date too."""
    if not may_hold_date(text) or MEMBER_DATE.match(text):
        return
    add(candidates, "date_published", text, source)
    marker = UPDATE_WORDS.search(text)
    updated = text[marker.end() :] if marker else ""
    if parse_date(updated):
        add(candidates, "date_modified", updated, source)


_NAME_LINE_WINDOW = 3


def _from_name_lines(
    page: Page, title_index: int | None, avoid: int, candidates: Candidates
) -> None:
    """A line just below the headline that is a whole name and nothing else, beside a line
    that is a date: the byline and dateline of a template that marks neither."""
    if title_index is None:
        return
    blocks, tokens = page.blocks, page.elements.part_tokens
    for index in range(title_index + 1, min(len(blocks), title_index + 1 + _NAME_LINE_WINDOW)):
        if tokens[max(blocks[index].element, 0)] & avoid:
            continue
        beside = blocks[index - 1 : index + 2 : 2]
        if any(_is_date_line(block.text) for block in beside):
            add(candidates, "authors", capitalised_name(blocks[index].text), "name-line")


def _is_date_line(text: str) -> bool:
    """A line that holds a date and little else."""
    return (
        len(text) <= _LONGEST_LONE_DATE
        and len(text.split()) <= _MOST_LONE_DATE_WORDS
        and _YEAR_DIGITS.search(text) is not None
        and parse_date(text, with_time=False) is not None
    )


_CLOSE_LEVELS = 5


def _close_marks(page: Page, element: int) -> int:
    """The marks of an element and of its closest ancestors: a class on the whole article
    ("post author-jroe") does not make each of its lines a byline."""
    table, marks = page.elements, 0
    inherited = table.part_tokens[max(element, 0)]  # without the marks of <html> and <body>
    for _ in range(_CLOSE_LEVELS):
        if element < 0:
            break
        marks |= table.own_tokens[element]
        element = table.parent[element]
    return marks & inherited


def _from_byline(
    blocks: Sequence[Block], index: int, marks: int, candidates: Candidates, listed: list[list[str]]
) -> None:
    """Names in one line of the byline zone, however the template writes them; those after
    a "by" in a list item go to ``listed``."""
    block, lines = blocks[index], blocks[index].lines
    if marks & CATEGORY_BITS["byline"]:
        add(candidates, "authors", clean_names([lines], strict=True), "byline")
        add(candidates, "authors", _name_among_byline_parts(lines), "byline")
    if _is_by_handle_line(block, marks):
        add(candidates, "authors", names_after_by(lines, handles=True), "byline")
    by_phrase = names_after_by(lines)
    if block.kind == "li" and by_phrase:
        listed.append(by_phrase)
    else:
        add(candidates, "authors", by_phrase, "by-phrase")
    _from_profile_links(block, candidates)
    if is_byline_label(block.text) and index + 1 < len(blocks):
        add(candidates, "authors", _names_under_label(blocks, index), "byline")


def _names_under_label(blocks: Sequence[Block], index: int) -> list[str]:
    """The names under an "Author(s)" label beside the headline: the next line, or each
    item of the list that follows it. (Far from the headline, a list under "Authors" is
    the site's list of its writers.)"""
    first = blocks[index + 1]
    if first.kind != "li":
        return clean_names([first.lines], strict=True)
    names: list[str] = []
    for block in blocks[index + 1 : index + 1 + _MOST_LISTED_NAMES]:
        if block.kind != "li" or block.list_depth != first.list_depth:
            break
        names.extend(clean_names([block.lines], strict=True))
    return names


def _from_author_boxes(
    page: Page, byline_zone: set[int], avoid: int, candidates: Candidates
) -> None:
    """What names the writer anywhere in the article: profile links, "Written by", and the
    box about the author under the text."""
    blocks, tokens = page.blocks, page.elements.part_tokens
    for index, block in enumerate(blocks):
        marks = tokens[max(block.element, 0)]
        if index not in byline_zone and not marks & (avoid | CATEGORY_BITS["sidebar"]):
            _from_profile_links(block, candidates, "profile-link")  # the zone's were read
        # "Written by" names the writer even in a side column's author box.
        short = len(block.text) <= _LONGEST_DATELINE
        if short and not marks & avoid and _WRITTEN_BY.match(block.text):
            add(candidates, "authors", names_after_by(block.lines), "written-by")
        if index not in byline_zone and _labels_a_byline(page, index, avoid):
            following = blocks[index + 1].lines
            add(candidates, "authors", clean_names([following], strict=True), "written-by")
        if marks & CATEGORY_BITS["byline"] and not marks & avoid:
            add(candidates, "authors", _name_of_author_box(blocks, index), "author-box")
        if _ABOUT_THE_AUTHOR.match(block.text) and index + 1 < len(blocks):
            following = blocks[index + 1].text
            add(candidates, "authors", _name_opening_a_bio(following), "author-box")


# A byline's parts: "Dec. 19, 2025 · Jane Roe", "Dec 17, 2025Jane Roe" (a date glued to the name).
_BYLINE_PARTS = re.compile(r"\s*[·•|\n]\s*|\s+[—–-]\s+|(?<=\d)(?=[A-Z])")


def _name_among_byline_parts(text: str) -> list[str]:
    """The first part of a marked byline that is a name and nothing else (two capitalised
    words at least: a lone word in a byline is as often a section or a place)."""
    for part in _BYLINE_PARTS.split(text):
        names = capitalised_name(part)
        if names:
            return names
    return []


_BIO_LOOKAHEAD = 2  # the bio follows the name, sometimes after a role line


def _name_of_author_box(blocks: Sequence[Block], index: int) -> list[str]:
    """A name on a line of its own that the bio just below begins with ("Jane Roe" /
    "Jane Roe is a reporter who ..."): the box about the writer under an article."""
    text = blocks[index].text
    names = clean_names([text], strict=True) if len(text) <= MAX_NAME_CHARS else []
    if len(names) != 1 or names[0] != text.strip():
        return []
    following = blocks[index + 1 : index + 1 + _BIO_LOOKAHEAD]
    return names if any(_opens_bio_of(text, block.text) for block in following) else []


_BIO_VERB = re.compile(r"\s(?:is|has|was|writes|works|joined|lives|loves|covers)\s")


def _opens_bio_of(name: str, text: str) -> bool:
    """Whether a bio begins with the name, whole or by its first word and a verb ("Jane Roe
    writes ...", "Jane is a developer ...")."""
    if text.startswith(f"{name} "):
        return True
    given = name.split()[0]
    return text.startswith(given) and _BIO_VERB.match(text, len(given)) is not None


_ABOUT_THE_AUTHOR = re.compile(r"^\s*about\s+the\s+(?:author|writer)\s*:?\s*$", re.IGNORECASE)
_BIO_OPENING = re.compile(r"^(?P<name>.{3,60}?)(?:,| is | has | was | writes | works )")


_BIO_AFTER_TEXT = 12  # blocks after the article's last one in which its writer's bio may sit
_LONGEST_BIO = 600
# "Jane Roe is a freelance travel writer", "... an editor at ...": a writer's bio.
_WRITER_BIO = re.compile(
    r"^[^,.]{3,60}? is (?:an? |the )[^.]{0,80}?\b(?:writer|editor|journalist|author|blogger|"
    r"reporter|columnist|contributor)s?\b",
    re.IGNORECASE,
)


def _from_bio_lines(page: Page, labels: Labels, avoid: int, candidates: Candidates) -> None:
    """A bio under the article that opens with a writer's name ("Julia Roe is a freelance
    travel writer ..."), where no mark says it is the author's box."""
    main = [i for i, label in enumerate(labels.labels) if label is BlockLabel.MAIN]
    if not main:
        return
    tokens = page.elements.part_tokens
    for block in page.blocks[max(main[-1] - 3, 0) : main[-1] + _BIO_AFTER_TEXT]:
        if len(block.text) > _LONGEST_BIO or tokens[max(block.element, 0)] & avoid:
            continue
        if _WRITER_BIO.match(block.text):
            add(candidates, "authors", _name_opening_a_bio(block.text), "bio-line")
            return


def _name_opening_a_bio(text: str) -> list[str]:
    """The name a bio opens with: "Jane Roe is a reporter ..." -> Jane Roe (two words at
    least, each capitalised: "She is ..." names nobody)."""
    found = _BIO_OPENING.match(text)
    return capitalised_name(found.group("name")) if found else []


def _is_by_handle_line(block: Block, marks: int) -> bool:
    """A line where "by" may name a one-word handle: marked as the byline, or "by" and
    the handle alone. A heading is one only when it opens with "by": "Evaluate the topics
    by hand" is a section's title, and its generated id ("evaluate-the-topics-by-hand")
    marks it as a byline."""
    if block.kind in HEADING_KINDS and not _OPENS_WITH_BY.match(block.text):
        return False
    return bool(marks & CATEGORY_BITS["byline"]) or len(block.text.split()) == 2


_OPENS_WITH_BY = re.compile(r"\s*by\b", re.IGNORECASE)


def _labels_a_byline(page: Page, index: int, avoid: int) -> bool:
    """An "Author:" label followed by an element marked as the byline, or by a whole name
    when the label says "Written by" or "Author", far from the headline: an author box under
    the article."""
    blocks, tokens = page.blocks, page.elements.part_tokens
    if index + 1 >= len(blocks) or not is_byline_label(blocks[index].text):
        return False
    marks = tokens[max(blocks[index + 1].element, 0)]
    if marks & avoid:
        return False
    if marks & CATEGORY_BITS["byline"]:
        return True
    # Unmarked, the next line must be a whole name, and the label say outright what it is.
    explicit = is_writer_label(blocks[index].text)
    return explicit and bool(capitalised_name(blocks[index + 1].text))


def _from_lone_dates(page: Page, read: set[int], candidates: Candidates) -> None:
    """A line that holds a date and little else ("Posted on April 8, 2024"), wherever the
    template puts it: under the article, beside the author's name, in a side column. A page
    with many such lines lists dated items, and none of them dates the page."""
    tokens = page.elements.part_tokens
    avoid = (
        CATEGORY_BITS["comment"]
        | CATEGORY_BITS["related"]
        | CATEGORY_BITS["footer"]
        | CATEGORY_BITS["copyright"]
        | CATEGORY_BITS["pingback"]
    )
    found = [
        index
        for index, block in enumerate(page.blocks)
        if not tokens[max(block.element, 0)] & avoid
        and _is_date_line(block.text)
        and not _member_label_above(page.blocks, index)
    ]
    if 0 < len(found) <= _MOST_LONE_DATES and found[0] not in read:
        add(candidates, "date_published", page.blocks[found[0]].text, "lone-date")


def _from_first_poster(
    page: Page,
    title_index: int | None,
    avoid: int,
    candidates: Candidates,
) -> None:
    """A thread's author: the first name marked as a user (class "username", "poster", "author")
    below the thread's title."""
    table = page.elements
    start = page.blocks[title_index].position if title_index is not None else -1
    wanted = CATEGORY_BITS["user"] | CATEGORY_BITS["byline"]
    # A poster's name is an inline mark in most templates, a heading in some
    # ("<h3 class="PostUser-name">"): both, in page order.
    marked = list(page.declarations.spans)
    marked += [
        (block.element, block.text)
        for block in page.blocks
        if block.kind in HEADING_KINDS
        and block.element >= 0
        and len(block.text.split()) <= _LONGEST_HANDLE_WORDS
    ]
    marked.sort(key=lambda found: table.enter[found[0]])
    posters = [
        text
        for element, text in marked
        if table.enter[element] > start
        and table.own_tokens[element] & wanted
        and not table.part_tokens[element] & avoid
    ]
    if len(posters) < 2:
        return  # one name is a byline, not a thread's first poster
    names = clean_names(posters[:1])[:1]
    if names and len(names[0].split()) <= _LONGEST_HANDLE_WORDS:
        add(candidates, "authors", names, "first-poster")


def _from_profile_links(block: Block, candidates: Candidates, source: str = "author-link") -> None:
    if not any(points_to_a_profile(target) for target in block.targets):
        return  # most blocks: reading their links is the costly part
    # One block's profile links are one list of names, a byline's co-authors, up to a name
    # with another part in the piece ("By Jane Roe. Reviewed by John Doe").
    names: list[str] = []
    seen: set[str] = set()
    read_to = 0
    for text, address in block.anchors:
        found = block.text.find(text, read_to) if text else -1
        if names and found > 0 and _OTHER_ROLE.search(block.text, read_to, found):
            break
        for name in names_of_profile_link(text, address):
            if name not in seen:
                seen.add(name)
                names.append(name)
        read_to = found + len(text) if found >= 0 else read_to
    add(candidates, "authors", names, source)


_OTHER_ROLE = re.compile(
    r"\b(?:review|edit|fact|check|photo|illustrat|produc|translat|video|graphic)", re.IGNORECASE
)


def _from_author_spans(page: Page, zone: list[int], avoid: int, candidates: Candidates) -> None:
    """Names in inline author marks (<span class="author-name">) inside the byline zone."""
    if not zone:
        return
    table, blocks = page.elements, page.blocks
    first = blocks[zone[0] - 1].position if zone[0] > 0 else -1
    last = blocks[zone[-1]].position
    wanted = CATEGORY_BITS["byline"]
    # A byline's section is marked with it: "byline__category".
    other_parts = CATEGORY_BITS["tags"]
    for element, text in page.declarations.spans:
        inside = first < table.enter[element] <= last
        own = table.own_tokens[element]
        if (
            inside
            and own & wanted
            and not own & other_parts
            and not table.part_tokens[element] & avoid
        ):
            add(candidates, "authors", clean_names([text], strict=True), "byline-span")
            # Marked as the byline, "Posted by" may name a one-word handle.
            add(candidates, "authors", names_after_by(text, handles=True), "byline-span")


def _first_content_block(labels: Labels) -> int | None:
    """Where a page without a title or an <h1> starts its content (templates that set the
    headline in an <h2> or in bold text). Not on a thread: its first content is a post, and
    the thread's header is above it."""
    if labels.page_type == "forum":
        return None
    return next((i for i, label in enumerate(labels.labels) if label is BlockLabel.MAIN), None)


def _near_headline(
    blocks: Sequence[Block], title_index: int | None, after: int, both: bool = True
) -> list[int]:
    """Blocks around the headline: the block labelled title and the first <h1> (the two
    disagree on some pages, and either may be missing), or the top of the page. With
    ``both`` false, only the first of the two that exists."""
    first_h1 = next((i for i, block in enumerate(blocks) if block.kind == "h1"), None)
    anchors = {anchor for anchor in (title_index, first_h1) if anchor is not None} or {0}
    if not both:
        anchors = {title_index if title_index is not None else min(anchors)}
    near: set[int] = set()
    for anchor in anchors:
        start = max(0, anchor - _DATELINE_BEFORE_TITLE)
        near.update(range(start, min(len(blocks), anchor + after)))
    return sorted(near)
