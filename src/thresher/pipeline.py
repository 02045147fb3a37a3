"""The whole extraction, stage by stage: each stage takes and returns a plain value."""

from __future__ import annotations

import time
from dataclasses import fields, replace
from typing import Any

from .addresses import saved_from, without_surrogates
from .comments import (
    Comment,
    as_post,
    find_numbered_records,
    find_post_records,
    find_records,
    read_comments,
    record_kinds,
    record_of_blocks,
    renumber,
)
from .decode import decode, double_encoded, turned_back
from .document import Document, RenderedOnRead
from .dom import frame_sources, parse, unwrap_fallbacks
from .errors import LimitError
from .label import BlockLabel, Labels, label_blocks
from .label.anatomy import AnatomyBlock, anatomy, refine
from .label.classify import THRESHOLD_SHIFT, labels_from
from .metadata import Metadata, read_language_only, read_metadata
from .options import DEFAULT_OPTIONS, Options
from .page import build_page
from .page.model import Block, Page, without_filler_paragraphs, without_invisible
from .render import (
    render_comments,
    render_comments_html,
    render_comments_markdown,
    render_html,
    render_markdown,
    render_text,
)
from .render.html import INLINE_TAGS
from .render.links import base_address, with_absolute_links
from .select import Selection, select, without_edit_link, words_chosen


def extract(
    html: bytes | str,
    *,
    url: str | None = None,
    options: Options | None = None,
    declared_charset: str | None = None,
) -> Document:
    """Read one web page and return its main content and what is known about it.

    ``html`` is the page as bytes (any charset) or as text; ``url`` is the address it was read
    from (without it, the address a browser wrote into a page it saved stands in, and for the
    links and the metadata the one the page declares for itself). ``declared_charset`` is the
    charset the HTTP response named, if any: it is tried before the page's ``<meta charset>``
    and taken where the bytes fit it (bytes with a byte-order mark, or in valid UTF-8, are
    read as such whatever is declared). Raises only errors from ``thresher.errors``;
    everything recoverable is reported in ``Document.warnings``.
    """
    options = _checked_options(options)
    _check_text_or_none("url", url)
    _check_text_or_none("declared_charset", declared_charset)
    deadline = time.monotonic() + options.time_limit_seconds
    html, cut_warnings = _enforce_size(html, options)
    decoded = decode(html, declared_charset)
    url = without_surrogates(url) if url else saved_from(decoded.text)
    page = read_page(decoded.text, options, deadline, decoded.utf8)
    labels = label_blocks(page, options.threshold)
    labels, comments, selection = read_content(page, labels, options, options.threshold)
    chosen = content_blocks(page, selection, url, options)
    text, markdown, fragment = render(chosen, comments, options)
    if options.include_metadata:
        meta = read_metadata(page, labels, url, text)
    else:
        meta = read_language_only(page, text)
    document = Document(
        text=text,
        _markdown=markdown,
        html=fragment,
        page_type=labels.page_type,
        page_type_confidence=labels.page_type_confidence,
        encoding=decoded.encoding,
        warnings=(*cut_warnings, *decoded.warnings, *page.warnings, *meta.warnings)
        + _empty_warning(page, chosen),
        comments=comments,
        author_bio=_author_bio(page, labels),
        anatomy=_anatomy(page, labels, selection, options),
        **_metadata_fields(meta),
    )
    # The classifiers read the page as it came, as they were trained; what it yields is
    # repaired. The evidence may show only once the page is read: a page that wrote its
    # mojibake as character references ("isn&acirc;&euro;&trade;t").
    if options.repair_encoding and (double_encoded(decoded.text) or double_encoded(text)):
        return _with_encoding_repaired(document)
    return document


def content_blocks(
    page: Page, selection: Selection, url: str | None, options: Options
) -> list[Block]:
    """The chosen blocks as they are shown: without zero-width filler at their edges or a
    wiki's section edit link in a heading, their links absolute where the page's address is
    known. A block of nothing but filler (a site builder's "empty" paragraph) goes."""
    shown = (without_edit_link(without_invisible(page.blocks[i])) for i in selection.chosen)
    chosen = [block for block in shown if block.raw.strip()]
    base = base_address(url, page) if options.absolute_links else None
    return with_absolute_links(chosen, base) if base else chosen


def render(
    chosen: list[Block], comments: tuple[Comment, ...], options: Options
) -> tuple[str, RenderedOnRead, str | None]:
    """Text, Markdown (made when first read) and, when asked for, HTML of the content, the
    comments after it when they are asked for too."""
    asked = comments if options.include_comments else ()
    text = render_text(chosen)
    section = render_comments(asked)
    if section:
        text = f"{text}\n\n{section}"
    markdown = RenderedOnRead(_markdown_with, tuple(chosen), asked)
    fragment = render_html(chosen) if options.include_html else None
    section_html = render_comments_html(asked) if fragment is not None else ""
    if section_html:
        fragment = f"{fragment}\n{section_html}".strip()
    return text, markdown, fragment


def _markdown_with(chosen: tuple[Block, ...], comments: tuple[Comment, ...]) -> str:
    markdown = render_markdown(chosen)
    section = render_comments_markdown(comments)
    return f"{markdown}\n\n{section}" if section else markdown


def _with_encoding_repaired(document: Document) -> Document:
    """The document with the text that was encoded twice turned back, and a warning saying
    how much was."""
    count = 0

    def repaired(text: str, inline_tags: frozenset[str] | None = None) -> str:
        nonlocal count
        text, repairs = turned_back(text, inline_tags)
        count += repairs
        return without_filler_paragraphs(text) if repairs else text

    document = document.with_text_mapped(repaired, lambda html: repaired(html, INLINE_TAGS))
    if not count:
        return document
    warning = (
        f"{count} characters had been encoded twice (UTF-8 read as Latin-1 or Windows-1252, "
        "as in 'donâ€™t') and were repaired; Options(repair_encoding=False) keeps them"
    )
    return replace(document, warnings=document.warnings + (warning,))


def _metadata_fields(meta: Metadata) -> dict[str, Any]:
    """The Document fields that come from the metadata stage, under the same names."""
    return {f.name: getattr(meta, f.name) for f in fields(meta) if f.name != "warnings"}


_SCRIPTED_PAGE_CHARS = 200
_NO_COMMENT_TYPES = frozenset(("product",))


# A product page or a thread raises the probability a block needs (THRESHOLD_SHIFT): their
# pages are full of look-alike reviews and related threads. Where the raised bar leaves less
# than this many words, the plain threshold decides: the bar was starving the page, not
# cleaning it (domain-CV word F1 on products 0.662 -> 0.677; 100 to 300 words score alike).
_STARVED_WORDS = 150


def read_content(
    page: Page, labels: Labels, options: Options, threshold: float
) -> tuple[Labels, tuple[Comment, ...], Selection]:
    """The final labels, the comment records and the main-content blocks; ``threshold`` is
    the one ``labels`` were drawn at, before the page type moved it."""
    final, comments = read_anatomy(page, labels)
    selection = select(page, final, options)
    words = words_chosen(page, selection.chosen, _STARVED_WORDS)
    if words >= _STARVED_WORDS or THRESHOLD_SHIFT.get(labels.page_type, 0.0) <= 0:
        return final, comments, selection
    plain = labels_from(
        page,
        labels.main_probability,
        threshold,
        labels.page_type,
        labels.page_type_confidence,
        type_shift=False,
    )
    relaxed, relaxed_comments = read_anatomy(page, plain)
    more = select(page, relaxed, options)
    if words_chosen(page, more.chosen, words + 1) > words:
        return relaxed, relaxed_comments, more
    return final, comments, selection


def read_anatomy(page: Page, labels: Labels) -> tuple[Labels, tuple[Comment, ...]]:
    """Comment records claim their blocks and every block gets its final label."""
    # On a product page, comment-like markup is a review widget, not a discussion.
    records = find_records(page) if labels.page_type not in _NO_COMMENT_TYPES else ()
    owner = record_of_blocks(page, records)
    by_record = read_comments(page, records, owner)
    if labels.page_type == "article" and _is_discussion(page, labels, by_record, owner):
        labels = replace(labels, page_type="forum")
    if labels.page_type == "forum":
        if not any(by_record):  # posts marked as posts or messages, not as comments
            records = find_post_records(page) or find_numbered_records(page)
            by_record = read_comments(page, records, record_of_blocks(page, records))
        # A thread's posts are its main content: they stay in the text and become records.
        # Their text stays where the classifier kept it: taking every record's text where it
        # kept almost none moved forum word F1 by +0.009, -0.003, -0.001 and +0.006 with four
        # seeds' domain-CV probabilities: no dependable gain.
        by_record = [as_post(comment) for comment in by_record]
        labels = refine(page, labels, [None] * len(page.blocks))
    else:
        labels = refine(page, labels, record_kinds(by_record, owner))
    return labels, renumber(by_record, records)


# A page typed as an article whose body is a few lines (a shared link, a short question) and
# whose comments outweigh it this many times over is a discussion: the link with its thread.
# A blog post of some length stays an article with its comments, however many there are.
# (By domain CV this retypes 4 threads, with bodies of 0 to 234 words, and no article; without
# the bound on the body it also retyped blog posts of 451 to 1,744 words with the shipped
# models. Applied to pages typed a listing, collection, service or documentation as well, with
# bodies of up to 600 words and comments twice their length, it changed three pages, 0.8861 to
# 0.8863: one thread read whole, one whose truth is its first post alone, one story. Too few
# to tell from noise.)
_DISCUSSION_WORDS_RATIO = 3
_DISCUSSION_RECORDS = 3
_DISCUSSION_LONGEST_BODY = 300


def _is_discussion(
    page: Page, labels: Labels, by_record: list[Comment | None], owner: list[int | None]
) -> bool:
    comments = [comment for comment in by_record if comment is not None]
    if len(comments) < _DISCUSSION_RECORDS:
        return False
    body_words = sum(
        len(block.text.split())
        for block, label, holder in zip(page.blocks, labels.labels, owner)
        if label is BlockLabel.MAIN and holder is None
    )
    if body_words > _DISCUSSION_LONGEST_BODY:
        return False
    comment_words = sum(len(comment.text.split()) for comment in comments)
    return comment_words > _DISCUSSION_WORDS_RATIO * body_words


def _anatomy(
    page: Page, labels: Labels, selection: Selection, options: Options
) -> tuple[AnatomyBlock, ...]:
    if not options.include_anatomy:
        return ()
    return anatomy(page, labels, selection.chosen, selection.dropped)


def _author_bio(page: Page, labels: Labels) -> str | None:
    if BlockLabel.AUTHOR_BIO not in labels.labels:  # most pages: no block is read in Python
        return None
    parts = [
        b.text for b, label in zip(page.blocks, labels.labels) if label is BlockLabel.AUTHOR_BIO
    ]
    return "\n\n".join(parts) or None


def read_page(text: str, options: Options, deadline: float, utf8: bytes | None = None) -> Page:
    """Stages 2 and 3: markup -> tree -> page model, falling back to what the page offers
    browsers without scripts or frames. ``utf8`` is the text's own UTF-8 bytes, if known."""
    parsed = parse(text, options, utf8)
    page = build_page(parsed, options, deadline)
    if _looks_empty(page):
        frames = frame_sources(parsed)
        page = _read_fallback_content(text, options, deadline) or page
        if frames:
            where = ", ".join(frames)
            warning = (
                f"the page is a frameset: its content is in the pages its frames load ({where})"
            )
            page = replace(page, warnings=page.warnings + (warning,))
    return page


def _looks_empty(page: Page) -> bool:
    shown = 0
    for block in page.blocks:  # most pages pass the mark within their first blocks
        shown += len(block.text)
        if shown >= _SCRIPTED_PAGE_CHARS:
            return False
    return True


def _read_fallback_content(text: str, options: Options, deadline: float) -> Page | None:
    unwrapped = unwrap_fallbacks(text)
    if unwrapped is None:
        return None
    page = build_page(parse(unwrapped, options), options, deadline)
    return page if not _looks_empty(page) else None


def _checked_options(options: object) -> Options:
    if options is None:
        return DEFAULT_OPTIONS
    if not isinstance(options, Options):
        raise TypeError(
            f"options must be a thresher.Options, not {type(options).__name__}; build one "
            "with thresher.Options(focus='precision', ...)"
        )
    return options


def _check_text_or_none(name: str, value: object) -> None:
    # another type would fail deep inside, where links are made absolute or the bytes decoded,
    # or be taken for no value at all
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")


def _enforce_size(html: bytes | str, options: Options) -> tuple[bytes | str, tuple[str, ...]]:
    if not isinstance(html, (bytes, bytearray, memoryview, str)):
        raise TypeError(f"html must be bytes or str, not {type(html).__name__}")
    if isinstance(html, (bytearray, memoryview)):
        html = bytes(html)
    limit = options.max_input_bytes
    if len(html) <= limit:
        return html, ()
    if limit < 16:
        raise LimitError("max_input_bytes is too small to hold any page")
    return html[:limit], (
        f"input of {len(html)} {'bytes' if isinstance(html, bytes) else 'characters'} was cut "
        f"to max_input_bytes={limit}; raise the limit to read all of it",
    )


def _empty_warning(page: Page, chosen: list[Block]) -> tuple[str, ...]:
    if not page.blocks:
        return (
            "the page has no visible text: a page whose scripts build its content in the "
            "browser holds none in its HTML; extract the HTML a browser has rendered instead",
        )
    if not chosen:
        return (
            "no main content found: the page held only fragments (menus, labels, prices) or "
            "nothing the classifier trusted; focus='recall' returns what came nearest",
        )
    return ()
