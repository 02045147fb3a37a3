"""The WCXB development set and its scoring, shared by the benchmark and the training script.

The score follows ``shared/data/README.md``: word-level F1 per page (lower-cased ``\\w+``
tokens as multisets), averaged over pages; an empty reference scores 1.0 only against an
empty prediction.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wcxb-dev"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Sample:
    page_id: str
    html: bytes
    url: str
    page_type: str
    main_content: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]
    title: str | None
    author: str | None
    publish_date: str | None
    main_content_markdown: str = ""

    @property
    def domain(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


def load_samples(root: Path = DEFAULT_DATA, limit: int | None = None) -> Iterator[Sample]:
    truth_dir = root / "ground-truth"
    if not truth_dir.is_dir():
        raise FileNotFoundError(f"no WCXB data at {root}: pass --data PATH")
    for count, truth_path in enumerate(sorted(truth_dir.glob("*.json"))):
        if limit is not None and count >= limit:
            return
        page_id = truth_path.stem
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        yield Sample(
            page_id=page_id,
            html=html,
            url=record.get("url") or "",
            page_type=record["_internal"]["page_type"]["primary"],
            main_content=truth.get("main_content") or "",
            with_snippets=tuple(truth.get("with") or ()),
            without_snippets=tuple(truth.get("without") or ()),
            title=truth.get("title"),
            author=truth.get("author"),
            publish_date=truth.get("publish_date"),
            main_content_markdown=truth.get("main_content_markdown") or "",
        )


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


def word_f1(predicted: str, reference: str) -> Score:
    predicted_words = Counter(words(predicted))
    reference_words = Counter(words(reference))
    if not reference_words:
        perfect = 1.0 if not predicted_words else 0.0
        return Score(perfect, perfect, perfect)
    if not predicted_words:
        return Score(0.0, 0.0, 0.0)
    overlap = sum((predicted_words & reference_words).values())
    precision = overlap / sum(predicted_words.values())
    recall = overlap / sum(reference_words.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return Score(precision, recall, f1)


def snippet_found(snippet: str, text: str) -> bool:
    """A snippet is present when its words occur in order, ignoring case and punctuation."""
    needle = " ".join(words(snippet))
    return bool(needle) and needle in " ".join(words(text))
