"""Which source to believe for each field, best first, as measured on the WCXB development set.

``python -m bench.metadata --sources`` prints, for every field and source, how often that
source is right on the pages where it gives a value; these orders follow those figures (a
source right more often comes first). A field takes the first source that gives a valid value.
"""

from __future__ import annotations

# Measured on 2026-11-28 (right / offered, on pages whose truth has a value):
# title: heading 0.75 (979), microdata 0.72 (40), h1 0.70 (1246), json-ld 0.52 (517),
#   twitter 0.48 (698), opengraph 0.45 (1174), meta 0.37 (19), title-tag 0.19 (1355)
# authors: json-ld 0.93 (234), first-poster 0.91 (67), opengraph 0.91 (33), author-link 0.89
#   (99), byline-span 0.89 (169), meta 0.88 (259), rel-author 0.87 (54), profile-link 0.81
#   (103), microdata 0.79 (101), by-phrase 0.79 (166), byline 0.77 (231)
# labelled-meta (twitter:label "Written by") is reliable but rarely the only source: it comes
#   last, so it fills pages no other source names (+3 right, +2 names where truth has none).
# author-box (a marked name whose bio below begins with it, or the name an "About the author"
#   bio opens with) is last too: +5 right, none wrong.
# name-line (an unmarked line just under the headline that is a whole name, beside a date
#   line) comes last: +2 right, no names where the truth has none.
# bio-line (an unmarked bio under the article that opens "Jane Roe is a ... writer") comes
#   after it: +1 right, and 1 name where the truth has none (the page's writer, by that bio).
# Where the first source is the markup's and names someone no source read from the page
#   shows, a name that two of those sources agree on wins instead (a CMS account declared
#   as the author): +5 right, 1 wrong, none where the truth has no author.
# A source whose names are only the site's own name (a publisher entered as the author) is
#   passed over when a later source names a person: +3 right, 1 wrong; so is a source naming
#   only login names ("jane.roe"): +2 right. A later source naming only the site again does
#   not count as naming a person (+1 right, measured on 2026-11-30).
# Where a byline read as a list of names (profile links, "By A, B and C") names the declared
#   authors and others, each of whom the page also shows on their own (an author box, a
#   profile link), the list wins: markup often declares only the first writer (+2 right,
#   none wrong, measured on 2026-11-30; without the second condition, 3 wrong).
# For authors the order is the one that gets most pages right when the first source that
# offers a name wins (0.798 of pages): a thread's first poster comes right after JSON-LD,
# since on a forum the declared or meta author is often the site or the latest poster.
# date_published: url 0.97 (33), opengraph 0.95 (308), meta 0.92 (83), time-element 0.91 (184),
#   json-ld 0.88 (321), microdata 0.88 (89), byline 0.86 (257); a thread's first post 0.92
#   (71), a lone date line far from the headline 0.57 (21). Since a thread is dated by its
#   earliest post, that source is right on 0.95 (76); its weight stays 0.92, as 0.95 scores
#   one page fewer by domain CV (0.898 against 0.900).
# date_modified: what the markup declares first; then a visible "Updated ..." line, the only
#   record of an update on many pages.
VISIBLE_DATE_SOURCES = ("byline", "dateline")
# Authors read from the page's own text, not from its markup's declarations.
SHOWN_AUTHOR_SOURCES = frozenset(
    ("byline", "by-phrase", "byline-span", "author-box", "written-by", "author-link", "name-line")
)
SOURCE_ORDER: dict[str, tuple[str, ...]] = {
    "title": ("heading", "microdata", "h1", "json-ld", "twitter", "opengraph", "meta", "title-tag"),
    "authors": (
        "json-ld",
        "first-poster",
        "opengraph",
        "meta",
        "rel-author",
        "byline-span",
        "author-link",
        "byline",
        "by-phrase",
        "microdata",
        "profile-link",
        "written-by",
        "labelled-meta",
        "author-box",
        "name-line",
        "bio-line",
    ),
    "date_published": (
        "url",
        "opengraph",
        "meta",
        "time-element",
        "json-ld",
        "microdata",
        "byline",
        "dateline",
        "first-post",
        "lone-date",
    ),
    "date_modified": (
        "opengraph",
        "meta",
        "json-ld",
        "microdata",
        "time-element",
        *VISIBLE_DATE_SOURCES,
    ),
    "sitename": ("opengraph", "json-ld", "meta", "title-tag", "url"),
    "description": ("opengraph", "meta", "json-ld", "twitter"),
    "url": ("link", "opengraph", "input"),
    "image": ("opengraph", "twitter", "json-ld"),
    "tags": ("opengraph", "json-ld", "meta"),
    "categories": ("opengraph", "json-ld"),
    "license": ("link", "json-ld", "meta"),
}

# Fields chosen by a vote of their sources, each weighing its measured accuracy (see above):
# sources agreeing on one title outweigh a single more reliable one.
VOTED_FIELDS: dict[str, dict[str, float]] = {
    "title": {
        "heading": 0.71,
        "h1": 0.71,
        "microdata": 0.72,
        "twitter": 0.69,
        "opengraph": 0.68,
        "json-ld": 0.62,
        "title-tag": 0.58,
        "meta": 0.58,
    },
    "date_published": {
        "url": 0.97,
        "opengraph": 0.95,
        "meta": 0.92,
        "time-element": 0.91,
        "dateline": 0.89,
        "json-ld": 0.88,
        "microdata": 0.88,
        "byline": 0.85,
        "first-post": 0.92,
        "lone-date": 0.57,
    },
}
