"""The result of an extraction: immutable, typed, and convertible to JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .comments import Comment
    from .label.anatomy import AnatomyBlock

SCHEMA_VERSION = "1.10"


class RenderedOnRead:
    """A text made the first time it is read, then kept: a Document's Markdown, which a
    reader of its plain text alone never pays for (5% of an extraction's time). Pickled as the
    finished text, so that a worker process sends the text, not the blocks it is made from."""

    __slots__ = ("_render", "_inputs", "_text")

    def __init__(self, render: Callable[..., str], *inputs: Any) -> None:
        self._render: Callable[..., str] = render
        self._inputs: tuple[Any, ...] = inputs
        self._text: str | None = None

    @classmethod
    def finished(cls, text: str) -> RenderedOnRead:
        """One whose text is already made."""
        done = cls(str)
        done._text = text
        return done

    def text(self) -> str:
        if self._text is None:
            self._text = self._render(*self._inputs)
            self._inputs = ()  # the blocks are not needed any more
        return self._text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RenderedOnRead) and self.text() == other.text()

    def __hash__(self) -> int:
        return hash(self.text())

    def __reduce__(self) -> tuple[Any, ...]:
        return (RenderedOnRead.finished, (self.text(),))


@dataclass(frozen=True, slots=True)
class Document:
    """What thresher read from one page.

    ``text`` and ``markdown`` hold the main content only; the Markdown is rendered when first
    read. A field added later comes with a new ``schema_version``; the fields already there
    keep their meaning.
    """

    text: str
    _markdown: RenderedOnRead = field(repr=False)
    title: str | None
    page_type: str
    page_type_confidence: float
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    authors: tuple[str, ...] = ()
    date_published: str | None = None
    date_modified: str | None = None
    sitename: str | None = None
    description: str | None = None
    language_confidence: float = 0.0
    image: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    license: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # metadata field -> where it came from
    comments: tuple[Comment, ...] = ()  # reader comments, pingbacks and forum posts, in order
    author_bio: str | None = None
    # every block with its label, in page order, when Options.include_anatomy
    anatomy: tuple[AnatomyBlock, ...] = ()
    html: str | None = None  # the content as an HTML fragment, when Options.include_html

    @property
    def markdown(self) -> str:
        """The main content as Markdown: headings, lists, tables, code, quotes and links."""
        return self._markdown.text()

    def __repr__(self) -> str:
        # The whole text, comments and anatomy would run to megabytes in a notebook or a log.
        preview = self.text[:60] + ("..." if len(self.text) > 60 else "")
        return (
            f"Document(title={self.title!r}, page_type={self.page_type!r}, url={self.url!r}, "
            f"language={self.language!r}, date_published={self.date_published!r}, "
            f"authors={list(self.authors)!r}, text={preview!r} ({len(self.text):,} characters), "
            f"comments={len(self.comments)}, warnings={len(self.warnings)})"
        )

    def __hash__(self) -> int:
        # The generated hash would take every field, and ``sources`` is a dict: a set of
        # Documents (to drop the pages a crawl fetched twice) raised "unhashable type". Equal
        # Documents have equal texts, titles and addresses, so these hash them.
        return hash((self.text, self.title, self.url))

    def metadata_dict(self) -> dict[str, Any]:
        """The metadata fields alone, as they appear in JSON and in Markdown front matter."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "date_published": self.date_published,
            "date_modified": self.date_modified,
            "sitename": self.sitename,
            "description": self.description,
            "language": self.language,
            "language_confidence": round(self.language_confidence, 3),
            "url": self.url,
            "image": self.image,
            "tags": list(self.tags),
            "categories": list(self.categories),
            "license": self.license,
            "page_type": self.page_type,
            "page_type_confidence": round(self.page_type_confidence, 4),
        }

    def with_text_mapped(
        self, fix: Callable[[str], str], fix_markup: Callable[[str], str] | None = None
    ) -> Document:
        """The document with ``fix`` applied to every text it took from the page: the
        content, the metadata read from it and the comments; not to addresses, dates, codes
        or warnings. ``fix_markup``, where given, is applied to the HTML instead."""

        def optional(value: str | None, mapped: Callable[[str], str] = fix) -> str | None:
            return mapped(value) if value else value

        return replace(
            self,
            text=fix(self.text),
            _markdown=RenderedOnRead.finished(fix(self.markdown)),
            html=optional(self.html, fix_markup or fix),
            title=optional(self.title),
            authors=tuple(map(fix, self.authors)),
            sitename=optional(self.sitename),
            description=optional(self.description),
            tags=tuple(map(fix, self.tags)),
            categories=tuple(map(fix, self.categories)),
            author_bio=optional(self.author_bio),
            comments=tuple(comment.with_text_mapped(fix) for comment in self.comments),
            anatomy=tuple(replace(block, text=fix(block.text)) for block in self.anatomy),
        )

    def to_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready, with the ``schema_version`` of their layout."""
        return {
            "schema_version": SCHEMA_VERSION,
            **self.metadata_dict(),
            "sources": dict(self.sources),
            "author_bio": self.author_bio,
            "comments": [comment.to_dict() for comment in self.comments],
            "anatomy": [block.to_dict() for block in self.anatomy],
            "encoding": self.encoding,
            "text": self.text,
            "markdown": self.markdown,
            "html": self.html,
            "warnings": list(self.warnings),
        }
