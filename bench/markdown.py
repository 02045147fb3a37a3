"""Benchmark how well Markdown output keeps the page's structure, against the WCXB truth.

    python -m bench.markdown [--data PATH] [--limit N] [--peers trafilatura,pagesift]

WCXB gives each page's main content as Markdown as well as text. This command reads the
headings, list items, table rows, code blocks and block quotes of the truth's Markdown and of
each extractor's, and scores two things per kind of element, averaged over the pages whose
truth holds that kind:

- F1: the elements of that kind in the output against those in the truth, each element
  reduced to its lower-cased words (multisets, as the word F1 counts words). It falls when
  an element is missed, when it comes out as another kind, and when the output adds ones the
  truth does not have.
- kept: of the truth's elements whose words the output holds anywhere, the share the output
  marks as that kind. Content that was never selected does not count here: this is structure
  alone.

A peer runs with its Markdown output at default settings (trafilatura's
``extract(output_format="markdown")``, pagesift's ``convert().markdown``); resiliparse has none.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

import thresher

from .dataset import DEFAULT_DATA, load_samples
from .peers import Extractor, load_peers, missing_note
from .run import RESULTS, record_results, section_opening

KINDS = ("heading", "list item", "table row", "code block", "quote")

_WORD = re.compile(r"\w+")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?(.*)$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Element:
    kind: str
    key: str  # the element's lower-cased words, space-joined


def key_of(markdown_text: str) -> str:
    """An element's words: link targets and image addresses are not its text."""
    text = _LINK.sub(r"\1", _IMAGE.sub("", markdown_text))
    return " ".join(_WORD.findall(text.lower().replace("_", " ")))


def elements(markdown: str) -> list[Element]:
    """The structural elements of a Markdown document, in order; paragraphs are not read."""
    found: list[Element] = []
    quote: list[str] = []
    code: list[str] | None = None
    for line in markdown.splitlines():
        if code is not None:
            if _FENCE.match(line):
                found.append(Element("code block", key_of("\n".join(code))))
                code = None
            else:
                code.append(line)
            continue
        quoted = _QUOTE.match(line)
        if quoted:
            quote.append(quoted.group(1))
            continue
        if quote:
            found.append(Element("quote", key_of(" ".join(quote))))
            quote = []
        if _FENCE.match(line):
            code = []
        elif heading := _HEADING.match(line):
            found.append(Element("heading", key_of(heading.group(1))))
        elif (row := _TABLE_ROW.match(line)) and not _TABLE_RULE.match(row.group(1)):
            found.append(Element("table row", key_of(row.group(1))))
        elif item := _LIST_ITEM.match(line):
            found.append(Element("list item", key_of(item.group(1))))
    if quote:
        found.append(Element("quote", key_of(" ".join(quote))))
    if code is not None:  # an unclosed fence runs to the end
        found.append(Element("code block", key_of("\n".join(code))))
    return [element for element in found if element.key]


def kind_f1(predicted: list[Element], truth: list[Element], kind: str) -> float:
    """F1 of one kind's elements, compared as multisets of their word keys."""
    mine = Counter(e.key for e in predicted if e.kind == kind)
    theirs = Counter(e.key for e in truth if e.kind == kind)
    total = sum(mine.values()) + sum(theirs.values())
    return 2 * sum((mine & theirs).values()) / total if total else 1.0


def kind_kept(
    predicted: list[Element], predicted_words: str, truth: list[Element], kind: str
) -> tuple[int, int]:
    """(kept, present): of the truth's elements of this kind whose words the output holds,
    how many the output marks as this kind."""
    marked = Counter(e.key for e in predicted if e.kind == kind)
    kept = present = 0
    for element in truth:
        if element.kind != kind or f" {element.key} " not in predicted_words:
            continue
        present += 1
        if marked[element.key] > 0:
            marked[element.key] -= 1
            kept += 1
    return kept, present


@dataclass
class Tally:
    f1: dict[str, list[float]]
    kept: Counter[str]
    present: Counter[str]

    @classmethod
    def empty(cls) -> Tally:
        return cls(defaultdict(list), Counter(), Counter())

    def add(self, markdown: str, truth: list[Element]) -> None:
        predicted = elements(markdown)
        predicted_words = f" {key_of(markdown)} "
        for kind in {element.kind for element in truth}:
            self.f1[kind].append(kind_f1(predicted, truth, kind))
            kept, present = kind_kept(predicted, predicted_words, truth, kind)
            self.kept[kind] += kept
            self.present[kind] += present

    def summary(self) -> dict[str, dict[str, float | int]]:
        return {
            kind: {
                "pages": len(self.f1[kind]),
                "f1": round(sum(self.f1[kind]) / max(len(self.f1[kind]), 1), 3),
                "kept": round(self.kept[kind] / max(self.present[kind], 1), 3),
            }
            for kind in KINDS
        }


def _thresher(html: bytes, url: str) -> str:
    return thresher.extract(html, url=url or None).markdown


MARKDOWN_PEERS = ("trafilatura", "pagesift")  # resiliparse writes no Markdown


def _systems(peer_names: list[str]) -> list[tuple[str, str, Extractor]]:
    peers, missing = load_peers(peer_names)
    if missing:
        print(missing_note(missing))
    systems = [("thresher", metadata.version("thresher"), _thresher)]
    return systems + [(p.name, p.version, p.markdown) for p in peers if p.markdown is not None]


def run(data: Path, limit: int | None, peer_names: list[str]) -> dict:
    systems = _systems(peer_names)
    tallies = {name: Tally.empty() for name, _, _ in systems}
    pages = 0
    for sample in load_samples(data, limit):
        truth = elements(sample.main_content_markdown)
        pages += 1
        for name, _, markdown_of in systems:
            try:
                markdown = markdown_of(sample.html, sample.url)
            except Exception:  # a peer's crash counts as empty output, as in bench.run
                markdown = ""
            tallies[name].add(markdown, truth)
    return {
        "date": date.today().isoformat(),
        "command": "python -m bench.markdown",
        "data": str(data),
        "pages": pages,
        "versions": {name: version for name, version, _ in systems},
        "systems": {name: tally.summary() for name, tally in tallies.items()},
    }


def table(report: dict) -> str:
    names = list(report["systems"])
    lines = [
        "| kind (pages) | " + " | ".join(f"{name} F1 / kept" for name in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for kind in KINDS:
        scores = [report["systems"][name][kind] for name in names]
        pages = scores[0]["pages"]
        cells = [f"{score['f1']:.3f} / {score['kept']:.3f}" for score in scores]
        lines.append(f"| {kind} ({pages}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_section(report: dict) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    return (
        section_opening("Markdown structure on WCXB development pages", report)
        + f"{report['pages']} pages of `{Path(report['data']).name}`; {versions}. Per kind of "
        "element, over the pages whose truth has it: F1 of the output's elements of that kind "
        "against the truth's, and the share of the truth's elements present in the output "
        "that the output marks as that kind (see `bench/markdown.py`).\n\n"
        f"{table(report)}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a WCXB folder")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument(
        "--peers", default=",".join(MARKDOWN_PEERS), help="comma-separated peers ('' for none)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "markdown.json")
    args = parser.parse_args(argv)
    peers = [name for name in args.peers.split(",") if name]
    report = run(args.data, args.limit, peers)
    if args.limit is None and set(report["systems"]) == {"thresher", *MARKDOWN_PEERS}:
        record_results(args.output, report)
    print(table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
