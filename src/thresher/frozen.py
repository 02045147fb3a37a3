"""Pickling for the frozen records of the compiled modules.

mypyc compiles a frozen dataclass into a class that unpickles by setting its fields one by
one, which the frozen class refuses (``FrozenInstanceError``). A Document holds such records
(its comments, its anatomy), and it crosses between processes in batch runs, so each of them
rebuilds itself from its fields' values instead: ``def __reduce__(self): return by_fields(self)``.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def by_fields(record: Any) -> tuple[type, tuple[Any, ...]]:
    """What pickle needs to rebuild a dataclass instance: its class and its fields' values."""
    return type(record), tuple(getattr(record, field.name) for field in fields(record))
