"""thresher: the main content, metadata and comments of a web page, apart from its chaff.

>>> import thresher
>>> doc = thresher.extract(html_bytes, url="https://example.org/story")
>>> doc.text, doc.markdown, doc.title, doc.page_type
"""

from .document import SCHEMA_VERSION, Document
from .errors import (
    EmptyInputError,
    FetchError,
    InputError,
    LimitError,
    NotHTMLError,
    ThresherError,
    WorkerError,
)
from .options import Focus, Options
from .pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "EmptyInputError",
    "FetchError",
    "Focus",
    "InputError",
    "LimitError",
    "NotHTMLError",
    "Options",
    "ThresherError",
    "WorkerError",
    "__version__",
    "extract",
]
