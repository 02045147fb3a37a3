"""Build thresher, compiling its pure-Python hot paths to C with mypyc where a compiler is at hand.

Everything else about the package lives in pyproject.toml. The compiled modules are the same
source, type-checked and translated by mypyc; the wheel ships the source beside them, and
Python prefers the compiled module when both are present. Four modules are written in C from
the start (``WRITTEN_IN_C``): the walk through the learned trees (``label/_treewalk.c``), which
NumPy does otherwise, the block feature matrix (``label/_features.c``), which
``label/features.py`` computes with NumPy otherwise, the reading of ASCII attribute values and
texts into words and the count of the words that tell a language (``label/_vocabulary.c``),
which ``label/vocabulary.py`` and ``metadata/language.py`` do otherwise, and
the markup guard's reading of tags (``_tags.c``), which ``dom.py`` does otherwise. The build
falls back to the plain Python package, which gives the same output more slowly, when:

- THRESHER_COMPILE=0 is set (for example to profile the Python code),
- the install is editable (``pip install -e .``), so that edits to the source take effect,
- a C compiler is missing, or compiling fails.

Without mypyc (or where it fails) only those four modules are compiled.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Modules whose time goes to Python-level work on strings, lists and small objects, which
# mypyc speeds up. The features and the models stay interpreted: their time goes to NumPy
# (and to the C tree walk), where mypyc gains nothing, and its runtime type checks reject a
# NumPy integer where an int is declared; the features' one pass over the blocks' texts is a
# module of its own (label/text_counts.py) so that it is compiled. Selection, anatomy and the
# title and date rankers use NumPy too but spend their time in Python loops.
COMPILED = (
    "addresses.py",
    "decode.py",
    "dom.py",
    "label/anatomy.py",
    "label/text_counts.py",
    "label/title.py",
    "label/vocabulary.py",
    "page/builder.py",
    "page/elements.py",
    "page/formulas.py",
    "page/head.py",
    "page/images.py",
    "page/line_numbers.py",
    "page/model.py",
    "select.py",
    "comments/__init__.py",
    "comments/fields.py",
    "comments/records.py",
    "comments/reading.py",
    "metadata/__init__.py",
    "metadata/authors.py",
    "metadata/candidates.py",
    "metadata/choose.py",
    "metadata/dates.py",
    "metadata/declared.py",
    "metadata/jsonld.py",
    "metadata/language.py",
    "metadata/published.py",
    "metadata/reliability.py",
    "metadata/title.py",
    "metadata/visible.py",
    "render/formats.py",
    "render/front_matter.py",
    "render/html.py",
    "render/links.py",
    "render/markdown.py",
    "render/prepare.py",
    "render/rows.py",
    "render/text.py",
)
# Modules written in C, by their path in the package, each with a Python reading beside it.
WRITTEN_IN_C = ("label/_treewalk", "label/_features", "label/_vocabulary", "_tags")


def _warn(message: str, outcome: str = "installing the pure-Python package") -> None:
    print(f"thresher: {message}; {outcome}", file=sys.stderr)


def _wants_compiled() -> bool:
    if os.environ.get("THRESHER_COMPILE", "1").strip() == "0":
        return False
    return "editable_wheel" not in sys.argv and "develop" not in sys.argv


def _compiled_extensions() -> list[Extension]:
    if not _wants_compiled():
        return []
    package = Path("src", "thresher")
    return [*_translated(package), *(_in_c(package, name) for name in WRITTEN_IN_C)]


def _in_c(package: Path, path: str) -> Extension:
    return Extension(
        "thresher." + path.replace("/", "."),
        [str(package / f"{path}.c")],
        # no fused multiply-adds: the feature readings must round as NumPy does
        extra_compile_args=["-O3", "-ffp-contract=off"] if sys.platform != "win32" else [],
    )


def _translated(package: Path) -> list[Extension]:
    """The modules mypyc translates to C, or none where it cannot."""
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not available", "keeping the modules in Python")
        return []
    try:
        return mypycify(
            [str(package / name) for name in COMPILED], opt_level="3", group_name="thresher"
        )
    except (Exception, SystemExit) as error:  # mypyc reports a type error by exiting
        _warn(f"mypyc could not translate the modules ({error})", "keeping the modules in Python")
        return []


class OptionalBuildExt(build_ext):
    """Compile the extensions, or none of them: the shims of a partial build would import a
    shared library that is not there."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # a missing or failing C compiler
            _warn(f"compiling failed ({error})")
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            self.extensions = []  # so that the wheel lists none of them


setup(ext_modules=_compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
