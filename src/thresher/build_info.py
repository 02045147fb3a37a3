"""How this installation of thresher runs: its hot paths compiled to C by mypyc, its trees
walked, its block features computed, the words of its attribute values, texts and lines and the
tags of its markup read in C (see ``setup.py``), or all of it as plain Python. All give the same
output; the compiled ones are faster."""

from .dom import READ_TAGS
from .label.context import FILL_CONTEXT
from .label.features import FILL_ROWS
from .label.trees import LEAF_SUMS
from .label.vocabulary import ASCII_MASK, LINE_WORDS, TEXT_WORDS
from .page import builder

COMPILED: bool = builder.COMPILED
TREES_IN_C: bool = LEAF_SUMS is not None
FEATURES_IN_C: bool = None not in (FILL_ROWS, FILL_CONTEXT)
WORDS_IN_C: bool = None not in (ASCII_MASK, TEXT_WORDS, LINE_WORDS)
TAGS_IN_C: bool = READ_TAGS is not None


def describe() -> str:
    build = "compiled with mypyc" if COMPILED else "pure Python"
    parts = (
        ("trees walked", TREES_IN_C),
        ("features computed", FEATURES_IN_C),
        ("words read", WORDS_IN_C),
        ("tags read", TAGS_IN_C),
    )
    in_c = [part for part, built in parts if built]
    if not in_c:
        return build
    listed = in_c[0] if len(in_c) == 1 else f"{', '.join(in_c[:-1])} and {in_c[-1]}"
    return f"{build}, {listed} in C"
