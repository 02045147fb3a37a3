"""Measure the libraries thresher is built on against the alternatives, on the same inputs.

    python -m bench.dependencies [--data PATH] [--archives PATH] [--every N]

thresher reads a page with a parser, a charset detector, WARC readers and a JSON writer. This
command puts each choice beside the libraries that could take its place, when they are
installed (the ``bench`` extra installs them all):

- **HTML parsers**: selectolax's lexbor (thresher's), resiliparse's fork of lexbor, lxml
  (libxml2) and html5lib, the WHATWG parsing algorithm written out in Python. On wcxb-dev's
  pages (one in N with ``--every N``): CPU time to parse the decoded page, and how far the
  words of its ``<body>`` (scripts, styles, templates and noscript fallbacks left out) agree
  with html5lib's, as word F1: the standard's parser reads malformed markup as browsers do,
  so words that differ from its reading are words read otherwise than a browser shows them.
  Then the traps no corpus should lose text to in silence, each parsed in a child process
  with a time limit: an element nested 100,000 deep, a text node of 12 MB, an element of
  100,000 attributes. Here the parsers read them raw; thresher's guard rewrites the first and
  the last before its parser sees them (``thresher.dom.guard_markup``), with a warning.
- **WARC readers**: FastWARC (thresher's, for WARC) and warcio (thresher's, for ARC, which
  FastWARC does not read). CPU time to read every record's HTTP body from wcxb-dev written as
  one gzip member per record, as Common Crawl writes it; and the records each yields from every
  file of the shared sample archives, beside what thresher's reader counts in them.
- **JSON writers**: the standard library's ``json``, orjson and msgspec, writing each page's
  ``Document.to_dict()``: CPU time per page, as a share of the extraction's, and whether each
  reads back to the same value.

Charset detection has a command of its own, ``python -m bench.charset``. Times are CPU time
(``time.process_time``) in one process, comparable within a run only.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import import_module, metadata
from pathlib import Path
from typing import Any

import thresher
from thresher.decode import decode

from .dataset import DEFAULT_DATA, Sample, load_samples
from .run import RESULTS, machine, record_results, section_opening
from .warcs import page_records, wcxb_pages, write_warc

DEFAULT_ARCHIVES = DEFAULT_DATA.parent / "warc-samples"
REFERENCE_PARSER = "html5lib"
# Tags whose content no reader sees, or sees only without scripts.
_UNSHOWN = ("script", "style", "template", "noscript")
_TRAP_SECONDS = 60.0
_MARK = "grain"


# --- HTML parsers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Parser:
    name: str
    distribution: str
    parse: Callable[[bytes], Any]  # the page's UTF-8 bytes -> the parser's tree
    # the tree -> its body's text as a browser's textContent joins it, split at white space
    words: Callable[[Any], list[str]]


def _lexbor() -> Parser:
    from selectolax.lexbor import LexborHTMLParser

    def words(tree: Any) -> list[str]:
        tree.strip_tags(list(_UNSHOWN))
        body = tree.body
        return body.text(deep=True).split() if body is not None else []

    return Parser("selectolax (lexbor)", "selectolax", LexborHTMLParser, words)


def _resiliparse() -> Parser:
    from resiliparse.parse.html import HTMLTree, NodeType

    def words(tree: Any) -> list[str]:
        body = tree.body
        if body is None:
            return []
        texts = _walk_texts(
            body,
            lambda node: node.type == NodeType.TEXT,
            lambda node: node.tag in _UNSHOWN,
            lambda node: node.text,
            lambda node: node.first_child,
            lambda node: node.next,
            lambda node: node.parent,
        )
        return "".join(texts).split()

    return Parser(
        "resiliparse (lexbor)",
        "resiliparse",
        lambda data: HTMLTree.parse_from_bytes(data, "utf-8"),
        words,
    )


def _walk_texts(
    root: Any,
    is_text: Callable[[Any], bool],
    is_unshown: Callable[[Any], bool],
    text_of: Callable[[Any], str],
    first_child: Callable[[Any], Any],
    next_sibling: Callable[[Any], Any],
    parent: Callable[[Any], Any],
) -> list[str]:
    """The text nodes under ``root`` in document order, without recursion (a tree may nest
    deeper than Python's stack), passing over the subtrees of unshown elements."""
    texts: list[str] = []
    node = first_child(root)
    while node is not None:
        if is_text(node):
            texts.append(text_of(node) or "")
        elif not is_unshown(node) and first_child(node) is not None:
            node = first_child(node)
            continue
        while node is not None and next_sibling(node) is None:
            node = parent(node)
            if node is None or node == root:
                return texts
        node = next_sibling(node) if node is not None else None
    return texts


def _lxml() -> Parser:
    import lxml.html

    reader = lxml.html.HTMLParser(encoding="utf-8")

    def words(tree: Any) -> list[str]:
        body = tree.find("body") if tree.tag != "body" else tree
        if body is None:
            return []
        for element in list(body.iter(*_UNSHOWN)):
            element.drop_tree()  # keeps the text that follows it
        return "".join(body.itertext()).split()

    return Parser(
        "lxml (libxml2)", "lxml", lambda data: lxml.html.document_fromstring(data, reader), words
    )


def _html5lib() -> Parser:
    import html5lib

    def words(tree: Any) -> list[str]:
        body = next((e for e in tree.iter() if _local(e.tag) == "body"), None)
        return _etree_words(body) if body is not None else []

    return Parser(
        "html5lib (pure Python)",
        "html5lib",
        lambda data: html5lib.parse(data, transport_encoding="utf-8"),
        words,
    )


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _etree_words(body: Any) -> list[str]:
    """The words of an ElementTree body: each element's text, its children, then its tail."""
    texts: list[str] = []
    pending: list[Any] = [body]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            texts.append(item)
            continue
        if item is not body and item.tail:
            pending.append(item.tail)
        if _local(item.tag) in _UNSHOWN:
            continue
        pending.extend(reversed(list(item)))
        if item.text and isinstance(item.tag, str):
            texts.append(item.text)
    return "".join(texts).split()


PARSERS: tuple[Callable[[], Parser], ...] = (_lexbor, _resiliparse, _lxml, _html5lib)


def available_parsers() -> tuple[list[Parser], list[str]]:
    found, missing = [], []
    for make in PARSERS:
        try:
            found.append(make())
        except ImportError:
            missing.append(make.__name__.strip("_"))
    return found, missing


def word_agreement(words: list[str], reference: list[str]) -> float:
    """Word F1 of one reading against the reference reading (1.0 where both are empty)."""
    mine, theirs = Counter(words), Counter(reference)
    total = sum(mine.values()) + sum(theirs.values())
    return 2 * sum((mine & theirs).values()) / total if total else 1.0


def measure_parsers(samples: list[Sample], parsers: list[Parser]) -> dict[str, dict[str, Any]]:
    seconds = {p.name: 0.0 for p in parsers}
    agreement: dict[str, list[float]] = {p.name: [] for p in parsers}
    for sample in samples:
        utf8 = decode(sample.html).text.encode("utf-8", "surrogatepass")
        readings = {}
        for parser in parsers:
            start = time.process_time()
            tree = parser.parse(utf8)
            seconds[parser.name] += time.process_time() - start
            readings[parser.name] = parser.words(tree)
        reference = next(
            (r for name, r in readings.items() if name.startswith(REFERENCE_PARSER)), None
        )
        for name, words in readings.items():
            if reference is not None:
                agreement[name].append(word_agreement(words, reference))
    return {
        p.name: {
            "version": metadata.version(p.distribution),
            "cpu_ms_per_page": round(1000 * seconds[p.name] / max(len(samples), 1), 3),
            **_agreement_summary(agreement[p.name]),
        }
        for p in parsers
    }


def _agreement_summary(scores: list[float]) -> dict[str, Any]:
    if not scores:
        return {}
    return {
        "mean_word_f1_to_reference": round(sum(scores) / len(scores), 4),
        "pages_below_0_99": sum(score < 0.99 for score in scores),
    }


# The traps: (name, how to write it, how many marked words it holds).
def _deep(levels: int = 100_000) -> tuple[str, int]:
    return (
        f"<html><body>{'<div>' * levels}{_MARK}{'</div>' * levels}\n<p>{_MARK}</p></body></html>",
        2,
    )


def _long_text(chars: int = 12_000_000) -> tuple[str, int]:
    count = chars // (len(_MARK) + 1)
    return f"<html><body><p>{(_MARK + ' ') * count}</p></body></html>", count


def _attributes(count: int = 100_000) -> tuple[str, int]:
    attributes = " ".join(f"a{i}=1" for i in range(count))
    return f"<html><body><div {attributes}>{_MARK}</div>\n<p>{_MARK}</p></body></html>", 2


TRAPS: dict[str, Callable[[], tuple[str, int]]] = {
    "an element nested 100,000 deep": _deep,
    "a text node of 12 MB": _long_text,
    "an element of 100,000 attributes": _attributes,
}


def _trap_child(parser_name: str, trap: str, queue: Any) -> None:
    parser = next(p for p in available_parsers()[0] if p.name == parser_name)
    markup, marks = TRAPS[trap]()
    data = markup.encode()
    try:
        start = time.process_time()
        tree = parser.parse(data)
        spent = time.process_time() - start
        kept = parser.words(tree).count(_MARK) / marks
        queue.put({"cpu_s": round(spent, 2), "kept": round(kept, 4)})
    except BaseException as error:  # a parser's failure is the finding, whatever it is
        queue.put({"error": f"{type(error).__name__}: {str(error)[:120]}"})


def run_trap(parser: Parser, trap: str, limit: float = _TRAP_SECONDS) -> dict[str, Any]:
    """One parser on one trap, in a child process killed after ``limit`` seconds."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_trap_child, args=(parser.name, trap, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return {"error": f"still parsing after {limit:.0f} s"}
    return queue.get() if not queue.empty() else {"error": f"exit code {child.exitcode}"}


# --- WARC readers ---------------------------------------------------------------------------


def _fastwarc_bodies(path: Path) -> Iterator[bytes]:
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as raw:  # its default settings: compression detected, HTTP parsed
        for record in ArchiveIterator(raw, parse_http=True):
            yield record.reader.read()


def _warcio_bodies(path: Path) -> Iterator[bytes]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as raw:
        for record in ArchiveIterator(raw):
            yield record.raw_stream.read()


WARC_READERS: dict[str, tuple[str, Callable[[Path], Iterator[bytes]]]] = {
    "FastWARC": ("fastwarc", _fastwarc_bodies),
    "warcio": ("warcio", _warcio_bodies),
}


def read_all(read: Callable[[Path], Iterator[bytes]], path: Path) -> dict[str, Any]:
    """How many records a reader yields from a file before it ends or fails."""
    records = size = 0
    try:
        for body in read(path):
            records += 1
            size += len(body)
    except Exception as error:  # the reader's own failure on a damaged file is the finding
        return {"records": records, "bytes": size, "error": type(error).__name__}
    return {"records": records, "bytes": size}


def measure_warc_readers(data: Path, limit: int | None, archives: Path | None) -> dict[str, Any]:
    readers = {name: entry for name, entry in WARC_READERS.items() if _installed(entry[0])}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wcxb.warc.gz"
        pages = wcxb_pages(data, limit)
        write_warc(path, (record for page in pages for record in page_records(page)))
        speed = {name: _timed_read(read, path) for name, (_, read) in readers.items()}
    samples = _sample_reads(archives, readers) if archives is not None and archives.is_dir() else []
    return {
        "versions": {name: metadata.version(dist) for name, (dist, _) in readers.items()},
        "speed": speed,
        "samples": samples,
    }


def _timed_read(read: Callable[[Path], Iterator[bytes]], path: Path) -> dict[str, Any]:
    start = time.process_time()
    result = read_all(read, path)
    spent = time.process_time() - start
    result["cpu_ms_per_record"] = round(1000 * spent / max(result["records"], 1), 4)
    result["mb_per_cpu_s"] = round(result["bytes"] / 1e6 / spent, 1) if spent else None
    return result


def _sample_reads(root: Path, readers: dict[str, Any]) -> list[dict[str, Any]]:
    from .archive import sample_ledgers

    rows = []
    for ledger in sample_ledgers(root):
        row: dict[str, Any] = {"file": ledger["path"], "thresher": ledger["read"]}
        for name, (_, read) in readers.items():
            row[name] = read_all(read, root / ledger["path"])
        rows.append(row)
    return rows


# --- JSON writers ---------------------------------------------------------------------------


def _json_writers() -> dict[str, tuple[str, Callable[[Any], bytes], Callable[[bytes], Any]]]:
    import json

    writers: dict[str, tuple[str, Callable[[Any], bytes], Callable[[bytes], Any]]] = {
        "json (standard library)": (
            "",
            lambda value: json.dumps(value, ensure_ascii=False).encode(),
            json.loads,
        )
    }
    if _installed("orjson"):
        orjson = import_module("orjson")
        writers["orjson"] = ("orjson", orjson.dumps, orjson.loads)
    if _installed("msgspec"):
        msgspec_json = import_module("msgspec.json")
        writers["msgspec"] = ("msgspec", msgspec_json.encode, msgspec_json.decode)
    return writers


def measure_json_writers(samples: list[Sample]) -> dict[str, Any]:
    writers = _json_writers()
    seconds = dict.fromkeys(writers, 0.0)
    same = dict.fromkeys(writers, 0)
    extraction = 0.0
    for sample in samples:
        start = time.process_time()
        document = thresher.extract(sample.html, url=sample.url)
        extraction += time.process_time() - start
        value = document.to_dict()
        for name, (_, write, read) in writers.items():
            start = time.process_time()
            written = write(value)
            seconds[name] += time.process_time() - start
            same[name] += read(written) == value
    pages = max(len(samples), 1)
    return {
        name: {
            "version": metadata.version(dist) if dist else "",
            "cpu_ms_per_page": round(1000 * seconds[name] / pages, 4),
            "share_of_extraction": round(seconds[name] / extraction, 4) if extraction else None,
            "pages_read_back_equal": same[name],
        }
        for name, (dist, _, _) in writers.items()
    } | {"pages": len(samples)}


def _installed(distribution: str) -> bool:
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


# --- the run and its report -----------------------------------------------------------------


def run(data: Path, archives: Path | None, every: int, limit: int | None) -> dict[str, Any]:
    samples = list(load_samples(data, limit))[::every]
    parsers, missing = available_parsers()
    print(f"parsing {len(samples)} pages with {len(parsers)} parsers", flush=True)
    parsing = measure_parsers(samples, parsers)
    print("traps", flush=True)
    traps = {p.name: {trap: run_trap(p, trap) for trap in TRAPS} for p in parsers}
    print("WARC readers", flush=True)
    warc = measure_warc_readers(data, limit, archives)
    print("JSON writers", flush=True)
    writing = measure_json_writers(samples)
    return {
        "date": date.today().isoformat(),
        "command": "python -m bench.dependencies",
        "machine": machine(),
        "pages": len(samples),
        "every": every,
        "reference_parser": REFERENCE_PARSER,
        "parsers_missing": missing,
        "parsers": parsing,
        "traps": traps,
        "warc_readers": warc,
        "json_writers": writing,
    }


def dependencies_section(report: dict[str, Any]) -> str:
    lines = [
        section_opening("Dependencies beside their alternatives", report).rstrip("\n"),
        "",
        f"{_pages_read(report)}; {report['machine']}. "
        "CPU time in one process. See `bench/dependencies.py` for what each column measures.",
        "",
        *_parser_table(report),
        "",
        *_trap_table(report),
        "",
        *_warc_tables(report["warc_readers"]),
        "",
        *_json_table(report["json_writers"]),
    ]
    return "\n".join(lines) + "\n"


def _pages_read(report: dict[str, Any]) -> str:
    every = report["every"]
    share = "every wcxb-dev page" if every == 1 else f"one wcxb-dev page in {every}"
    return f"{share} ({report['pages']} pages)".capitalize()


def _parser_table(report: dict[str, Any]) -> list[str]:
    lines = [
        "HTML parsers, each page's UTF-8 parsed whole; the body's words against "
        f"{REFERENCE_PARSER}'s (the WHATWG algorithm):",
        "",
        "| parser | version | CPU ms per page | word F1 to the reference | pages below 0.99 |",
        "|---|---|---|---|---|",
    ]
    for name, row in report["parsers"].items():
        agreement = row.get("mean_word_f1_to_reference")
        below = row.get("pages_below_0_99", "-")
        lines.append(
            f"| {name} | {row['version']} | {row['cpu_ms_per_page']:.2f} | "
            f"{'-' if agreement is None else f'{agreement:.4f}'} | {below} |"
        )
    return lines


def _trap_table(report: dict[str, Any]) -> list[str]:
    lines = [
        "The traps, parsed raw (without thresher's guard) in a child process, "
        f"{_TRAP_SECONDS:.0f} s at most: CPU seconds and the share of the marked words the "
        "tree keeps.",
        "",
        "| parser | " + " | ".join(TRAPS) + " |",
        "|---" * (len(TRAPS) + 1) + "|",
    ]
    for name, results in report["traps"].items():
        cells = [_trap_cell(results.get(trap, {})) for trap in TRAPS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _trap_cell(result: dict[str, Any]) -> str:
    if "error" in result:
        return result["error"]
    return f"{result['cpu_s']:.2f} s, keeps {result['kept']:.0%}"


def _warc_tables(report: dict[str, Any]) -> list[str]:
    names = list(report["speed"])
    lines = [
        "WARC readers, every record's HTTP body read from wcxb-dev written as one gzip member "
        "per record:",
        "",
        "| reader | version | records | CPU ms per record | MB of bodies per CPU second |",
        "|---|---|---|---|---|",
    ]
    for name in names:
        row = report["speed"][name]
        lines.append(
            f"| {name} | {report['versions'][name]} | {row['records']} | "
            f"{row['cpu_ms_per_record']:.3f} | {row['mb_per_cpu_s']} |"
        )
    if report["samples"]:
        lines += [
            "",
            "Records yielded from each sample archive (thresher: records its reader counts, "
            "damaged ones included):",
            "",
            "| file | thresher | " + " | ".join(names) + " |",
            "|---" * (len(names) + 2) + "|",
        ]
        for row in report["samples"]:
            cells = [_read_cell(row[name]) for name in names]
            lines.append(f"| {row['file']} | {row['thresher']} | " + " | ".join(cells) + " |")
    return lines


def _read_cell(result: dict[str, Any]) -> str:
    return (
        f"{result['records']}, then {result['error']}"
        if "error" in result
        else str(result["records"])
    )


def _json_table(report: dict[str, Any]) -> list[str]:
    lines = [
        f"JSON writers, each of {report['pages']} pages' `Document.to_dict()`:",
        "",
        "| writer | version | CPU ms per page | share of the extraction's time | read back equal |",
        "|---|---|---|---|---|",
    ]
    for name, row in report.items():
        if name == "pages":
            continue
        lines.append(
            f"| {name} | {row['version'] or 'Python'} | {row['cpu_ms_per_page']:.3f} | "
            f"{row['share_of_extraction']:.1%} | "
            f"{row['pages_read_back_equal']} of {report['pages']} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a WCXB folder")
    parser.add_argument("--archives", type=Path, default=DEFAULT_ARCHIVES, help="sample WARC files")
    parser.add_argument("--every", type=int, default=1, help="read one page in N (default 1)")
    parser.add_argument("--limit", type=int, help="only the first N pages (nothing recorded)")
    args = parser.parse_args(argv)
    if not (args.data / "html").is_dir():
        parser.error(f"no WCXB pages under {args.data}: give --data PATH")
    report = run(args.data, args.archives, args.every, args.limit)
    if args.limit is None:
        record_results(RESULTS / "dependencies.json", report)
    print(dependencies_section(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
