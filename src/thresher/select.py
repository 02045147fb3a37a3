"""Stage 5: labelled blocks -> the blocks that make up the main content."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .label import BlockLabel, Labels
from .label.vocabulary import (
    CATEGORY_BITS,
    LOADING_PLACEHOLDER,
    SECTION_EDIT_LINK,
    TAG_BITS,
    TAXONOMY_LINE,
    TEASER_LEADS,
    is_breadcrumb,
    is_identifier_noise,
    is_interface_line,
    line_words,
)
from .options import Focus, Options
from .page.line_numbers import counts_up
from .page.model import (
    HEADING_KINDS,
    IMAGE,
    LINK_OPEN,
    Block,
    Page,
    clean_text,
    code_lines,
    has_words,
    is_drop_cap,
    plain,
    shows_nothing,
    word_count,
)

# When no block reaches the threshold, keep those close to the most likely one rather than
# return nothing: an empty result is never the best guess for a page that has text.
_FALLBACK_SHARE_OF_BEST = 0.5
_FALLBACK_LABELS = frozenset((BlockLabel.MAIN, BlockLabel.BOILERPLATE))
# A shop's script shell, an anti-bot page or a bare menu still has a few labels and prices.
# On a page of some size, fewer words than this are not its main content, except when recall
# is asked for; a short snippet of HTML keeps its one sentence.
MIN_MAIN_WORDS = 15
MIN_PAGE_WORDS_TO_ABSTAIN = 100


class Selection(NamedTuple):
    """The main-content blocks in page order, and why each block the labels offered as
    content was left out (block index -> one of the DROPPED_* reasons)."""

    chosen: tuple[int, ...]
    dropped: dict[int, str]


# Why the selection leaves out a block the labels call content; the JSON anatomy shows these
# as ``dropped_by``.
DROPPED_INVISIBLE = "invisible"
DROPPED_LINE_NUMBERS = "line-numbers"
DROPPED_TABLE = "tables-excluded"
DROPPED_CONTROL = "control"
DROPPED_INTERFACE = "interface-line"
DROPPED_HEADING_COPY = "heading-copy"
DROPPED_REPEAT = "repeat"
DROPPED_TOO_FEW_WORDS = "too-few-words"
DROPPED_SIGNATURE = "signature"
DROPPED_REGION = "site-region"
DROPPED_TEASER = "teaser-line"
DROPPED_REASONS = (
    DROPPED_INTERFACE,
    DROPPED_TEASER,
    DROPPED_REGION,
    DROPPED_CONTROL,
    DROPPED_SIGNATURE,
    DROPPED_HEADING_COPY,
    DROPPED_REPEAT,
    DROPPED_TOO_FEW_WORDS,
    DROPPED_TABLE,
    DROPPED_INVISIBLE,
    DROPPED_LINE_NUMBERS,
)


def select_main(page: Page, labels: Labels, options: Options) -> tuple[int, ...]:
    """Indices of the main-content blocks, in page order."""
    return select(page, labels, options).chosen


def select(page: Page, labels: Labels, options: Options) -> Selection:
    """The main-content blocks, with the reason for each one left out."""
    wanted = {BlockLabel.MAIN, BlockLabel.TEASER} if options.keep_teasers else {BlockLabel.MAIN}
    chosen = [i for i, label in enumerate(labels.labels) if label in wanted]
    if not chosen:
        chosen = _fallback(labels)
    chosen = _with_drop_cap_letters(page.blocks, chosen)
    # A table of three rows or more between two chosen blocks was tried as content whatever the
    # classifier said of its rows (a comparison table under its heading): by domain CV (three
    # seeds) +0.0001 in each, with 11 to 14 pages gaining and 10 to 14 losing. Left out.
    dropped: dict[int, str] = {}
    kept = [i for i in chosen if not shows_nothing(page.blocks[i].text)]
    chosen = _narrowed(chosen, kept, DROPPED_INVISIBLE, dropped)
    numbered_lines = _line_number_boxes(page.blocks)
    kept = [
        i for i in chosen if i not in numbered_lines and not _is_line_number_gutter(page.blocks, i)
    ]
    chosen = _narrowed(chosen, kept, DROPPED_LINE_NUMBERS, dropped)
    if not options.include_tables:
        kept = [i for i in chosen if page.blocks[i].kind != "tr"]
        chosen = _narrowed(chosen, kept, DROPPED_TABLE, dropped)
    if options.focus is Focus.RECALL:
        return Selection(tuple(chosen), dropped)
    kept = _outside_site_regions(page, chosen, labels.page_type)
    chosen = _narrowed(chosen, kept, DROPPED_REGION, dropped)
    kept = _without_controls(page, chosen, labels.page_type)
    chosen = _narrowed(chosen, kept, DROPPED_CONTROL, dropped)
    if labels.page_type in _SIGNED_TYPES:
        kept = _without_signatures(page, chosen)
        chosen = _narrowed(chosen, kept, DROPPED_SIGNATURE, dropped)
    keys = {index: _key(page, index) for index in chosen}
    kept = [
        index
        for index in chosen
        if not is_interface_line(keys[index])
        and not _is_interface_lines(page.blocks[index].text)
        and not is_breadcrumb(page.blocks[index].text)
        and not _is_leftover(page.blocks[index])
    ]
    chosen = _narrowed(chosen, kept, DROPPED_INTERFACE, dropped)
    if not options.keep_teasers:
        kept = _without_teaser_lines(page, chosen, labels.page_type)
        chosen = _narrowed(chosen, kept, DROPPED_TEASER, dropped)
    # Heading copies first: the headings are what stays of a repeated line.
    kept = _without_heading_copies(page, chosen, keys)
    chosen = _narrowed(chosen, kept, DROPPED_HEADING_COPY, dropped)
    if labels.page_type not in _REPEATING_TYPES:
        kept = _without_previews(_without_repeats(chosen, keys, page.blocks), keys, page.blocks)
        kept = _without_emptied_copies(page, chosen, kept, keys)
        chosen = _narrowed(chosen, kept, DROPPED_REPEAT, dropped)
    kept = _without_menu_headings(page, _without_menu_links(page, chosen))
    chosen = _narrowed(chosen, kept, DROPPED_INTERFACE, dropped)
    # Other headings whose sections lost all their text stay: by domain CV (three seeds), dropping
    # the headings that end the selection gave -0.0001, +0.0001 and -0.0004 (a listing's last
    # card is often a heading alone), and a heading before one of its rank or higher -0.0024.
    if _too_few_words(page, chosen):
        return Selection((), dropped | dict.fromkeys(chosen, DROPPED_TOO_FEW_WORDS))
    return Selection(tuple(chosen), dropped)


def _with_drop_cap_letters(blocks: Sequence[Block], chosen: list[int]) -> list[int]:
    """``chosen`` with the first letter a template set apart from a chosen paragraph (the
    renderers join the two again)."""
    letters = [
        index - 1 for index in chosen if index and is_drop_cap(blocks[index - 1], blocks[index])
    ]
    return sorted(set(chosen).union(letters)) if letters else chosen


def _narrowed(
    before: list[int], after: list[int], reason: str, dropped: dict[int, str]
) -> list[int]:
    """``after``, noting in ``dropped`` why the blocks of ``before`` it lacks went."""
    if len(after) < len(before):
        left = set(after)
        dropped.update((index, reason) for index in before if index not in left)
    return after


# A shop's filter panel (brands, price bands, sizes) is a column of short lines the block
# classifier often takes for the grid's cards; they are dropped where an element around them
# is marked as a filter or facet. Longer lines there stay, and "filtering" or "filterable"
# mark nothing: some templates wrap the whole grid in such an element. Measured by domain CV:
# collection 0.707 -> 0.714, listing 0.731 -> 0.733; two to six words score alike, no limit
# loses, and looking only a few levels up for the mark gains less.
# On a grid of cards (collections, listings) the short lines of buttons, dialogs and toolbars
# go too: "Quick view", "Choose options", "Sort by", "Add to wishlist" (collection 0.714 ->
# 0.718, listing 0.733 -> 0.735; on service pages a button's words are part of the content).
# On product pages neither helps (domain CV, three seeds): dropping the short lines of those
# marks, or of forms, buttons and labels, moves product word F1 by -0.0007 to +0.0001;
# dropping every block inside a form there gains product 0.0008 to 0.0018 but loses service
# 0.0007 to 0.0047, on service pages taken for products, and overall 0.0000 to 0.0005.
MAX_CONTROL_WORDS = 4
_CONTROLS = CATEGORY_BITS["facet"]
_GRID_CONTROLS = (
    _CONTROLS | CATEGORY_BITS["button"] | CATEGORY_BITS["modal"] | CATEGORY_BITS["toolbar"]
)
_GRID_TYPES = frozenset(("collection", "listing"))


def _without_controls(page: Page, chosen: list[int], page_type: str) -> list[int]:
    """``chosen`` without the short lines of a filter panel, and on a grid of cards without
    those of its buttons, dialogs and toolbars too."""
    controls = _GRID_CONTROLS if page_type in _GRID_TYPES else _CONTROLS
    tokens = page.elements.part_tokens
    return [
        index
        for index in chosen
        if not tokens[max(page.blocks[index].element, 0)] & controls
        or has_words(page.blocks[index].text, MAX_CONTROL_WORDS + 1)
    ]


# A thread's posts carry their writers' signatures (a motto, a list of their gear, a PGP key)
# under each post: the same lines again and again, about the writer, not the thread. By domain
# CV with three seeds, forum pages 0.807 -> 0.809, 0.811 -> 0.812, 0.807 -> 0.811 (7 to 9
# pages gained, one lost 0.003 and 0.004 in two seeds). Only on threads: elsewhere the mark's
# word "sig" is a documentation generator's for a function's signature.
_SIGNED_TYPES = frozenset(("forum",))
_SIGNATURE = CATEGORY_BITS["signature"]


def _without_signatures(page: Page, chosen: list[int]) -> list[int]:
    tokens = page.elements.part_tokens
    return [i for i in chosen if not tokens[max(page.blocks[i].element, 0)] & _SIGNATURE]


def _is_line_number_gutter(blocks: Sequence[Block], index: int) -> bool:
    """A code block of the numbers 1 to n alone, just before the code of another <pre>: the
    column of line numbers that highlighters set in a table cell beside the code."""
    block = blocks[index]
    if block.kind != "pre" or index + 1 == len(blocks):
        return False
    following = blocks[index + 1].code
    if following < 0 or following == block.code:
        return False
    numbers = block.text.split()
    return bool(numbers) and numbers == [str(number) for number in range(1, len(numbers) + 1)]


def _line_number_boxes(blocks: Sequence[Block]) -> set[int]:
    """Blocks of a code block that hold nothing but a line's number, set before each line of
    it: components that lay each line of code out in a box of its own put the number in a
    box before the line's. (Numbers inside a line's text are the page walk's to remove.)"""
    found: set[int] = set()
    for lines in code_lines(blocks).values():
        numbers = [i for i in lines if blocks[i].text.isdigit() and blocks[i].text.isascii()]
        if len(numbers) < 2 or len(numbers) == len(lines):
            continue
        values = [int(blocks[i].text) for i in numbers]
        if not counts_up(values) or (values[0] != 1 and len(values) < 3) or lines[0] != numbers[0]:
            continue
        numbered = set(numbers)
        # every line of code follows its number (a blank line has no block of its own)
        if all(lines[k - 1] in numbered for k in range(1, len(lines)) if lines[k] not in numbered):
            found.update(numbers)
    return found


def _is_interface_lines(text: str) -> bool:
    """A block of several lines, each an interface line: a member card's "Posts: 116" over
    "Threads: 23" (by domain CV with three seeds one forum page gained each time, none lost)."""
    if "\n" not in text:
        return False
    read_any = False
    for line in text.split("\n"):
        words = line_words(line)
        if words:
            if not is_interface_line(words):
                return False  # most blocks: their first line is content, and the rest is not read
            read_any = True
    return read_any


# A line that is an address and nothing else, and no link, is data a template leaked into
# the page (an image's address in a swatch list), not text written for readers; a link's
# address and one in code are kept. On WCXB 5 of 97 such lines that the classifier kept were
# content, each a few words, against pages of image addresses.
_BARE_ADDRESS = re.compile(r"\s*(?:https?://|www\.)\S+\s*")


# Measured by domain CV (out-of-fold probabilities of the shipped bag), dropping these lines
# outside listings and collections: 22 pages gained (up to +0.026) and 17 lost (up to -0.009: a
# truth that keeps "READ MORE: ..." lines between its paragraphs), word F1 0.8862 -> 0.8863,
# article 0.9581 -> 0.9584. A headline half linked or more: one page fewer gained; on listings
# too, one lost ("Watch: ..." items of a news listing); without the link, 2 gained and 2 lost.
_LINKED_SHARE = 0.25
_LONGEST_LEAD = 40  # characters before the colon: the longest lead has 33
# Pages whose items are such pointers to other pages: their content.
_POINTING_TYPES = frozenset(("listing", "collection"))


def _without_teaser_lines(page: Page, chosen: list[int], page_type: str) -> list[int]:
    """``chosen`` without the lines that send the reader to another story, unless such
    pointers are what the page is made of."""
    if page_type in _POINTING_TYPES:
        return chosen
    return [index for index in chosen if not _is_teaser_line(page.blocks[index])]


def _is_teaser_line(block: Block) -> bool:
    """A line that sends the reader to another story: a lead ("Related", "Read more", see
    ``TEASER_LEADS``), a colon, and a headline, linked."""
    if not block.link_chars:
        return False  # (most lines: no partition of a long paragraph to find that out)
    lead, colon, headline = block.text.partition(":")
    if not colon:  # Chinese, Japanese and Korean write a full-width one
        lead, colon, headline = block.text.partition("：")
    headline = headline.strip()
    if not colon or not headline or "\n" in headline or len(lead) > _LONGEST_LEAD:
        return False
    return line_words(lead) in TEASER_LEADS and block.link_chars >= _LINKED_SHARE * len(headline)


def _is_leftover(block: Block) -> bool:
    """An address alone or a script's loading placeholder, outside code and links; a wiki's
    link to edit a section; a post's tags or categories; identifiers outside code."""
    if SECTION_EDIT_LINK.fullmatch(block.text):
        return True
    if block.kind != "pre" and (
        TAXONOMY_LINE.fullmatch(block.text) or is_identifier_noise(block.text)
    ):
        return True
    if block.link_chars or block.kind == "pre":
        return False
    text = block.text
    return (
        _BARE_ADDRESS.fullmatch(text) is not None or LOADING_PLACEHOLDER.fullmatch(text) is not None
    )


def without_edit_link(block: Block) -> Block:
    """A heading without the link to edit its section that a wiki sets inside it
    ("History[edit]", "Historia[editar | modificar o codigo]"), where something is left."""
    if block.kind not in HEADING_KINDS or not block.text.endswith("]"):
        return block
    raw = block.raw
    start = raw.rfind("[")
    while start > 0:
        tail = raw[start:]
        if SECTION_EDIT_LINK.fullmatch(plain(tail)):
            text = clean_text(plain(raw[:start]), False)
            if not text:
                return block
            removed = tail.count(LINK_OPEN) + tail.count(IMAGE)
            targets = block.targets[: len(block.targets) - removed]
            return block._replace(text=text, raw=raw[:start], targets=targets)
        start = raw.rfind("[", 0, start)
    return block


# A passage the main content holds twice is a table of contents repeating the headings, a
# reply quoting the post before it, or a second copy a template keeps for small screens: the
# text keeps it once. A table of contents goes whatever the length of its lines; other short
# lines repeat legitimately (a date on every post), and so does documentation (the same step
# in each language's tab).
MIN_REPEATED_WORDS = 4
_REPEATING_TYPES = frozenset(("documentation",))


def _without_repeats(chosen: list[int], keys: dict[int, str], blocks: Sequence[Block]) -> list[int]:
    """``chosen`` with each passage of some length kept once, where it first comes. A line of
    code set in a box of its own is no passage: code repeats its lines."""
    seen: set[str] = set()
    kept = []
    for index in chosen:
        text = keys[index]
        is_code_line = blocks[index].code >= 0 and blocks[index].kind != "pre"
        if not is_code_line and has_words(text, MIN_REPEATED_WORDS):
            if text in seen:
                continue
            seen.add(text)
        kept.append(index)
    return kept


# Measured by domain CV from out-of-fold probabilities of the shipped bag: 29 pages gained (up
# to +0.07: a product page's copy for small screens, a collection's repeated tiles) and 13
# lost (up to -0.025: a listing whose truth keeps each pricing card's repeated lines), word F1
# 0.8860 -> 0.8861 (product 0.6717 -> 0.6727). With a section left empty counted as emptied,
# an item's repeated "Top picks:" heading over its own list went too.
def _without_emptied_copies(
    page: Page, before: list[int], after: list[int], keys: dict[int, str]
) -> list[int]:
    """``after`` (``before`` without its repeats) without what stays of a section's second
    copy: a heading that repeats an earlier one of the page, where every line of its section
    (up to the next heading of its rank or higher) went as a repeat or repeats an earlier
    line (a template's copy of the article for other screens, headline included). A heading
    that repeats with new lines under it, or with none (an item's "Pros"), stays."""
    first_heading: dict[str, int] = {}
    for number, block in enumerate(page.blocks):
        if block.kind in HEADING_KINDS:
            first_heading.setdefault(line_words(block.text), number)
    kept, place = set(after), {index: position for position, index in enumerate(before)}
    lines_seen: set[str] = set()
    gone: set[int] = set()
    for index in after:
        if index in gone:
            continue
        if _is_heading(page, index) and first_heading.get(keys[index], index) < index:
            section = _section(page, before, place[index])
            if section and all(
                i not in kept or i in gone or keys[i] in lines_seen for i in section
            ):
                gone.add(index)
                gone.update(section)
                continue
        lines_seen.add(keys[index])
    return [index for index in after if index not in gone]


_LONGEST_SECTION = 400  # blocks: a longer one is no copy worth looking at


def _section(page: Page, chosen: list[int], position: int) -> list[int]:
    """The blocks under the heading at ``position`` up to the next of its rank or higher;
    empty where there are more than _LONGEST_SECTION."""
    rank = page.blocks[chosen[position]].kind
    section: list[int] = []
    for index in chosen[position + 1 : position + 1 + _LONGEST_SECTION + 1]:
        if _is_heading(page, index) and page.blocks[index].kind <= rank:  # "h1" < "h2"
            return section
        section.append(index)
    return section if len(section) <= _LONGEST_SECTION else []


# A teaser's cut-off text shown before the whole passage ("... Read more" expanded in place, a
# summary that is the article's first sentence): by domain CV with three seeds, 7 or 8 pages
# gained (up to +0.08) and one or two lost (a product page's truth keeps both copies of its
# ingredients), +0.0001 overall; a cut inside a word ("arrived very q") gained one more page
# 0.01 in each seed. Headings stay: a question's heading often opens its answer.
MIN_PREVIEW_WORDS = 8
_PREVIEW_LOOKAHEAD = 2


def _without_previews(
    chosen: list[int], keys: dict[int, str], blocks: Sequence[Block]
) -> list[int]:
    """``chosen`` without the passages that one of the next blocks opens with and goes on
    (where the cut falls inside a word too)."""
    kept = []
    for position, index in enumerate(chosen):
        text = keys[index]
        following = chosen[position + 1 : position + 1 + _PREVIEW_LOOKAHEAD]
        if (
            blocks[index].kind not in HEADING_KINDS
            and blocks[index].code < 0  # a line of code may open the next one
            and has_words(text, MIN_PREVIEW_WORDS)
            and any(keys[later].startswith(text) and keys[later] != text for later in following)
        ):
            continue
        kept.append(index)
    return kept


# The site's own regions hold none of the page's main content: its dialogs (<dialog>, role
# dialog: consent banners, sign-up pop-ups), and, outside <main> and <article>, its footer and
# navigation (<footer>, <nav> and their roles). On wcxb-dev, of the lines the block models
# chose in a footer or a dialog out of fold, 5,923 words lay outside the truths and 20 inside.
# By domain CV with three seeds: 0.8814, 0.8786, 0.8786 -> 0.8828, 0.8799, 0.8806 with footers
# and dialogs (collection +0.008 to +0.013, listing +0.005 to +0.007; 29 to 48 pages gained,
# 3 to 7 lost, most up to 0.004 and one 0.054: a shop's footnotes its truth keeps) -> 0.8837,
# 0.8813, 0.8812 with the navigation (37 to 43 more gained, 7 or 8 lost up to 0.015). Inside
# the main content both stay: an article's own footer (a card's byline on a listing, which
# truths keep), a profile's co-authors in a <nav> (counting it lost a page 0.17), a template
# whose footer wraps everything. So do a product page's dialogs: shops set a product's details
# in drawers (role dialog), and of the truths' words in dialogs, 1,092 of 1,380 are on product
# pages. Sidebars and the page's <header> outside the main content scored alike (+0.0002 at
# most) and are left to the models: a site that wraps its whole page in a <header> lost all
# its text. Where nothing else is left, the text is empty and says so; focus="recall" skips
# these rules (keeping whatever held everything cost 0.0007 to 0.0008 in two seeds: pages a
# script fills in, whose truths are empty).
_DIALOGS = TAG_BITS["dialog"]
# the regions a site sets around its pages, and that a menu sits in
_FOOTER_AND_NAVIGATION = TAG_BITS["footer"] | TAG_BITS["nav"]
_MAIN = TAG_BITS["main"] | TAG_BITS["article"]


def _outside_site_regions(page: Page, chosen: list[int], page_type: str) -> list[int]:
    """``chosen`` without the blocks in the page's dialogs (but a product page's), or in its
    footer or navigation outside the main content."""
    dialogs = 0 if page_type == "product" else _DIALOGS
    return [i for i in chosen if not _in_site_region(page, i, dialogs)]


def _in_site_region(page: Page, index: int, dialogs: int) -> bool:
    tags = _region_bits(page, index, dialogs | _FOOTER_AND_NAVIGATION | _MAIN)
    return bool(tags & dialogs or (tags & _FOOTER_AND_NAVIGATION and not tags & _MAIN))


# A site map in the page's footer heads each column of links ("Company", "Help"), and a menu
# its groups: the links go as navigation, and their heading would stand alone in the text.
# (Since the site's regions go first, these rules meet only a <nav> inside the main content
# and an article's own <footer>.) By domain CV with three seeds, a footer's: 18 to 27 pages
# gained a little and one to three lost up to 0.001; a <nav>'s as well: 7 to 14 more gained,
# two lost up to 0.003. Counting a footer's class words as well as the element and its role
# lost one page 0.15.
def _without_menu_headings(page: Page, chosen: list[int]) -> list[int]:
    """``chosen`` without the headings inside a footer or a navigation region that head no
    chosen text of such a region: the next chosen block is another heading, lies outside
    every region of the heading's kind, or there is none."""
    kept = []
    for position, index in enumerate(chosen):
        region = _regions(page, index)
        if region and _is_heading(page, index):
            following = chosen[position + 1] if position + 1 < len(chosen) else -1
            if following < 0 or _is_heading(page, following):
                continue
            if not region & _regions(page, following):
                continue
        kept.append(index)
    return kept


# A menu's or a footer's link on a line of its own ("Privacy", "All categories"), which the
# models now and then take for content. By domain CV with three seeds, lines of up to 8 words
# that are all link: 29 to 34 pages gained, 7 to 12 lost up to 0.015 (a shop's category menu
# or a reference's module list that the truth keeps), +0.0001 to +0.0004 overall; up to 3 or
# 12 words scored alike.
_MENU_LINK_WORDS = 8
_LINK_SHARE = 0.99  # of the line's characters but spaces: a separator may stay unlinked


def _without_menu_links(page: Page, chosen: list[int]) -> list[int]:
    """``chosen`` without the short lines inside a footer or a navigation region that are
    nothing but links."""
    return [index for index in chosen if not _is_menu_link(page, index)]


def _is_menu_link(page: Page, index: int) -> bool:
    block = page.blocks[index]
    if not block.links or not _regions(page, index) or has_words(block.text, _MENU_LINK_WORDS + 1):
        return False
    visible = len(block.text) - block.text.count(" ")
    return block.link_chars >= _LINK_SHARE * max(visible, 1)


def _regions(page: Page, index: int) -> int:
    """The menu regions a block sits in: a <footer> (or role contentinfo), a <nav> (or role
    navigation), as tag bits."""
    return _region_bits(page, index, _FOOTER_AND_NAVIGATION)


def _region_bits(page: Page, index: int, regions: int) -> int:
    """Which of ``regions`` (tag bits) the block sits in, itself or through an ancestor."""
    element = page.blocks[index].element
    return page.elements.tags[element] & regions if element >= 0 else 0


def _without_heading_copies(page: Page, chosen: list[int], keys: dict[int, str]) -> list[int]:
    """``chosen`` without the lines that repeat one of its headings: a table of contents."""
    headings = {keys[i] for i in chosen if _is_heading(page, i)}
    return [
        i
        for i in chosen
        if _is_heading(page, i) or not _repeats_heading(page.blocks[i].text, keys[i], headings)
    ]


# A table of contents may number the headings it lists where the headings themselves are not
# numbered (a wiki's "1.1 USE flags" above its heading "USE flags"; "IV. Results"). By domain
# CV with three seeds, 4 pages gained each time (up to +0.06: a thread's numbered contents, a
# "most read" box repeating the headlines) and one lost 0.0001.
_SECTION_NUMBER = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")


def _repeats_heading(text: str, key: str, headings: set[str]) -> bool:
    """Whether a line (``key``: its words) is one of the headings, numbered or not."""
    if key in headings:
        return True
    number = _SECTION_NUMBER.match(text)
    unnumbered = line_words(text[number.end() :]) if number else ""
    return bool(unnumbered) and unnumbered in headings


def _key(page: Page, index: int) -> str:
    """A block's words, without the marks around them: a heading's permalink sign ("¶", "#")
    is not in its line of the table of contents."""
    return line_words(page.blocks[index].text)


def _is_heading(page: Page, index: int) -> bool:
    return page.blocks[index].kind in HEADING_KINDS


def words_chosen(page: Page, chosen: Sequence[int], most: int | None = None) -> int:
    """How many words the chosen blocks hold; with ``most``, counting stops there."""
    total = 0
    for index in chosen:
        total += word_count(page.blocks[index].text, None if most is None else most - total)
        if most is not None and total >= most:
            return most
    return total


def _too_few_words(page: Page, chosen: list[int]) -> bool:
    if words_chosen(page, chosen, MIN_MAIN_WORDS) >= MIN_MAIN_WORDS:
        return False
    every_block = range(len(page.blocks))
    return words_chosen(page, every_block, MIN_PAGE_WORDS_TO_ABSTAIN) >= MIN_PAGE_WORDS_TO_ABSTAIN


def _fallback(labels: Labels) -> list[int]:
    candidates = [i for i, label in enumerate(labels.labels) if label in _FALLBACK_LABELS]
    if not candidates:
        return []
    probability = labels.main_probability
    best = float(np.max(probability[candidates]))
    return [i for i in candidates if probability[i] >= best * _FALLBACK_SHARE_OF_BEST]
