"""Benchmark thresher against its peers on WCXB: accuracy by page type, CPU time, memory.

    python -m bench.run [--data PATH] [--limit N] [--peers trafilatura,pagesift,resiliparse]

Prints a table, writes ``bench/results/wcxb.json`` and the table into ``BENCHMARKS.md``.
Accuracy is word-level F1 per page, averaged (see ``bench/dataset.py``). Speed is CPU time
(``time.process_time``) around each extraction call in this one process, so the figures of
all extractors come from the same machine at the same moment; compare the ratios, not the
absolute times. The main pass runs every extractor on a page before the next page; thresher
without its metadata and thresher with its Markdown read each have a pass of their own, in
which the peers run again beside them, page by page, for their ratios. Peak memory is the
whole run's maximum resident set.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import thresher
from thresher.build_info import describe
from thresher.decode import decode
from thresher.dom import parse
from thresher.label.classify import PAGE_TYPES
from thresher.options import DEFAULT_OPTIONS

from .dataset import DEFAULT_DATA, Sample, load_samples, snippet_found, word_f1
from .peers import PEER_FACTORIES, load_peers, missing_note

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


@dataclass
class Tally:
    f1: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    with_found: int = 0
    with_total: int = 0
    without_present: int = 0
    without_total: int = 0
    cpu_seconds: float = 0.0
    errors: int = 0
    page_seconds: list[tuple[int, float]] = field(default_factory=list)  # (bytes, seconds)

    def add(self, sample: Sample, text: str, seconds: float) -> None:
        score = word_f1(text, sample.main_content)
        self.f1["overall"].append(score.f1)
        self.f1[sample.page_type].append(score.f1)
        self.precision.append(score.precision)
        self.recall.append(score.recall)
        self.cpu_seconds += seconds
        self.page_seconds.append((len(sample.html), seconds))
        for snippet in sample.with_snippets:
            self.with_total += 1
            self.with_found += snippet_found(snippet, text)
        for snippet in sample.without_snippets:
            self.without_total += 1
            self.without_present += snippet_found(snippet, text)

    def summary(self) -> dict:
        pages = len(self.precision)
        return {
            "pages": pages,
            "f1": {name: round(sum(v) / len(v), 4) for name, v in self.f1.items()},
            "pages_by_type": {name: len(v) for name, v in self.f1.items() if name != "overall"},
            "precision": round(sum(self.precision) / max(pages, 1), 4),
            "recall": round(sum(self.recall) / max(pages, 1), 4),
            "with_found": round(self.with_found / max(self.with_total, 1), 4),
            "without_present": round(self.without_present / max(self.without_total, 1), 4),
            "cpu_ms_per_page": round(1000 * self.cpu_seconds / max(pages, 1), 3),
            "cpu_ms_by_size": by_size(self.page_seconds),
            "errors": self.errors,
        }


SIZE_GROUPS = 5


def machine() -> str:
    """The architecture, the processor's model where the system names it, and the cores: the
    ratios between extractors move with the processor (trafilatura's lxml and thresher's
    Python gain unequally from one to the next), so a figure says what it was measured on."""
    cores = f"{os.cpu_count()} cores"
    model = _processor_model()
    return ", ".join(part for part in (platform.machine(), model, cores) if part)


def _processor_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return platform.processor()
    names = (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    return next(names, "") or platform.processor()


def by_size(page_seconds: list[tuple[int, float]]) -> list[dict[str, float]]:
    """Mean size and CPU time per page of each fifth of the pages by size, smallest first:
    a cost the same for every page weighs most on small ones. Every extractor sees the same
    pages in the same order, so its fifths hold the same pages."""
    order = sorted(range(len(page_seconds)), key=lambda i: (page_seconds[i][0], i))
    groups = []
    for number in range(SIZE_GROUPS):
        members = order[
            number * len(order) // SIZE_GROUPS : (number + 1) * len(order) // SIZE_GROUPS
        ]
        if members:
            groups.append(
                {
                    "mean_kb": round(
                        sum(page_seconds[i][0] for i in members) / len(members) / 1024, 1
                    ),
                    "cpu_ms": round(
                        1000 * sum(page_seconds[i][1] for i in members) / len(members), 3
                    ),
                }
            )
    return groups


def timed(function: Callable[[Sample], str], sample: Sample) -> tuple[str, float, bool]:
    started = time.process_time()
    try:
        text, failed = function(sample), False
    except Exception:  # noqa: BLE001 - a peer's failure is scored as empty output
        text, failed = "", True
    return text, time.process_time() - started, failed


def thresher_text(sample: Sample) -> str:
    return thresher.extract(sample.html, url=sample.url).text


_TEXT_ONLY = thresher.Options(include_metadata=False)


def thresher_text_only(sample: Sample) -> str:
    """thresher without its metadata: the text and the language, as the peers give text."""
    return thresher.extract(sample.html, url=sample.url, options=_TEXT_ONLY).text


def thresher_markdown(sample: Sample) -> str:
    """thresher's Markdown, which ``Document.markdown`` renders when it is first read."""
    return thresher.extract(sample.html, url=sample.url).markdown


def parse_only(sample: Sample) -> str:
    decoded = decode(sample.html)
    parse(decoded.text, DEFAULT_OPTIONS, decoded.utf8)
    return ""


def run(data: Path, limit: int | None, peer_names: list[str]) -> dict:
    peers, missing = load_peers(peer_names)
    extractors: dict[str, Callable[[Sample], str]] = {"thresher": thresher_text}
    for peer in peers:
        extractors[peer.name] = lambda sample, peer=peer: peer.extract(sample.html, sample.url)
    tallies = {name: Tally() for name in extractors}
    parse_seconds = 0.0
    thresher.extract("<p>warm up</p>")
    started = time.time()
    for count, sample in enumerate(load_samples(data, limit), 1):
        for name, extractor in extractors.items():
            text, seconds, failed = timed(extractor, sample)
            tallies[name].add(sample, text, seconds)
            tallies[name].errors += failed
        parse_seconds += timed(parse_only, sample)[1]
        if sys.stderr.isatty() or count % 100 == 0:
            print(
                f"\r{count} pages, {time.time() - started:.0f}s",
                end="",
                file=sys.stderr,
                flush=True,
            )
    print(file=sys.stderr)
    peer_extractors = {name: e for name, e in extractors.items() if name != "thresher"}
    text_only = variant_pass(thresher_text_only, peer_extractors, load_samples(data, limit))
    with_markdown = variant_pass(thresher_markdown, peer_extractors, load_samples(data, limit))
    results = {name: tally.summary() for name, tally in tallies.items()}
    pages = results["thresher"]["pages"]
    return {
        "command": ("python -m bench.run " + " ".join(sys.argv[1:])).strip(),
        "date": time.strftime("%Y-%m-%d"),
        "data": str(data),
        "pages": pages,
        "python": platform.python_version(),
        "machine": machine(),
        "versions": {
            "thresher": f"{thresher.__version__} ({describe()})",
            **{peer.name: peer.version for peer in peers},
            "selectolax": metadata.version("selectolax"),
            "numpy": metadata.version("numpy"),
        },
        "missing_peers": missing,
        "results": results,
        "parse_only_cpu_ms_per_page": round(1000 * parse_seconds / max(pages, 1), 3),
        "text_only_cpu_ms_per_page": text_only.pop("thresher"),
        "text_only_peers_cpu_ms_per_page": text_only,
        "with_markdown_cpu_ms_per_page": with_markdown.pop("thresher"),
        "with_markdown_peers_cpu_ms_per_page": with_markdown,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def variant_pass(
    variant: Callable[[Sample], str],
    peers: dict[str, Callable[[Sample], str]],
    samples: Iterable[Sample],
) -> dict[str, float]:
    """CPU ms per page of a variant of thresher's extraction and of each peer, page by page
    in one pass of their own, so that a peer's time over the variant's is taken at the same
    moments of a shared machine (a pass of their own: right after thresher's full extraction
    of the same page, the caches of the page's class names and text would be warm, and the
    variant's figure flattered)."""
    seconds = dict.fromkeys(["thresher", *peers], 0.0)
    pages = 0
    for sample in samples:
        seconds["thresher"] += timed(variant, sample)[1]
        for name, extractor in peers.items():
            seconds[name] += timed(extractor, sample)[1]
        pages += 1
    return {name: round(1000 * total / max(pages, 1), 3) for name, total in seconds.items()}


def cross_validated_column() -> dict | None:
    """thresher's figures on pages of sites its model was not trained on, if recorded."""
    path = ROOT / "src" / "thresher" / "label" / "models" / "evaluation.json"
    if not path.exists():
        return None
    evaluation = json.loads(path.read_text(encoding="utf-8"))
    return {
        "f1": {
            "overall": evaluation["word_f1"]["all"],
            **{k: v for k, v in evaluation["word_f1"].items() if k != "all"},
        }
    }


def table(report: dict) -> str:
    results = dict(report["results"])
    cross_validated = report.get("thresher_cross_validated")
    names = list(results)
    header = ["", *names]
    if cross_validated:
        header.insert(2, "thresher, unseen sites")

    def f1_row(label: str, key: str) -> list[str]:
        values = [results[n]["f1"].get(key, 0) for n in names]
        cells = [f"{value:.3f}" for value in values]
        if not cross_validated:
            return [label, *cells]
        # The best of the fair figures (thresher on unseen sites and the peers) is in bold;
        # thresher's in-sample fit competes with nobody.
        fair = [cross_validated["f1"].get(key, 0), *values[1:]]
        best = max(fair)
        marked = [f"**{v:.3f}**" if v == best else f"{v:.3f}" for v in fair]
        return [label, cells[0], *marked]

    def plain_row(label: str, values: list[str]) -> list[str]:
        return [label, *values[:1], *(["-"] if cross_validated else []), *values[1:]]

    rows = [f1_row("word F1, overall", "overall")]
    for page_type in PAGE_TYPES:
        if page_type in results["thresher"]["f1"]:
            pages = report["results"]["thresher"]["pages_by_type"][page_type]
            rows.append(f1_row(f"  {page_type} ({pages})", page_type))
    thresher_ms = results["thresher"]["cpu_ms_per_page"]
    rows += [
        plain_row("precision", [f"{results[n]['precision']:.3f}" for n in names]),
        plain_row("recall", [f"{results[n]['recall']:.3f}" for n in names]),
        plain_row("`with` snippets found", [f"{results[n]['with_found']:.3f}" for n in names]),
        plain_row(
            "`without` snippets present", [f"{results[n]['without_present']:.3f}" for n in names]
        ),
        plain_row("CPU ms per page", [f"{results[n]['cpu_ms_per_page']:.2f}" for n in names]),
        plain_row(
            "its CPU time / thresher's",
            [f"{results[n]['cpu_ms_per_page'] / thresher_ms:.2f}x" for n in names],
        ),
        plain_row("errors", [str(results[n]["errors"]) for n in names]),
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    parse_ms = report["parse_only_cpu_ms_per_page"]
    lines += [
        "",
        f"Decoding and parsing alone (the floor): {parse_ms:.2f} CPU ms per page; thresher "
        f"takes {thresher_ms / max(parse_ms, 1e-9):.1f}x that. Peak memory of the whole run "
        f"(all extractors in one process): {report['peak_rss_mb']:.0f} MB.",
        "`its CPU time / thresher's`: above 1, thresher is that many times faster.",
    ]
    lines += _text_only_line(report, results, names)
    lines += _markdown_line(report, results, names)
    lines += ["", *size_table(results, names)]
    if cross_validated:
        lines.append(
            "thresher's model was trained on these pages, so its own column is a fit, not a "
            "test. **thresher, unseen sites** is the figure that counts: each page scored by a "
            "model trained without any page of its site (5 folds grouped by domain, "
            "`python -m training.train`)."
        )
        exact = [f"thresher on unseen sites {cross_validated['f1'].get('overall', 0):.4f}"]
        exact += [f"{n} {results[n]['f1'].get('overall', 0):.4f}" for n in names[1:]]
        lines.append(f"Overall word F1 to four places: {', '.join(exact)}.")
    return "\n".join(lines)


def _text_only_line(report: dict, results: dict, names: list[str]) -> list[str]:
    """thresher's time without its metadata (``Options(include_metadata=False)``), beside the
    peers, which give text alone."""
    return _pass_line(
        "Without its metadata (`Options(include_metadata=False)` or `--no-metadata`: the text "
        "and the language, as the peers give text alone)",
        report.get("text_only_cpu_ms_per_page"),
        report.get("text_only_peers_cpu_ms_per_page"),
        results,
        names,
    )


def _markdown_line(report: dict, results: dict, names: list[str]) -> list[str]:
    """thresher's time when its Markdown is read as well: ``Document.markdown`` renders it on
    that first read, so the extraction call the table times gives the text alone."""
    return _pass_line(
        "The Markdown is rendered when `Document.markdown` is first read. With it read as well "
        "(in a pass of its own)",
        report.get("with_markdown_cpu_ms_per_page"),
        report.get("with_markdown_peers_cpu_ms_per_page"),
        results,
        names,
    )


def _pass_line(
    opening: str,
    ms: float | None,
    peers_ms: dict[str, float] | None,
    results: dict,
    names: list[str],
) -> list[str]:
    """A sentence on a pass of a variant of thresher: its time, and each peer's time over it,
    the peer timed in the same pass (in results recorded before peers were, in the main one);
    no sentence for results recorded before the pass was timed."""
    if not ms:
        return []
    if peers_ms:
        ratios = ", ".join(f"{n} {peers_ms[n] / ms:.2f}x" for n in names[1:] if n in peers_ms)
        timed_where = "in the same pass"
    else:
        ratios = ", ".join(f"{n} {results[n]['cpu_ms_per_page'] / ms:.2f}x" for n in names[1:])
        timed_where = "in the main pass"
    return [
        "",
        f"{opening}, thresher takes {ms:.2f} CPU ms per page"
        + (f"; each peer's CPU time over that, {timed_where}: {ratios}." if ratios else "."),
    ]


def size_table(results: dict, names: list[str]) -> list[str]:
    """CPU ms per page by fifth of the pages by size, each with its ratio to thresher's."""
    groups = results["thresher"].get("cpu_ms_by_size", [])
    if not groups:
        return []
    lines = [
        "CPU ms per page by fifth of the pages by size (in brackets, the time over thresher's):",
        "",
        "| pages by size | mean size | " + " | ".join(names) + " |",
        "|" + "---|" * (len(names) + 2),
    ]
    for number, group in enumerate(groups):
        cells = []
        for name in names:
            own = results[name]["cpu_ms_by_size"][number]["cpu_ms"]
            ratio = "" if name == "thresher" else f" ({own / max(group['cpu_ms'], 1e-9):.2f}x)"
            cells.append(f"{own:.1f}{ratio}")
        label = f"fifth {number + 1}" + (" (smallest)" if number == 0 else "")
        label += " (largest)" if number == len(groups) - 1 else ""
        lines.append(f"| {label} | {group['mean_kb']:.0f} KB | " + " | ".join(cells) + " |")
    return [*lines, ""]


def section_opening(title: str, report: dict) -> str:
    """A BENCHMARKS.md section's heading and the commands that remake its figures."""
    dated = f"{title} ({report['date']})" if "date" in report else title
    return f"## {dated}\n\n```sh\npip install '.[bench]'\n{report['command']}\n```\n\n"


def main_section(report: dict) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    return (
        section_opening("Main content on WCXB development pages", report)
        + f"{report['pages']} pages of `{Path(report['data']).name}`; Python {report['python']} "
        f"on {report['machine']}; {versions}.\n\n"
        f"{table(report)}\n\n"
        "The cross-validated figures come from `src/thresher/label/models/evaluation.json`, "
        "written by the training script.\n"
    )


def record_results(path: Path, report: dict) -> None:
    """Keep a benchmark's latest figures and rebuild BENCHMARKS.md from all of them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_benchmarks_md(ROOT / "BENCHMARKS.md")


def write_benchmarks_md(path: Path) -> None:
    """BENCHMARKS.md from the latest results of every benchmark command."""
    from .archive import archive_section
    from .charset import charset_section
    from .comments import comments_section
    from .dependencies import dependencies_section
    from .growth import growth_section
    from .markdown import markdown_section
    from .metadata import metadata_section
    from .service import service_section
    from .stages import stages_section

    sections = ["# Benchmarks\n\nMade by the benchmark commands from their latest results.\n"]
    for name, render in (
        ("wcxb.json", main_section),
        ("metadata.json", metadata_section),
        ("markdown.json", markdown_section),
        ("charset.json", charset_section),
        ("comments.json", comments_section),
        ("archive.json", archive_section),
        ("service.json", service_section),
        ("stages.json", stages_section),
        ("growth.json", growth_section),
        ("dependencies.json", dependencies_section),
    ):
        result = RESULTS / name
        if result.exists():
            sections.append(render(json.loads(result.read_text(encoding="utf-8"))))
    path.write_text("\n".join(sections), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a WCXB folder")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument(
        "--peers",
        default=",".join(PEER_FACTORIES),
        help="comma-separated peers to run beside thresher ('' for none)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "wcxb.json")
    args = parser.parse_args(argv)
    peers = [p for p in args.peers.split(",") if p]
    report = run(args.data, args.limit, peers)
    # a partial run (fewer pages, or fewer peers asked for or loaded) must not replace the
    # recorded figures
    if args.limit is None and set(peers) == set(PEER_FACTORIES) and not report["missing_peers"]:
        report["thresher_cross_validated"] = cross_validated_column()
        record_results(args.output, report)
    print(table(report))
    if report["missing_peers"]:
        print(missing_note(report["missing_peers"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
