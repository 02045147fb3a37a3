"""The functions of the modules written in C (see ``setup.py``), where the build made them."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def function_in_c(module: str, name: str) -> Callable[..., Any] | None:
    """``name`` of the C module ``thresher.label.<module>``; None in a pure-Python install,
    whose callers compute the same in Python or with NumPy."""
    try:
        found: Callable[..., Any] = getattr(
            importlib.import_module(f"thresher.label.{module}"), name
        )
    except ImportError:
        return None
    return found
