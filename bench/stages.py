"""Where thresher's time goes: CPU time per page of each stage of the pipeline on WCXB.

    python -m bench.stages [--data PATH] [--limit N] [--every K]

Each page goes through the stages ``thresher.extract`` calls, in its order and with its
default options, and the CPU time (``time.process_time``) of each is added up:

- decode: bytes -> text (charset);
- page model: the guarded parse and the page builder (``read_page``); decoding and parsing
  alone, ``python -m bench.run``'s floor, are timed in a pass of their own, so that the
  parse's share is the floor less the decoding and the builder's the rest;
- labels: block features, page type and the block classifiers;
- selection: the anatomy (comments, bylines, teasers) and the choice of the main blocks;
- render: the text;
- metadata;

and apart from them, as ``Document.markdown`` renders it only when first read, the
Markdown.

``thresher.extract`` is timed on the same pages in the same run, before the stages: what it
takes beyond their sum is the Document and its checks, and the warmer caches of class words
the stages find after it (on all wcxb-dev pages, 2026-12-03, the two came within 1%). Read the
figures as each stage's share of the whole, on the machine named; the peers' times are
``python -m bench.run``'s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import thresher
from thresher.build_info import describe
from thresher.decode import decode
from thresher.label import label_blocks
from thresher.metadata import read_metadata
from thresher.options import DEFAULT_OPTIONS
from thresher.pipeline import content_blocks, read_content, read_page, render

from .dataset import DEFAULT_DATA, Sample, load_samples
from .run import (
    RESULTS,
    machine,
    parse_only,
    record_results,
    section_opening,
    thresher_text,
    timed,
)

STAGES = ("decode", "page model", "labels", "selection", "render", "metadata")
MARKDOWN = "Markdown, when read"
TIMED = (*STAGES, MARKDOWN)  # the Markdown apart: extract leaves it until it is read


class _Laps:
    """CPU time added to a stage's total each time one ends."""

    def __init__(self, totals: dict[str, float]) -> None:
        self.totals = totals
        self.last = time.process_time()

    def end(self, stage: str) -> None:
        now = time.process_time()
        self.totals[stage] += now - self.last
        self.last = now


def staged_text(sample: Sample, totals: dict[str, float]) -> str:
    """The page's text through the stages one by one, each stage's CPU time added to
    ``totals``; the same text as ``thresher.extract`` gives, but where it repairs a page
    encoded twice."""
    options = DEFAULT_OPTIONS
    laps = _Laps(totals)
    decoded = decode(sample.html)
    laps.end("decode")
    deadline = time.monotonic() + options.time_limit_seconds
    page = read_page(decoded.text, options, deadline, decoded.utf8)
    laps.end("page model")
    labels = label_blocks(page, options.threshold)
    laps.end("labels")
    labels, comments, selection = read_content(page, labels, options, options.threshold)
    laps.end("selection")
    text, markdown, _ = render(
        content_blocks(page, selection, sample.url, options), comments, options
    )
    laps.end("render")
    read_metadata(page, labels, sample.url, text)
    laps.end("metadata")
    markdown.text()
    laps.end(MARKDOWN)
    return text


def measure(samples: list[Sample], progress: Callable[[int], None] | None = None) -> dict:
    """Mean CPU ms per page of each stage, of decoding and parsing alone and of
    ``thresher.extract``."""
    totals = dict.fromkeys(TIMED, 0.0)
    thresher.extract("<p>warm up</p>")  # the models load once, outside any page's time
    # extract runs first, as a reader's pages would: the caches of class words that a pass
    # leaves warm favour the pass after it, and here that is the stages' (see the docstring)
    extract_seconds = sum(timed(thresher_text, sample)[1] for sample in samples)
    for count, sample in enumerate(samples, 1):
        staged_text(sample, totals)
        if progress is not None:
            progress(count)
    floor_seconds = sum(timed(parse_only, sample)[1] for sample in samples)
    pages = max(len(samples), 1)
    return {
        "stages_cpu_ms": {stage: round(1000 * s / pages, 3) for stage, s in totals.items()},
        "decode_and_parse_cpu_ms": round(1000 * floor_seconds / pages, 3),
        "extract_cpu_ms": round(1000 * extract_seconds / pages, 3),
    }


def stages_table(report: dict[str, Any]) -> str:
    stages = dict(report["stages_cpu_ms"])
    markdown_ms = stages.pop(MARKDOWN, None)
    whole = sum(stages.values()) or 1.0
    parse_ms = max(report["decode_and_parse_cpu_ms"] - stages["decode"], 0.0)
    lines = ["| stage | CPU ms per page | share |", "|---|---|---|"]
    for stage, ms in stages.items():
        lines.append(f"| {stage} | {ms:.2f} | {ms / whole:.0%} |")
        if stage == "page model":
            builder = max(ms - parse_ms, 0.0)
            lines.append(f"|   of which the parse | {parse_ms:.2f} | {parse_ms / whole:.0%} |")
            lines.append(f"|   of which the builder | {builder:.2f} | {builder / whole:.0%} |")
    lines.append(f"| sum of the stages | {whole:.2f} | 100% |")
    lines.append(f"| `thresher.extract`, the same pages | {report['extract_cpu_ms']:.2f} | |")
    if markdown_ms is not None:
        lines.append(f"| the Markdown, once `Document.markdown` is read | {markdown_ms:.2f} | |")
    return "\n".join(lines)


def stages_section(report: dict[str, Any]) -> str:
    return (
        section_opening("Where thresher's time goes, on WCXB development pages", report)
        + f"{report['pages']} pages ({_which_pages(report['every'])}), on {report['machine']}; "
        f"thresher {report['thresher']}.\n\n{stages_table(report)}\n"
    )


def _which_pages(every: int) -> str:
    return "all of them" if every == 1 else f"one in {every}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a WCXB folder")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--every", type=int, default=1, help="every Kth page only (default 1)")
    args = parser.parse_args(argv)
    if args.every < 1:
        parser.error("--every must be 1 or more")
    samples = list(load_samples(args.data, args.limit))[:: args.every]
    report = {
        "command": ("python -m bench.stages " + " ".join(sys.argv[1:])).strip(),
        "date": time.strftime("%Y-%m-%d"),
        "pages": len(samples),
        "every": args.every,
        "machine": machine(),
        "thresher": f"{thresher.__version__} ({describe()})",
        **measure(samples, _progress),
    }
    print(file=sys.stderr)
    print(stages_table(report))
    if args.limit is None:  # a partial run must not replace the record
        record_results(RESULTS / "stages.json", report)
    return 0


def _progress(count: int) -> None:
    if count % 100 == 0:
        print(f"\r{count} pages", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
