"""How this installation of thresher runs: its hot paths compiled to C by mypyc, its trees
walked and the words of its attribute values, texts and lines read in C (see ``setup.py``), or
all of it as plain Python. All give the same output; the compiled ones are faster."""

from .label.trees import LEAF_SUMS
from .label.vocabulary import ASCII_MASK, LINE_WORDS, TEXT_WORDS
from .page import builder

COMPILED: bool = not builder.__file__.endswith(".py")
TREES_IN_C: bool = LEAF_SUMS is not None
WORDS_IN_C: bool = None not in (ASCII_MASK, TEXT_WORDS, LINE_WORDS)


def describe() -> str:
    build = "compiled with mypyc" if COMPILED else "pure Python"
    parts = (("trees walked", TREES_IN_C), ("words read", WORDS_IN_C))
    in_c = [part for part, built in parts if built]
    return f"{build}, {' and '.join(in_c)} in C" if in_c else build
