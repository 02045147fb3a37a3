"""Metadata: who wrote a page, when, where, in what language and about what.

Every source a page may use is read into candidates (value, source); each field then takes the
first valid candidate in the order measured as most reliable (``reliability.py``), and records
where its value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..addresses import joined
from ..frozen import by_fields
from ..label import Labels
from ..page.model import Page
from .candidates import MOST_CANDIDATES, Candidates, full_fields
from .choose import (
    chosen_authors,
    chosen_site_name,
    chosen_title,
    date_offers,
    declared_updates,
    first_valid,
    published_date,
    same_name,
    site_name,
    strip_site_name,
    valid_dates,
    validate,
    vote,
    voted_date,
)
from .declared import from_json_ld, from_links, from_meta, from_microdata, from_times, from_url
from .language import read_language, writes_the_day_first
from .reliability import SOURCE_ORDER, VOTED_FIELDS
from .visible import from_blocks

__all__ = [
    "Candidates",
    "Metadata",
    "date_offers",
    "declared_updates",
    "gather_candidates",
    "read_language_only",
    "read_metadata",
    "site_name",
    "valid_dates",
    "validate",
    "voted_date",
]


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

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


def gather_candidates(
    page: Page, labels: Labels, url: str | None, warnings: list[str]
) -> Candidates:
    """Every value any source offers for each field, with the source's name."""
    candidates: Candidates = {name: [] for name in SOURCE_ORDER}
    from_json_ld(page, candidates, warnings)
    from_meta(page, candidates)
    from_links(page, url, candidates)
    from_microdata(page, labels.page_type, candidates)
    from_times(page, labels.page_type, candidates)
    from_blocks(page, labels, candidates)
    base = evidence_address(page, url)
    from_url(base, candidates)
    if base:
        for name in _ADDRESS_FIELDS:
            candidates[name] = [
                (_resolved(base, value), source) for value, source in candidates[name]
            ]
    warnings.extend(
        f"metadata weighed the first {MOST_CANDIDATES:,} values the page offers for {name}"
        for name in full_fields(candidates)
    )
    sitename = site_name(candidates, page, base)
    candidates["title"] = [
        (strip_site_name(value, sitename), source) for value, source in candidates["title"]
    ]
    return candidates


def evidence_address(page: Page, url: str | None) -> str | None:
    """The address whose evidence the metadata reads (the slug a headline matches, a date in
    the path, the host naming the site): the one the page was read from, else, as it holds the
    same evidence, the one the page declares for itself."""
    return url or page.declared_address()


_ADDRESS_FIELDS = ("url", "image", "license")


def _resolved(base: str, value: Any) -> Any:
    """An address written from the site's root ("/img/a.png", "//cdn.example/a.png", an
    og:url of "/blog/guide") made whole; other values as they are (a stray "Image@1aa3" is no
    relative address)."""
    if isinstance(value, str) and value.startswith("/"):
        return joined(base, value)
    return value


def _only_names_the_site(description: str | None, sitename: str | None) -> bool:
    """A description that is the site's name ("Glossier") says nothing of the page."""
    return bool(description and sitename) and same_name(str(description), str(sitename))


# A page declares its own authors and dates a few times; it repeats such a declaration
# thousands of times only in a listing or a flood. Each one costs the readers 5 to 30 µs (AMD
# EPYC, compiled), a name to clean or a date to parse, and none of them can stop part way: a
# page of 200,000 author marks took 3.3 s and one of 200,000 microdata authors and dates 6.1 s,
# past any time limit. On wcxb-dev a page holds at most 993 inline marks, 521 microdata
# properties and 116 <time> elements. A meta tag costs next to nothing (a million took 0.34 s),
# and a physics paper names its thousands of authors in them: they are bounded far higher.
MOST_DECLARATIONS_READ = 5_000
MOST_META_TAGS_READ = 100_000
_READ_DECLARATIONS = {
    "spans": ("inline author and date marks", MOST_DECLARATIONS_READ),
    "times": ("<time> elements", MOST_DECLARATIONS_READ),
    "microdata": ("microdata properties", MOST_DECLARATIONS_READ),
    "meta_pairs": ("meta tags", MOST_META_TAGS_READ),
}


def read_metadata(page: Page, labels: Labels, url: str | None, main_text: str) -> Metadata:
    warnings: list[str] = []
    page = _first_declarations(page, warnings)
    candidates = gather_candidates(page, labels, url, warnings)
    address = evidence_address(page, url)
    chosen: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, order in SOURCE_ORDER.items():
        if name == "title":
            value, source = chosen_title(page, labels, candidates, address, warnings)
        elif name == "date_published":
            day_first = writes_the_day_first(page)
            value, source = published_date(
                labels.page_type, candidates, warnings, day_first=day_first
            )
        elif name in VOTED_FIELDS:
            value, source = vote(name, candidates[name], VOTED_FIELDS[name], warnings)
        elif name == "authors":
            value, source = chosen_authors(candidates, warnings)
        elif name == "sitename":
            value, source = chosen_site_name(page.title_tag, candidates, address, warnings)
        else:
            value, source = first_valid(name, candidates[name], order, warnings)
        if value:
            chosen[name] = value
            sources[name] = source
    if _only_names_the_site(chosen.get("description"), chosen.get("sitename")):
        warnings.append(f"description discarded: it only names the site: {chosen['description']!r}")
        del chosen["description"], sources["description"]
    language = read_language_only(page, main_text)
    sources.update(language.sources)
    return Metadata(
        title=chosen.get("title"),
        authors=tuple(chosen.get("authors", ())),
        date_published=chosen.get("date_published"),
        date_modified=chosen.get("date_modified"),
        sitename=chosen.get("sitename"),
        description=chosen.get("description"),
        language=language.language,
        language_confidence=language.language_confidence,
        url=chosen.get("url"),
        image=chosen.get("image"),
        tags=tuple(chosen.get("tags", ())),
        categories=tuple(chosen.get("categories", ())),
        license=chosen.get("license"),
        sources=sources,
        warnings=tuple(warnings),
    )


def _first_declarations(page: Page, warnings: list[str]) -> Page:
    """The page with each kind of declaration the metadata reads one by one cut to its first
    so many, and a warning for each kind cut."""
    declared = page.declarations
    cut: dict[str, Any] = {}
    for name, (what, most) in _READ_DECLARATIONS.items():
        items = getattr(declared, name)
        if len(items) > most:
            cut[name] = items[:most]
            warnings.append(
                f"metadata read from the first {most:,} of the page's {len(items):,} {what}; "
                "the rest were passed over"
            )
    return replace(page, declarations=replace(declared, **cut)) if cut else page


def read_language_only(page: Page, main_text: str) -> Metadata:
    """The metadata with its language alone, for a page read without the rest
    (``Options(include_metadata=False)``)."""
    language, confidence, source = read_language(page, main_text)
    sources = {"language": source} if language else {}
    return Metadata(language=language, language_confidence=confidence, sources=sources)
