"""Named vocabularies: the words in class, id and role attributes that say what a block is.

Each category is one bit in a mask. A category matches a token exactly (``words``) or by a
stem found inside the token (``stems``, for compounds such as ``sidebar-widget``). Short words
that occur inside unrelated tokens ("ad" in "header") are listed as exact words only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    words: frozenset[str]
    stems: tuple[str, ...] = ()


def _category(name: str, words: str, stems: str = "") -> Category:
    return Category(name, frozenset(words.split()), tuple(stems.split()))


CATEGORIES: tuple[Category, ...] = (
    _category("navigation", "nav navbar menu menus topnav subnav", "navigation menu navbar"),
    _category("header", "header head masthead topbar", "header masthead"),
    _category("footer", "footer foot colophon", "footer colophon"),
    _category("sidebar", "sidebar aside rail side widgets", "sidebar"),
    _category("comment", "comment comments discussion respond", "comment disqus discussion"),
    _category("share", "share sharing social sociallinks", "share social sharing"),
    _category("related", "related recommended recommendations more", "related recommend"),
    _category("popular", "popular trending most mostread", "popular trending mostread"),
    _category(
        "advertisement",
        "ad ads adv advert advertisement banner dfp gpt sponsor",
        "advert sponsor adslot adunit adsense doubleclick",
    ),
    _category(
        "promotion", "promo promotion cta newsletter subscribe signup", "promo newsletter subscri"
    ),
    _category("breadcrumb", "breadcrumb breadcrumbs crumbs crumb", "breadcrumb"),
    _category("pagination", "pagination pager paging pages", "paginat pager"),
    _category("consent", "cookie cookies consent gdpr privacy", "cookie consent gdpr"),
    _category("modal", "modal popup overlay lightbox dialog", "modal popup overlay"),
    _category("hidden", "hidden hide invisible sr screenreader visually", "hidden visuallyhidden"),
    _category("skip", "skip skiplink", "skip"),
    _category("search", "search searchform", "search"),
    _category("account", "login signin account user cart checkout", "login signin"),
    _category("content", "content contents main primary", "content"),
    _category("article", "article post entry story blogpost", "article story entry"),
    _category("body", "body text prose richtext markdown rte copy", "richtext markdown prose"),
    _category("title", "title headline heading", "title headline"),
    _category("byline", "author byline by writer", "author byline"),
    _category(
        "meta", "meta info date time published timestamp dateline", "dateline timestamp published"
    ),
    _category(
        "tags", "tag tags category categories topics keywords label labels", "categor keyword"
    ),
    _category("bio", "bio about biography profile", "biography authorbox"),
    _category("caption", "caption figcaption credit credits", "caption"),
    _category(
        "card", "card cards tile tiles teaser teasers thumb thumbnail grid", "teaser thumbnail"
    ),
    _category("list_item", "item items list listing results result", "listing"),
    _category("product", "product products price pricing sku buy", "product price"),
    _category("review", "review reviews rating ratings stars", "review rating"),
    _category(
        "forum", "thread topic reply replies message messages forum postbody", "thread forum"
    ),
    _category("qa", "question answer answers accepted votes vote", "answer question"),
    _category(
        "user",
        "user username avatar signature poster member fn nickname",
        "avatar username signature",
    ),
    _category("docs", "doc docs documentation toc api reference", "documentation"),
    _category("code", "code highlight syntax codehilite hljs", "highlight codehilite"),
    _category("copyright", "copyright legal disclaimer terms", "copyright disclaimer"),
    _category("button", "btn button buttons icon icons", "button"),
    _category("toolbar", "toolbar tools actions", "toolbar"),
    _category(
        "summary", "summary excerpt lead intro standfirst dek subtitle", "excerpt standfirst"
    ),
    _category("table_of_contents", "toc", "tableofcontents"),
    _category("pingback", "pingback trackback", "pingback trackback"),
)
# Marks that only the selection stage reads, after the block models: their bits come after
# those of CATEGORIES, which the models see one feature each. As a model feature the facet
# mark cost 0.003 of domain-CV word F1; as a rule on short lines it gains.
SELECTION_CATEGORIES: tuple[Category, ...] = (
    _category("facet", "filter filters facet facets refine refinement refinements", "facet"),
    # A signature is part of the poster's panel to the models (a user mark), but the comment
    # reader must not take its first line for the poster's name.
    _category("signature", "signature sig", "signature"),
)
_ALL_CATEGORIES = CATEGORIES + SELECTION_CATEGORIES

CATEGORY_BITS: dict[str, int] = {
    category.name: 1 << i for i, category in enumerate(_ALL_CATEGORIES)
}
# The page builder and the features hold an element's bits in a 64-bit integer (int64 where
# they may be negated), so a mask may use 63 of them.
assert len(_ALL_CATEGORIES) <= 63, "the category masks no longer fit in NumPy's int64"
# The bits of CATEGORIES alone: elements that look alike to the models look alike to every
# stage that compares elements by their marks (repeated cards, a box of comment records).
MODEL_CATEGORY_BITS = (1 << len(CATEGORIES)) - 1

_WORD_BITS: dict[str, int] = {}
for _index, _category_item in enumerate(_ALL_CATEGORIES):
    for _word in _category_item.words:
        _WORD_BITS[_word] = _WORD_BITS.get(_word, 0) | (1 << _index)
_STEMS: tuple[tuple[str, int], ...] = tuple(
    (stem, 1 << index) for index, category in enumerate(_ALL_CATEGORIES) for stem in category.stems
)

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_STEM_BITS: dict[str, int] = {}
for _stem, _bit in _STEMS:
    _STEM_BITS[_stem] = _STEM_BITS.get(_stem, 0) | _bit
_STEM_PATTERN = re.compile("|".join(sorted(map(re.escape, _STEM_BITS), key=len, reverse=True)))


_ASCII_WORD = re.compile("[a-z0-9]+")
_ASCII_CAMEL_WORD = re.compile("[A-Z]*[a-z0-9]+|[A-Z]+")


def tokens_of(value: str) -> list[str]:
    """Lower-case words of an attribute value: ``postBody-main`` -> post, body, main."""
    lowered = value.lower()
    if value.isascii():  # the common case, read by one pattern
        if lowered == value:
            return _ASCII_WORD.findall(value)
        return [word.lower() for word in _ASCII_CAMEL_WORD.findall(value)]
    if lowered != value:
        lowered = _CAMEL.sub(r"\1 \2", value).lower()
    return [token for token in _SEPARATORS.split(lowered) if token]


@lru_cache(maxsize=1 << 16)
def _token_mask(token: str) -> int:
    mask = _WORD_BITS.get(token, 0)
    for stem in _STEM_PATTERN.findall(token):
        mask |= _STEM_BITS[stem]
    return mask


# Whole values repeat within a page, so their masks are kept, up to so many; then the store
# starts afresh. (A dictionary, not ``lru_cache``: its bookkeeping on every hit cost more than
# the rare misses it saves, on the page walk's hottest call.)
_MASKS_KEPT = 1 << 14
_MASKS: dict[str, int] = {}


def category_mask(value: str) -> int:
    """Bits of every category whose words or stems occur in an attribute value.

    A compiled install reads ASCII values in C (``ASCII_MASK``), with the same result.
    """
    mask = _MASKS.get(value)
    if mask is not None:
        return mask
    if len(_MASKS) >= _MASKS_KEPT:
        _MASKS.clear()
    found = ASCII_MASK(value) if ASCII_MASK is not None else None
    mask = found if found is not None else python_mask(value)
    _MASKS[value] = mask
    return mask


def python_mask(value: str) -> int:
    """``category_mask`` read in Python, for any value."""
    mask = 0
    tokens = tokens_of(value)
    if _STATE_MARKS.isdisjoint(tokens):
        for token in tokens:
            mask |= _token_mask(token)
        return mask
    for index, token in enumerate(tokens):
        if index and tokens[index - 1] in _STATE_WORDS:
            continue  # "has-comments", "with-sidebar": the element's state, not what it is
        if index + 1 < len(tokens) and tokens[index + 1] in _STATE_ENDINGS:
            continue  # "comments-open", "comments-count"
        mask |= _token_mask(token)
    return mask


_STATE_WORDS = frozenset("has no with without show enable disable allow".split())
_STATE_ENDINGS = frozenset("open closed enabled disabled allowed count".split())
_STATE_MARKS = _STATE_WORDS | _STATE_ENDINGS


# Structural elements whose presence above a block says something about it.
STRUCTURAL_TAGS: tuple[str, ...] = (
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "article",
    "main",
    "section",
    "li",
    "table",
    "a",
    "button",
    "label",
    "figure",
    "blockquote",
    "ul",
    "ol",
    "details",
    "dialog",
    "h",
    "pre",
    "dl",
    "menu",
    "address",
    "time",
    "strong",
    "center",
    "font",
)
TAG_BITS: dict[str, int] = {tag: 1 << i for i, tag in enumerate(STRUCTURAL_TAGS)}
for _level in "123456":
    TAG_BITS["h" + _level] = TAG_BITS["h"]
TAG_BITS["b"] = TAG_BITS["strong"]

# ARIA roles that name a region the way a tag would.
ROLE_TAG_BITS: dict[str, int] = {
    "navigation": TAG_BITS["nav"],
    "banner": TAG_BITS["header"],
    "contentinfo": TAG_BITS["footer"],
    "complementary": TAG_BITS["aside"],
    "main": TAG_BITS["main"],
    "article": TAG_BITS["article"],
    "menu": TAG_BITS["menu"],
    "menubar": TAG_BITS["menu"],
    "dialog": TAG_BITS["dialog"],
    "search": TAG_BITS["form"],
}


# Short function words of the most common web languages: prose is full of them, menus,
# buttons and product grids are not.
FUNCTION_WORDS: frozenset[str] = frozenset(
    # English
    "the a an and or but of to in on at for with by from as is are was were be been it this "
    "that these those which who what when where how not no can will would should could has "
    "have had do does did if then than so its their our your his her we you they he she i "
    # German
    "der die das und oder ist nicht ein eine einen mit von zu auf für den dem des im sich "
    "auch es sie wir ich aus bei nach wie "
    # French
    "le la les et ou est un une des du de en dans pour pas que qui sur avec au aux ce il "
    "elle nous vous ils sont "
    # Spanish, Italian, Portuguese
    "el los las y o es un una del en por con para que se lo su al como más il di che non "
    "per da del della sono o e os as um uma do da em não com".split()
)


def text_words(text: str, longest_joined: int) -> tuple[int, int, int, str | None]:
    """A text's words (runs between white space), how many of them are function words, how
    many digits (0 to 9) it holds, and the words lower-cased and joined by single spaces if
    the text is shorter than ``longest_joined`` characters, else None. A compiled install
    reads them in C (``TEXT_WORDS``), with the same result."""
    if TEXT_WORDS is not None:
        return TEXT_WORDS(text, longest_joined)
    return python_words(text, longest_joined)


def python_words(text: str, longest_joined: int) -> tuple[int, int, int, str | None]:
    """``text_words`` read in Python, for any text."""
    # str.lower(text), as Python lowers a final sigma (ς): mypyc compiles text.lower() to a
    # primitive that does not
    words = str.lower(text).split()
    function_words = 0
    for word in words:
        if word in FUNCTION_WORDS:
            function_words += 1
    digits = sum(map(text.count, "0123456789"))
    joined = " ".join(words) if len(text) < longest_joined else None
    return len(words), function_words, digits, joined


def line_words(text: str) -> str:
    """A text's words (runs of ``\\w``), case-folded, one space apart: the form interface
    lines are matched in. A compiled install reads them in C (``LINE_WORDS``), with the same
    result."""
    if LINE_WORDS is not None:
        return LINE_WORDS(text)
    return python_line_words(text)


def python_line_words(text: str) -> str:
    """``line_words`` read in Python."""
    if text.isascii():  # most lines: a table and a split read them 1.2 to 3 times faster
        return " ".join(text.translate(_ASCII_WORD_CHARACTERS).split())
    return " ".join(_LINE_WORD.findall(text.casefold()))


_LINE_WORD = re.compile(r"\w+")
# Each ASCII character as ``line_words`` reads it: a letter in lower case, a digit or "_"
# as it is, anything else a space.
_ASCII_WORD_CHARACTERS = str.maketrans(
    {
        character: character.lower() if _LINE_WORD.fullmatch(character) else " "
        for character in map(chr, range(128))
    }
)


def _as_line_words(lines: tuple[str, ...]) -> frozenset[str]:
    """Lines as ``line_words`` reads them, the form they are looked up in: "schließen" is
    "schliessen" there, and a Hindi or Thai word loses the vowel signs ``\\w`` leaves out."""
    return frozenset(map(python_line_words, lines))


# Lines that are the page's interface, whatever page they are on: a line whose words are
# exactly one of these is no content ("Share this:", "Advertisement", "Click to expand...").
INTERFACE_LINES: frozenset[str] = _as_line_words(
    (
        # English
        "advertisement",
        "advertisements",
        "sponsored",
        "sponsored content",
        "promoted",
        "ad",
        "paid content",
        "paid post",
        "partner content",
        "share",
        "share this",
        "share this article",
        "share this post",
        "like this",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "you may also like",
        "you might also like",
        "more to explore",
        "read more",
        "read next",
        "continue reading",
        "article continues below",
        "story continues below",
        "click to expand",
        "loading",
        "sign up for our newsletter",
        "subscribe to our newsletter",
        "follow us",
        "on this page",
        "in this article",
        "table of contents",
        "contents",
        "back to top",
        "skip to content",
        "skip to main content",
        "print",
        "email",
        "leave a comment",
        "leave a reply",
        "post a comment",
        "previous post",
        "next post",
        "tags",
        "categories",
        # a widget's buttons and a form's field labels (by domain CV with three seeds, 22 to 27
        # pages gained and 2 to 4 lost a little: words of the truth's "See all details"; the
        # same buttons in other languages below, which wcxb-dev's pages do not show)
        "see more",
        "see all",
        "view more",
        "view all",
        "show more",
        "show all",
        "load more",
        "toggle",
        "close",
        "filters",
        "feedback",
        "email address",
        "website",
        "expand description",
        "collapse description",
        "log in",
        "register",
        # a lone "More" button (a card's "+ More") and a menu's "Newsletters": 10 or 11 pages
        # gained a seed, two or three lost up to 0.0005 (listings whose truth keeps a "More")
        "more",
        "newsletter",
        "newsletters",
        # a menu's or a sidebar's labels on a line of their own, a pager's "Previous Next" and
        # a trial's small print: 53 to 59 pages gained a seed, 6 to 8 lost up to 0.008 (a
        # listing's "Latest", a shop's "Featured"; wcxb-dev's truths keep 9 such lines, its
        # outputs held 105 more)
        "blog",
        "products",
        "guides",
        "shop",
        "explore",
        "featured",
        "latest",
        "latest news",
        "recommended",
        "more info",
        "article sources",
        "previous next",
        "no credit card required",
        # the headings of boxes about other pages or about the site, a forum's "Original
        # Poster" badge, a grid's "Sort by": 27 to 30 pages gained a seed, up to two lost
        # 0.0005, three `without` snippets fewer ("Find out more" stays: the truths keep it
        # 18 times out of 21)
        "related pages",
        "more articles",
        "more resources",
        "helpful links",
        "why trust us",
        "about the author",
        "thanks for visiting",
        "in partnership with",
        "get started for free",
        "need help getting started",
        "whitepaper",
        "original poster",
        "sort",
        "sort by",
        # German, French, Spanish
        "mehr anzeigen",
        "alle anzeigen",
        "mehr laden",
        "schließen",
        "voir plus",
        "voir tout",
        "afficher plus",
        "charger plus",
        "fermer",
        "ver más",
        "ver todo",
        "mostrar más",
        "cargar más",
        "cerrar",
        "werbung",
        "anzeige",
        "teilen",
        "weiterlesen",
        "inhaltsverzeichnis",
        "publicité",
        "partager",
        "lire la suite",
        "sommaire",
        "publicidad",
        "compartir",
        "leer más",
        # Italian, Portuguese, Dutch
        "mostra di più",
        "vedi tutto",
        "carica altro",
        "chiudi",
        "ver mais",
        "ver tudo",
        "carregar mais",
        "fechar",
        "toon meer",
        "bekijk alles",
        "meer laden",
        "sluiten",
        "pubblicità",
        "condividi",
        "leggi anche",
        "leggi di più",
        "publicidade",
        "compartilhar",
        "partilhar",
        "leia mais",
        "leia também",
        "advertentie",
        "delen",
        "lees meer",
        "lees ook",
        # Polish, Czech, Swedish, Turkish, Indonesian
        "reklama",
        "udostępnij",
        "czytaj więcej",
        "czytaj także",
        "sdílet",
        "annons",
        "läs mer",
        "paylaş",
        "devamını oku",
        "iklan",
        "bagikan",
        "baca juga",
        "baca selengkapnya",
        # Russian, Ukrainian
        "реклама",
        "поделиться",
        "читать далее",
        "читайте также",
        "поширити",
        "читати далі",
        # Chinese, Japanese, Korean
        "广告",
        "分享",
        "阅读更多",
        "相关文章",
        "広告",
        "シェア",
        "続きを読む",
        "関連記事",
        "광고",
        "공유",
        # Arabic, Persian, Hebrew
        "إعلان",
        "مشاركة",
        "شارك",
        "اقرأ المزيد",
        "اقرأ أيضا",
        "إقرأ أيضا",
        "مقالات ذات صلة",
        "أخبار ذات صلة",
        "تبلیغات",
        "بیشتر بخوانید",
        "مطالب مرتبط",
        "פרסומת",
        "שתף",
        "שתפו",
        "קרא עוד",
        "קראו עוד",
        "קראו גם",
        "כתבות נוספות",
        # Hindi, Thai, Vietnamese, Greek
        "विज्ञापन",
        "शेयर करें",
        "और पढ़ें",
        "यह भी पढ़ें",
        "โฆษณา",
        "แชร์",
        "อ่านเพิ่มเติม",
        "อ่านต่อ",
        "ข่าวที่เกี่ยวข้อง",
        "quảng cáo",
        "chia sẻ",
        "xem thêm",
        "đọc thêm",
        "tin liên quan",
        "bài viết liên quan",
        "διαφήμιση",
        "κοινοποίηση",
        "διαβάστε περισσότερα",
        "διαβάστε επίσης",
    )
)
# The name of a site's home page, in several languages: on a line of its own it is a
# breadcrumb's first step (by domain CV with three seeds, 2 or 3 pages gained, one lost 0.0002
# in one seed). In a <title> it stays: wcxb-dev's truth keeps "Home - Ohio Artisan Collective".
# Swedish "Hem" is left out: on a line of its own in English it is a garment's edge.
HOME_LINES: frozenset[str] = _as_line_words(
    (
        "home",
        "homepage",
        "home page",
        "startseite",
        "accueil",
        "inicio",
        "página inicial",
        "pagina iniziale",
        "strona główna",
        "главная",
        "головна",
        "首页",
        "ホーム",
        "홈",
        "início",
        "inici",
        "startpagina",
        "forside",
        "etusivu",
        "domů",
        "kezdőlap",
        "acasă",
        "ana sayfa",
        "anasayfa",
        "beranda",
        "trang chủ",
        "αρχική",
        "الرئيسية",
        "الصفحة الرئيسية",
        "صفحه اصلی",
        "דף הבית",
        "होम",
        "मुखपृष्ठ",
        "หน้าแรก",
    )
)
# Social networks by the names pages give them: a call to follow the site names them, and an
# author box links the writer's profiles there.
SOCIAL_NETWORKS: frozenset[str] = frozenset(
    "facebook twitter x instagram youtube linkedin tiktok pinterest telegram threads mastodon "
    "bluesky whatsapp snapchat reddit tumblr discord twitch vk weibo wechat".split()
)
_PLATFORMS = "(?:" + "|".join(sorted(SOCIAL_NETWORKS)) + ")"

# And a page's prompts and controls as whole lines: calls to sign up or try the product,
# headings of teasers for other pages, a shop's and a search's controls and badges, a forum's
# and a login's calls to join in or do something, join dates and post buttons, a phone app's
# signature under a post, a footer's legal lines. Each group was measured by domain CV on
# wcxb-dev with three seeds before it went in, and none lowered word F1 overall (+0.0000 to
# +0.0001 each). Where they gain: forum +0.0004; category grids +0.0004 to +0.0008 and
# listings +0.0002 to +0.0008 from a grid's "Compare", "Free shipping" and "Quick shop";
# product +0.0014 to +0.0018 from "You must log in to answer this question" and the like,
# +0.0003 to +0.0005 from a shop's teasers ("Frequently bought together", "Similar items");
# an ad's label ("Promoted", "Sponsored by Wind River") gains +0.0000 to +0.0001. Of
# the pages they change, five lost a little: a documentation page whose truth keeps "Related
# content", shops whose truth keeps "Related searches" on some category pages and not on
# others, a grid that keeps "Free shipping" (-0.001). Measured and left out: "Learn more", "Get
# started" and "Contact us" (service pages' truth keeps them), "Sold out" and "In stock" (a
# product page's truth keeps them beside its sizes), "Save 25%" (collection -0.0003), and a
# login to a named thing ("Log in to your dashboard"), which is a how-to's step. A docs
# site's "Help improve MDN", a bare "Log in" or "Register" and a toggle's "Expand
# description": 12 to 15 pages gained, none lost, five `without` snippets fewer a seed. A call
# to sign up that says what for ("Sign up for our newsletter to get the latest in streaming"),
# and the newsletter platform's line under every post: 3 or 4 pages gained, none lost, three
# `without` snippets fewer a seed.
INTERFACE_PROMPT = re.compile(
    r"(?:sign up|subscribe|join|register)(?: now| today| for free)?(?: to| for)?(?: \w+){0,3}"
    r" (?:newsletters?|mailing list)(?: (?:to|and|for) (?:\w+ ){0,14}\w+)?"
    r"|sponsor this newsletter|add a comment"
    # a call to follow the site on social media ("Follow us on Telegram, Facebook and X for
    # the latest news") and a sign-up form's thanks: one page gained a seed, none lost; the
    # author's own call with a handle ("Follow me on Instagram: @housemaven", "Join the
    # Facebook group"): one more page gained in each seed, none lost
    rf"|(?:follow|find|like|connect with|join) (?:us|me) on (?:social media|{_PLATFORMS})"
    rf"(?: (?:and |or )?{_PLATFORMS})*(?: (?:for|to) .{{1,60}}|(?: \w+){{1,4}})?"
    rf"|join (?:our|the|my) {_PLATFORMS} (?:group|page|community|channel)(?: \w+){{0,8}}"
    r"|thank you for subscribing(?: to .{1,60})?"
    # a rating widget's lines under a post ("How useful was this post?", "Click on a star to
    # rate it!", "Average rating 5 / 5. Vote count: 1"), a share bar's "Share on", "Pin it
    # for later", "End of Article", "What to read next", a copy button's "Copied!": 6 or 7
    # pages gained a seed, none lost
    r"|how useful was this (?:post|article|page)|click on a star to rate it"
    r"|average rating .{1,12} vote count \d+"
    r"|no votes so far be the first to rate this (?:post|article)"
    r"|we are sorry that this (?:post|article) was not useful for you"
    r"|(?:let us|tell us how we can) improve this (?:post|article)"
    r"|(?:enjoy the post )?pin it (?:here|for later)|share on|end of article|what to read next"
    r"|talk to us|copied"
    # a documentation page's footer ("This page was last modified on Jul 8, 2025 by its
    # contributors", "Edit this page on GitHub", "Report a problem with this content", "Submit
    # correction"), a site's "Your privacy choices", "Sign up. It's free": 12 to 17 pages
    # gained a seed, none lost (a forum's "Last edited by ..." notes stay: its truth keeps them)
    r"|(?:this page|this article|this post) was last (?:modified|updated|edited)(?: on)? .{1,80}"
    r"|(?:view|edit) this page on github(?: .{1,60})?|report a problem with this (?:content|page)"
    r"|submit correction"
    r"|your privacy choices|sign up(?: it s)? (?:for )?free|start the conversation"
    r"|try it for yourself"
    # a members' site's call to join and its notices, a sign-up form's replies, a shop's and
    # a job board's way back: "Join now", "You're not signed in!", "You've subscribed!",
    # "Back to all jobs" (9 to 16 pages gained a seed, none lost, with two lines of one Q&A
    # network's that are not kept: one platform's wording; a carousel's "Message 2 of 3"
    # was measured too and stays: two pages lost up to 0.0035)
    r"|join now|you (?:re|are) not signed in|you (?:ve|are already) subscribed"
    r"|view more on .{1,30}|back to all \w+"
    # what a newsletter platform writes under every post
    r"|(?:thanks for reading(?: \w+){0,8} )?subscribe for free to receive new posts and support"
    r" my work"
    r"|sign up|subscribe|start (?:your )?free trial|start for free|request a (?:quote|demo)"
    r"|book a demo|get a (?:free )?quote|(?:sponsored|promoted) by .{1,40}"
    r"|help (?:us )?improve (?:this (?:page|article|documentation|site)|\w+)"
    # teasers' headings
    r"|you (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)"
    r"(?: these| this| the following)?(?: articles| posts| stories| reads| reports| topics)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in) .{0,40}"
    r"(?:posts|articles|stories|topics|reads)(?: as well)?"
    r"|(?:other|more) (?:posts|articles|stories) you (?:may|might) (?:like|enjoy)"
    r"|(?:recommended|related) (?:for you|stories|articles|posts|reads|reading|content)"
    # ... and more of them: "More like this", "More from TechCrunch", "Additional reading on
    # HR consulting", "Related articles that may interest you", "Was this article useful?"
    # (7 to 9 pages gained a seed, one lost up to 0.0003: "More from the project" is the
    # heading of a section a truth keeps)
    r"|more like this|more from(?: \S+){1,3}|trending stories|additional reading(?: on .{1,40})?"
    r"|explore more (?:blogs|articles|posts|stories|guides)(?: .{1,60})?"
    r"|(?:recommended|related|suggested|similar) (?:articles|posts|stories|reads|content"
    r"|resources) (?:that|which) (?:may|might) interest you"
    r"|was (?:this|the) (?:article|post|page) (?:useful|helpful)(?: for you)?"
    r"|check out our .{0,40} related (?:articles|posts) below"
    r"|(?:.{0,20} )?customers who (?:viewed|bought) this .{0,60}"
    r"|(?:your )?recently viewed(?: items| products)?|frequently bought together"
    r"|recommended (?:accessories|products|items)|customers also (?:bought|viewed|liked)"
    r"|you (?:may|might) also (?:need|want)|(?:related|similar) (?:products|items)(?: to consider)?"
    r"|(?:complete|shop) the look|more from this (?:seller|shop|brand|collection)"
    # a shop's controls and badges, a search's, and the signature a phone's app adds to a post
    r"|add to (?:cart|bag|basket|wishlist|favorites|favourites|compare)|compare|notify me"
    r"|select a size|quick shop|free (?:shipping|returns)|see all reviews"
    r"|(?:trending|related|popular|recent) searches|refine your results|filter results"
    r"|sent from my .{1,80}"
    # a forum's: the call to join in, a member card's join date, a post's buttons
    r"|(?:create an account|sign up|sign in|log in|login|register|join)"
    r"(?: or (?:create an account|sign up|sign in|log in|register))? (?:now )?to"
    r" (?:comment|reply|post|join the conversation|continue|participate|see .{1,40})"
    r"|join(?:ed| date) (?:\w+ ){0,2}\d{4}|quote|reply|upvote|downvote|like"
    # a login's call to do something ("Log in to save to favorites")
    r"|(?:you (?:must|need to|have to) (?:be )?)?(?:log(?:ged)? in|sign(?:ed)? in) to"
    r" (?:answer|ask|reply|comment|post|rate|save|view|see|vote|like|follow|update|set"
    r"|download|access|continue|read|watch|add|get|earn|join|participate|track|manage"
    r"|unlock|use)(?: .{1,50})?"
    # a footer's legal lines
    r"|(?:.{1,100} )?all rights reserved|privacy policy"
    r"|terms of (?:use|service)|terms (?:and|&) conditions|cookie (?:policy|settings|preferences)"
    # a consent dialog's purposes, as the IAB's Transparency and Consent Framework names them,
    # and the kinds of cookie consent managers list (by domain CV with three seeds, 4 pages
    # gained, none lost: dialogs left in the page unmarked)
    r"|store and or access information on a device|use precise geolocation data"
    r"|actively scan device characteristics for identification"
    r"|create profiles (?:for|to) personali[sz]ed? (?:advertising|content)"
    r"|use profiles to select personali[sz]ed (?:advertising|content)"
    r"|use limited data to select (?:advertising|content)"
    r"|measure (?:advertising|content) performance|develop and improve (?:services|products)"
    r"|understand audiences through statistics(?: \w+){0,8}"
    r"|personali[sz]ed (?:advertising|ads) and content(?: \w+){0,12}"
    r"|(?:strictly necessary|performance|functional|functionality|targeting|analytics"
    r"|advertising|marketing|social media) cookies|manage consent preferences"
    # what site builders and blog and forum software write into every page they make: a
    # form's hidden answers, share buttons' labels for screen readers, a deleted topic's
    # notice (by domain CV with three seeds, 7, 6 and 4 pages gained, none lost)
    r"|thank you your submission has been received"
    r"|oops something went wrong while submitting the form"
    r"|click to (?:share on \w+|email a link to a friend|print)(?: opens in new window)?(?: \w+)?"
    r"|this topic has been deleted only users with topic management privileges can see it"
    # a byline's label on a line of its own, its name on the next ("Medically reviewed by",
    # "Posted on"): 6 to 8 pages gained a little, none lost
    r"|(?:medically |fact |expert )?(?:reviewed|written|edited|fact checked|checked|posted"
    r"|published|updated|verified) (?:by|on)"
    # a button's call to act at once ("Shop now", "Download now", "Try it free"): 13 to 18 pages
    # gained a little, one lost 0.004, three to five `without` snippets fewer a seed
    r"|(?:download|record|book|buy|shop|order|apply|donate|start) now|donate today"
    r"|try (?:it )?(?:for )?free"
)
# And counters of the page's interface, as a line's words: "5 comments", "Posts: 1,077",
# "Page 1 of 8", "17 reviews", "Showing 1–24 of 291 results", "Based on 407 reviews", a
# reading time ("5 min read": by domain CV with three seeds, 3 to 6 pages gained, none lost;
# a bare "10 mins" is a recipe's or a video's length) (a number's thousands are words of
# their own in a line's words: "1 077").
_COUNT = r"\d+(?: \d{3})*"
INTERFACE_COUNTER = re.compile(
    rf"{_COUNT} (?:comments?|results?|items?|replies|views|likes?|shares|reviews|ratings|products"
    # comments in German, French, Spanish, Italian, Portuguese, Dutch, Polish, Czech, the
    # Nordic languages, Finnish, Turkish, Indonesian, Russian and Ukrainian
    r"|kommentare?|commentaires?|comentarios?|commenti|commento|comentários?|reacties?"
    r"|komentarz[ey]?|komentářů|komentáře|kommentarer|kommentit|kommenttia|yorum|komentar"
    r"|комментари[йяев]|коментар[іів]*)"
    rf"|page \d+ of \d+|(?:posts|threads|messages|likes|reactions|reputation|points) {_COUNT}"
    rf"|showing {_COUNT}(?: {_COUNT})? of {_COUNT} (?:results?|products?|items?)"
    rf"|based on {_COUNT} (?:reviews?|ratings?)"
    r"|\d+ (?:min|mins|minute|minutes) read"
)
# What a script shows until it has filled a box in: "Loading paragraph...", "Loading
# specifications…", "Please wait...", and the same in German, French, Spanish, Italian,
# Portuguese and Dutch. Matched on the text as written, with its ellipsis: without one,
# "Loading dock safety" is a heading. On WCXB's development pages 35 such lines were chosen
# and none is in the truth.
LOADING_PLACEHOLDER = re.compile(
    r"\s*(?:loading|please wait|wird geladen|lädt|laden|chargement|cargando|caricamento"
    r"|carregando|bitte warten|veuillez patienter)(?: [\w-]+){0,4} ?(?:\.\.\.|…)\s*",
    re.IGNORECASE,
)

# A wiki's link to edit a section, on a line of its own beside the heading, matched as written
# with its brackets ("--edit" is a command's option): "[edit]", "[Bearbeiten | Quelltext
# bearbeiten]", "[modifier | modifier le code]", "[править | править код]". No truth line on
# wcxb-dev is one; 27 lines of a Wikipedia page's text were.
SECTION_EDIT_LINK = re.compile(
    r"\s*\[\s*(?:edit|editar|bearbeiten|modifier|modifica|править|bewerken|edytuj)"
    r"(?:\s*\|\s*(?:edit source|quelltext bearbeiten|modifier le code|modifica wikitesto"
    r"|editar código-fonte|modificar o codigo|править код|brontekst bewerken|edytuj kod))?"
    r"\s*\]\s*",
    re.IGNORECASE,
)

# A post's taxonomy on a line of its own, as written with its colon and a space: "Tags:
# Employment, Health & Fitness", "Filed under: Recipes", "Category: Personal Finance 101" (a
# wiki's "Category:Portage" names a page, and a line ending in a stop is a sentence: both
# stay). Replay with three seeds: 2 to 3 pages gained, one lost 0.0008 in two (its truth
# keeps a "Category:" line).
TAXONOMY_LINE = re.compile(
    r"\s*(?:tags|tagged(?: with)?|filed under|categories|category|posted in)\s*:\s+\S.{0,200}"
    r"(?<![.!?])\s*",
    re.IGNORECASE,
)

# Identifiers standing in for text: a UUID a template leaked onto a line of its own, or a label
# a shop spells one letter per hidden identifier against copying ("S19aea247-2e76-...-p2e2c...
# -o..." for "Sponsored", the identifiers hidden by its style sheet). No reader reads them.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_MOSTLY = 0.9


def is_identifier_noise(text: str) -> bool:
    """Whether nine in ten of a text's characters, spaces aside, belong to UUIDs."""
    if "-" not in text:  # nearly every block: no UUID without its hyphens
        return False
    covered = sum(map(len, _UUID.findall(text)))
    return covered > 0 and covered >= _MOSTLY * len("".join(text.split()))


# What opens a line that sends the reader to another story, before a colon and its linked
# headline: "Related: How Much Can It Really Help Russia?", "Read more: ...", "See also: ...".
TEASER_LEADS: frozenset[str] = _as_line_words(
    (
        # English
        "related",
        "related article",
        "related articles",
        "related story",
        "related stories",
        "related post",
        "related posts",
        "related reading",
        "related content",
        "related link",
        "related coverage",
        "read more",
        "read also",
        "also read",
        "read next",
        "read",
        "see also",
        "more",
        "more on this",
        "more on this story",
        "more from",
        "don t miss",
        "must read",
        "recommended",
        "recommended reading",
        "suggested reading",
        "further reading",
        "watch",
        "listen",
        # German
        "lesen sie auch",
        "auch interessant",
        "mehr zum thema",
        "das könnte sie auch interessieren",
        # French
        "à lire aussi",
        "lire aussi",
        "voir aussi",
        "à voir aussi",
        # Spanish
        "lee también",
        "lea también",
        "te puede interesar",
        "leer más",
        "ver también",
        # Italian
        "leggi anche",
        # Portuguese
        "leia também",
        "veja também",
        "leia mais",
        # Dutch
        "lees ook",
        # Polish, Czech, Swedish, Danish, Norwegian, Finnish, Turkish, Indonesian and Malay
        "czytaj także",
        "czytaj też",
        "zobacz też",
        "zobacz także",
        "przeczytaj też",
        "čtěte také",
        "přečtěte si také",
        "läs också",
        "läs även",
        "læs også",
        "les også",
        "lue myös",
        "ilgili haber",
        "ilginizi çekebilir",
        "baca juga",
        # Russian, Ukrainian, Greek
        "читайте также",
        "читать также",
        "по теме",
        "читайте також",
        "διαβάστε επίσης",
        "διαβάστε ακόμα",
        # Arabic, Persian, Hebrew, Hindi, Thai, Vietnamese
        "اقرأ أيضا",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "ذات صلة",
        "مواضيع ذات صلة",
        "بیشتر بخوانید",
        "بخوانید",
        "קראו גם",
        "קרא גם",
        "עוד בנושא",
        "यह भी पढ़ें",
        "ये भी पढ़ें",
        "और पढ़ें",
        "อ่านเพิ่มเติม",
        "อ่านต่อ",
        "ข่าวที่เกี่ยวข้อง",
        "xem thêm",
        "đọc thêm",
        "tin liên quan",
        # Chinese, Japanese, Korean (with a full-width colon)
        "相关阅读",
        "延伸阅读",
        "推荐阅读",
        "相關閱讀",
        "延伸閱讀",
        "関連記事",
        "あわせて読みたい",
        "관련 기사",
        "관련기사",
    )
)


# A breadcrumb set as one line of text: the home page's name, then two steps or more after
# ">", "»", "›" or a spaced "/" ("Home » Services » Consulting", "TOP > バッグ > キーケース":
# Japanese shops name their home page "TOP"). Only its first step tells it from a menu path
# written in a sentence ("Go to Products > Data Files > Import").
_BREADCRUMB_STEP = re.compile(r"\s*[>»›]\s*|\s+/\s+")
_BREADCRUMB_HOMES = HOME_LINES | _as_line_words(("top", "トップ"))
_LONGEST_BREADCRUMB = 400


def is_breadcrumb(text: str) -> bool:
    """Whether a line as written is a breadcrumb that starts at the home page."""
    if "\n" in text or len(text) > _LONGEST_BREADCRUMB:
        return False
    steps = _BREADCRUMB_STEP.split(text.strip(" \t>»›/"))
    return len(steps) >= 3 and all(steps) and line_words(steps[0]) in _BREADCRUMB_HOMES


def is_interface_line(words: str) -> bool:
    """Whether a line's words (``line_words``) are the page's interface, not its content."""
    return (
        words in INTERFACE_LINES
        or words in HOME_LINES
        or INTERFACE_COUNTER.fullmatch(words) is not None
        or INTERFACE_PROMPT.fullmatch(words) is not None
    )


def is_interface_text(text: str) -> bool:
    """Whether a line as written is the page's interface: its words are an interface line, or
    it is a loading placeholder or a wiki's section edit link (which need their ellipsis and
    brackets, so they are matched as written)."""
    return (
        LOADING_PLACEHOLDER.fullmatch(text) is not None
        or SECTION_EDIT_LINK.fullmatch(text) is not None
        or is_interface_line(line_words(text))
    )


def _compiled_readings() -> tuple[
    Callable[[str], int | None] | None,
    Callable[[str, int], tuple[int, int, int, str | None]] | None,
    Callable[[str], str] | None,
]:
    """The C readings of strings (``_vocabulary.c``), given this module's tables; None in a
    pure-Python install."""
    try:
        from ._vocabulary import ascii_mask, configure, line_words, text_words
    except ImportError:
        return None, None, None
    configure(_WORD_BITS, _STEM_BITS, _STATE_WORDS, _STATE_ENDINGS, FUNCTION_WORDS)
    return ascii_mask, text_words, line_words


ASCII_MASK, TEXT_WORDS, LINE_WORDS = _compiled_readings()
