"""How this installation of thresher runs: its hot paths compiled to C by mypyc (see
``setup.py``), or all of it as plain Python. Both give the same output; the compiled one is
faster."""

from .page import builder

COMPILED: bool = not builder.__file__.endswith(".py")


def describe() -> str:
    return "compiled with mypyc" if COMPILED else "pure Python"
