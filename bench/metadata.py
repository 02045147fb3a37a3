"""Benchmark thresher's metadata against trafilatura and htmldate on WCXB.

    python -m bench.metadata [--data PATH] [--limit N] [--sources]

For title, authors and publication date: over pages whose ground truth has a value, the share
right (title: equal after NFKC, case folding and collapsing white space; authors: the same set
of names after that normalisation; date: the same YYYY-MM-DD); over pages whose ground truth is
null, the share where a value is returned anyway (lower is better). Also the CPU time the
metadata stage adds per page. ``--sources`` prints how often each source is right, per field:
the evidence behind ``thresher/metadata/reliability.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from importlib import metadata as distributions
from pathlib import Path

from thresher.decode import decode, double_encoded, turned_back
from thresher.label import label_blocks
from thresher.metadata import gather_candidates, read_metadata, validate
from thresher.options import DEFAULT_OPTIONS
from thresher.pipeline import read_page
from thresher.render import render_text
from thresher.select import select_main

from .dataset import DEFAULT_DATA, Sample, load_samples
from .peers import missing_note
from .run import machine, section_opening

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("title", "authors", "date")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)

Prediction = dict[str, object]


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def author_set(value: object) -> frozenset[str]:
    """The names a truth string or a returned list holds. The truth is one string per page:
    "Kaufman, Jeff T." is one name written surname first, and in "Dylan Bailey, MS, RD" the
    degrees after the name are no names; both readings apply to every system's values."""
    if isinstance(value, (list, tuple)):
        names = [str(name) for name in value]
    else:
        names = [name for part in str(value or "").split(";") for name in _names_in(part)]
    kept = [name for position, name in enumerate(names) if not (position and _DEGREE.match(name))]
    return frozenset(normalise(n) for n in kept if n and normalise(n))


_SURNAME_FIRST = re.compile(r"^\s*([^\W\d_][\w'’-]*),\s+([^\W\d_][\w'’-]*(?:\s+[^\W\d_]\.)*)\s*$")
# An abbreviation in capitals after a name: "MD", "Ph.D.", "M.A.", "E-RYT 200".
_DEGREE = re.compile(r"^\s*(?=\S{2})(?:[A-Z][A-Za-z]?\.?){0,3}[A-Z]\.?(?:-[A-Z]+)?(?:\s+\d+)?\s*$")


def _names_in(text: str) -> list[str]:
    inverted = _SURNAME_FIRST.match(text)
    if inverted:
        return [f"{inverted.group(2)} {inverted.group(1)}"]
    return _NAME_SPLIT.split(text)


def right(field: str, predicted: object, truth: str) -> bool:
    if field == "title":
        return isinstance(predicted, str) and normalise(predicted) == normalise(truth)
    if field == "authors":
        return bool(predicted) and author_set(predicted) == author_set(truth)
    return isinstance(predicted, str) and predicted[:10] == truth[:10]


def truth_of(sample: Sample, field: str) -> str | None:
    return {"title": sample.title, "authors": sample.author, "date": sample.publish_date}[field]


def thresher_metadata(sample: Sample) -> tuple[Prediction, float]:
    """thresher's fields, and the CPU seconds of the metadata stage alone."""
    deadline = time.monotonic() + DEFAULT_OPTIONS.time_limit_seconds
    decoded = decode(sample.html).text
    page = read_page(decoded, DEFAULT_OPTIONS, deadline)
    labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
    text = render_text([page.blocks[i] for i in select_main(page, labels, DEFAULT_OPTIONS)])
    started = time.process_time()
    meta = read_metadata(page, labels, sample.url, text)
    seconds = time.process_time() - started
    # as thresher.extract delivers them: text encoded twice turned back ("donâ€™t")
    repair = DEFAULT_OPTIONS.repair_encoding and (double_encoded(decoded) or double_encoded(text))

    def delivered(value: str) -> str:
        return turned_back(value)[0] if repair else value

    return {
        "title": delivered(meta.title) if meta.title else meta.title,
        "authors": [delivered(name) for name in meta.authors],
        "date": meta.date_published,
    }, seconds


def load_peers() -> tuple[dict[str, Callable[[Sample], Prediction]], dict[str, str]]:
    """The peers that load, by name and version, and for each of the others why not."""
    peers: dict[str, Callable[[Sample], Prediction]] = {}
    missing: dict[str, str] = {}
    try:
        import trafilatura

        def run_trafilatura(sample: Sample) -> Prediction:
            document = trafilatura.bare_extraction(sample.html, url=sample.url, with_metadata=True)
            if document is None:
                return {}
            return {"title": document.title, "authors": document.author, "date": document.date}

        peers[f"trafilatura {distributions.version('trafilatura')}"] = run_trafilatura
    except ImportError as error:
        missing["trafilatura"] = str(error)
    try:
        from htmldate import find_date

        def run_htmldate(sample: Sample) -> Prediction:
            return {"date": find_date(sample.html, original_date=True, url=sample.url)}

        peers[f"htmldate {distributions.version('htmldate')}"] = run_htmldate
    except ImportError as error:
        missing["htmldate"] = str(error)
    return peers, missing


def score(rows: list[tuple[Sample, Prediction]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for field in FIELDS:
        with_truth = [(s, p) for s, p in rows if truth_of(s, field)]
        without = [(s, p) for s, p in rows if not truth_of(s, field)]
        out[field] = {
            "right": sum(
                right(field, p.get(field), truth_of(s, field) or "") for s, p in with_truth
            )
            / max(len(with_truth), 1),
            "value_when_null": sum(bool(p.get(field)) for _, p in without) / max(len(without), 1),
            "pages_with_truth": len(with_truth),
        }
    return out


def source_accuracy(samples: list[Sample]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per field and source: (right, offered) over pages whose truth has a value."""
    field_of = {"title": "title", "authors": "authors", "date_published": "date"}
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for sample in samples:
        page = read_page(decode(sample.html).text, DEFAULT_OPTIONS, time.monotonic() + 20)
        labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
        candidates = gather_candidates(page, labels, sample.url, [])
        for name, field in field_of.items():
            truth = truth_of(sample, field)
            if not truth:
                continue
            seen = set()
            for value, source in candidates[name]:
                cleaned = validate(name, value)
                if not cleaned or source in seen:
                    continue
                seen.add(source)
                tally[name][source][1] += 1
                tally[name][source][0] += right(field, cleaned, truth)
    return {name: {s: (v[0], v[1]) for s, v in sources.items()} for name, sources in tally.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--sources", action="store_true", help="accuracy of each source")
    parser.add_argument("--no-peers", action="store_true", help="thresher alone, faster")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "metadata.json")
    args = parser.parse_args(argv)
    samples = list(load_samples(args.data, args.limit))
    if args.sources:
        for name, sources in source_accuracy(samples).items():
            ranked = sorted(sources.items(), key=lambda item: -item[1][0] / max(item[1][1], 1))
            print(
                name
                + ": "
                + ", ".join(
                    f"{source} {hit / max(total, 1):.2f} ({total})"
                    for source, (hit, total) in ranked
                )
            )
        return 0
    rows: dict[str, list[tuple[Sample, Prediction]]] = defaultdict(list)
    metadata_seconds = 0.0
    core_seconds = 0.0
    peers, missing = ({}, {}) if args.no_peers else load_peers()
    if missing:
        print(missing_note(missing))
    for count, sample in enumerate(samples, 1):
        started = time.process_time()
        prediction, seconds = thresher_metadata(sample)
        core_seconds += time.process_time() - started - seconds
        metadata_seconds += seconds
        rows["thresher"].append((sample, prediction))
        for name, peer in peers.items():
            try:
                rows[name].append((sample, peer(sample)))
            except Exception:  # noqa: BLE001 - a peer's failure counts as no value
                rows[name].append((sample, {}))
        if count % 200 == 0:
            print(f"{count} pages", file=sys.stderr, flush=True)
    results = {name: score(value) for name, value in rows.items()}
    report = {
        "command": ("python -m bench.metadata " + " ".join(sys.argv[1:])).strip(),
        "pages": len(samples),
        "machine": machine(),
        "results": results,
        "metadata_cpu_ms_per_page": round(1000 * metadata_seconds / max(len(samples), 1), 3),
        "core_cpu_ms_per_page": round(1000 * core_seconds / max(len(samples), 1), 3),
        "cross_validated": cross_validated(),
    }
    print(metadata_table(report))
    # a partial run (fewer pages, or a peer left out) must not replace the record
    if args.limit is None and not args.no_peers and not missing:
        from .run import record_results

        record_results(args.output, report)
    return 0


# Fields chosen by a ranker trained on these pages: (entry, key) in evaluation.json.
RANKED_FIELDS = {"title": ("title", "title_accuracy"), "date": ("published", "date_accuracy")}


def cross_validated() -> dict[str, float]:
    """The rankers' accuracy on unseen sites, recorded by ``python -m training.train``."""
    path = ROOT / "src" / "thresher" / "label" / "models" / "evaluation.json"
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = {}
    for field, (entry, key) in RANKED_FIELDS.items():
        if isinstance(figures.get(entry), dict) and key in figures[entry]:
            found[field] = float(figures[entry][key])
    return found


def metadata_section(report: dict) -> str:
    return (
        section_opening("Metadata on WCXB development pages", report)
        + f"{report['pages']} pages, on {report.get('machine', 'a machine not recorded')}. "
        "Title, authors and publication date against the ground "
        "truth; `right` counts pages whose truth has a value, `a value where truth is null` "
        "counts pages whose truth has none (lower is better).\n\n"
        f"{metadata_table(report)}\n"
    )


def metadata_table(report: dict) -> str:
    results = report["results"]
    names = list(results)
    lines = ["| field | measure | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for field in FIELDS:
        pages = results["thresher"][field]["pages_with_truth"]
        for label, measure in (
            (f"right ({pages} pages)", "right"),
            ("a value where truth is null", "value_when_null"),
        ):
            cells = [
                f"{results[n][field][measure]:.3f}" if _has(results[n], field) else "-"
                for n in names
            ]
            lines.append(f"| {field} | {label} | " + " | ".join(cells) + " |")
        unseen = report.get("cross_validated", {}).get(field)
        if unseen is not None:
            rest = " | ".join("-" for _ in names[1:])
            label = "right, unseen sites (domain CV)"
            lines.append(f"| {field} | {label} | **{unseen:.3f}** | {rest} |")
    share = report["metadata_cpu_ms_per_page"] / max(report["core_cpu_ms_per_page"], 1e-9)
    lines.append("")
    lines.append(
        f"Metadata stage: {report['metadata_cpu_ms_per_page']:.2f} CPU ms per page, "
        f"{share:.0%} of the rest of the pipeline "
        f"({report['core_cpu_ms_per_page']:.2f} ms)."
    )
    if report.get("cross_validated"):
        lines.append(
            "The title and the publication date are chosen by rankers trained on these pages, "
            "so their `right` rows are a fit; the `unseen sites` rows are the figures that "
            "count: each page scored by a ranker trained without its site (5 folds grouped by "
            "domain, `python -m training.train`)."
        )
    return "\n".join(lines)


def _has(result: dict, field: str) -> bool:
    return result[field]["right"] > 0 or result[field]["value_when_null"] > 0


if __name__ == "__main__":
    raise SystemExit(main())
