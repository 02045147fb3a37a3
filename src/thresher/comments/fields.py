"""The fields of one record: its author, its date, and which of its blocks are its text.

Forum and comment templates put a user panel (avatar, name, rank, join date, post count),
header lines (the author, the date, a post number) and buttons (Reply, Like) beside the text;
these are told apart by their marks and their shape, never by a site's name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from ..label.vocabulary import CATEGORY_BITS, TAG_BITS, is_interface_text
from ..metadata.dates import MEMBER_DATE, parse_date, parse_shown_date
from ..metadata.language import writes_the_day_first
from ..page.model import Block, ElementTable, Page

Item = TypeVar("Item", bound=tuple[Any, ...])


class ByPosition(Generic[Item]):
    """Declarations of one kind (each a tuple led by its element), found by where their
    element starts: every record asks for those inside it, and a scan of the whole page per
    record made a thread of thousands of posts quadratic."""

    def __init__(self, items: Sequence[Item], enter: Sequence[int]) -> None:
        order = sorted(range(len(items)), key=lambda i: enter[items[i][0]])
        self._starts = [enter[items[i][0]] for i in order]
        self._order = order
        self._items = items

    def within(self, window: tuple[int, int]) -> list[Item]:
        """Those whose element starts inside the window, in the page's own order of them."""
        low = bisect_left(self._starts, window[0])
        high = bisect_right(self._starts, window[1])
        return [self._items[i] for i in sorted(self._order[low:high])]


class Declared:
    """A page's declarations, by position: dates, authors, texts and marked inline spans."""

    def __init__(self, page: Page) -> None:
        declarations, enter = page.declarations, page.elements.enter
        self.times = ByPosition(declarations.times, enter)
        self.item_dates = ByPosition(declarations.item_dates, enter)
        self.item_authors = ByPosition(declarations.item_authors, enter)
        self.item_texts = ByPosition(tuple((e,) for e in declarations.item_texts), enter)
        self.spans = ByPosition(declarations.spans, enter)
        self.tooltips = ByPosition(declarations.tooltips, enter)
        # how the page's language orders a date's day and month ("05/03/2024")
        self.day_first = writes_the_day_first(page)


_AUTHOR_BITS = CATEGORY_BITS["user"] | CATEGORY_BITS["byline"]
_BODY_BITS = CATEGORY_BITS["content"] | CATEGORY_BITS["body"] | CATEGORY_BITS["article"]
_NOT_NAME_BITS = _BODY_BITS | CATEGORY_BITS["signature"]
# Where nothing else names the poster, a mark that also says "post" may ("PostUser-name").
_LOOSE_NOT_NAME_BITS = _NOT_NAME_BITS & ~CATEGORY_BITS["article"]
# "Jane Roe says:" as comment templates write it, in the languages they are translated into.
_SAYS = re.compile(
    r"\s+(says|said|wrote|sagt|schreibt|schrieb|dit|a\s+écrit|dice|dijo|escribió|disse|diz"
    r"|escreveu|zegt|schreef|pisze|napisał[a]?|skriver|säger|sier|siger|sanoo|kirjoitti"
    r"|dedi(?:\s+ki)?|yazdı|berkata|menulis|говорит|пишет|написал[а]?|каже|пише|nói|viết"
    r"|يقول|تقول|قال|قالت|كتب|كتبت|گفت|می‌گوید|נכתב|כתב|כתבה|אומר|אומרת|ने\s+कहा|ने\s+लिखा"
    r"|กล่าวว่า|เขียนว่า)\s*:?\s*$",
    re.IGNORECASE,
)
_CONTROLS = frozenset(
    (
        "reply",
        "report",
        "quote",
        "like",
        "copy link",
        "expand full comment",
        # "Reply" in other languages
        "antworten",
        "répondre",
        "responder",
        "responda",
        "rispondi",
        "beantwoorden",
        "reageren",
        "odpowiedz",
        "odpovědět",
        "svara",
        "svar",
        "vastaa",
        "yanıtla",
        "cevapla",
        "balas",
        "ответить",
        "відповісти",
        "trả lời",
        "رد",
        "ردّ",
        "الرد",
        "پاسخ",
        "הגב",
        "השב",
        "जवाब दें",
        "उत्तर दें",
        "ตอบกลับ",
        "απάντηση",
        "válasz",
        "răspunde",
        "odgovori",
        "回复",
        "回覆",
        "返信",
        "답글",
    )
)
_LONGEST_CONTROL = 40
# A linked address or a mention ("Hi @jroe") in a short line: part of the post, no button.
_ADDRESS_OR_MENTION = re.compile(r"(?:^|\s)@\w|\w\.[a-z]{2,}/\S|https?://")
_LONGEST_USER_PANEL = 300
_LONGEST_NAME = 60
_HANDLE_AND_NAME = re.compile(r"^(\S+)\s+\([^()]+\)$")
# "blue trane ( 110704 )", "jroe ( 4333 ) *": a member's number, and a subscriber's star
_USER_NUMBER = re.compile(r"\s+\(\s*\d+\s*\)(?:\s*\*)?$")
_LONGEST_HEADER_LINE = 100
_LONGEST_DATELINE = 50
_HEADER_LINES_LOOKED_AT = 3
# Labels forums print around a post: the poster's status or rank ("Logged" stands where an
# SMF forum hides the poster's address), not the post.
FORUM_BADGES = frozenset(
    (
        "logged",
        "online",
        "offline",
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
# What a comment's header shows beside the name: the menu of its edits, and the placeholder of
# a menu still to load.
_HEADER_WIDGETS = frozenset(("edited", "loading", "loading...", "loading…"))
_HEADER_LABELS = FORUM_BADGES | _HEADER_WIDGETS
# A member's rank as community forums print it above each post: "Level 5", "Rank 3".
_RANK = re.compile(r"^(?:level|rank|lvl\.?)\s*\d{1,3}$", re.IGNORECASE)
_POST_NUMBER = re.compile(r"^(?:#|(?:reply|post|comment|answer)\s+#?)?\d{1,6}$", re.IGNORECASE)
# "Posts: 98" and "1,234 messages", and the same counts of forums in other languages.
_POST_WORDS = (
    r"(?:posts?|messages?|replies|beiträge|mensajes|messaggi|mensagens|berichten|posty"
    r"|příspěvky|inlägg|innlegg|indlæg|viestejä|viestit|mesajlar|сообщени[йяе]|повідомлень"
    r"|μηνύματα|δημοσιεύσεις|bài\s+viết|المشاركات|مشاركات|הודעות|โพสต์)"
)
# A count is tried once from where its run of digits, commas and points starts, and when the
# run holds a digit that starts a number ("4,032", ".5"): tried from each such digit, a line of
# 12,000 "1." took 30 s.
_POST_COUNTS = re.compile(
    rf"(?<![\d,.])(?=\b\d|[\d,.]*?[,.]\d)[\d,.]++\s+{_POST_WORDS}(?!\w)"
    rf"|^{_POST_WORDS}\s*:\s*\d|\bedited by\b",
    re.IGNORECASE,
)
# The lines of a member's card above a post: "Joined: ...", "Location: Cardiff".
_MEMBER_LINE = re.compile(r"^(?:location|reputation)\s*:", re.IGNORECASE)


def is_control(block: Block) -> bool:
    """A button-like line inside a comment: Reply, Report, "reply to comment", Like."""
    text = block.text.strip().lower()
    if text in _CONTROLS:
        return True
    if len(text) > _LONGEST_CONTROL or block.link_chars < 0.8 * len(text):
        return False  # (first: most blocks are a post's text, and the patterns read it whole)
    if _SAYS.search(text):
        return False  # "Jane said:" opens a quotation: a link, but part of the post
    # a linked address or "Hi @jroe": part of the post, not a button
    return _ADDRESS_OR_MENTION.search(text) is None


def without_interface_lines(blocks: list[Block]) -> list[Block]:
    """A record's text without lines of the page's interface ("Loading...", "Sent from my
    iPhone", "Join to see EXIF info", "Link to post", a code box's "Code: Select all"). They
    go last: a member card's "Posts: 98" is what tells the card apart before. A record that
    is nothing else keeps them."""
    kept = [block for block in blocks if not _is_interface_block(block)]
    return kept or blocks


def _is_interface_block(block: Block) -> bool:
    text = block.text.strip()
    return "\n" not in text and (text.lower() in _WIDGET_LINES or is_interface_text(text))


_WIDGET_LINES = frozenset(
    (
        "link to post",
        "link to comment",
        "share on other sites",  # Invision Community's share link under each post
        "report inappropriate content",
        "code: select all",
    )
)


def without_header(blocks: list[Block], author: str | None) -> list[Block]:
    """The blocks after a post's header lines: short lines at its top that hold the author,
    a date, a post number or counts ("#3", "Posted by jane 9,844 posts", "last edited by")."""
    start = 0
    for block in blocks:
        text = block.text.strip()
        if len(text) > _LONGEST_HEADER_LINE or not _is_header_line(text, author):
            break
        start += 1
    return blocks[start:] if start < len(blocks) else blocks


# "Advertisement", "Advertisement (gone after registration)": the label of an ad set among
# the posts, its content a script that left nothing.
_AD_LABEL = re.compile(r"^\W*advertisement\b\W*(?:\(\s*[^()]{0,40}\))?\W*$", re.IGNORECASE)


def is_ad_label(text: str) -> bool:
    return _AD_LABEL.match(text.strip()) is not None


def without_trailing_badges(blocks: list[Block]) -> list[Block]:
    """The blocks without the poster's status printed under the post ("Offline", "Logged")."""
    end = len(blocks)
    while end > 1 and blocks[end - 1].text.strip().casefold() in FORUM_BADGES:
        end -= 1
    return blocks[:end]


# The count of votes or reactions a forum prints under a post: "1", "❤️ 0", "3 reactions"
# ("$5", a price, is an answer). "3 likes" is an interface line, gone before.
_REACTION_COUNT = re.compile(r"(?:[^\w\s$€£¥₹]{1,8} ?)?\d{1,6}(?: (?:reactions?|votes?|points?))?")


def without_trailing_counts(blocks: list[Block]) -> list[Block]:
    """The blocks without the votes or reactions counted under the post; the first block
    stays, whatever it holds."""
    end = len(blocks)
    while end > 1 and all(
        _REACTION_COUNT.fullmatch(line.strip().casefold())
        for line in blocks[end - 1].text.split("\n")
    ):
        end -= 1
    return blocks[:end]


def after_member_card(
    text_blocks: list[Block], blocks: list[Block], date_text: str | None
) -> list[Block]:
    """The text without a member's card set above the post's dateline (phpBB puts the
    poster's profile before the post: a rank, "Posts: 4032", a join date, a title): the
    short lines above that line go when one of them is a card's."""
    dateline = next((i for i, b in enumerate(blocks) if date_text and date_text in b.text), -1)
    if dateline < 0:
        return text_blocks
    position = {id(b): i for i, b in enumerate(blocks)}
    above = [b for b in text_blocks if position[id(b)] < dateline]
    if not any(_is_card_line(b.text.strip()) for b in above):
        return text_blocks
    if any(len(b.text) > _LONGEST_HEADER_LINE for b in above):
        return text_blocks
    return [b for b in text_blocks if position[id(b)] > dateline]


def _is_card_line(text: str) -> bool:
    return bool(_POST_COUNTS.search(text) or MEMBER_DATE.match(text) or _MEMBER_LINE.match(text))


def holds_text(blocks: list[Block], author: str | None) -> bool:
    """Whether some block is more than a post's header line."""
    return any(
        len(b.text.strip()) > _LONGEST_HEADER_LINE or not _is_header_line(b.text.strip(), author)
        for b in blocks
    )


def names(text: str, name: str | None) -> bool:
    """Whether ``text`` holds ``name`` as a whole: a poster called "est" is not named by
    "Sec-Fetch-Dest". (Found with str.find: a pattern made for each name took 25 µs to
    compile, and a page's names are many.)"""
    if not name:
        return False
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not _is_word_character(text[start - 1 : start]) and not _is_word_character(
            text[end : end + 1]
        ):
            return True
        start = text.find(name, start + 1)
    return False


def _is_word_character(character: str) -> bool:
    """Whether a character (or none, at an edge) is one that ``\\w`` matches."""
    return character.isalnum() or character == "_"


def _is_header_line(text: str, author: str | None) -> bool:
    if text.endswith(":"):
        return False  # "name:" or "name said:" opens a quotation of that name
    if names(text, author):
        return True
    if text.casefold().rstrip(":") in _HEADER_LABELS or _RANK.match(text):
        return True
    if _POST_NUMBER.match(text) or _is_card_line(text):
        return True
    # a dateline; a sentence that mentions a date ("the 2024-07-30 update") opens the post
    return len(text) <= _LONGEST_DATELINE and parse_date(text) is not None


def form_inside(page: Page, block: Block, record_element: int) -> bool:
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


def quoting_blocks(page: Page, blocks: list[Block]) -> list[bool]:
    """For each block: part of a quotation (the blockquote, or the "name:" line before it)."""
    inside = [_in_quotation(page, block.element) for block in blocks]
    opens = [
        block.text.rstrip().endswith(":") and index + 1 < len(blocks) and inside[index + 1]
        for index, block in enumerate(blocks)
    ]
    return [a or b for a, b in zip(inside, opens)]


def _in_quotation(page: Page, element: int) -> bool:
    """Inside a blockquote that quotes: some forums set a post's own text in a blockquote
    marked as its text ("messageText"), and quotes inside it are still quotes."""
    table = page.elements
    if element < 0 or not table.tags[element] & TAG_BITS["blockquote"]:
        return False
    node = element
    while node >= 0 and table.tag[node] != "blockquote":
        node = table.parent[node]
    return node >= 0 and not table.own_tokens[node] & _BODY_BITS


def in_user_panel(page: Page, block: Block, record_element: int, quoting: bool) -> bool:
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


def panel_name(page: Page, blocks: list[Block], record_element: int) -> str | None:
    """The first short line inside a marked author or user element of the record, when no
    element marks the name itself (the name is then a plain link inside the panel)."""
    table = page.elements
    for block in blocks:
        text = block.text.strip()
        if not 1 < len(text) <= _LONGEST_NAME or parse_date(text) or text[0].isdigit():
            continue
        if text.endswith("?"):
            continue
        node = block.element
        while node >= 0 and node != record_element:
            own = table.own_tokens[node]
            if own & _AUTHOR_BITS and not own & _NOT_NAME_BITS:
                return text
            node = table.parent[node]
    return None


# Addresses of a member's page: /u/jroe, /member/jroe, /users/123, /~jroe, phpBB's
# memberlist.php?mode=viewprofile&u=123, a page that names the member in its query
# (user?id=jroe, profile.php?id=123).
_MEMBER_PAGE = re.compile(
    r"/(?:u|users?|members?|profiles?|people)/[^/?#]+|/~[^/?#]+|[?&](?:u|uid|userid)=\d"
    r"|(?:^|/)(?:users?|members?|profiles?)(?:\.php)?\?(?:id|u|uid|user|name)=[^&#]",
    re.IGNORECASE,
)


def profile_name(page: Page, blocks: list[Block], window: tuple[int, int]) -> str | None:
    """The text of the first link to a member's page in the record's own first line: where
    no mark names the poster, forums still link the name to the poster's profile. (Further
    down, or in a reply, such a link is another poster's.)"""
    enter = page.elements.enter
    own = [b for b in blocks[:1] if window[0] <= enter[max(b.element, 0)] <= window[1]]
    for text, address in own[0].anchors if own else ():
        if _MEMBER_PAGE.search(address) and _could_be_a_name(text):
            return _handle(text)
    return None


_MOST_PROFILE_NAME_WORDS = 3  # "Sign in to post a comment" links to /users/sign_in
# A member's card at a post's top: the name, perhaps a rank, then lines such as "Registered:
# 2007-06-09" and "Posts: 11,642". Two card lines make a card; one ("3 replies") may be a
# comment's own line.
_CARD_LINES_LOOKED_AT = 6
_FEWEST_CARD_LINES = 2


def loose_marked_author(
    page: Page, declared: Declared, window: tuple[int, int], blocks: list[Block]
) -> str | None:
    """The name in an author mark that also says "post" (Flarum's "PostUser-name"): read
    only where nothing else names the poster, as such a mark is often a whole byline."""
    return marked_author(page, declared, window, blocks, _LOOSE_NOT_NAME_BITS)


def card_name(blocks: list[Block]) -> str | None:
    """The name heading a member's card at the top of the record, where no mark or link
    names the poster (FluxBB's and vBulletin's older layouts print it as plain bold text)."""
    lines = _top_lines(blocks)
    card = _card_lines(lines)
    if not card:
        return None
    for text in lines[: card[0]]:
        if _could_be_a_name(text):
            return _handle(text)
    return None


def without_member_card(blocks: list[Block]) -> list[Block]:
    """The blocks after a member's card at the top of the record (its name, rank, title and
    counts), when every line down to its last card line is short."""
    lines = _top_lines(blocks)
    card = _card_lines(lines)
    if not card or any(len(text) > _LONGEST_HEADER_LINE for text in lines[: card[-1]]):
        return blocks
    return blocks[card[-1] + 1 :] or blocks


def _top_lines(blocks: list[Block]) -> list[str]:
    return [" ".join(b.text.split()) for b in blocks[:_CARD_LINES_LOOKED_AT]]


def _card_lines(lines: list[str]) -> list[int]:
    card = [i for i, text in enumerate(lines) if _is_card_line(text)]
    return card if len(card) >= _FEWEST_CARD_LINES else []


def _could_be_a_name(text: str) -> bool:
    """A short line of a few words that no badge, post number, date or label fills: what a
    profile link or a member's card shows of its member."""
    if not 1 < len(text) <= _LONGEST_NAME or len(text.split()) > _MOST_PROFILE_NAME_WORDS:
        return False
    if text.casefold() in FORUM_BADGES or text.endswith((":", "?")):
        return False
    return not _POST_NUMBER.match(text) and parse_date(text) is None


def marked_author(
    page: Page,
    declared: Declared,
    window: tuple[int, int],
    blocks: list[Block],
    not_name_bits: int = _NOT_NAME_BITS,
) -> str | None:
    """The name in an author mark inside the record: an inline mark first, else a short block.
    A mark that also has one of ``not_name_bits`` (the post's body, a signature) is none."""
    table = page.elements
    marked = [
        text
        for element, text in declared.spans.within(window)
        if table.own_tokens[element] & _AUTHOR_BITS
        and not (text.startswith("@") and _in_post_text(table, element, blocks))
    ]
    # the first line of the user's panel: its name comes before its rank, status or signature
    marked += [
        block.lines
        for block in blocks
        if window[0] <= table.enter[max(block.element, 0)] <= window[1]
        and _in_author_mark(table, block.element, window, not_name_bits)
    ]
    found = [_name_in_mark(_SAYS.sub("", text.split("\n")[0]).strip()) for text in marked]
    names = [
        name
        for name in found
        if name
        and len(name) <= 80
        and name.casefold() not in FORUM_BADGES
        and not name.endswith("?")  # a question's title (a related question's), not a name
        and ": " not in name  # a label and its value: a signature's "PGP Key: F99F...", no name
    ]
    # One letter is mostly an avatar's placeholder; it is a name only when nothing else is.
    return next((name for name in names if len(name) > 1), names[0] if names else None)


def _in_post_text(table: ElementTable, element: int, blocks: list[Block]) -> bool:
    """Whether an inline element stands where the post's text has begun: in a line longer
    than a header's, or below one. A user's mark written "@jroe" there is a mention in the
    post ("@jroe thanks for this"), not its poster's name."""
    enter = table.enter[element]
    holding = [
        i
        for i, b in enumerate(blocks)
        if table.enter[max(b.element, 0)] <= enter <= table.exit[b.element]
    ]
    if not holding:
        return False
    innermost = max(holding, key=lambda i: table.enter[max(blocks[i].element, 0)])
    return any(len(b.text) > _LONGEST_HEADER_LINE for b in blocks[: innermost + 1])


def _in_author_mark(
    table: ElementTable, element: int, window: tuple[int, int], not_name_bits: int
) -> bool:
    """Whether the element or one of its ancestors inside the record (the record aside) is
    marked as an author's or a user's, and not with one of ``not_name_bits``."""
    while element >= 0 and table.enter[element] > window[0]:
        own = table.own_tokens[element]
        if own & _AUTHOR_BITS and not own & not_name_bits:
            return True
        element = table.parent[element]
    return False


def _name_in_mark(text: str) -> str | None:
    """The name an author mark holds: the whole of it, or what stands beside its date
    ("by jroe » Sun Sep 01, 2019 4:59 am", phpBB's line above each post)."""
    if parse_date(text) is None:
        return _handle(without_by(text))
    parts = [part for part in _MARK_PARTS.split(text) if part.strip()]
    undated = [part for part in parts if parse_date(part) is None]
    if len(parts) < 2 or len(undated) != 1:
        return None
    name = without_by(undated[0]).strip(_HEADER_PUNCTUATION)
    return _handle(name) if 0 < len(name.split()) <= _MOST_NAME_WORDS else None


_MARK_PARTS = re.compile(r"\s+[»|·•–—]\s+|\s+on\s+", re.IGNORECASE)
_LEADING_BY = re.compile(r"^\s*(?:posted\s+)?by\s+", re.IGNORECASE)


def without_by(text: str) -> str:
    """A header line without the "by" or "posted by" it opens with."""
    return _LEADING_BY.sub("", text)


# Markup a page printed as text into a name ("<span>Donald Elam</span>", a profile link with
# its attributes): never a name's part.
_MARKUP = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.IGNORECASE)


def without_markup(name: str | None) -> str | None:
    """The name without tags a template escaped into it, or None if nothing else is left."""
    if not name or "<" not in name:
        return name
    return " ".join(_MARKUP.sub(" ", name).split()) or None


def _handle(name: str) -> str:
    """'rimelek (Ákos Takács)' -> 'rimelek': forums show a user's handle, then the full name
    or the member's number."""
    found = _HANDLE_AND_NAME.match(name)
    return found.group(1) if found else _USER_NUMBER.sub("", name)


def date_of(
    declared: Declared, window: tuple[int, int], blocks: list[Block], author: str | None = None
) -> tuple[str | None, str | None]:
    # The date the record declares first (a time element may be its last edit's), then the
    # first time element that reads as a date (one may wrap another that holds the stamp).
    day_first = declared.day_first
    stamped = [*declared.item_dates.within(window), *declared.times.within(window)]
    for _, stamp, text in stamped:
        if found := parse_shown_date(stamp, day_first) or parse_shown_date(text, day_first):
            return found, text or stamp
    if stamped:
        return None, stamped[0][2] or stamped[0][1]
    for _, text in declared.spans.within(window):
        if found := parse_shown_date(text, day_first):
            return found, text
    for block in blocks:
        # a header line naming the author may be longer: "by jroe ( 127135 ) writes: on
        # Friday January 12, 2024 @11:51AM (#64153115)"
        longest = _LONGEST_HEADER_LINE if names(block.text, author) else 80
        short = len(block.text) < longest and not MEMBER_DATE.match(block.text)
        shown = short and not _EDIT_NOTE.search(block.text)
        if shown and (found := parse_shown_date(block.text, day_first)):
            return found, block.text
    # last, for a record that names its poster: the date a tooltip holds behind the age
    # shown ("2y", "1 year ago")
    for _, tip, text in declared.tooltips.within(window) if author else ():
        shown_age = len(text) <= _LONGEST_SHOWN_AGE and _AGE.search(text)
        if shown_age and not _EDIT_NOTE.search(tip) and (found := parse_shown_date(tip, day_first)):
            return found, text
    return None, None


_LONGEST_SHOWN_AGE = 25
_AGE = re.compile(
    r"\bago\b|^\d+\s*(?:s|m|min|h|hr|d|w|mo|y|yr)s?$|\b(?:yesterday|today|just now)\b",
    re.IGNORECASE,
)


# "Last edited by jroe on Tue Aug 27, 2019": when the post changed, not when it was written.
_EDIT_NOTE = re.compile(r"\bedited\b", re.IGNORECASE)


def declared_author(declared: Declared, window: tuple[int, int]) -> str | None:
    """The name the record declares as its author (microdata ``itemprop="author"``)."""
    for _, name in declared.item_authors.within(window):
        return _handle(name)
    return None


def declared_text(
    page: Page, declared: Declared, window: tuple[int, int], blocks: list[Block]
) -> list[Block]:
    """The record's blocks inside the element it declares as its text, or all of them when it
    declares none (Q&A sites put votes, titles and edit notes beside the text)."""
    table = page.elements
    for (element,) in declared.item_texts.within(window):
        start, end = table.enter[element], table.exit[element]
        inside = [b for b in blocks if start <= table.enter[max(b.element, 0)] <= end]
        return inside or blocks
    return blocks


_TEXT_MARK_BITS = CATEGORY_BITS["content"] | CATEGORY_BITS["body"]
_LEAST_MARKED_TEXT_SHARE = 0.5


def marked_text(
    page: Page,
    blocks: list[Block],
    record_element: int,
    header: tuple[str | None, ...],
    all_blocks: list[Block],
) -> list[Block]:
    """The record's blocks inside elements marked as its text ("comment-content",
    "post-body", "message-body"), when they hold most of its text: badges, scores and
    buttons around the text ("English", "26 ·", "reply | flag") are then left out. A mark
    whose first line holds the ``header`` (the author's name, the date as shown) is a
    wrapper or a utility class ("text-normal"), not the text's; ``all_blocks`` are the
    record's blocks before any was set aside (its name may be a link, read as a button)."""
    table = page.elements
    mark_of = {b.element: _text_mark(table, b.element, record_element) for b in all_blocks}
    marks = [mark_of.get(b.element, -1) for b in blocks]
    first_lines: dict[int, str] = {}
    for b in all_blocks:
        first_lines.setdefault(mark_of[b.element], b.text)
    headed = {mark for mark, line in first_lines.items() if _holds_header(line, header)}
    inside = [b for mark, b in zip(marks, blocks) if mark >= 0 and mark not in headed]
    total = sum(len(b.text) for mark, b in zip(marks, blocks) if mark not in headed)
    if not inside or sum(len(b.text) for b in inside) < _LEAST_MARKED_TEXT_SHARE * total:
        return blocks
    # a mark around the header and the text alike (a quote's marked text inside it) is no
    # text's mark: then nothing tells the text apart
    enter, exit_ = table.enter, table.exit
    if any(
        enter[mark] <= enter[max(b.element, 0)] <= exit_[mark] for mark in headed for b in inside
    ):
        return blocks
    return inside


def _holds_header(text: str, header: tuple[str | None, ...]) -> bool:
    line = text.split("\n", 1)[0]
    return len(line) <= _LONGEST_HEADER_LINE and any(names(line, part) for part in header)


def _text_mark(table: ElementTable, element: int, record_element: int) -> int:
    """The nearest element around ``element`` inside the record marked as text, or -1."""
    while element > record_element:
        own = table.own_tokens[element]
        if own & _TEXT_MARK_BITS and not own & _AUTHOR_BITS:
            return element
        element = table.parent[element]
    return -1


_HEADER_JOINERS = re.compile(r"^(?:on|at|am|le|el|il|um|posted|said|says|wrote|by:?)$", re.I)
# Old blog engines (Movable Type, TypePad) sign a comment under it: "Posted by: John at ...".
_FOOTER_LINES_LOOKED_AT = 2
_POSTED_BY = re.compile(r"^(?:posted\s+)?by:?\s+(\S.{0,59}?)\s+(?:at|on|[|·•»–—-])\s", re.I)
_HEADER_PUNCTUATION = " \t|·•–—-,:@()[]"
_MOST_NAME_WORDS = 5
# What a header line beside a date may hold that is not a name: badges, buttons, links.
_NOT_A_HEADER_NAME = FORUM_BADGES | _CONTROLS | frozenset(("permalink", "link", "edit", "share"))


def name_beside_date(blocks: list[Block], date_text: str) -> str | None:
    """The name in a header line, or a footer line, that holds the record's date and little
    else: "Abdul Majeed 3/12/2021 at 1:48am" -> "Abdul Majeed"."""
    lines = (
        blocks[:_HEADER_LINES_LOOKED_AT]
        + blocks[_HEADER_LINES_LOOKED_AT:][-_FOOTER_LINES_LOOKED_AT:]
    )
    for block in lines:
        text = " ".join(block.text.split())
        if date_text not in text or len(text) > _LONGEST_HEADER_LINE:
            continue
        signed = _POSTED_BY.match(text)
        if signed and len(signed.group(1).split()) <= _MOST_NAME_WORDS:
            return signed.group(1)
        words = [
            word
            for word in text.replace(date_text, " ").strip(_HEADER_PUNCTUATION).split()
            if not _HEADER_JOINERS.match(word)
        ]
        name = " ".join(words).strip(_HEADER_PUNCTUATION)
        if 0 < len(words) <= _MOST_NAME_WORDS and len(name) > 1 and not name.isdigit():
            return name if name.casefold() not in _NOT_A_HEADER_NAME else None
    return None
