"""What a page declares about itself, outside its text: the <title>, meta tags, JSON-LD,
links, the base address and microdata, found in one pass of the parser's selectors."""

from __future__ import annotations

import math
import re
import time
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from ..dom import DRAWINGS, Node, first_with, leading_text
from .model import without_marks


class Head(NamedTuple):
    """What ``read_head`` found, as the page model keeps it."""

    title: str
    meta_pairs: tuple[tuple[str, str], ...]
    json_ld: tuple[str, ...]
    lang: str
    links: tuple[tuple[str, str], ...]
    microdata: tuple[tuple[str, str], ...]
    base_href: str
    complete: bool  # false where the deadline came before every declaration was read


_MICRODATA_TEXT_CHARS = 300


# An item's name, or a property's value, sits near its element's top; reading no further
# keeps elements nested in one another from each reading all they hold.
_MOST_NODES_FOR_A_VALUE = 512


def item_name(node: Node) -> str | None:
    """A microdata item's name (a Person's), white space collapsed: its ``name`` property's
    content or text."""
    found = first_with(node, "itemprop", "name", _MOST_NODES_FOR_A_VALUE)
    if found is None:
        return None
    value = found.attributes.get("content") or _value_text(found)
    return " ".join(value.split()) or None


def _value_text(node: Node) -> str:
    return leading_text(node, _MICRODATA_TEXT_CHARS * 4, _MOST_NODES_FOR_A_VALUE)


def _script_text(node: Node) -> str:
    """A script's own text. In HTML that is all it holds; inside a drawing or a formula the
    parser reads a <script> as an element that may hold others, and each script's text with
    everything nested in it made a page's JSON-LD grow with the square of its size (3,000
    nested, 260 KB, gave 157 MB of JSON to read)."""
    return node.text(deep=False)


# Drawings (DRAWINGS) hold <title> elements of their own, an icon's name ("LinkedIn"), which
# come first where a page streams its head's elements late into the body.


def _document_title(tree: LexborHTMLParser) -> Node | None:
    """The page's <title>: the first one that names no drawing."""
    head = tree.head
    found = head.css_first("title") if head is not None else None
    if found is not None:
        return found  # (nearly every page: the head holds no drawings)
    in_drawing: dict[int, bool] = {}
    for node in tree.css("title"):
        if not _in_a_drawing(node, in_drawing):
            return node
    return None


def _in_a_drawing(node: Node, known: dict[int, bool]) -> bool:
    """Whether a drawing holds ``node``. ``known`` keeps the answer for each element climbed
    through: without it, each title in a drawing's groups nested thousands deep climbed all
    the way to the drawing again, at a cost growing with the square of the depth."""
    climbed: list[int] = []
    ancestor = node.parent
    answer = False
    while ancestor is not None:
        answer = known.get(ancestor.mem_id, ancestor.tag in DRAWINGS)
        if answer or ancestor.mem_id in known:
            break
        climbed.append(ancestor.mem_id)
        ancestor = ancestor.parent
    for element in climbed:
        known[element] = answer
    return answer


# Everything the head reader wants, found in one pass through the tree: with a pass for each
# selector, the head took 0.83 CPU ms a page; with one, sorted out below, 0.59 (wcxb-dev).
_DECLARING = ", ".join(
    (
        "meta",
        'script[type="application/ld+json"]',
        "link[rel][href]",
        'a[rel~="license"][href]',
        'a[rel~="author"]',
        "base[href]",
        "[itemprop]",
    )
)
# How the selectors compare: an attribute's value without regard to ASCII case, and ~= by
# the tokens between ASCII white space.
_ASCII_SPACE = re.compile(r"[ \t\n\f\r]+")


def _rel_tokens(attributes: dict[str, str | None]) -> list[str]:
    return _ASCII_SPACE.split((attributes.get("rel") or "").lower())


# The declarations read between two looks at the clock: a few milliseconds' work.
_CHECK_CLOCK_EVERY = 1024


def read_head(tree: LexborHTMLParser, deadline: float = math.inf) -> Head:
    """Title, meta tags, JSON-LD, links and microdata, found by the parser's own selectors, in
    page order until ``deadline`` (a ``time.monotonic`` value) passes: 1.2 million microdata
    items (55 MB) took 1.9 s to read."""
    title_node = _document_title(tree)
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    meta_pairs: list[tuple[str, str]] = []
    json_ld: list[str] = []
    links: list[tuple[str, str]] = []
    authors: list[tuple[str, str]] = []
    properties: list[tuple[str, str]] = []
    base_href: str | None = None
    last: int | None = None
    complete = True
    for count, node in enumerate(tree.css(_DECLARING), 1):
        if not count % _CHECK_CLOCK_EVERY and time.monotonic() > deadline:
            complete = False
            break
        if node.mem_id == last:
            continue  # the parser lists an element once for each selector it matches
        last = node.mem_id
        tag, attributes = node.tag, node.attributes
        if tag == "meta":
            _add_meta_pair(attributes, meta_pairs)
        elif tag == "script":
            if (attributes.get("type") or "").lower() == "application/ld+json":
                json_ld.append(_script_text(node))
        elif tag == "link" or tag == "a":
            _add_link(node, tag, attributes, links, authors)
        elif tag == "base" and base_href is None and "href" in attributes:
            base_href = without_marks(attributes.get("href") or "").strip()
        if "itemprop" in attributes and tag != "meta":
            _add_property(node, attributes, properties)
    html = tree.root
    lang = (html.attributes.get("lang") or "") if html is not None and html.attributes else ""
    return Head(
        title,
        tuple(meta_pairs),
        tuple(json_ld),
        lang,
        tuple(links),
        tuple(authors + properties),
        base_href or "",
        complete,
    )


def _add_meta_pair(attributes: dict[str, str | None], meta_pairs: list[tuple[str, str]]) -> None:
    """A <meta> with a content: its key (property, name, itemprop or http-equiv, in lower
    case) and the content."""
    key = (
        attributes.get("property")
        or attributes.get("name")
        or attributes.get("itemprop")
        or attributes.get("http-equiv")
    )
    content = attributes.get("content")
    if key and content:
        meta_pairs.append((key.strip().lower(), content.strip()))


def _add_link(
    node: Node,
    tag: str,
    attributes: dict[str, str | None],
    links: list[tuple[str, str]],
    authors: list[tuple[str, str]],
) -> None:
    """A <link> or a licence's <a> with its relation and address; an author's <a> with the
    name it shows."""
    rel, href = attributes.get("rel"), attributes.get("href")
    tokens = _rel_tokens(attributes) if tag == "a" else []
    if rel and href and (tag == "link" or "license" in tokens):
        links.append((rel.lower(), href))
    if "author" in tokens:
        text = " ".join(_value_text(node).split())
        if text and len(text) <= _MICRODATA_TEXT_CHARS:
            authors.append(("rel-author", text))


def _add_property(
    node: Node, attributes: dict[str, str | None], properties: list[tuple[str, str]]
) -> None:
    """A microdata property outside <meta>, with its value."""
    value = attributes.get("content") or attributes.get("datetime")
    if not value and "itemscope" in attributes:
        # An item (a Person) stands for its name, not for all the text inside it.
        value = item_name(node)
    if not value:
        value = " ".join(_value_text(node).split())
    if value and len(value) <= _MICRODATA_TEXT_CHARS:
        properties.append(((attributes.get("itemprop") or "").lower(), value))
