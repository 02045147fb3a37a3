"""The exceptions thresher raises, all below one root.

    ThresherError
     +-- InputError            the input cannot be read as a web page
     |    +-- EmptyInputError      no bytes, or only white space
     |    +-- NotHTMLError         a PDF, an image, an archive... (``detected`` names it)
     +-- LimitError            a limit in Options was exceeded and nothing useful remained
     +-- FetchError            a URL could not be fetched (CLI and drivers only)
     +-- WorkerError           a page's worker process crashed or was stopped (batch only)

Problems the pipeline can recover from never raise: they come back in ``Document.warnings``.
"""

from __future__ import annotations


class ThresherError(Exception):
    """Root of every exception thresher raises on purpose."""


class InputError(ThresherError):
    """The input cannot be read as a web page."""


class EmptyInputError(InputError):
    """The input holds no bytes, or only white space."""


class NotHTMLError(InputError):
    """The input is some other kind of file; ``detected`` names the kind."""

    def __init__(self, detected: str) -> None:
        super().__init__(
            f"input looks like {detected}, not HTML; convert it to HTML first or skip it"
        )
        self.detected = detected

    def __reduce__(self) -> tuple[type[NotHTMLError], tuple[str]]:
        # rebuilt from what it detected: from its message, the message would be wrapped twice
        # (a worker process sends its errors back pickled)
        return NotHTMLError, (self.detected,)


class LimitError(ThresherError):
    """A limit set in Options was exceeded before anything could be extracted."""


class FetchError(ThresherError):
    """A URL could not be fetched: network error, bad status, too large or too many redirects."""


class WorkerError(ThresherError):
    """A page's worker process crashed or outlived its time limit, and was replaced: the page
    gave no result, the pages around it are unaffected."""


__all__ = [
    "ThresherError",
    "InputError",
    "EmptyInputError",
    "NotHTMLError",
    "LimitError",
    "FetchError",
    "WorkerError",
]
