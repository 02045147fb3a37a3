"""Options: one immutable object carrying every choice the pipeline makes."""

from __future__ import annotations

import enum
import math
import numbers
from dataclasses import dataclass, replace


class Focus(enum.StrEnum):
    """How to trade precision against recall when choosing the main content.

    Besides a lower threshold, RECALL keeps what the other two drop after classifying: a
    passage the content repeats word for word, and the few fragments of a page that has no
    main content.
    """

    PRECISION = "precision"
    BALANCED = "balanced"
    RECALL = "recall"


# The classifier's probability a block must reach to be kept, per focus.
FOCUS_THRESHOLDS: dict[Focus, float] = {
    Focus.PRECISION: 0.65,
    Focus.BALANCED: 0.4,
    Focus.RECALL: 0.3,
}


# The page model needs a few levels of markup above any text: <html>, <body>, a box, a list.
MIN_DEPTH = 16


def check_seconds(name: str, seconds: float) -> None:
    """Refuse a time limit that is not a positive number of seconds. NaN compares false with
    everything, so a check of "<= 0" alone lets it through; NaN or infinity bounds nothing."""
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"{name} must be a positive number, not {seconds!r}")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that changes what ``thresher.extract`` returns.

    Build one and pass it explicitly; derive variants with ``with_()``.
    """

    focus: Focus = Focus.BALANCED
    """How to trade precision against recall when choosing the main content."""
    include_tables: bool = True
    """Keep the content's tables (as rows in the text, GFM tables in the Markdown)."""
    include_images: bool = False
    """Show the content's images in the Markdown and the HTML."""
    include_links: bool = True
    """Keep link targets in the Markdown and the HTML (the text never has them)."""
    include_comments: bool = False
    """Add the readers' comments to the text, the Markdown and the HTML, after the content.
    ``Document.comments`` holds them as records either way."""
    keep_teasers: bool = False
    """Keep the related-story teasers a page sets into its body."""
    include_html: bool = False
    """Also render the content as an HTML fragment (``Document.html``)."""
    # It costs about 3% of the time per page and repeats every block's text.
    include_anatomy: bool = False
    """Every block with its label and fate (``Document.anatomy``): for seeing why a page came
    out as it did."""
    # It takes about 10% of the time per page: a corpus that keeps only the text saves it.
    include_metadata: bool = True
    """Read the title, authors, dates, site name, description, address, image, tags and
    licence; without it those fields stay empty. The language is read either way."""
    absolute_links: bool = True
    """Resolve relative link and image addresses against the page's address."""
    # The classifiers read the page as it came, as they were trained; only what it yields is
    # repaired.
    repair_encoding: bool = True
    """Turn back text that was encoded twice ("donâ€™t" becomes "don’t"), as crawls and
    databases leave it, in everything the page yields."""
    max_input_bytes: int = 64 * 1024 * 1024
    """Read no more than this many bytes of a page, with a warning."""
    time_limit_seconds: float = 20.0
    """Stop reading a page after this long, keeping what was read, with a warning."""
    max_depth: int = 5_000
    """Flatten markup nested deeper than this, keeping its text, with a warning."""
    max_tag_chars: int = 32 * 1024
    """Drop the attributes of a tag longer than this, with a warning."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "focus", Focus(self.focus))
        _check_types(self)
        if self.max_input_bytes <= 0:
            raise ValueError("max_input_bytes must be positive")
        check_seconds("time_limit_seconds", self.time_limit_seconds)
        if self.max_tag_chars <= 0:
            raise ValueError("max_tag_chars must be positive")
        if self.max_depth < MIN_DEPTH:
            raise ValueError(f"max_depth must be at least {MIN_DEPTH}")

    @property
    def threshold(self) -> float:
        return FOCUS_THRESHOLDS[self.focus]

    def with_(self, **changes: object) -> Options:
        """Return a copy with the given fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


_SWITCHES = (
    "include_tables",
    "include_images",
    "include_links",
    "include_comments",
    "keep_teasers",
    "include_html",
    "include_anatomy",
    "include_metadata",
    "absolute_links",
    "repair_encoding",
)
_COUNTS = ("max_input_bytes", "max_depth", "max_tag_chars")


def _check_types(options: Options) -> None:
    """Refuse what Python would take silently: "no" is true, True is one second, and a depth
    of 100.5 fails only deep inside the parse."""
    for name in _SWITCHES:
        value = getattr(options, name)
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {value!r}")
    for name in _COUNTS:
        value = getattr(options, name)
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be a whole number, not {value!r}")
        object.__setattr__(options, name, int(value))  # NumPy's integers are no int
    seconds = options.time_limit_seconds
    if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
        raise TypeError(f"time_limit_seconds must be a number of seconds, not {seconds!r}")
    object.__setattr__(options, "time_limit_seconds", float(seconds))


DEFAULT_OPTIONS = Options()
