"""How this installation of thresher runs: its hot paths compiled to C by mypyc and its trees
walked in C (see ``setup.py``), or all of it as plain Python. All give the same output; the
compiled ones are faster."""

from .label.trees import LEAF_SUMS
from .page import builder

COMPILED: bool = not builder.__file__.endswith(".py")
TREES_IN_C: bool = LEAF_SUMS is not None


def describe() -> str:
    build = "compiled with mypyc" if COMPILED else "pure Python"
    return f"{build}, trees walked in C" if TREES_IN_C else build
