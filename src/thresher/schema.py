"""The JSON layout of a Document, written once: the JSON Schema and the reference's table of
fields (docs/reference.md) are both made from the definitions below, and the tests hold the
output to them.

    python -m thresher.schema              # the JSON Schema (draft 2020-12)
    python -m thresher.schema --markdown   # the table of fields in the reference
"""

from __future__ import annotations

import argparse
import json
from typing import Any, NamedTuple

from .document import SCHEMA_VERSION
from .label.classify import PAGE_TYPES, BlockLabel
from .select import (
    DROPPED_CONTROL,
    DROPPED_HEADING_COPY,
    DROPPED_INTERFACE,
    DROPPED_INVISIBLE,
    DROPPED_LINE_NUMBERS,
    DROPPED_REASONS,
    DROPPED_REGION,
    DROPPED_REPEAT,
    DROPPED_SIGNATURE,
    DROPPED_TABLE,
    DROPPED_TEASER,
    DROPPED_TOO_FEW_WORDS,
)


class Field(NamedTuple):
    names: tuple[str, ...]  # fields that share a type and a meaning
    schema: dict[str, Any]
    kind: str  # the type as the reference's table says it
    meaning: str
    required: bool = True  # in every object; else only where the meaning says


_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_TEXTS = {"type": "array", "items": _TEXT}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}

COMMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind", "author", "date", "date_text", "text", "depth", "reply_to", "id", "quote"],
    "properties": {
        "kind": {"enum": ["comment", "pingback", "trackback", "post"]},
        "author": _TEXT_OR_NULL,
        "date": _TEXT_OR_NULL,
        "date_text": _TEXT_OR_NULL,
        "text": _TEXT,
        "depth": {"type": "integer", "minimum": 0},
        "reply_to": {"type": ["integer", "null"], "minimum": 0},
        "id": _TEXT_OR_NULL,
        "quote": _TEXT_OR_NULL,
    },
}
ANATOMY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["label", "confidence", "text", "path", "kept", "dropped_by"],
    "properties": {
        "label": {"enum": [str(label) for label in BlockLabel]},
        "confidence": _SHARE,
        "text": _TEXT,
        "path": _TEXT,
        "kept": {"type": "boolean"},
        "dropped_by": {"enum": [*DROPPED_REASONS, None]},
    },
}

# Where a metadata value can come from, with what the name alone does not say.
SOURCES: tuple[tuple[str, str], ...] = (
    ("json-ld", ""),
    ("opengraph", ""),
    ("twitter", ""),
    ("meta", ""),
    ("microdata", ""),
    ("rel-author", 'a link marked rel="author"'),
    (
        "time-element",
        "the stamp of a `<time>` element, or of a custom element named for a time: "
        "`<relative-time>`, `<local-time>`, a timeago or timestamp component",
    ),
    ("byline", ""),
    ("byline-span", ""),
    ("by-phrase", ""),
    ("author-link", "a link to the writer's profile page whose address spells the name"),
    ("profile-link", "the same anywhere on the page"),
    ("first-poster", "a thread's first marked user name"),
    ("written-by", '"Written by ..." anywhere in the article, as author boxes say it'),
    (
        "labelled-meta",
        'a "Written by" label and its value in the link-preview tags '
        "`twitter:labelN`/`twitter:dataN`",
    ),
    (
        "author-box",
        "a name marked as the author's whose bio below begins with it, or the name an "
        '"About the author" bio opens with',
    ),
    ("name-line", "a line that is a whole name just under the headline, beside a date"),
    ("bio-line", 'a bio under the article that opens with the name ("Jane Roe is a ... writer")'),
    ("dateline", ""),
    ("first-post", "the time of a thread's first post"),
    ("lone-date", "a line that is only a date, far from the headline"),
    ("heading", ""),
    ("h1", ""),
    ("h2", ""),
    ("h3", ""),
    ("title-label", ""),
    ("title-tag", ""),
    ("link", ""),
    ("url", ""),
    ("input", "the address passed in, or the one a browser wrote into the page it saved"),
    ("declared", ""),
    ("detected", ""),
)

FIELDS: tuple[Field, ...] = (
    Field(
        ("schema_version",),
        {"const": SCHEMA_VERSION},
        "string",
        f'version of this layout, now `"{SCHEMA_VERSION}"` (1.1 added the metadata fields, 1.2 '
        "the comments, author bio and anatomy, 1.3 the comments' `quote`, 1.4 `html` and the "
        "anatomy's `kept` and `dropped_by`, 1.5 made the anatomy a thing to ask for, 1.6 the "
        "anatomy's `line-numbers`, 1.7 its `signature`, 1.8 its `site-region`, 1.9 `source`, "
        "1.10 the anatomy's `teaser-line`)",
    ),
    Field(
        ("source",),
        _TEXT,
        "string",
        "the file, `-` (standard input) or address the page was read from; only in the objects "
        "`thresher extract` prints or writes, where it tells many pages' objects apart",
        required=False,
    ),
    Field(
        ("title",),
        _TEXT_OR_NULL,
        "string or null",
        "the page's own headline, without the site's name",
    ),
    Field(("authors",), _TEXTS, "list of strings", 'person names, without "By", roles or dates'),
    Field(
        ("date_published", "date_modified"),
        _TEXT_OR_NULL,
        "string or null",
        "ISO 8601: a day, or a day and time",
    ),
    Field(
        ("sitename", "description"),
        _TEXT_OR_NULL,
        "string or null",
        "as the page declares them; a site name read off the end of the `<title>` only where "
        "the host can be read in it (else that end is a slogan or a subtitle, and the host, "
        "such as `stripe.com`, is the name)",
    ),
    Field(
        ("language",),
        _TEXT_OR_NULL,
        "string or null",
        "ISO 639-1 code (ISO 639 for a declared language without one): the declared language "
        "unless the text refutes it (written in another script, or plainly in another language "
        "the detector knows), else the one the text is written in",
    ),
    Field(("language_confidence",), _SHARE, "number", "0 to 1"),
    Field(
        ("url",),
        _TEXT_OR_NULL,
        "string or null",
        "the canonical address the page declares, else the one passed in",
    ),
    Field(("image", "license"), _TEXT_OR_NULL, "string or null", "addresses the page declares"),
    Field(
        ("tags", "categories"),
        _TEXTS,
        "list of strings",
        "keywords and sections the page declares",
    ),
    Field(("page_type",), {"enum": list(PAGE_TYPES)}, "string", ", ".join(PAGE_TYPES)),
    Field(
        ("page_type_confidence",),
        _SHARE,
        "number",
        "the page-type model's probability for that type",
    ),
    Field(
        ("sources",),
        {"type": "object", "additionalProperties": {"enum": [name for name, _ in SOURCES]}},
        "object",
        "for each metadata field, where its value came from: "
        + ", ".join(f"`{name}`" + (f" ({note})" if note else "") for name, note in SOURCES),
    ),
    Field(("author_bio",), _TEXT_OR_NULL, "string or null", "the author box, kept out of `text`"),
    Field(
        ("comments",),
        {"type": "array", "items": COMMENT_SCHEMA},
        "list of objects",
        "in page order: `kind` (`comment`, `pingback`, `trackback` or `post`), `author` (for a "
        "pingback, the linking page's title), `date` (ISO 8601 or null), `date_text` (as "
        "shown), `text`, `depth`, `reply_to` (index of the parent), `id`, `quote` (what the "
        "comment quotes of another post, kept out of `text`; null when it quotes nothing)",
    ),
    Field(
        ("anatomy",),
        {"type": "array", "items": ANATOMY_SCHEMA},
        "list of objects",
        "when asked for with `Options(include_anatomy=True)` or `--anatomy` (else empty), "
        "every block in page order: `label`, `confidence`, `text`, `path` (an XPath into the "
        "page), `kept` (whether `text` holds it), `dropped_by` (why the selection left out a "
        f'block labelled as content: `{DROPPED_INTERFACE}` such as "Share this:", an '
        "address that is no link, a breadcrumb set as one line, or a menu's lone link or "
        "heading, "
        f'`{DROPPED_TEASER}` (a line that sends the reader to another story: "Related: " and '
        "a linked headline), "
        f"`{DROPPED_REGION}` (a block in a dialog, or in the page's footer or navigation outside "
        "its main content), "
        f"`{DROPPED_CONTROL}` such as a filter panel's line, `{DROPPED_SIGNATURE}` (a "
        "forum post's signature), "
        f"`{DROPPED_HEADING_COPY}` (a table "
        f"of contents), `{DROPPED_REPEAT}` (a passage's second copy, or its cut-off preview), "
        f"`{DROPPED_TOO_FEW_WORDS}`, `{DROPPED_TABLE}`, "
        f"`{DROPPED_INVISIBLE}` (only zero-width characters), `{DROPPED_LINE_NUMBERS}` (the "
        "column of line numbers beside a code block, or a number boxed before each of its "
        "lines); else null)",
    ),
    Field(("encoding",), _TEXT, "string", "the charset the bytes were decoded with"),
    Field(
        ("text",),
        _TEXT,
        "string",
        "main content: a heading per line, paragraphs apart, a list item or table row per "
        "line; inside a paragraph only `<br>` breaks a line (the source's own line breaks are "
        "spaces, as a browser shows them); a formula is its TeX between `$`, or `$$` set apart",
    ),
    Field(
        ("markdown",),
        _TEXT,
        "string",
        "the same content as Markdown (GFM tables and strikethrough, fenced code with its "
        "language where the page names it, formulas' TeX unescaped; images with "
        "`Options(include_images=True)`)",
    ),
    Field(
        ("html",),
        _TEXT_OR_NULL,
        "string or null",
        "the same content as an HTML fragment (semantic elements only; no class, style or "
        "script of the page, a code block's `language-*` class aside; addresses that run code "
        "dropped), when asked for with "
        "`Options(include_html=True)` or `--html`; else null",
    ),
    Field(("warnings",), _TEXTS, "list of strings", "what was cut, replaced or could not be read"),
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema every ``Document.to_dict()`` satisfies."""
    properties = {
        name: {**field.schema, "description": field.meaning}
        for field in FIELDS
        for name in field.names
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://thresher.invalid/schema/document-{SCHEMA_VERSION}.json",
        "title": "thresher Document",
        "type": "object",
        "additionalProperties": False,
        "required": [name for field in FIELDS if field.required for name in field.names],
        "properties": properties,
    }


def markdown_table() -> str:
    """The reference's table of fields."""
    rows = ["| field | type | meaning |", "|---|---|---|"]
    for field in FIELDS:
        names = ", ".join(f"`{name}`" for name in field.names)
        rows.append(f"| {names} | {field.kind} | {field.meaning} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="the reference's table of fields")
    args = parser.parse_args()
    print(markdown_table() if args.markdown else json.dumps(json_schema(), indent=2))


if __name__ == "__main__":
    main()
