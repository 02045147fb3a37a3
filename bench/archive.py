"""Throughput of the archive path: every wcxb-dev page as WARC records, through every engine.

    python -m bench.archive [--data PATH] [--limit N] [--shards 16] [--engines local,ray,spark]

Measures, on one archive built from the pages (one gzip member per record, as Common Crawl):
- the single-page core's CPU time per page (``thresher.extract`` on the same pages);
- the archive path's CPU time per page in one process (reading, HTTP, extraction, the
  Markdown column, Parquet), and its overhead over the core: the Markdown, which
  ``thresher.extract`` leaves until it is first read, is timed apart from the reading and
  writing;
- wall-clock pages per second of the local engine with 1 and with 2 workers over the archive
  split into shards, and each worker's peak resident memory;
- the same shards through Ray (local, 2 CPUs) and Spark (local[2]) when installed.
Then the cost of a Common Crawl snapshot, computed from the measured CPU time per page.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from thresher import __version__, extract
from thresher.archive import ArchiveOptions, process_archive

from .dataset import DEFAULT_DATA, load_samples
from .run import RESULTS, record_results
from .warcs import Page, page_records, write_warc

# Common Crawl CC-MAIN-2024-51 (a typical snapshot): about 2.6 billion HTML responses in
# about 90,000 WARC files. Costs are for on-demand cloud vCPUs.
SNAPSHOT_PAGES = 2.6e9
SNAPSHOT_FILES = 90_000
PRICE_PER_VCPU_HOUR = 0.04  # USD, a 2026 list price for general-purpose x86 vCPUs
BUDGET_USD = 1_000.0


def build_archives(data: Path, limit: int | None, folder: Path, shards: int) -> list[Path]:
    pages = [
        Page(s.url or f"https://example.org/{s.page_id}", s.html) for s in load_samples(data, limit)
    ]
    paths = []
    for index in range(shards):
        chunk = pages[index::shards]
        records = [record for page in chunk for record in page_records(page)]
        paths.append(write_warc(folder / f"wcxb-{index:02d}.warc.gz", records))
    return paths


def core_cpu_per_page(data: Path, limit: int | None) -> tuple[float, int]:
    total, count = 0.0, 0
    for sample in load_samples(data, limit):
        started = time.process_time()
        with contextlib.suppress(Exception):  # a rejected page costs time all the same
            extract(sample.html, url=sample.url)
        total += time.process_time() - started
        count += 1
    return total / count, count


def archive_cpu_per_page(paths: list[Path], out: Path) -> tuple[float, float, float]:
    """CPU time per page of the whole archive path, of the core's calls inside it, and of
    rendering the Markdown the shards hold (``Document.markdown``, rendered when first read).

    The three are measured in the same run (paired), so the overhead they give is not drowned
    by the run-to-run noise of a shared machine.
    """
    import thresher.archive.iterate as iterate
    from thresher.archive import arrow_schema

    arrow_schema()  # pyarrow's import is paid once per process, not per page
    inside = {"core": 0.0, "markdown": 0.0}
    core = iterate.extract

    def timed_extract(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            document = core(*args, **kwargs)
        finally:
            inside["core"] += time.process_time() - started
        started = time.process_time()
        _ = document.markdown  # the shard's row reads it next, rendered by then
        inside["markdown"] += time.process_time() - started
        return document

    iterate.extract = timed_extract  # type: ignore[assignment]
    try:
        started = time.process_time()
        pages = sum(process_archive(path, out, ArchiveOptions()).extracted for path in paths)
        total = time.process_time() - started
    finally:
        iterate.extract = core  # type: ignore[assignment]
    return total / pages, inside["core"] / pages, inside["markdown"] / pages


def local_engine(paths: list[Path], out: Path, workers: int) -> dict[str, Any]:
    from thresher.engines.local import LocalPool

    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    results = LocalPool(out, ArchiveOptions(), workers).run([str(p) for p in paths])
    wall = time.monotonic() - started
    ledgers = [r.ledger for r in results if r.ledger]
    pages = sum(ledger["extracted"] for ledger in ledgers)
    peak = max(ledger.get("worker_peak_rss_mb", 0.0) for ledger in ledgers)
    return {
        "workers": workers,
        "wall_s": round(wall, 2),
        "pages": pages,
        "pages_per_s": round(pages / wall, 1),
        "worker_peak_rss_mb": peak,
    }


def engine_run(engine: str, paths: list[Path], out: Path) -> dict[str, Any] | None:
    from thresher.engines import run

    module = {"ray": "ray", "spark": "pyspark"}[engine]
    try:
        __import__(module)
    except ImportError:
        return None
    shutil.rmtree(out, ignore_errors=True)
    session = None
    if engine == "spark":
        from thresher.engines.spark import spark_session

        session = spark_session(2)
        session.createDataFrame([(1,)], "x int").collect()  # start-up outside the timing
    elif engine == "ray":
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        started = time.monotonic()
        summary = run(paths, out, engine=engine, workers=2)
        wall = time.monotonic() - started
    finally:
        if session is not None:
            session.stop()
        if engine == "ray":
            import ray

            ray.shutdown()
    pages = summary["records_extracted"]
    return {
        "engine": engine,
        "workers": 2,
        "wall_s": round(wall, 2),
        "pages": pages,
        "pages_per_s": round(pages / wall, 1),
    }


def sample_ledgers(root: Path) -> list[dict[str, Any]]:
    """The ledger of every file of the shared WARC samples (the traps the tests also check)."""
    from thresher.archive import Ledger, iter_archive

    rows = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md"):
        ledger = Ledger(str(path.relative_to(root)))
        for outcome in iter_archive(path):
            ledger.add(outcome)
        rows.append(ledger.to_dict())
    return rows


def snapshot_cost(cpu_per_page: float) -> dict[str, Any]:
    cpu_hours = SNAPSHOT_PAGES * cpu_per_page / 3600
    vcpus = cpu_hours * PRICE_PER_VCPU_HOUR
    budget_hours = BUDGET_USD / PRICE_PER_VCPU_HOUR
    cluster = 1_000
    return {
        "pages": SNAPSHOT_PAGES,
        "files": SNAPSHOT_FILES,
        "cpu_hours": round(cpu_hours),
        "cost_usd": round(vcpus),
        "price_per_vcpu_hour": PRICE_PER_VCPU_HOUR,
        "budget_usd": BUDGET_USD,
        "vcpu_hours_in_budget": round(budget_hours),
        "cluster_vcpus": cluster,
        "wall_hours_on_cluster": round(cpu_hours / cluster, 1),
    }


def measure(data: Path, limit: int | None, shards: int, engines: list[str]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="thresher-bench-"))
    try:
        paths = build_archives(data, limit, work, shards)
        size = sum(p.stat().st_size for p in paths)
        core, pages = core_cpu_per_page(data, limit)
        archive, core_inside, markdown = archive_cpu_per_page(paths, work / "single")
        report: dict[str, Any] = {
            "command": "python -m bench.archive" + (f" --limit {limit}" if limit else ""),
            "date": time.strftime("%Y-%m-%d"),
            "thresher": __version__,
            "python": platform.python_version(),
            "pages": pages,
            "archive_files": shards,
            "archive_bytes": size,
            "core_cpu_ms_per_page": round(core * 1000, 2),
            "archive_cpu_ms_per_page": round(archive * 1000, 2),
            "core_inside_archive_cpu_ms_per_page": round(core_inside * 1000, 2),
            "markdown_inside_archive_cpu_ms_per_page": round(markdown * 1000, 2),
            "parquet_bytes": sum(p.stat().st_size for p in (work / "single").glob("*.parquet")),
            "archive_overhead": round(archive / core_inside - 1, 4),
            "local": [local_engine(paths, work / f"w{n}", n) for n in (1, 2)],
        }
        one, two = report["local"]
        report["scaling_2_over_1"] = round(two["pages_per_s"] / one["pages_per_s"], 2)
        report["engines"] = [r for e in engines if (r := engine_run(e, paths, work / e))]
        report["snapshot"] = snapshot_cost(archive)
        samples = data.parent / "warc-samples"
        report["sample_ledgers"] = sample_ledgers(samples) if samples.is_dir() else []
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def archive_section(report: dict[str, Any]) -> str:
    one, two = report["local"]
    size = report["archive_bytes"]
    lines = [
        f"## Archive path: wcxb-dev as WARC ({report['date']})",
        "",
        f"`{report['command']}`: {report['pages']} pages in {report['archive_files']} "
        f"gzip-per-record WARC files ({report['archive_bytes'] / 2**20:.1f} MiB), thresher "
        f"{report['thresher']}, Python {report['python']}, 2 cores.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| core CPU time per page (`thresher.extract`) | {report['core_cpu_ms_per_page']} ms |",
        f"| archive path CPU time per page (read, HTTP, extract, Markdown, Parquet) | "
        f"{report['archive_cpu_ms_per_page']} ms |",
        f"| of which the core's own calls, in the same run | "
        f"{report['core_inside_archive_cpu_ms_per_page']} ms |",
        *_markdown_rows(report),
        f"| overhead of the archive path over the core's calls in the same run | "
        f"{report['archive_overhead']:.1%} |",
        f"| overhead over the core measured alone (unpaired: includes run-to-run noise) | "
        f"{report['archive_cpu_ms_per_page'] / report['core_cpu_ms_per_page'] - 1:.1%} |",
        f"| Parquet output / WARC input | {report['parquet_bytes'] / size:.1%} |",
        f"| local engine, 1 worker | {one['pages_per_s']} pages/s |",
        f"| local engine, 2 workers | {two['pages_per_s']} pages/s "
        f"({report['scaling_2_over_1']}x of 1) |",
        f"| peak resident memory per worker | {two['worker_peak_rss_mb']} MB |",
    ]
    for engine in report["engines"]:
        lines.append(
            f"| {engine['engine']} local, 2 CPUs | {engine['pages_per_s']} pages/s "
            f"(wall {engine['wall_s']} s, start-up included) |"
        )
    cost = report["snapshot"]
    lines += [
        "",
        f"One Common Crawl snapshot ({cost['pages'] / 1e9:.1f} billion HTML pages, "
        f"{cost['files']:,} files) at the archive path's CPU time per page: "
        f"**{cost['cpu_hours']:,} CPU-hours**, about ${cost['cost_usd']:,} at "
        f"${cost['price_per_vcpu_hour']}/vCPU-hour; {cost['wall_hours_on_cluster']} hours on "
        f"{cost['cluster_vcpus']:,} vCPUs. See docs/scale.md.",
        "",
    ]
    if report.get("sample_ledgers"):
        lines += ledger_table(report["sample_ledgers"])
    return "\n".join(lines)


def _markdown_rows(report: dict[str, Any]) -> list[str]:
    """The Markdown column's share and what is left for reading and writing (runs before
    2026-12-06 did not time the Markdown apart)."""
    markdown = report.get("markdown_inside_archive_cpu_ms_per_page")
    if markdown is None:
        return []
    rest = (
        report["archive_cpu_ms_per_page"] - report["core_inside_archive_cpu_ms_per_page"] - markdown
    )
    return [
        f"| of which the Markdown column, rendered when first read | {markdown} ms |",
        f"| of which reading the WARC, HTTP and writing Parquet | {rest:.2f} ms |",
    ]


def ledger_table(ledgers: list[dict[str, Any]]) -> list[str]:
    lines = [
        "Ledger of every file in `../shared/data/warc-samples` "
        "(read = extracted + skipped + failed on each):",
        "",
        "| file | read | extracted | skipped | failed | cut short | balanced |",
        "|---|---|---|---|---|---|---|",
    ]
    for ledger in ledgers:
        lines.append(
            f"| {ledger['path']} | {ledger['read']} | {ledger['extracted']} | "
            f"{ledger['skipped']} | {ledger['failed']} | {len(ledger['truncated'])} | "
            f"{'yes' if ledger['balanced'] else '**no**'} |"
        )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="only the first N pages (not recorded)")
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--engines", default="ray,spark", help="distributed engines to time")
    args = parser.parse_args(argv)
    report = measure(args.data, args.limit, args.shards, [e for e in args.engines.split(",") if e])
    if args.limit is None:
        record_results(RESULTS / "archive.json", report)
    print(archive_section(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
