"""The extractors thresher is measured against, each behind the same small interface.

Each peer is optional (the ``bench`` extra installs them); a peer that is not installed, or
does not import, is left out of the run with a note that says why, never faked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

Extractor = Callable[[bytes, str], str]

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_SYNTAX = re.compile(r"^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+|[*_`|]+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Peer:
    name: str
    version: str
    extract: Extractor  # plain text, at the peer's default settings
    markdown: Extractor | None = None  # its Markdown output, where it has one


def markdown_to_text(markdown: str) -> str:
    """Markdown reduced to its words: link targets and image addresses are not page text."""
    text = _MD_IMAGE.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_SYNTAX.sub(" ", text)


def _version(distribution: str) -> str:
    return metadata.version(distribution)


def _trafilatura() -> Peer:
    import trafilatura

    def run(html: bytes, url: str) -> str:
        return trafilatura.extract(html) or ""

    def markdown(html: bytes, url: str) -> str:
        return trafilatura.extract(html, output_format="markdown") or ""

    return Peer("trafilatura", _version("trafilatura"), run, markdown)


def _pagesift() -> Peer:
    import pagesift

    def markdown(html: bytes, url: str) -> str:
        return pagesift.convert(html.decode("utf-8", "replace")).markdown or ""

    def run(html: bytes, url: str) -> str:
        return markdown_to_text(markdown(html, url))

    return Peer("pagesift", _version("pagesift"), run, markdown)


def _resiliparse() -> Peer:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(html: bytes, url: str) -> str:
        return extract_plain_text(HTMLTree.parse_from_bytes(html), main_content=True)

    return Peer("resiliparse", _version("resiliparse"), run)


PEER_FACTORIES: dict[str, Callable[[], Peer]] = {
    "trafilatura": _trafilatura,
    "pagesift": _pagesift,
    "resiliparse": _resiliparse,
}


def load_peers(names: list[str]) -> tuple[list[Peer], dict[str, str]]:
    """The peers that load, and for each of the others the import's own message."""
    peers, missing = [], {}
    for name in names:
        try:
            peers.append(PEER_FACTORIES[name]())
        except ImportError as error:
            missing[name] = str(error)
    return peers, missing


def missing_note(missing: dict[str, str]) -> str:
    """What a run left out and why: a peer installed beside a dependency it cannot use (such
    as trafilatura beside an lxml without ``lxml.html.clean``) is not taken for absent."""
    lines = [f"left out: {name}: {reason}" for name, reason in missing.items()]
    lines.append("(pip install '.[bench]' installs the peers and what they import)")
    return "\n".join(lines)
