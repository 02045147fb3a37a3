"""The compiled build (mypyc and the modules written in C) and the Python source agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import thresher
from thresher.build_info import COMPILED, FEATURES_IN_C, TAGS_IN_C, TREES_IN_C, WORDS_IN_C

from .conftest import case_ids, load_case

ROOT = Path(__file__).resolve().parents[1]

# Runs thresher from its Python source although compiled modules sit beside it: the import
# system is told to prefer a module's source to its extension.
_PURE_PYTHON_RUN = """
import importlib.machinery as machinery, json, sys
loaders = [
    (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES),
    (machinery.ExtensionFileLoader, machinery.EXTENSION_SUFFIXES),
    (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES),
]
sys.path_hooks.insert(0, machinery.FileFinder.path_hook(*loaders))
sys.path_importer_cache.clear()
import thresher
from thresher.build_info import COMPILED
from thresher import dom
from thresher.label import context, features, trees, vocabulary
from thresher.metadata import language
from tests.conftest import load_case
assert not COMPILED, "the compiled modules were imported"
# the trees walked and the features computed by NumPy, and the words of attribute values, texts
# and lines, the words that tell a language and the tags of the markup read in Python, as a
# pure-Python install does
trees.LEAF_SUMS = None
features.FILL_ROWS = context.FILL_CONTEXT = None
vocabulary.ASCII_MASK = vocabulary.TEXT_WORDS = vocabulary.LINE_WORDS = None
language.KNOWN_WORDS = None
dom.READ_TAGS = None
out = {}
for case in sys.argv[1:]:
    html, truth = load_case(case)
    out[case] = thresher.extract(html, url=truth["url"]).to_dict()
print(json.dumps(out))
"""


@pytest.mark.skipif(not COMPILED, reason="this installation runs thresher as pure Python")
def test_the_compiled_modules_give_what_their_source_gives() -> None:
    cases = case_ids()
    pure = subprocess.run(
        [sys.executable, "-c", _PURE_PYTHON_RUN, *cases],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pure.returncode == 0, pure.stderr
    from_source = json.loads(pure.stdout)
    for case in cases:
        html, truth = load_case(case)
        compiled = json.loads(json.dumps(thresher.extract(html, url=truth["url"]).to_dict()))
        assert compiled == from_source[case], case


def test_the_version_says_how_thresher_runs() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "thresher", "--version"],  # python -m thresher runs the command
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "40"},  # one line however narrow the terminal
    )
    assert shown.stdout.count("\n") == 1, shown
    expected = "compiled with mypyc" if COMPILED else "pure Python"
    assert shown.returncode == 0 and expected in shown.stdout, shown
    assert ("trees walked" in shown.stdout) == TREES_IN_C, shown
    assert ("features computed" in shown.stdout) == FEATURES_IN_C, shown
    assert ("words read" in shown.stdout) == WORDS_IN_C, shown
    assert ("tags read" in shown.stdout) == TAGS_IN_C, shown
