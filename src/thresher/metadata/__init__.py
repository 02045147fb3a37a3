"""Metadata: who wrote a page, when, where, in what language and about what.

Every source a page may use is read into candidates (value, source); each field then takes the
first valid candidate in the order measured as most reliable (``reliability.py``), and records
where its value came from.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..addresses import joined, split
from ..label import BlockLabel, Labels
from ..label.vocabulary import CATEGORY_BITS
from ..page.model import Block, Page, without_permalink
from .authors import (
    MAX_NAME_CHARS,
    clean_names,
    is_byline_label,
    is_writer_label,
    names_after_by,
    names_of_profile_link,
    points_to_a_profile,
)
from .dates import date_in_url, other_reading, parse_date
from .jsonld import entities, names_of, text_of, types_of
from .language import read_language
from .published import choose_day
from .reliability import SOURCE_ORDER, VOTED_FIELDS
from .title import choose_title

__all__ = ["Metadata", "read_metadata"]

WRITTEN_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report TechArticle ScholarlyArticle OpinionNewsArticle "
    "AnalysisNewsArticle ReviewNewsArticle LiveBlogPosting SocialMediaPosting "
    "DiscussionForumPosting".split()
)
# Things a page may be about; a page that also declares a written piece is that piece (an
# article's FAQ declares its questions before the article itself).
ITEM_TYPES = frozenset(
    "Question Recipe HowTo Review VideoObject Product Event Course JobPosting "
    "PodcastEpisode".split()
)
PAGE_TYPES = frozenset(
    "WebPage ItemPage AboutPage CollectionPage FAQPage QAPage ProfilePage".split()
)
MAX_TITLE_CHARS = 300
MAX_TEXT_CHARS = 2000
_TITLE_SEPARATORS = " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / "
_BYLINE_WINDOW = 25  # blocks after the headline in which a byline is looked for
_DATELINE_WINDOW = 40  # and a dateline: dates sit further down, under a lead image or a bio
_LONGEST_DATELINE = 160
# On product, service and listing pages a "by" names a brand, a seller or a listed item's
# author far more often than the page's author (measured on WCXB: 0 right of 12 offered).
_PAGE_TYPES_WITH_BYLINES = ("article", "forum", "documentation")
_LONGEST_HANDLE_WORDS = 3
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


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date_published: str | None = None
    date_modified: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    language_confidence: float = 0.0
    url: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    license: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


Candidates = dict[str, list[tuple[Any, str]]]


def gather_candidates(
    page: Page, labels: Labels, url: str | None, warnings: list[str]
) -> Candidates:
    """Every value any source offers for each field, with the source's name."""
    candidates: Candidates = {name: [] for name in SOURCE_ORDER}
    _from_json_ld(page, candidates, warnings)
    _from_meta(page, candidates)
    _from_links(page, url, candidates)
    _from_microdata(page, candidates)
    _from_times(page, labels.page_type, candidates)
    _from_blocks(page, labels, candidates)
    _from_url(url, candidates)
    sitename = site_name(candidates)
    candidates["title"] = [
        (_strip_site_name(value, sitename), source) for value, source in candidates["title"]
    ]
    return candidates


def site_name(candidates: Candidates) -> str | None:
    sitename, _ = _first_valid("sitename", candidates["sitename"], SOURCE_ORDER["sitename"], [])
    return sitename


def read_metadata(page: Page, labels: Labels, url: str | None, main_text: str) -> Metadata:
    warnings: list[str] = []
    candidates = gather_candidates(page, labels, url, warnings)
    chosen: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, order in SOURCE_ORDER.items():
        if name == "title":
            value, source = _title(page, labels, candidates, url, warnings)
        elif name == "date_published":
            value, source = _published(labels.page_type, candidates, warnings)
        elif name in VOTED_FIELDS:
            value, source = _vote(name, candidates[name], VOTED_FIELDS[name], warnings)
        elif name == "authors":
            value, source = _authors(candidates, warnings)
        else:
            value, source = _first_valid(name, candidates[name], order, warnings)
        if value:
            chosen[name] = value
            sources[name] = source
    language, confidence, language_source = read_language(page, main_text)
    if language:
        sources["language"] = language_source
    return Metadata(
        title=chosen.get("title"),
        authors=tuple(chosen.get("authors", ())),
        date_published=chosen.get("date_published"),
        date_modified=chosen.get("date_modified"),
        sitename=chosen.get("sitename"),
        description=chosen.get("description"),
        language=language,
        language_confidence=confidence,
        url=chosen.get("url"),
        image=chosen.get("image"),
        tags=tuple(chosen.get("tags", ())),
        categories=tuple(chosen.get("categories", ())),
        license=chosen.get("license"),
        sources=sources,
        warnings=tuple(warnings),
    )


# -- choosing ----------------------------------------------------------------------------------
def valid_dates(candidates: Candidates, name: str) -> list[tuple[str, str]]:
    """(ISO date, source) for every valid date a source offers for the field."""
    found = []
    for value, source in candidates[name]:
        cleaned = validate(name, value)
        if cleaned:
            found.append((str(cleaned), source, value))
    return _settle_day_order(found)


def _settle_day_order(found: list[tuple[str, str, Any]]) -> list[tuple[str, str]]:
    """A numeric date that reads either way round (03-09-2026) takes the order that a date
    written unambiguously elsewhere on the page confirms."""
    others = [other_reading(raw) if isinstance(raw, str) else None for _, _, raw in found]
    firm = {value[:10] for (value, _, _), other in zip(found, others) if other is None}
    settled = []
    for (value, source, _), other in zip(found, others):
        if other is not None and value[:10] not in firm and other in firm:
            value = other + value[10:]
        settled.append((value, source))
    return settled


def date_offers(dates: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same offers by day: (YYYY-MM-DD, source)."""
    return [(value[:10], source) for value, source in dates]


def voted_date(published: list[tuple[str, str]], warnings: list[str]) -> tuple[Any, str]:
    """The publication date the sources' weighted vote chooses, and its source."""
    return _vote("date_published", published, VOTED_FIELDS["date_published"], warnings)


def _published(page_type: str, candidates: Candidates, warnings: list[str]) -> tuple[Any, str]:
    """The ranker's day, written as its most reliable source gives it; the vote without one."""
    weights = VOTED_FIELDS["date_published"]
    published = valid_dates(candidates, "date_published")
    value, source = voted_date(published, warnings)
    winner = str(value)[:10] if value else None
    modified = date_offers(valid_dates(candidates, "date_modified"))
    day = choose_day(date_offers(published), modified, weights, winner, page_type)
    if day is None or day == winner:
        return value, source
    same_day = [(value, source) for value, source in published if value[:10] == day]
    return max(same_day, key=lambda offer: weights.get(offer[1], 0.0))


def _title(
    page: Page, labels: Labels, candidates: Candidates, url: str | None, warnings: list[str]
) -> tuple[Any, str]:
    """The ranker's choice; the vote of the sources when the ranker has nothing valid."""
    value, source = choose_title(page, labels, candidates["title"], site_name(candidates), url)
    cleaned = validate("title", value)
    if cleaned:
        return cleaned, source
    return _vote("title", candidates["title"], VOTED_FIELDS["title"], warnings)


def _vote(
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
    if name.startswith("date_"):
        return str(value)[:10]  # sources agree on a day even when one adds the time
    return " ".join(str(value).casefold().split())


def _first_valid(
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
        elif value:
            warnings.append(f"{name} from {source} discarded: {str(value)[:60]!r}")


def _authors(candidates: Candidates, warnings: list[str]) -> tuple[Any, str]:
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
        elif _outweighs(weak[0], names):
            return names, source
    return weak or (None, "")


def _outweighs(weak: list[str], names: list[str]) -> bool:
    """Only a person's name outweighs the site's own or a login name; a bare handle
    ("hgzlane"), only the name it is made of (on a forum a handle is the poster's name)."""
    if not all(_capitalised_name(name) for name in names):
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
    if name in ("date_published", "date_modified"):
        return parse_date(value) if isinstance(value, str) else None
    if name == "authors":
        return clean_names(list(value), strict=False) or None
    if name in ("tags", "categories"):
        items = [" ".join(item.split()) for item in value if isinstance(item, str)]
        return [item for item in dict.fromkeys(items) if 0 < len(item) <= 80][:50] or None
    if not isinstance(value, str):
        return None
    text = " ".join(_without_entities(value).split())
    if name == "title":
        text = without_permalink(text).strip()
        if not text or len(text) > MAX_TITLE_CHARS or re.match(r"^(https?://|www\.)\S+$", text):
            return None
        return text
    if name in ("url", "image", "license"):
        return text if text.startswith(("http://", "https://", "/")) and " " not in text else None
    return text[:MAX_TEXT_CHARS] or None


# Sites that escape a value twice leave an entity in it once the parser has read it:
# "&amp;quot;" in the markup reads "&quot;". One more unescaping gives the text.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _without_entities(value: str) -> str:
    return html.unescape(value) if "&" in value and _ENTITY.search(value) else value


def _strip_site_name(title: str | None, sitename: str | None) -> str | None:
    """'Headline | Site' -> 'Headline', when the appended part is the site's name."""
    if not title:
        return title
    for separator in _TITLE_SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        first, _, rest = title.partition(separator)
        if sitename and _same(tail, sitename) and head:
            return head
        if sitename and _same(first, sitename) and rest:
            return rest
    return title


def _same(first: str, second: str) -> bool:
    a, b = _squashed(first), _squashed(second)
    return bool(a) and (a == b or (len(b) > 3 and (a in b or b in a)))


def _squashed(text: str) -> str:
    """Letters and digits only, case-folded: how names compare across sources."""
    return re.sub(r"\W+", "", text.casefold())


# -- sources -----------------------------------------------------------------------------------
def _add(candidates: Candidates, name: str, value: Any, source: str) -> None:
    if value:
        candidates[name].append((value, source))


def _main_entity(found: list[dict[str, Any]]) -> dict[str, Any] | None:
    for wanted in (WRITTEN_TYPES, ITEM_TYPES, PAGE_TYPES):
        for entity in found:
            if types_of(entity) & wanted:
                return entity
    return None


def _from_json_ld(page: Page, candidates: Candidates, warnings: list[str]) -> None:
    if not page.json_ld:
        return
    found = entities(page.json_ld)
    if not found and any(block.strip() for block in page.json_ld):
        warnings.append("JSON-LD that could not be read was skipped")
    main = _main_entity(found)
    for entity in found:
        kinds = types_of(entity)
        if "WebSite" in kinds or "Organization" in kinds:
            _add(candidates, "sitename", text_of(entity.get("name")), "json-ld")
    if main is None:
        return
    _add(candidates, "title", text_of(main.get("headline") or main.get("name")), "json-ld")
    names = names_of(main.get("author") or main.get("creator"))
    _add(candidates, "authors", names, "json-ld")
    _add(
        candidates,
        "date_published",
        text_of(main.get("datePublished") or main.get("dateCreated") or main.get("uploadDate")),
        "json-ld",
    )
    _add(candidates, "date_modified", text_of(main.get("dateModified")), "json-ld")
    _add(candidates, "description", text_of(main.get("description")), "json-ld")
    _add(candidates, "image", text_of(main.get("image") or main.get("thumbnailUrl")), "json-ld")
    publisher = main.get("publisher")
    _add(
        candidates,
        "sitename",
        text_of(publisher) if isinstance(publisher, dict) else None,
        "json-ld",
    )
    _add(candidates, "tags", _as_list(main.get("keywords")), "json-ld")
    _add(candidates, "categories", _as_list(main.get("articleSection")), "json-ld")
    _add(candidates, "license", text_of(main.get("license")), "json-ld")


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, list):
        return [text for item in value if (text := text_of(item))]
    return []


_META_SOURCES: dict[str, tuple[str, str]] = {
    # meta name or property: (field, source)
    "og:title": ("title", "opengraph"),
    "twitter:title": ("title", "twitter"),
    "dc.title": ("title", "meta"),
    "dcterms.title": ("title", "meta"),
    "citation_title": ("title", "meta"),
    "parsely-title": ("title", "meta"),
    "author": ("authors", "meta"),
    "article:author": ("authors", "opengraph"),
    "dc.creator": ("authors", "meta"),
    "dcterms.creator": ("authors", "meta"),
    "citation_author": ("authors", "meta"),
    "parsely-author": ("authors", "meta"),
    "sailthru.author": ("authors", "meta"),
    "byl": ("authors", "meta"),
    "article:published_time": ("date_published", "opengraph"),
    "og:published_time": ("date_published", "opengraph"),
    "datepublished": ("date_published", "meta"),
    "dc.date": ("date_published", "meta"),
    "dc.date.issued": ("date_published", "meta"),
    "dcterms.created": ("date_published", "meta"),
    "dcterms.issued": ("date_published", "meta"),
    "dcterms.date": ("date_published", "meta"),
    "citation_publication_date": ("date_published", "meta"),
    "citation_date": ("date_published", "meta"),
    "pubdate": ("date_published", "meta"),
    "publish-date": ("date_published", "meta"),
    "publish_date": ("date_published", "meta"),
    "date": ("date_published", "meta"),
    "sailthru.date": ("date_published", "meta"),
    "parsely-pub-date": ("date_published", "meta"),
    "article.published": ("date_published", "meta"),
    "published": ("date_published", "meta"),
    "published-date": ("date_published", "meta"),
    "published_date": ("date_published", "meta"),
    "publishdate": ("date_published", "meta"),
    "publication_date": ("date_published", "meta"),
    "dc.date.created": ("date_published", "meta"),
    "cxenseparse:publishtime": ("date_published", "meta"),
    "article:modified_time": ("date_modified", "opengraph"),
    "og:updated_time": ("date_modified", "opengraph"),
    "datemodified": ("date_modified", "meta"),
    "dcterms.modified": ("date_modified", "meta"),
    "last-modified": ("date_modified", "meta"),
    "og:site_name": ("sitename", "opengraph"),
    "application-name": ("sitename", "meta"),
    "og:description": ("description", "opengraph"),
    "description": ("description", "meta"),
    "twitter:description": ("description", "twitter"),
    "dc.description": ("description", "meta"),
    "og:url": ("url", "opengraph"),
    "og:image": ("image", "opengraph"),
    "og:image:url": ("image", "opengraph"),
    "twitter:image": ("image", "twitter"),
    "article:tag": ("tags", "opengraph"),
    "keywords": ("tags", "meta"),
    "news_keywords": ("tags", "meta"),
    "article:section": ("categories", "opengraph"),
    "dc.rights": ("license", "meta"),
    "dcterms.license": ("license", "meta"),
}
_LIST_FIELDS = frozenset(("authors", "tags", "categories"))


def _from_meta(page: Page, candidates: Candidates) -> None:
    lists: dict[tuple[str, str], list[str]] = {}
    for key, content in page.declarations.meta_pairs:
        target = _META_SOURCES.get(key)
        if target is None:
            continue
        name, source = target
        if name in _LIST_FIELDS:
            values = content.split(",") if name == "tags" else [content]
            lists.setdefault(target, []).extend(values)
        else:
            _add(candidates, name, content, source)
    for (name, source), values in lists.items():
        _add(candidates, name, values, source)
    _from_labelled_data(page, candidates)


# Site builders state the author as a labelled pair for link previews:
# <meta name="twitter:label1" content="Written by"> <meta name="twitter:data1" content="...">
_LABELLED_DATA = re.compile(r"^twitter:(label|data)(\d)$")
_AUTHOR_LABEL = re.compile(r"^\s*(?:written\s+by|author|authors|by)\s*:?\s*$", re.IGNORECASE)


def _from_labelled_data(page: Page, candidates: Candidates) -> None:
    label_of: dict[str, str] = {}
    value_of: dict[str, str] = {}
    for key, content in page.declarations.meta_pairs:
        found = _LABELLED_DATA.match(key)
        if found:
            (label_of if found.group(1) == "label" else value_of)[found.group(2)] = content
    for number, label in label_of.items():
        if _AUTHOR_LABEL.match(label) and value_of.get(number):
            # strict: the pair is filled from a login name as often as from a byline
            names = clean_names([value_of[number]], strict=True)
            _add(candidates, "authors", names, "labelled-meta")


def _from_links(page: Page, url: str | None, candidates: Candidates) -> None:
    for rel, href in page.declarations.links:
        rels = rel.split()
        if "canonical" in rels:
            _add(candidates, "url", joined(url or "", href), "link")
        if "license" in rels:
            _add(candidates, "license", joined(url or "", href), "link")
    _add(candidates, "url", url, "input")


_MICRODATA_FIELDS = {
    "headline": "title",
    "author": "authors",
    "creator": "authors",
    "datepublished": "date_published",
    "datecreated": "date_published",
    "datemodified": "date_modified",
}


def _from_microdata(page: Page, candidates: Candidates) -> None:
    rel_authors = [value for prop, value in page.declarations.microdata if prop == "rel-author"]
    _add(candidates, "authors", rel_authors[:1], "rel-author")
    for prop, value in page.declarations.microdata:
        name = _MICRODATA_FIELDS.get(prop)
        if name == "authors":
            # Only the first author: later ones are often those of comments or related items.
            if not any(source == "microdata" for _, source in candidates["authors"]):
                _add(candidates, name, [value], "microdata")
        elif name:
            _add(candidates, name, value, "microdata")


def _from_times(page: Page, page_type: str, candidates: Candidates) -> None:
    """<time> elements outside comment sections; the first is the likeliest publication date.
    A thread's posts are its content: there its earliest post dates the thread."""
    tokens = page.elements.part_tokens
    elsewhere = CATEGORY_BITS["related"] | CATEGORY_BITS["sidebar"]
    avoid = CATEGORY_BITS["comment"] | elsewhere
    if page_type == "forum":
        posts = [t for t in page.declarations.times if not tokens[t[0]] & elsewhere]
        if len(posts) >= 2:  # one dated remark is a comment, not a thread
            _add(candidates, "date_published", _earliest(posts), "first-post")
    for index, stamp, text in page.declarations.times:
        if tokens[index] & avoid:
            continue
        own = page.elements.own_tokens[index]
        name = "date_modified" if _looks_updated(own, text) else "date_published"
        _add(candidates, name, stamp or text, "time-element")


def _earliest(times: list[tuple[int, str, str]]) -> str | None:
    """The earliest time stamp: a thread starts with its first post, wherever the page puts
    it (threads listed newest first, a pinned answer above the question)."""
    dated = [(parse_date(stamp or text), stamp or text) for _, stamp, text in times]
    known = [(day, raw) for day, raw in dated if day]
    return min(known)[1] if known else None


def _looks_updated(own_tokens: int, text: str) -> bool:
    return text.lower().startswith(("updated", "modified", "aktualisiert", "mis à jour"))


def _from_blocks(page: Page, labels: Labels, candidates: Candidates) -> None:
    """A heading that repeats the declared title; bylines and datelines just below it."""
    blocks = page.blocks
    title_index = next(
        (i for i, label in enumerate(labels.labels) if label is BlockLabel.TITLE), None
    )
    if title_index is not None:
        _add(candidates, "title", blocks[title_index].text, "heading")
    first_h1 = next((block.text for block in blocks if block.kind == "h1"), None)
    _add(candidates, "title", first_h1, "h1")
    _add(candidates, "title", page.title_tag, "title-tag")
    for separator in _TITLE_SEPARATORS:
        if separator in page.title_tag:
            _add(candidates, "sitename", page.title_tag.rpartition(separator)[2], "title-tag")
            break
    bits = CATEGORY_BITS["byline"] | CATEGORY_BITS["meta"]
    avoid = CATEGORY_BITS["comment"] | CATEGORY_BITS["related"]
    tokens = page.elements.part_tokens
    # Measured: a second anchor adds about as many wrong names as right ones.
    byline_zone = set(_near_headline(blocks, title_index, _BYLINE_WINDOW, both=False))
    with_bylines = labels.page_type in _PAGE_TYPES_WITH_BYLINES
    dateline_zone = _near_headline(blocks, title_index, _DATELINE_WINDOW)
    for index in dateline_zone:
        block = blocks[index]
        marks = tokens[max(block.element, 0)]
        if len(block.text) > _LONGEST_DATELINE or marks & avoid:
            continue
        if index in byline_zone and with_bylines:
            _from_byline(blocks, index, _close_marks(page, block.element), candidates)
        # A short line near the title holding a date is a dateline, marked up or not.
        _add(candidates, "date_published", block.text, "byline" if marks & bits else "dateline")
    if labels.page_type in _PAGE_TYPES_WITH_LONE_DATES:
        _from_lone_dates(page, set(dateline_zone), candidates)
    if labels.page_type == "forum":
        _from_first_poster(page, title_index, avoid, candidates)
    if with_bylines:
        _from_author_spans(page, sorted(byline_zone), avoid, candidates)
        _from_author_boxes(page, byline_zone, avoid, candidates)
        _from_name_lines(page, title_index, avoid, candidates)


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
            _add(candidates, "authors", _capitalised_name(blocks[index].text), "name-line")


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


def _from_byline(blocks: Sequence[Block], index: int, marks: int, candidates: Candidates) -> None:
    """Names in one line of the byline zone, however the template writes them."""
    block, lines = blocks[index], blocks[index].lines
    if marks & CATEGORY_BITS["byline"]:
        _add(candidates, "authors", clean_names([lines], strict=True), "byline")
        _add(candidates, "authors", _name_among_byline_parts(lines), "byline")
    if _is_by_handle_line(block, marks):
        _add(candidates, "authors", names_after_by(lines, handles=True), "byline")
    _add(candidates, "authors", names_after_by(lines), "by-phrase")
    _from_profile_links(block, candidates)
    if is_byline_label(block.text) and index + 1 < len(blocks):
        following = blocks[index + 1].lines
        _add(candidates, "authors", clean_names([following], strict=True), "byline")


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
            _add(candidates, "authors", names_after_by(block.lines), "written-by")
        if index not in byline_zone and _labels_a_byline(page, index, avoid):
            following = blocks[index + 1].lines
            _add(candidates, "authors", clean_names([following], strict=True), "written-by")
        if marks & CATEGORY_BITS["byline"] and not marks & avoid:
            _add(candidates, "authors", _name_of_author_box(blocks, index), "author-box")
        if _ABOUT_THE_AUTHOR.match(block.text) and index + 1 < len(blocks):
            following = blocks[index + 1].text
            _add(candidates, "authors", _name_opening_a_bio(following), "author-box")


# A byline's parts: "Dec. 19, 2025 · Jane Roe", "Dec 17, 2025Jane Roe" (a date glued to the name).
_BYLINE_PARTS = re.compile(r"\s*[·•|\n]\s*|\s+[—–-]\s+|(?<=\d)(?=[A-Z])")


def _name_among_byline_parts(text: str) -> list[str]:
    """The first part of a marked byline that is a name and nothing else (two capitalised
    words at least: a lone word in a byline is as often a section or a place)."""
    for part in _BYLINE_PARTS.split(text):
        names = _capitalised_name(part)
        if names:
            return names
    return []


# A word of a whole name: letters, with the dots, apostrophes and hyphens names hold.
_LETTERS_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")


def _capitalised_name(text: str) -> list[str]:
    """``text`` as the one name it is, when it is two capitalised words or more and nothing
    else; otherwise nothing."""
    words = text.split()
    if len(words) < 2 or not all(word[0].isupper() and _LETTERS_WORD.match(word) for word in words):
        return []
    names = clean_names([text], strict=True)
    return names if names == [text] else []


_BIO_LOOKAHEAD = 2  # the bio follows the name, sometimes after a role line


def _name_of_author_box(blocks: Sequence[Block], index: int) -> list[str]:
    """A name on a line of its own that the bio just below begins with ("Jane Roe" /
    "Jane Roe is a reporter who ..."): the box about the writer under an article."""
    text = blocks[index].text
    names = clean_names([text], strict=True) if len(text) <= MAX_NAME_CHARS else []
    if len(names) != 1 or names[0] != text.strip():
        return []
    following = blocks[index + 1 : index + 1 + _BIO_LOOKAHEAD]
    return names if any(block.text.startswith(f"{text} ") for block in following) else []


_ABOUT_THE_AUTHOR = re.compile(r"^\s*about\s+the\s+(?:author|writer)\s*:?\s*$", re.IGNORECASE)
_BIO_OPENING = re.compile(r"^(?P<name>.{3,60}?)(?:,| is | has | was | writes | works )")


def _name_opening_a_bio(text: str) -> list[str]:
    """The name a bio opens with: "Jane Roe is a reporter ..." -> Jane Roe (two words at
    least, each capitalised: "She is ..." names nobody)."""
    found = _BIO_OPENING.match(text)
    return _capitalised_name(found.group("name")) if found else []


def _is_by_handle_line(block: Block, marks: int) -> bool:
    """A line where "by" may name a one-word handle: marked as the byline, or "by" and
    the handle alone."""
    return bool(marks & CATEGORY_BITS["byline"]) or len(block.text.split()) == 2


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
    return explicit and bool(_capitalised_name(blocks[index + 1].text))


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
        if not tokens[max(block.element, 0)] & avoid and _is_date_line(block.text)
    ]
    if 0 < len(found) <= _MOST_LONE_DATES and found[0] not in read:
        _add(candidates, "date_published", page.blocks[found[0]].text, "lone-date")


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
    posters = [
        text
        for element, text in page.declarations.spans
        if table.enter[element] > start
        and table.own_tokens[element] & wanted
        and not table.part_tokens[element] & avoid
    ]
    if len(posters) < 2:
        return  # one name is a byline, not a thread's first poster
    names = clean_names(posters[:1])[:1]
    if names and len(names[0].split()) <= _LONGEST_HANDLE_WORDS:
        _add(candidates, "authors", names, "first-poster")


def _from_profile_links(block: Block, candidates: Candidates, source: str = "author-link") -> None:
    if not any(points_to_a_profile(target) for target in block.targets):
        return  # most blocks: reading their links is the costly part
    for text, address in block.anchors:
        _add(candidates, "authors", names_of_profile_link(text, address), source)


def _from_author_spans(page: Page, zone: list[int], avoid: int, candidates: Candidates) -> None:
    """Names in inline author marks (<span class="author-name">) inside the byline zone."""
    if not zone:
        return
    table, blocks = page.elements, page.blocks
    first = blocks[zone[0] - 1].position if zone[0] > 0 else -1
    last = blocks[zone[-1]].position
    wanted = CATEGORY_BITS["byline"]
    for element, text in page.declarations.spans:
        inside = first < table.enter[element] <= last
        if inside and table.own_tokens[element] & wanted and not table.part_tokens[element] & avoid:
            _add(candidates, "authors", clean_names([text], strict=True), "byline-span")


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


def _from_url(url: str | None, candidates: Candidates) -> None:
    _add(candidates, "date_published", date_in_url(url), "url")
    parts = split(url) if url else None
    host = parts.hostname if parts else None
    if host:
        _add(candidates, "sitename", host.removeprefix("www."), "url")
