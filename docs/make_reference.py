"""Write docs/reference.md, the reference of the Python API and the command line, from the code.

    python docs/make_reference.py           # rewrite docs/reference.md
    python docs/make_reference.py --check   # exit 1 if it is not what the code says

Signatures, docstrings and the attribute docstrings of the public dataclasses are read from
the source files (the same whether the installed modules are compiled or not); a Document's
fields take their meanings from the JSON schema's, written once in ``thresher/schema.py``;
the command line's options come from its argument parser. The tests hold the file to this.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import thresher
from thresher import cli, schema
from thresher.options import FOCUS_THRESHOLDS
from thresher.service.request import PARAMETERS

REFERENCE = Path(__file__).resolve().parent / "reference.md"
PACKAGE = Path(thresher.__file__).resolve().parent


def source_of(module: str) -> ast.Module:
    """A module's syntax tree, from the source the wheel ships beside any compiled module."""
    path = PACKAGE.joinpath(*module.split(".")).with_suffix(".py")
    return ast.parse(path.read_text(encoding="utf-8"))


def definition(module: str, name: str) -> ast.FunctionDef | ast.ClassDef:
    for node in source_of(module).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return node
    raise LookupError(f"{name} is not defined in thresher.{module}")


def signature(node: ast.FunctionDef) -> str:
    """The definition's first line as PEP 8 writes it; one parameter a line when long."""
    parameters = _parameters(node.args)
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    line = f"{node.name}({', '.join(parameters)}){returns}"
    if len(line) <= 88:
        return line
    return f"{node.name}(\n" + "".join(f"    {p},\n" for p in parameters) + f"){returns}"


def _parameters(args: ast.arguments) -> list[str]:
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    shown = [_parameter(arg, default) for arg, default in zip(positional, defaults)]
    if args.vararg:
        shown.append("*" + _parameter(args.vararg, None))
    elif args.kwonlyargs:
        shown.append("*")
    shown += [_parameter(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg:
        shown.append("**" + _parameter(args.kwarg, None))
    return shown


def _parameter(arg: ast.arg, default: ast.expr | None) -> str:
    if arg.annotation is None:
        return arg.arg + (f"={ast.unparse(default)}" if default else "")
    written = f"{arg.arg}: {ast.unparse(arg.annotation)}"
    return written + (f" = {ast.unparse(default)}" if default else "")


def function_section(module: str, name: str) -> str:
    node = definition(module, name)
    assert isinstance(node, ast.FunctionDef)
    public = module.rsplit(".", 1)[0] if module.startswith("archive.") else module
    where = "thresher" if module == "pipeline" else f"thresher.{public}"
    return "\n".join(
        [
            f"### `{where}.{name}`",
            "",
            "```python",
            signature(node),
            "```",
            "",
            ast.get_docstring(node) or "",
        ]
    )


def attribute_docs(node: ast.ClassDef) -> Iterator[tuple[str, str, str | None, str]]:
    """(name, type, default as written, docstring) of each annotated attribute of a class."""
    body = node.body
    for index, statement in enumerate(body):
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        doc = ""
        if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
            doc = " ".join(str(following.value.value).split())
        default = ast.unparse(statement.value) if statement.value is not None else None
        yield statement.target.id, ast.unparse(statement.annotation), default, doc


def shown_default(default: str | None, value: object) -> str:
    """The default as the source writes it, or its value where the source builds it."""
    if default is None:
        return ""
    if not default.startswith("field("):
        return f"`{default}`"
    if dataclasses.is_dataclass(value):
        return f"`{type(value).__name__}()`"
    return f"`{value!r}`"


def class_section(module: str, name: str) -> str:
    node = definition(module, name)
    assert isinstance(node, ast.ClassDef)
    cls = getattr(__import__(f"thresher.{module}", fromlist=[name]), name)
    defaults = {field.name: _default_value(field) for field in dataclasses.fields(cls)}
    lines = [f"### `{_public_name(module, name)}`", "", ast.get_docstring(node) or "", ""]
    lines += ["| field | type | default | meaning |", "|---|---|---|---|"]
    for field_name, kind, default, doc in attribute_docs(node):
        shown = shown_default(default, defaults.get(field_name))
        shown = shown or "required"
        lines.append(f"| `{field_name}` | `{_cell(kind)}` | {_cell(shown)} | {_cell(doc)} |")
    return "\n".join(lines)


def _default_value(field: dataclasses.Field[object]) -> object:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


def _public_name(module: str, name: str) -> str:
    if name in thresher.__all__:
        return f"thresher.{name}"
    return f"thresher.{module.split('.')[0]}.{name}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def focus_section() -> str:
    node = definition("options", "Focus")
    assert isinstance(node, ast.ClassDef)
    lines = ["### `thresher.Focus`", "", ast.get_docstring(node) or "", ""]
    lines += ["| value | a block is kept from this probability of being content |", "|---|---|"]
    lines += [f"| `{focus.value}` | {FOCUS_THRESHOLDS[focus]} |" for focus in thresher.Focus]
    return "\n".join(lines)


def document_section() -> str:
    """Document's attributes and types; their meanings are the JSON fields' (one table)."""
    node = definition("document", "Document")
    assert isinstance(node, ast.ClassDef)
    lines = ["### `thresher.Document`", "", ast.get_docstring(node) or "", ""]
    lines += [
        "Each attribute means what the JSON field of its name means (see [JSON](#json)).",
        "",
        "| attribute | type |",
        "|---|---|",
    ]
    for name, kind, _, _ in attribute_docs(node):
        if name == "_markdown":
            name, kind = "markdown", "str"
        lines.append(f"| `{name}` | `{_cell(kind)}` |")
    lines += ["", "Methods:", ""]
    for method in ("to_dict", "metadata_dict", "with_text_mapped"):
        doc = ast.get_docstring(definition_in_class(node, method)) or ""
        lines.append(f"- `{method}()`: {' '.join(doc.split())}")
    return "\n".join(lines)


def definition_in_class(node: ast.ClassDef, name: str) -> ast.FunctionDef:
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == name:
            return statement
    raise LookupError(f"{node.name}.{name} is not defined")


def errors_section() -> str:
    tree = ast.get_docstring(source_of("errors")) or ""
    return "### `thresher.errors`\n\n" + _indented_blocks_fenced(tree)


def _indented_blocks_fenced(text: str) -> str:
    """A docstring's indented block (the drawing of the tree) as a fenced block."""
    out: list[str] = []
    fenced = False
    for line in text.splitlines():
        indented = line.startswith("    ")
        if indented and not fenced:
            out.append("```text")
            fenced = True
        elif not indented and fenced and line.strip():
            out.append("```")
            fenced = False
        out.append(line[4:] if fenced and indented else line)
    if fenced:
        out.append("```")
    return "\n".join(out).replace("\n\n```\n", "\n```\n\n")


def command_sections() -> Iterator[str]:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    summaries = {choice.dest: choice.help for choice in commands._choices_actions}
    for name, command in commands.choices.items():
        lines = [f"### `thresher {name}`", "", f"{command.description or summaries[name]}", ""]
        rows = [_option_row(action) for action in command._actions if _shown(action)]
        if rows:
            lines += ["| argument | meaning |", "|---|---|", *rows, ""]
        if command.epilog:
            heading, *examples = command.epilog.splitlines()
            lines += [heading[:1].upper() + heading[1:], "", "```sh"]
            lines += [_commented(example) for example in examples]
            lines += ["```"]
        yield "\n".join(lines).rstrip()


def _commented(example: str) -> str:
    """An example line of the help, its command and what it does, as a line of shell."""
    command, _, what = example.strip().partition("  ")
    return f"{command}  # {what.strip()}" if what.strip() else command


def _shown(action: argparse.Action) -> bool:
    return action.help is not argparse.SUPPRESS and not isinstance(action, argparse._HelpAction)


def _option_row(action: argparse.Action) -> str:
    takes_value = action.nargs != 0
    value = ""
    if takes_value:
        if action.metavar:
            value = str(action.metavar)
        elif action.choices:
            value = "{" + ",".join(map(str, action.choices)) + "}"
        else:
            value = action.dest.upper()
    names = ", ".join(action.option_strings) or value
    shown = f"{names} {value}" if action.option_strings and value else names
    meaning = (action.help or "").replace("%%", "%")
    return f"| `{_cell(shown)}` | {_cell(meaning)} |"


def service_section() -> str:
    """The routes, as the server's docstring draws them, and every parameter of /extract."""
    routes = ast.get_docstring(source_of("service.server")) or ""
    drawing = [line[4:] for line in routes.splitlines() if line.startswith("    ")]
    lines = [
        "## HTTP service",
        "",
        "`thresher serve` answers these routes (see [the command](#thresher-serve)):",
        "",
        "```text",
        *drawing,
        "```",
        "",
        "Each parameter of `POST /extract` goes in the query string, as a key of a JSON body "
        "or as a form's field.",
        "",
        "| parameter | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {_cell(meaning)} |" for name, meaning in PARAMETERS.items()]
    return "\n".join(lines)


def reference() -> str:
    parts = [
        "# Reference",
        "",
        "<!-- made by python docs/make_reference.py from the code: edit the code, then run it -->",
        "",
        "What is stable: the names below, their meanings and the JSON layout within a "
        "`schema_version` (a new field raises its minor version, a changed meaning its major "
        "one). What is not: the exact text extracted, which improves from release to release.",
        "",
        "## Python",
        "",
        function_section("pipeline", "extract"),
        class_section("options", "Options"),
        focus_section(),
        document_section(),
        class_section("comments.reading", "Comment"),
        errors_section(),
        function_section("batch", "extract_many"),
        function_section("archive.iterate", "iter_archive"),
        function_section("archive.shard", "process_archive"),
        class_section("archive.iterate", "ArchiveOptions"),
        class_section("archive.outcome", "Outcome"),
        class_section("archive.outcome", "RecordInfo"),
        "## Command line",
        "",
        "`thresher COMMAND ...`, or `python -m thresher COMMAND ...` where the script is not on "
        "the PATH; `thresher --version` says how the installation runs (compiled or not).",
        "",
        *command_sections(),
        service_section(),
        "## JSON",
        "",
        "`Document.to_dict()`, `thresher extract --format json` and the service's JSON answers "
        "give one object per page; `thresher schema` prints its JSON Schema.",
        "",
        schema.markdown_table(),
    ]
    return "\n\n".join(part.strip("\n") for part in parts if part) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    made = reference()
    if args.check:
        current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
        if current != made:
            print(f"{REFERENCE} is stale: run python docs/make_reference.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(made, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
