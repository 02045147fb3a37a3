"""The reference (docs/reference.md) is the one the code makes: every public function, option,
field and command-line flag in it, and each as the code now has it."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from pathlib import Path
from types import ModuleType

import pytest

import thresher
from thresher.cli import build_parser
from thresher.schema import markdown_table

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_reference", DOCS / "make_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def made() -> str:
    return _maker().reference()


def test_the_reference_is_the_one_the_code_makes(made: str) -> None:
    written = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert written == made, "docs/reference.md is stale: run python docs/make_reference.py"


def test_the_reference_names_every_public_name_and_option(made: str) -> None:
    for name in thresher.__all__:
        value = getattr(thresher, name)
        if isinstance(value, type) and issubclass(value, thresher.ThresherError):
            assert re.search(rf"(^|\s){name}\s", made, re.MULTILINE), name  # in the tree
        elif callable(value):
            assert f"### `thresher.{name}`" in made, name
    for field in thresher.Options.__dataclass_fields__:
        assert f"| `{field}` |" in made, field
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, command in commands.items():
        assert f"### `thresher {name}`" in made
        flags = {flag for action in command._actions for flag in action.option_strings}
        assert all(flag in made for flag in flags - {"-h", "--help"})
    assert markdown_table() in made


def test_an_option_without_its_docstring_shows_as_undocumented() -> None:
    """The table reads each field's docstring from the source: one left out is an empty cell,
    which the check above would not catch, so every Options row must say something."""
    made = _maker().class_section("options", "Options")
    rows = [line for line in made.splitlines() if line.startswith("| `")]
    assert len(rows) == len(thresher.Options.__dataclass_fields__)
    assert all(not row.rstrip().endswith("|  |") for row in rows)


@pytest.mark.parametrize("command", ["extract", "run", "serve"])
def test_help_examples_are_printed_as_written_and_parse(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # narrower than the examples: they must not be wrapped
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args([command, "--help"])
    printed = capsys.readouterr().out
    examples = parser._subparsers._group_actions[0].choices[command].epilog  # type: ignore[union-attr]
    for example in examples.splitlines()[1:]:
        assert example in printed.splitlines()
        command_line = example.strip().partition("  ")[0].split("|")[-1]
        words = shlex.split(command_line)
        if words[0] == "thresher":
            build_parser().parse_args(words[1:])  # exits (a SystemExit) on a flag it does not know
