"""Annotate the reader comments of WCXB pages from the markup that declares them.

    python -m bench.annotate_comments [--data PATH] [--out tests/comments]

Independent of thresher's comment reader (which works on its page model's blocks, found by
structure), this reads only markup whose meaning is fixed by a standard or a widespread
template, and nothing else:

- schema.org ``Comment`` records in JSON-LD (author name, dateCreated, text);
- schema.org ``Comment`` / ``UserComments`` microdata items;
- WordPress's comment template (``li#comment-N.comment``, ``.comment-author .fn``,
  ``.comment-metadata time``, ``.comment-content``, ``depth-N``, ``pingback``/``trackback``),
  which most blogs and news sites with comments use unchanged.

Text a page fences off from search engines (``<!--googleoff: all-->`` ... ``<!--googleon:
all-->``) is no poster's and is left out. A page is written only when one family gives at least
two records with text. The output has
the format of ``shared/data/comments-dev`` (see tests/comments/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dataset import DEFAULT_DATA

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "comments"
DEV_PAGES = ROOT.parent / "shared" / "data" / "comments-dev"
_WORD = re.compile(r"\w+")
_DEPTH = re.compile(r"\bdepth-(\d+)\b")
_SAYS = re.compile(r"\s*(?:says|said|dit|sagt|dice)\s*:?\s*$", re.IGNORECASE)


def words(text: str, count: int = 12) -> str:
    return " ".join(text.split()[:count]).strip()


# Words forum software adds inside a post's text property that are not the poster's.
_WIDGET_TEXT = re.compile(r"\bClick to expand\.\.\.|\bClick to shrink\.\.\.")
# What a page marks as not its own text for search engines (a forum's "Join to see EXIF info"
# under each image): no poster wrote it.
_NOT_INDEXED = re.compile(
    rb"<!--\s*googleoff:\s*\w+\s*-->.*?<!--\s*googleon:\s*\w+\s*-->", re.DOTALL | re.IGNORECASE
)


def record(author: str, date_text: str, text: str, pingback: bool, depth: int) -> dict:
    text = _WIDGET_TEXT.sub(" ", text)
    return {
        "author": " ".join(author.split()),
        "date_text": " ".join(date_text.split()),
        "text_start": words(text),
        "is_pingback": pingback,
        "depth": depth,
    }


# -- WordPress ---------------------------------------------------------------------------------
# WordPress's comment_class() marks every comment "comment depth-N"; themes vary the rest.
_COMMENT_NODES = (
    'li[id^="comment-"], li[id^="li-comment-"], article[id^="div-comment-"], '
    'li.comment[class*="depth-"]'
)
_AUTHORS = (
    ".comment-author .fn",
    ".comment-name",
    ".wp-block-comment-author-name",
    ".fn",
    ".comment_author",
)
_DATES = (
    ".comment-metadata time",
    ".comment-meta time",
    ".wp-block-comment-date",
    "time",
    ".comment_date",
)
_DATE_LINKS = (
    ".comment-metadata a",
    ".comment-meta a",
    ".comment-date",
    ".comment-time",
    'a[href*="#comment-"]',  # the permalink, whose text is the date in most themes
)
_CONTENTS = (
    ".wp-block-comment-content",
    ".comment-content",
    ".comment-text",
    ".comment_text",
    '[class*="comment-content"]',
    ".comment-body",
    ".comment_body",
)
# WordPress's comment_reply_link() names the author in its label: "Reply to Jane Roe".
_REPLY_LABEL = re.compile(r"^Reply to\s+")


def wordpress(tree: LexborHTMLParser) -> list[dict]:
    found = []
    seen: set[int] = set()
    for node in tree.css(_COMMENT_NODES):
        if node.mem_id in seen:
            continue  # matched by more than one selector
        seen.add(node.mem_id)
        classes = (node.attributes.get("class") or "").split()
        if not {"comment", "pingback", "trackback"} & set(classes):
            continue
        if node.tag == "article" and _inside_comment_li(node):
            continue  # the <li> around it is the record
        found.append(_wordpress_record(node, classes))
    return [r for r in found if r and r["text_start"]]


def _is_comment_li(node: LexborNode) -> bool:
    node_id = node.attributes.get("id") or ""
    classes = (node.attributes.get("class") or "").split()
    by_class = "comment" in classes and any(_DEPTH.match(name) for name in classes)
    return node.tag == "li" and (node_id.startswith(("comment-", "li-comment-")) or by_class)


def _inside_comment_li(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if _is_comment_li(parent):
            return True
        parent = parent.parent
    return False


def _wordpress_record(node: LexborNode, classes: list[str]) -> dict | None:
    depth = _depth(classes)
    pingback = bool({"pingback", "trackback"} & set(classes))
    if pingback and _first(node, (".comment-content",)) is None:
        # the short template: "Pingback: <a>Title</a>" and nothing else
        body = _first(node, (".comment-body",)) or node
        link = body.css_first("a")
        author = link.text() if link is not None else ""
        return record(author, "", body.text(separator=" "), True, depth)
    author_node = _first(node, _AUTHORS) or _first(node, (".comment-author",))
    content = _first(node, _CONTENTS)
    if content is None:
        return None
    if author_node is not None:
        author = _SAYS.sub("", author_node.text(separator=" "))
    else:
        author = _reply_label_author(node)
        if not author:
            return None
    time_node = _first(node, _DATES) or _first(node, _DATE_LINKS)
    date_text = time_node.text(separator=" ") if time_node is not None else ""
    paragraphs = [p.text(separator=" ") for p in content.css("p") if _owned(p, node)]
    text = " ".join(paragraphs) or content.text(separator=" ")
    return record(author, date_text, text, pingback, depth)


def _reply_label_author(node: LexborNode) -> str:
    for link in node.css(".comment-reply-link[data-replyto]"):
        if _owned(link, node):
            return _REPLY_LABEL.sub("", link.attributes.get("data-replyto") or "")
    return ""


def _first(node: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first match with text, in the order of the selectors, that belongs to this
    comment (themes leave empty links, such as a log-in-to-reply link, in the meta line)."""
    for selector in selectors:
        for match in node.css(selector):
            if _owned(match, node) and match.text().strip():
                return match
    return None


def _owned(match: LexborNode, node: LexborNode) -> bool:
    """True unless a reply nested in ``node`` holds ``match``."""
    owner = match.parent
    while owner is not None and owner.mem_id != node.mem_id:
        if _is_comment_li(owner):
            return False
        owner = owner.parent
    return True


def _depth(classes: list[str]) -> int:
    for name in classes:
        found = _DEPTH.match(name)
        if found:
            return int(found.group(1)) - 1
    return 0


# -- schema.org ----------------------------------------------------------------------------------
_ITEM_TYPES = ("Comment", "UserComments", "Question", "Answer")
_ITEMS = ", ".join(f'[itemtype$="schema.org/{kind}"]' for kind in _ITEM_TYPES)


def microdata(tree: LexborHTMLParser) -> list[dict]:
    """Comment items, and on Q&A pages the question and its answers (each a post, with the
    remarks on it as records too)."""
    found = []
    for item in tree.css(_ITEMS):
        author = _prop(item, ('[itemprop="author"] [itemprop="name"]', '[itemprop="author"]'))
        when = _prop(
            item,
            ('[itemprop="dateCreated"]', '[itemprop="datePublished"]', '[itemprop="commentTime"]'),
        )
        for quotation in _quotations(item):
            quotation.decompose()
        text = _prop(item, _TEXT_PROPERTIES)
        if author and text:
            found.append(record(author, when, text, False, 0))
    return [r for r in found if r["text_start"] and r["author"]]


_TEXT_PROPERTIES = ('[itemprop="text"]', '[itemprop="commentText"]')


def _quotations(item: LexborNode) -> list[LexborNode]:
    """What a post quotes of another: a <blockquote> inside its text, with the <aside> around
    it where a forum puts the quoted name in one. Records hold the poster's own words, as
    JSON-LD's do. Some forums wrap a whole post in <blockquote>: that one is the post."""
    bodies = (n for s in _TEXT_PROPERTIES for n in item.css(s) if _own(item, n))
    body = next(bodies, None)
    if body is None:
        return []
    whole = " ".join(body.text().split())
    found = []
    for quote in body.css("blockquote"):
        if " ".join(quote.text().split()) == whole:
            continue
        parent = quote.parent
        found.append(parent if parent is not None and parent.tag == "aside" else quote)
    return found


def _own(item: LexborNode, node: LexborNode) -> bool:
    """The node states a property of this item, not of an item nested in it (a remark or an
    answer inside a question)."""
    parent = node.parent
    while parent is not None and parent.mem_id != item.mem_id:
        itemtype = parent.attributes.get("itemtype") or ""
        if any(itemtype.endswith(f"schema.org/{kind}") for kind in _ITEM_TYPES):
            return False
        parent = parent.parent
    return True


def _prop(item: LexborNode, selectors: tuple[str, ...]) -> str:
    """A property's value: its visible text, or its content/datetime attribute (meta, time)."""
    for selector in selectors:
        node = next((n for n in item.css(selector) if _own(item, n)), None)
        if node is None:
            continue
        text = " ".join(node.text(separator=" ").split())
        if node.tag in ("meta", "time") or not text:
            attribute = node.attributes.get("content") or node.attributes.get("datetime")
            text = text if node.tag == "time" and text else (attribute or text)
        if text:
            return text
    return ""


def json_ld(tree: LexborHTMLParser) -> list[dict]:
    found = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text())
        except ValueError:
            continue
        for item in _walk(data):
            if item.get("@type") != "Comment":
                continue
            author = item.get("author")
            name = author.get("name") if isinstance(author, dict) else author
            text = item.get("text") or ""
            when = item.get("dateCreated") or item.get("datePublished") or ""
            if isinstance(name, str) and isinstance(text, str) and text.strip():
                found.append(record(name, str(when), text, False, 0))
    return found


def _walk(data: Any) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


# -- Drupal --------------------------------------------------------------------------------------
# Drupal's comment template gives every comment's <article> the class "js-comment", by which its
# scripts find them; themes name the parts, most after the template's own field classes.
_DRUPAL_AUTHORS = (
    '[itemprop="author"] [itemprop="name"]',
    ".username",
    ".comment-author",
    ".comment__author",
)
_DRUPAL_DATES = ("time", ".comment-time", ".comment__time", ".comment-date")
_DRUPAL_CONTENTS = (
    ".field--name-comment-body",
    ".field-name-comment-body",
    ".comment-body",
    ".comment__content",
)
_DRUPAL_REPLIES = "indented"  # the box right after a comment that holds its replies


def drupal(tree: LexborHTMLParser) -> list[dict]:
    """Comments with a name, a shown date and a text; the depth is the number of reply boxes
    around the comment."""
    found = []
    for node in tree.css("article.js-comment"):
        author = _first(node, _DRUPAL_AUTHORS)
        shown = _first(node, _DRUPAL_DATES)
        content = _first(node, _DRUPAL_CONTENTS)
        if author is None or shown is None or content is None:
            continue
        name = _MARKUP_AS_TEXT.sub(" ", author.text(separator=" "))
        text = content.text(separator=" ")
        found.append(record(name, shown.text(separator=" "), text, False, _boxes(node)))
    return [r for r in found if r["text_start"] and r["author"]]


# A name the template escaped markup into ("<span>Donald Elam</span>" shown as text); written
# here rather than taken from thresher's comment reader, which these annotations check.
_MARKUP_AS_TEXT = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.IGNORECASE)


def _boxes(node: LexborNode) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += _DRUPAL_REPLIES in (parent.attributes.get("class") or "").split()
        parent = parent.parent
    return depth


FAMILIES = (
    ("wordpress", wordpress),
    ("microdata", microdata),
    ("json-ld", json_ld),
    ("drupal", drupal),
)


def annotate(html: bytes) -> tuple[str, list[dict]] | None:
    tree = LexborHTMLParser(_NOT_INDEXED.sub(b" ", html))
    for name, family in FAMILIES:
        records = family(tree)
        if len(records) >= 2:
            return name, records
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    dev = {path.stem for path in DEV_PAGES.glob("*.json")}
    written = 0
    for truth_path in sorted((args.data / "ground-truth").glob("*.json")):
        page_id = truth_path.stem
        if page_id in dev:
            continue  # those five were used to develop the comment reader
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        html = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes())
        found = annotate(html)
        if found is None:
            continue
        family, records = found
        spec = {
            "page": f"wcxb-dev/html/{page_id}.html.gz",
            "url": truth.get("url"),
            "page_type": truth["_internal"]["page_type"]["primary"],
            "annotated_from": family,
            "comments": records,
        }
        target = args.out / f"{page_id}.json"
        target.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += 1
    print(f"{written} pages annotated into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
