"""What the HTTP service costs over the library, and how it scales: wcxb-dev pages through
``thresher serve``'s server and pool.

    python -m bench.service [--data PATH] [--limit N]

Measures, on the same pages in the same run:
- the library in this process: ``thresher.extract`` and the JSON rendering the service sends,
  wall-clock time per page;
- the service with 1 worker and 1 client sending one page at a time (kept-alive HTTP/1.1,
  format=json): wall-clock time per page, and its overhead over the library (HTTP, the pipe to
  the worker, copying the page and the answer);
- the service with 2 workers and 2 clients: pages per second, and its scaling over 1;
- every answer checked against the library's own output for the page.
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from thresher import __version__, extract
from thresher.batch import warm_up
from thresher.engines.pages import PagePool
from thresher.errors import ThresherError
from thresher.render.formats import render_document
from thresher.service import ServiceLimits, answer, running_server

from .dataset import DEFAULT_DATA, Sample, load_samples
from .run import RESULTS, record_results


def library_pass(samples: list[Sample]) -> tuple[float, list[str | None]]:
    """Wall seconds for every page through the library, and each page's JSON (None when
    refused)."""
    answers: list[str | None] = []
    started = time.perf_counter()
    for sample in samples:
        try:
            answers.append(render_document(extract(sample.html, url=sample.url), "json"))
        except ThresherError:
            answers.append(None)
    return time.perf_counter() - started, answers


def service_pass(
    samples: list[Sample], workers: int, clients: int
) -> tuple[float, list[tuple[int, bytes]]]:
    """Wall seconds for every page through a server with ``workers`` processes and
    ``clients`` threads sending pages, and each page's (status, body)."""
    limits = ServiceLimits(max_bytes=256 * 2**20)
    pool = PagePool(workers, answer, warm=warm_up)
    with pool, running_server(pool, limits) as address:
        local = threading.local()

        def send(sample: Sample) -> tuple[int, bytes]:
            if not hasattr(local, "connection"):
                local.connection = http.client.HTTPConnection(*address, timeout=600)
            path = "/extract?format=json" + (
                f"&url={quote(sample.url, safe='')}" if sample.url else ""
            )
            local.connection.request("POST", path, body=sample.html)
            response = local.connection.getresponse()
            return response.status, response.read()

        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as senders:
            replies = list(senders.map(send, samples))
        elapsed = time.perf_counter() - started
    return elapsed, replies


def agreement(expected: list[str | None], replies: list[tuple[int, bytes]]) -> int:
    """Pages whose answer is the library's: the same JSON, or a refusal where it refused."""
    same = 0
    for wanted, (status, body) in zip(expected, replies, strict=True):
        if wanted is None:
            same += status == 422
        else:
            same += status == 200 and json.loads(body) == json.loads(wanted)
    return same


def measure(data: Path, limit: int | None) -> dict[str, Any]:
    samples = list(load_samples(data, limit))
    library_s, expected = library_pass(samples)
    one_s, one = service_pass(samples, workers=1, clients=1)
    two_s, two = service_pass(samples, workers=2, clients=2)
    pages = len(samples)
    return {
        "command": "python -m bench.service" + (f" --limit {limit}" if limit else ""),
        "date": time.strftime("%Y-%m-%d"),
        "thresher": __version__,
        "python": platform.python_version(),
        "pages": pages,
        "library_ms_per_page": round(library_s * 1000 / pages, 2),
        "service_1_ms_per_page": round(one_s * 1000 / pages, 2),
        "service_overhead": round(one_s / library_s - 1, 4),
        "service_1_pages_per_s": round(pages / one_s, 1),
        "service_2_pages_per_s": round(pages / two_s, 1),
        "scaling_2_over_1": round(one_s / two_s, 2),
        "statuses": dict(Counter(str(status) for status, _ in one + two)),
        "same_as_library": [agreement(expected, one), agreement(expected, two)],
    }


def service_section(report: dict[str, Any]) -> str:
    pages = report["pages"]
    same_one, same_two = report["same_as_library"]
    statuses = ", ".join(
        f"{count} x {status}" for status, count in sorted(report["statuses"].items())
    )
    return "\n".join(
        [
            f"## Service: wcxb-dev pages over HTTP ({report['date']})",
            "",
            f"`{report['command']}`: {pages} pages, thresher {report['thresher']}, Python "
            f"{report['python']}, 2 cores; server, clients and workers on the same machine.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| library in one process (extract + JSON), wall time per page | "
            f"{report['library_ms_per_page']} ms |",
            f"| service, 1 worker, 1 client at a time, wall time per page | "
            f"{report['service_1_ms_per_page']} ms |",
            f"| overhead of the service over the library (HTTP, pipe, copies) | "
            f"{report['service_overhead']:.1%} |",
            f"| service, 1 worker | {report['service_1_pages_per_s']} pages/s |",
            f"| service, 2 workers, 2 clients | {report['service_2_pages_per_s']} pages/s "
            f"({report['scaling_2_over_1']}x of 1) |",
            f"| answers equal to the library's (1 worker; 2 workers) | {same_one} and "
            f"{same_two} of {pages} |",
            f"| statuses | {statuses} |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="only the first N pages (not recorded)")
    args = parser.parse_args(argv)
    report = measure(args.data, args.limit)
    if args.limit is None:
        record_results(RESULTS / "service.json", report)
    print(service_section(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
