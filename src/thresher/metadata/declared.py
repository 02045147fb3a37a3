"""What a page declares about itself in its markup: JSON-LD, meta tags, links, microdata,
<time> elements, and its address."""

from __future__ import annotations

import re
from typing import Any

from ..addresses import joined, split
from ..label.vocabulary import CATEGORY_BITS
from ..page.model import Page
from .authors import (
    clean_names,
)
from .candidates import AUTHORED_PAGE_TYPES, DATE_FIELDS, Candidates, add
from .dates import UPDATE_WORDS, date_in_url, from_timestamp, parse_date
from .jsonld import MAX_JSON_CHARS, entities, names_of, text_of, types_of

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


def _main_entity(found: list[dict[str, Any]]) -> dict[str, Any] | None:
    for wanted in (WRITTEN_TYPES, ITEM_TYPES, PAGE_TYPES):
        for entity in found:
            if types_of(entity) & wanted:
                return entity
    return None


def from_json_ld(page: Page, candidates: Candidates, warnings: list[str]) -> None:
    if not page.json_ld:
        return
    found = entities(page.json_ld)
    too_long = sum(len(block) > MAX_JSON_CHARS for block in page.json_ld)
    if too_long:
        warnings.append(
            f"{too_long} JSON-LD block(s) longer than {MAX_JSON_CHARS} characters were skipped"
        )
    readable = (block for block in page.json_ld if len(block) <= MAX_JSON_CHARS)
    if not found and any(block.strip() for block in readable):
        warnings.append("JSON-LD that could not be read was skipped")
    main = _main_entity(found)
    for entity in found:
        kinds = types_of(entity)
        # A blog's owner, declared as a Person and an Organization at once, is its author
        # rather than its name.
        if ("WebSite" in kinds or "Organization" in kinds) and "Person" not in kinds:
            add(candidates, "sitename", text_of(entity.get("name")), "json-ld")
    if main is None:
        return
    add(candidates, "title", text_of(main.get("headline") or main.get("name")), "json-ld")
    names = names_of(main.get("author") or main.get("creator"))
    add(candidates, "authors", names, "json-ld")
    published = main.get("datePublished") or main.get("dateCreated") or main.get("uploadDate")
    add(candidates, "date_published", from_timestamp(text_of(published)), "json-ld")
    add(candidates, "date_modified", from_timestamp(text_of(main.get("dateModified"))), "json-ld")
    add(candidates, "description", text_of(main.get("description")), "json-ld")
    add(candidates, "image", text_of(main.get("image") or main.get("thumbnailUrl")), "json-ld")
    publisher = main.get("publisher")
    # A publisher given only as a reference ({"@id": ...}) has no name here.
    add(
        candidates,
        "sitename",
        text_of(publisher.get("name")) if isinstance(publisher, dict) else None,
        "json-ld",
    )
    add(candidates, "tags", _as_list(main.get("keywords")), "json-ld")
    add(candidates, "categories", _as_list(main.get("articleSection")), "json-ld")
    add(candidates, "license", text_of(main.get("license")), "json-ld")


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
    "citation_authors": ("authors", "meta"),  # the older Highwire tag: "Roe, Jane; Doe, John"
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


# Publishers name the publication date in their own words too: "og:publish_date",
# "published_at", "w-published-date", "article:first_published_time", "cdc:first_published",
# "publisheddate", "date-pub", "datecreated", and a vendor's plain date ("ms.date").
_PUBLISHED_KEY = re.compile(
    r"^(?:[a-z]+[:-])?(?:article[:_-])?"
    r"(?:(?:first[_-]?)?(?:published|publish|pub)[_-]?(?:date|time|at)|first[_-]?published"
    r"|date[_-]?(?:pub|created))$"
    r"|^(?!.*(?:modif|updat|revis|expir|last))[a-z]+[.:]date$"
)


def _meta_target(key: str) -> tuple[str, str] | None:
    target = _META_SOURCES.get(key)
    if target is None and _PUBLISHED_KEY.match(key):
        return ("date_published", "meta")
    return target


def from_meta(page: Page, candidates: Candidates) -> None:
    lists: dict[tuple[str, str], list[str]] = {}
    for key, content in page.declarations.meta_pairs:
        target = _meta_target(key)
        if target is None:
            continue
        name, source = target
        if name in _LIST_FIELDS:
            values = content.split(",") if name == "tags" else [content]
            lists.setdefault(target, []).extend(values)
        elif name in DATE_FIELDS:
            add(candidates, name, from_timestamp(content), source)
        else:
            add(candidates, name, content, source)
    for (name, source), values in lists.items():
        add(candidates, name, values, source)
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
            add(candidates, "authors", names, "labelled-meta")


def from_links(page: Page, url: str | None, candidates: Candidates) -> None:
    for rel, href in page.declarations.links:
        rels = rel.split()
        canonical = joined(url or "", href) if "canonical" in rels else None
        if canonical and not _points_home_from_deeper(canonical, url):
            add(candidates, "url", canonical, "link")
        if "license" in rels:
            add(candidates, "license", joined(url or "", href), "link")
    add(candidates, "url", url, "input")


def _points_home_from_deeper(canonical: str | None, url: str | None) -> bool:
    """A canonical link to the site's home page on a page deeper in the site: a template
    that writes the same link on every page, not the address of this one."""
    home, page = split(canonical or ""), split(url or "")
    if home is None or page is None or home.path.strip("/") or home.query:
        return False
    return bool(page.path.strip("/")) and home.hostname == page.hostname


_MICRODATA_FIELDS = {
    "headline": "title",
    "author": "authors",
    "creator": "authors",
    "datepublished": "date_published",
    "datecreated": "date_published",
    "datemodified": "date_modified",
}


def from_microdata(page: Page, page_type: str, candidates: Candidates) -> None:
    # Elsewhere an author marked in the body is a listed item's (posts, products, testimonials):
    # on wcxb-dev, none of the 9 such names on those pages was the page's author.
    marked_authors = page_type in AUTHORED_PAGE_TYPES
    rel_authors = [value for prop, value in page.declarations.microdata if prop == "rel-author"]
    if marked_authors:
        add(candidates, "authors", rel_authors[:1], "rel-author")
    for prop, value in page.declarations.microdata:
        name = _MICRODATA_FIELDS.get(prop)
        if name == "authors":
            # Only the first author: later ones are often those of comments or related items.
            if marked_authors and not any(s == "microdata" for _, s in candidates["authors"]):
                add(candidates, name, [value], "microdata")
        elif name:
            add(candidates, name, value, "microdata")


# Only pages that have an author and a date of their own offer their <time> stamps: offered
# on listings, grids, products and services too, they added no right date on wcxb-dev (the
# share of pages with the true day among the offers stayed 0.936) and gave a date to 10 to
# 17 more pages whose truth has none.
def from_times(page: Page, page_type: str, candidates: Candidates) -> None:
    """<time> elements outside comment sections; the first is the likeliest publication date.
    A thread's posts are its content: there its earliest post dates the thread."""
    tokens = page.elements.part_tokens
    elsewhere = CATEGORY_BITS["related"] | CATEGORY_BITS["sidebar"]
    avoid = CATEGORY_BITS["comment"] | elsewhere
    if page_type == "forum":
        posts = [t for t in page.declarations.times if not tokens[t[0]] & elsewhere]
        if len(posts) >= 2:  # one dated remark is a comment, not a thread
            add(candidates, "date_published", _earliest(posts), "first-post")
    if page_type not in AUTHORED_PAGE_TYPES:
        return
    for index, stamp, text in page.declarations.times:
        if tokens[index] & avoid:
            continue
        name = "date_modified" if UPDATE_WORDS.match(text) else "date_published"
        add(candidates, name, stamp or text, "time-element")


def _earliest(times: list[tuple[int, str, str]]) -> str | None:
    """The earliest time stamp: a thread starts with its first post, wherever the page puts
    it (threads listed newest first, a pinned answer above the question)."""
    dated = [(parse_date(stamp or text), stamp or text) for _, stamp, text in times]
    known = [(day, raw) for day, raw in dated if day]
    return min(known)[1] if known else None


def from_url(url: str | None, candidates: Candidates) -> None:
    add(candidates, "date_published", date_in_url(url), "url")
    parts = split(url) if url else None
    host = parts.hostname if parts else None
    if host:
        add(candidates, "sitename", host.removeprefix("www."), "url")
