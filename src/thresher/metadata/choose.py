"""Choosing each field's value among its candidates: validation, the votes weighted by measured
reliability, the rankers for the title and the publication date, the author rules."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..addresses import split
from ..dom import fragment_text
from ..label import Labels
from ..page.model import Page, without_marks, without_permalink
from .authors import TEMPLATE_KEY, capitalised_name, clean_names
from .candidates import DATE_FIELDS, Candidates
from .dates import other_reading, parse_date, slashed_day_first
from .published import choose_day
from .reliability import SHOWN_AUTHOR_SOURCES, SOURCE_ORDER, VISIBLE_DATE_SOURCES, VOTED_FIELDS
from .title import choose_title

MAX_TITLE_CHARS = 300
MAX_TEXT_CHARS = 2000
# What a <title> sets between the headline and the site's name.
TITLE_SEPARATORS = " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / "


def valid_dates(
    candidates: Candidates, name: str, *, day_first: bool = False
) -> list[tuple[str, str]]:
    """(ISO date, source) for every valid date a source offers for the field; ``day_first``
    where the page's language writes a date's day before its month."""
    found = []
    for value, source in candidates[name]:
        cleaned = validate(name, value)
        if cleaned:
            found.append((str(cleaned), source, value))
    return _settle_day_order(found, day_first)


def _settle_day_order(found: list[tuple[str, str, Any]], day_first: bool) -> list[tuple[str, str]]:
    """A numeric date that reads either way round (03-09-2026) takes the order that a date
    written unambiguously elsewhere on the page confirms; unconfirmed, one written with
    slashes (read the American way, month first) takes the day first where the page's
    language writes it so."""
    others = [other_reading(raw) if isinstance(raw, str) else None for _, _, raw in found]
    firm = {value[:10] for (value, _, _), other in zip(found, others) if other is None}
    settled = []
    for (value, source, raw), other in zip(found, others):
        if other is not None and value[:10] not in firm and _confirmed(other, raw, firm, day_first):
            value = other + value[10:]
        settled.append((value, source))
    return settled


def _confirmed(other: str, raw: str, firm: set[str], day_first: bool) -> bool:
    """Whether the reading parse_date did not choose is the page's: a firm date names its day,
    or it reads the day first, as the page's language does, where parse_date read slashes the
    American way."""
    return other in firm or (day_first and slashed_day_first(raw) == other)


def date_offers(dates: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same offers by day: (YYYY-MM-DD, source)."""
    return [(value[:10], source) for value, source in dates]


def declared_updates(candidates: Candidates) -> list[tuple[str, str]]:
    """The days the markup declares as the page's last update, by source. A visible
    "Updated" line is left out: the ranker already weighs it among the publication offers
    (told apart as an update, it measured no better: 0.9007 either way, three seeds)."""
    offers = date_offers(valid_dates(candidates, "date_modified"))
    return [(day, source) for day, source in offers if source not in VISIBLE_DATE_SOURCES]


def voted_date(published: list[tuple[str, str]], warnings: list[str]) -> tuple[Any, str]:
    """The publication date the sources' weighted vote chooses, and its source."""
    return vote("date_published", published, VOTED_FIELDS["date_published"], warnings)


# A product page is no dated piece: the dates it declares are its listing's (WCXB's truth gives
# none of its 92 product pages a publication date, and thresher gave 6 of them one).
UNDATED_PAGE_TYPES = frozenset(("product",))


def published_date(
    page_type: str, candidates: Candidates, warnings: list[str], *, day_first: bool = False
) -> tuple[Any, str]:
    """The ranker's day, written as its most reliable source gives it; the vote without one.
    None on a page of a type that is no dated piece."""
    if page_type in UNDATED_PAGE_TYPES:
        return None, ""
    weights = VOTED_FIELDS["date_published"]
    published = valid_dates(candidates, "date_published", day_first=day_first)
    value, source = voted_date(published, warnings)
    # The day as the source writes it, in its own time zone: on the WCXB pages offering a
    # stamp whose local day and UTC day differ, the truth is the local day on 21 and the UTC
    # day on 5.
    winner = str(value)[:10] if value else None
    day = choose_day(
        date_offers(published), declared_updates(candidates), weights, winner, page_type
    )
    if day is None or day == winner:
        return value, source
    same_day = [(value, source) for value, source in published if value[:10] == day]
    return max(same_day, key=lambda offer: weights.get(offer[1], 0.0))


def chosen_title(
    page: Page, labels: Labels, candidates: Candidates, url: str | None, warnings: list[str]
) -> tuple[Any, str]:
    """The ranker's choice; the vote of the sources when the ranker has nothing valid."""
    sitename = site_name(candidates, page, url)
    value, source = choose_title(page, labels, candidates["title"], sitename, url)
    cleaned = validate("title", value)
    if cleaned:
        return cleaned, source
    return vote("title", candidates["title"], VOTED_FIELDS["title"], warnings)


def vote(
    name: str, candidates: list[tuple[Any, str]], weights: dict[str, float], warnings: list[str]
) -> tuple[Any, str]:
    """The value the sources agree on most, each source weighing as much as it is reliable."""
    support: dict[str, float] = {}
    best_source: dict[str, tuple[float, Any, str]] = {}
    seen: set[str] = set()
    for value, source in candidates:
        cleaned = validate(name, value)
        if not cleaned or source in seen or source not in weights:
            continue
        seen.add(source)
        key = _vote_key(name, cleaned)
        # Independent voters of accuracy p weigh log(p / (1 - p)) in an optimal majority vote.
        support[key] = support.get(key, 0.0) + math.log(weights[source] / (1 - weights[source]))
        if key not in best_source or weights[source] > best_source[key][0]:
            best_source[key] = (weights[source], cleaned, source)
    if not support:
        return None, ""
    winner = max(support, key=lambda key: (support[key], best_source[key][0]))
    return best_source[winner][1], best_source[winner][2]


def _vote_key(name: str, value: Any) -> str:
    if name in DATE_FIELDS:
        return str(value)[:10]  # sources agree on a day even when one adds the time
    return " ".join(str(value).casefold().split())


def first_valid(
    name: str, candidates: list[tuple[Any, str]], order: tuple[str, ...], warnings: list[str]
) -> tuple[Any, str]:
    for cleaned, source in _valid_in_order(name, candidates, order, warnings):
        return cleaned, source
    return None, ""


def _valid_in_order(
    name: str, candidates: list[tuple[Any, str]], order: tuple[str, ...], warnings: list[str]
) -> Iterator[tuple[Any, str]]:
    """The cleaned values of the sources in ``order``, best source first; what fails is
    reported as discarded."""
    rank = {source: index for index, source in enumerate(order)}
    for value, source in sorted((c for c in candidates if c[1] in rank), key=lambda c: rank[c[1]]):
        cleaned = validate(name, value)
        if cleaned:
            yield cleaned, source
        elif not _blank(value):
            warnings.append(f"{name} from {source} discarded: {str(value)[:60]!r}")


def _blank(value: Any) -> bool:
    """Whether a declared value says nothing (``""``, ``[""]``): a template's empty slot, left
    out without a warning."""
    if isinstance(value, (list, tuple)):
        return all(_blank(item) for item in value)
    return not str(value or "").strip()


# No byline, no author: the name of a site whose address spells it ("Polly Barks" on
# pollybarks.com) is its owner's on a personal site, but as often a firm's. Taken as the
# author where nothing else names one, it was right on 3 wcxb-dev pages and named 23 firms
# ("Google Cloud", "Harvard Health") on pages whose truth has no author: nothing in the page
# tells a person's name from a firm's.
def chosen_authors(candidates: Candidates, warnings: list[str]) -> tuple[Any, str]:
    """The first source's names; but where the markup names someone the page never shows,
    a name that two sources read from the page itself agree on (a CMS account declared as
    the author, the writer in the byline and the author box: measured on wcxb-dev, 5 pages
    right, 1 wrong). A bare handle is kept: on a forum it is the poster's name."""
    names, source = _first_person(candidates, warnings)
    if not names or source in SHOWN_AUTHOR_SOURCES or _handles(names):
        return names, source
    return (
        _agreed_by_the_page(candidates, names)
        or _coauthors_shown(candidates, names)
        or (names, source)
    )


def _coauthors_shown(candidates: Candidates, chosen: list[str]) -> tuple[list[str], str] | None:
    """A byline naming the declared authors and more: markup often declares only the first
    of several writers. Each added name must be shown on its own as well, in an author's
    box or a link to a profile: a byline's other parts (a job title, the site's name) would
    pass for co-authors."""
    keys = {_person_key(name) for name in chosen}
    on_its_own = {
        _person_key(name)
        for names, _ in _valid_in_order("authors", candidates["authors"], _NAMES_ON_THEIR_OWN, [])
        for name in names
    }
    for names, source in _valid_in_order("authors", candidates["authors"], _NAME_LISTS, []):
        shown = {_person_key(name) for name in names}
        if keys < shown and shown - keys <= on_its_own:
            return names, source
    return None


def _agreed_by_the_page(candidates: Candidates, chosen: list[str]) -> tuple[list[str], str] | None:
    order = tuple(source for source in SOURCE_ORDER["authors"] if source in SHOWN_AUTHOR_SOURCES)
    sources_of: dict[str, set[str]] = defaultdict(set)
    first_offer: dict[str, tuple[str, str]] = {}
    # the first pass has reported what it discarded: no warnings twice
    for names, source in _valid_in_order("authors", candidates["authors"], order, []):
        for name in names:
            key = _person_key(name)
            sources_of[key].add(source)
            first_offer.setdefault(key, (name, source))
    if any(_person_key(name) in sources_of for name in chosen):
        return None
    agreed = [key for key, sources in sources_of.items() if len(sources) >= 2]
    if not agreed:
        return None
    name, source = first_offer[max(agreed, key=lambda key: len(sources_of[key]))]
    return [name], source


def _first_person(candidates: Candidates, warnings: list[str]) -> tuple[Any, str]:
    """The first source's names, passing over a source that names only the site itself (a
    publisher entered as the author) or only login names, when a later one names a person."""
    sites = {_squashed(str(value)) for value, _ in candidates["sitename"] if value}
    weak: tuple[Any, str] | None = None
    offers = _valid_in_order("authors", candidates["authors"], SOURCE_ORDER["authors"], warnings)
    for offered, source in offers:
        # "Jane Roe, Harbour Gazette": the site's name among people's is no author
        people = [name for name in offered if not _names_the_site(name, sites)]
        names = people or offered
        if weak is None:
            if people and not (_login_names(names) or _handles(names)):
                return names, source
            weak = (names, source)
        elif people and _outweighs(weak[0], names):
            return names, source
    return weak or (None, "")


def _outweighs(weak: list[str], names: list[str]) -> bool:
    """Only a person's name outweighs the site's own or a login name; a bare handle
    ("hgzlane"), only the name it is made of (on a forum a handle is the poster's name)."""
    if not all(capitalised_name(name) for name in names):
        return False
    return not _handles(weak) or _spelled_in(weak, names)


def _handles(names: list[str]) -> bool:
    return all(_HANDLE.match(name) for name in names)


def _spelled_in(handles: list[str], names: list[str]) -> bool:
    """Whether the handles hold a word of the names: "hgzlane" and "Lois Lane"."""
    words = {_squashed(word) for name in names for word in name.split()}
    return any(len(word) >= 3 and word in handle for word in words for handle in handles)


_LOGIN = re.compile(r"^[a-z0-9]+(?:[._][a-z0-9]+)+$|^[a-z]+[0-9]+$|^[A-Z][a-z]+[A-Z]{1,2}$")
_HANDLE = re.compile(r"^[a-z]+$")


def _login_names(names: list[str]) -> bool:
    """Login names ("jane.roe", "jroe42", "JaneR") that a CMS writes where a name
    belongs."""
    return all(_LOGIN.match(name) for name in names)


def _names_the_site(name: str, site_keys: set[str]) -> bool:
    """Whether the name is the site's own (``site_keys`` squashed), or its team's ("Team
    Harbour Gazette")."""
    return _squashed(_TEAM.sub("", name)) in site_keys


_TEAM = re.compile(r"^(?:the\s+)?team\s+|\s+(?:team|staff|editors|editorial team)$", re.IGNORECASE)


def validate(name: str, value: Any) -> Any:
    """The cleaned value of a candidate for a field, or None when it is not acceptable."""
    if name in DATE_FIELDS:
        return parse_date(value) if isinstance(value, str) else None
    if name == "authors":
        names = [_readable(item) if isinstance(item, str) else item for item in value]
        return clean_names(names, strict=False) or None
    if name in ("tags", "categories"):
        items = [" ".join(_readable(item).split()) for item in value if isinstance(item, str)]
        return [item for item in dict.fromkeys(items) if _is_label(item)][:50] or None
    if not isinstance(value, str):
        return None
    text = " ".join(_readable(value).split())
    if name == "description" and _MARKUP.search(text):
        text = " ".join(fragment_text(text).split())
    if name == "title":
        text = _without_loose_separators(without_permalink(text).strip())
        if not text or len(text) > MAX_TITLE_CHARS or re.match(r"^(https?://|www\.)\S+$", text):
            return None
        return None if _is_placeholder_title(text) else text
    if name == "sitename" and text.startswith(("http://", "https://")):
        parts = split(text)  # a site named by its address is named by its host
        return parts.hostname.removeprefix("www.") if parts and parts.hostname else None
    if name == "image" and _IMAGE_FILE_WITH_SPACES.match(text):
        text = text.replace(" ", "%20")  # as a browser asks for it
    if name in ("url", "image", "license"):
        address = text.startswith(("http://", "https://", "/")) and " " not in text
        return text if address and split(text) is not None else None  # ("http://[::1/x": none)
    return text[:MAX_TEXT_CHARS] or None


# What an editor or a template writes where nobody gave the page a title: the default of
# HTML editors and boilerplates ("Untitled Document", "Insert title here", "Document"), a
# script's failed value, a loading notice. No wcxb-dev page's title, or its truth, is one.
_PLACEHOLDER_TITLES = frozenset(
    ("untitled", "untitled document", "untitled page", "untitled-1", "new page 1", "document")
    + ("insert title here", "your title here", "page title", "title", "no title", "(no title)")
    + ("<no title>", "index", "index.html", "index.htm", "index.php", "undefined", "null")
    + ("[object object]", "loading", "loading...", "loading…")
)


def _is_placeholder_title(text: str) -> bool:
    return text.casefold() in _PLACEHOLDER_TITLES or TEMPLATE_KEY.match(text) is not None


# A description some systems fill with the post's HTML ("<p>I did <a href=...>Advent of
# Code</a> again"): closing tags of text elements, where a description that names an element
# ("The <table> HTML element represents ...") closes none.
_MARKUP = re.compile(r"</(?:p|a|b|i|em|strong|span|div|h[1-6]|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def _is_label(item: str) -> bool:
    """A tag or a category a reader would see: not a template's placeholder ("Not set",
    "Uncategorized"), a system's own key and value ("contentId: 15cd344d", "hasProduct: true")
    or an address."""
    return (
        0 < len(item) <= 80
        and item.casefold() not in _PLACEHOLDERS
        and _MACHINE_PAIR.match(item) is None
    )


_PLACEHOLDERS = frozenset(("not set", "none", "null", "undefined", "n/a", "uncategorized"))
_MACHINE_PAIR = re.compile(r"[a-z][A-Za-z_-]*:\s*\S")


# Separators a template left at an end of a title when a part of it was empty: "Headline |",
# ", , Statistics". A dash opens a title only with white space after it ("- Title", not
# "-30 °C"), and a bar or a dash ends one only with white space before it ("well-").
_OPENING_SEPARATORS = ",;|·•»/–—"
_CLOSING_COMMAS = ",;"
_CLOSING_BARS = "|·•»/–—-"


def _without_loose_separators(text: str) -> str:
    """The title without the separators at its ends, read once from each end. (A pattern
    anchored at the end is tried from every character: a heading of 20,000 commas took 30 s.)"""
    start, end = 0, len(text)
    while start < end:
        char = text[start]
        if char not in _OPENING_SEPARATORS and not (
            char == "-" and text[start + 1 : start + 2].isspace()
        ):
            break
        start += 1
        while start < end and text[start].isspace():
            start += 1
    while end > start:
        char = text[end - 1]
        if char not in _CLOSING_COMMAS and char not in _CLOSING_BARS:
            break
        before = end - 1
        while before > start and text[before - 1].isspace():
            before -= 1
        if char in _CLOSING_BARS and before == end - 1:
            break
        end = before
    return text[start:end]


# An image's address with spaces in its file name, as content systems keep uploads
# ("/files/Facebook Link Image.png").
_IMAGE_FILE_WITH_SPACES = re.compile(
    r"^(?:https?://|/)[^\s?#]+(?: [^\s?#/]+)+\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#]\S*)?$",
    re.IGNORECASE,
)


# Sites that escape a value twice leave an entity in it once the parser has read it:
# "&amp;quot;" in the markup reads "&quot;". One more unescaping gives the text.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _without_entities(value: str) -> str:
    return html.unescape(value) if "&" in value and _ENTITY.search(value) else value


def _readable(value: str) -> str:
    """A declared value as text: its entities read, and the page model's marks, which a
    reference in an attribute or in JSON-LD can give, turned into spaces."""
    return without_marks(_without_entities(value))


def strip_site_name(title: str | None, sitename: str | None) -> str | None:
    """'Headline | Site' -> 'Headline', when the appended part is the site's name."""
    if not title:
        return title
    for separator in TITLE_SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        first, _, rest = title.partition(separator)
        if sitename and _same(tail, sitename) and head:
            return head
        if sitename and _same(first, sitename) and rest:
            return rest
    return title


def same_name(first: str, second: str) -> bool:
    """Whether two texts are one name, whatever their case, spaces and punctuation."""
    squashed = _squashed(first)
    return bool(squashed) and squashed == _squashed(second)


def _same(first: str, second: str) -> bool:
    a, b = _squashed(first), _squashed(second)
    return bool(a) and (a == b or (len(b) > 3 and (a in b or b in a)))


_NAME_LISTS = ("author-link", "by-phrase", "written-by")
_NAMES_ON_THEIR_OWN = ("author-box", "profile-link")
_HONORIFIC = re.compile(r"^(?:dr|prof|mr|mrs|ms)\.?\s+", re.IGNORECASE)


def _person_key(name: str) -> str:
    """How a person's names compare across sources: "Dr Jane Roe" is "Jane Roe"."""
    return _squashed(_HONORIFIC.sub("", name))


def _squashed(text: str) -> str:
    """Letters and digits only, case-folded: how names compare across sources."""
    return re.sub(r"\W+", "", text.casefold())


def chosen_site_name(
    title_tag: str, candidates: Candidates, url: str | None, warnings: list[str]
) -> tuple[Any, str]:
    """The site's name; one read off the end of the <title> ("Headline | Site") gives way to
    the other end where that one is the host's name ("Talkspace | #1 Rated Online Therapy"),
    and a declared name with a tagline keeps the part the host names ("Urge Fitness |
    Affordable 24/7 Gyms Near Me")."""
    value, source = first_valid(
        "sitename", candidates["sitename"], SOURCE_ORDER["sitename"], warnings
    )
    parts = split(url) if url and value else None
    hostname = (parts.hostname or "") if parts else ""
    if not hostname:
        return value, source
    opening = _opening_the_host_names(title_tag, hostname)
    if source == "title-tag" and opening and _folded(str(value)) not in _folded(hostname):
        return opening, source
    if source == "title-tag" and not _names_the_host(str(value), hostname):
        # the end of the <title> is a subtitle or a slogan: the host is the better name
        return hostname.removeprefix("www."), "url"
    return _part_the_host_names(str(value), hostname) or value, source


def _names_the_host(name: str, hostname: str) -> bool:
    """Whether the host can be read in a site's name: spelt whole ("Smart Bitches, Trashy
    Books" on smartbitchestrashybooks.com), by one of its words ("The Rust Programming
    Language" on rust-lang.org, "The Go Programming Language" on go.dev) or by the initials of
    its capitalised words ("Occupational Safety and Health Administration" on osha.gov)."""
    labels = [
        folded
        for label in hostname.split(".")[:-1]
        if (folded := _folded(label)) and folded not in _NAMELESS_LABELS
    ]
    host = "".join(labels)
    whole = _folded(name)
    if not host or not whole:
        return False
    if whole in host or any(len(label) >= 4 and label in whole for label in labels):
        return True
    words = re.findall(r"\w+", name)
    folded_words = [_folded(word) for word in words]
    if any(word in labels or (len(word) >= 4 and word in host) for word in folded_words):
        return True
    initials = _folded("".join(word[0] for word in words if word[0].isupper()))
    return any(
        (len(initials) >= 3 and initials in label) or (len(label) >= 3 and label in initials)
        for label in labels
    )


def _opening_the_host_names(title_tag: str, hostname: str) -> str | None:
    """The first part of "Site - Section - Headline" where the host spells it."""
    first = next((title_tag.partition(sep)[0] for sep in TITLE_SEPARATORS if sep in title_tag), "")
    head = _folded(first)
    return " ".join(first.split()) if head and head in _folded(hostname) else None


# Between a site's name and its tagline: "Utne – Cure Ignorance", "NoGood™: Growth Marketing".
_NAME_PARTS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+|:\s+")


# A host's labels that name a section of a site, not the site ("blog.example.com").
_SECTION_LABELS = frozenset(
    "blog blogs shop store news help docs support forum forums community developer "
    "developers learn online".split()
)
# Labels of a host that name no site: its registry's ("example.co.uk"), its web server's, or
# a section's ("blog.example.com").
_NAMELESS_LABELS = frozenset("www com org net edu gov co ac or ne".split()) | _SECTION_LABELS


def _part_the_host_names(name: str, hostname: str) -> str | None:
    """The one part of "Name - tagline" that the host names, where every other part is
    longer (a tagline, not a second name) and does not spell it out ("NSF - U.S. National
    Science Foundation" stays whole)."""
    parts = [part.strip() for part in _NAME_PARTS.split(name) if part.strip()]
    if len(parts) < 2:
        return None
    host = _folded(hostname.removeprefix("www."))
    labels = [
        _folded(label)
        for label in hostname.split(".")[:-1]
        if len(label) >= 4 and label not in _SECTION_LABELS
    ]
    named = [
        part
        for part in parts
        if len(folded := _folded(part)) >= 3
        and (folded in host or any(label in folded for label in labels))
    ]
    if len(named) != 1:
        return None
    part = named[0]
    others = [other for other in parts if other is not part]
    if any(len(o.split()) <= len(part.split()) or _initials_spell(o, part) for o in others):
        return None
    return part


def _folded(text: str) -> str:
    """Letters and digits only, case-folded, accents dropped: a name as a host writes it."""
    return _squashed(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())


def _initials_spell(words: str, short: str) -> bool:
    initials = "".join(word[0] for word in re.findall(r"\w+", words.casefold()))
    letters = _folded(short.split(".")[0])
    return len(letters) >= 2 and letters in initials


def site_name(candidates: Candidates, page: Page, url: str | None) -> str | None:
    """The site's name the titles are read with. One read off the end of the <title> that is
    the page's headline gives way to the other end where the host names that one ("Common
    Crawl - Blog - March/April 2024 Newsletter" on commoncrawl.org under the headline
    "March/April 2024 Newsletter")."""
    sitename, source = first_valid("sitename", candidates["sitename"], SOURCE_ORDER["sitename"], [])
    parts = split(url) if url and source == "title-tag" else None
    if not parts:
        return sitename
    headline = next((block.text for block in page.blocks if block.kind == "h1"), "")
    if not same_name(str(sitename), headline):
        return sitename
    return _opening_the_host_names(page.title_tag, parts.hostname or "") or sitename
