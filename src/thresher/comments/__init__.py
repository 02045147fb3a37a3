"""Reader comments, pingbacks and forum posts as records, read from the page model.

records.py   which elements are records (comments, or a thread's posts), and which blocks
             each record holds
fields.py    a record's author, date and text (user panels, headers and buttons aside)
reading.py   the Comment of each record, then the list with containers dropped
"""

from .reading import Comment, as_post, read_comments, record_kinds, renumber
from .records import (
    Record,
    find_numbered_records,
    find_post_records,
    find_records,
    record_of_blocks,
)

__all__ = [
    "Comment",
    "Record",
    "as_post",
    "find_numbered_records",
    "find_post_records",
    "find_records",
    "read_comments",
    "record_kinds",
    "record_of_blocks",
    "renumber",
]
