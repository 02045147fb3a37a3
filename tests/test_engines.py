"""Engines: the supervised local pool under crashes, hangs and memory blow-ups; resuming a run;
Ray and Spark running the same per-file function (skipped where the extra is not installed)."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastwarc")
pytest.importorskip("pyarrow")

from bench.warcs import Page, page_records, write_warc  # noqa: E402
from tests.conftest import case_ids, load_case  # noqa: E402
from thresher.archive import ArchiveOptions, shard_path  # noqa: E402
from thresher.engines import Progress, run  # noqa: E402
from thresher.engines.local import LocalPool  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def make_archives(folder: Path, files: int, pages_each: int, repeat: int = 1) -> list[Path]:
    """Archives of real pages; ``repeat`` makes a file long enough to be caught mid-way."""
    cases = case_ids()
    paths = []
    for index in range(files):
        pages = []
        for copy in range(repeat):
            for number in range(pages_each):
                html, truth = load_case(cases[(index * pages_each + number) % len(cases)])
                pages.append(Page(f"{truth['url']}#{copy}-{number}", html))
        records = [record for page in pages for record in page_records(page)]
        paths.append(write_warc(folder / f"part-{index}.warc.gz", records))
    return paths


def slow_page(paragraphs: int = 60_000) -> Page:
    body = "".join(
        f"<p>Paragraph {i} of a page that takes long to read.</p>" for i in range(paragraphs)
    )
    return Page("https://slow.example/", f"<html><body>{body}</body></html>".encode())


def rows_in(shard: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(shard).to_pylist()


def test_local_run_writes_a_shard_per_file_and_a_summary(tmp_path: Path) -> None:
    inputs = make_archives(tmp_path, files=3, pages_each=3)
    summary = run(inputs, tmp_path / "out", workers=2)
    assert summary["files"] == 3 and summary["files_failed"] == []
    assert summary["records_extracted"] == 9 and summary["all_balanced"]
    assert summary["records_read"] == 18 and summary["skipped_by_reason"] == {
        "record type request": 9
    }
    for path in inputs:
        assert len(rows_in(shard_path(path, tmp_path / "out", "parquet"))) == 3
    assert len(list((tmp_path / "out").glob("run-summary-*.json"))) == 1


def test_no_more_workers_start_than_files_wait_for_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every worker started before the first was given a file: thresher run of one archive
    # with --workers 500 spent a minute and a half starting 500 Pythons
    inputs = make_archives(tmp_path, files=2, pages_each=1)
    started = []
    start = LocalPool._start_worker
    monkeypatch.setattr(LocalPool, "_start_worker", lambda pool: started.append(1) or start(pool))
    results = LocalPool(tmp_path / "out", ArchiveOptions(), workers=64).run(list(map(str, inputs)))
    assert len(results) == 2 and len(started) == 2


def test_progress_line_counts_files_records_pages_and_errors(tmp_path: Path) -> None:
    import io

    from thresher.engines.run import ProgressLine

    inputs = make_archives(tmp_path, files=2, pages_each=3)
    screen = io.StringIO()
    run(
        [*inputs, tmp_path / "missing.warc.gz"],
        tmp_path / "out",
        workers=1,
        on_progress=ProgressLine(screen, every=0),
    )
    last = screen.getvalue().rsplit("\r", 1)[-1]
    assert "files 3/3" in last and "records 12" in last and "pages 6" in last
    assert "errors 1" in last


def test_rerun_skips_finished_files_and_redoes_unfinished_ones(tmp_path: Path) -> None:
    inputs = make_archives(tmp_path, files=3, pages_each=2)
    out = tmp_path / "out"
    run(inputs, out, workers=2)
    first = shard_path(inputs[0], out, "parquet")
    Path(str(first) + ".done").unlink()  # as if the run died before finishing this file
    (out / f".{first.name}.partial").write_bytes(b"half a shard")
    summary = run(inputs, out, workers=2)
    assert summary["files_already_done"] == 2 and summary["files_processed"] == 1
    rows = [row for path in inputs for row in rows_in(shard_path(path, out, "parquet"))]
    assert len(rows) == len({row["id"] for row in rows}) == 6


def test_run_killed_mid_way_then_resumed_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    inputs = make_archives(tmp_path, files=4, pages_each=4, repeat=6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "thresher.cli", "run", *map(str, inputs), "-o", str(out)]
    process = subprocess.Popen(
        [*command, "--workers", "1"], start_new_session=True, cwd=REPO, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*.done")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)  # the whole run dies, workers included
    process.wait()
    finished = len(list(out.glob("*.done")))
    assert 1 <= finished < 4
    resumed = subprocess.run([*command, "--workers", "2"], cwd=REPO, capture_output=True)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(sorted(out.glob("run-summary-*.json"))[-1].read_text())
    assert summary["files_already_done"] == finished
    rows = [row for path in inputs for row in rows_in(shard_path(path, out, "parquet"))]
    assert len(rows) == len({row["id"] for row in rows}) == 4 * 4 * 6


def test_worker_killed_mid_file_costs_one_record_at_most(tmp_path: Path) -> None:
    # files long enough (about 2 s each) that the kill lands inside the first one
    inputs = make_archives(tmp_path, files=2, pages_each=5, repeat=30)
    pool = LocalPool(tmp_path / "out", ArchiveOptions(), workers=1)
    results: list = []
    started = threading.Event()

    def watch(progress: Progress) -> None:
        if progress.records >= 5:
            started.set()

    earlier = {child.pid for child in multiprocessing.active_children()}
    worker = threading.Thread(
        target=lambda: results.extend(pool.run([str(p) for p in inputs], watch))
    )
    worker.start()
    assert started.wait(timeout=120), "the worker never got going"
    victims = [c.pid for c in multiprocessing.active_children() if c.pid not in earlier]
    assert len(victims) == 1
    os.kill(victims[0], signal.SIGKILL)
    worker.join(timeout=300)
    assert not worker.is_alive()
    ledgers = {Path(r.path).name: r.ledger for r in results}
    assert all(ledger is not None and ledger["balanced"] for ledger in ledgers.values())
    hit = [ledger for ledger in ledgers.values() if ledger["failed"]]
    extracted = sum(ledger["extracted"] for ledger in ledgers.values())
    # Killed inside a record, the worker loses that record and names why; killed in the
    # instant between two records (rare), it loses none and the file is simply redone.
    if hit:
        assert len(hit) == 1 and "SIGKILL" in hit[0]["failures"][0]["reason"]
        assert extracted == 2 * 5 * 30 - 1
    else:
        assert extracted == 2 * 5 * 30


def test_record_over_the_time_limit_is_killed_and_the_file_finishes(tmp_path: Path) -> None:
    cases = case_ids()[:3]
    pages = [Page(load_case(c)[1]["url"], load_case(c)[0]) for c in cases]
    pages.insert(1, slow_page())
    path = write_warc(tmp_path / "slow.warc.gz", [r for p in pages for r in page_records(p)])
    options = ArchiveOptions(record_time_limit=1.0)  # the slow page takes about 3 s alone
    results = LocalPool(tmp_path / "out", options, workers=1).run([str(path)])
    ledger = results[0].ledger
    assert ledger is not None and ledger["balanced"]
    assert ledger["extracted"] == 3
    assert ledger["failures"][0]["reason"].startswith("killed: record exceeded")


def test_worker_over_its_memory_cap_fails_the_file_after_retries(tmp_path: Path) -> None:
    inputs = make_archives(tmp_path, files=1, pages_each=5, repeat=10)
    options = ArchiveOptions(worker_memory_mb=5, retries=1)
    results = LocalPool(tmp_path / "out", options, workers=1).run([str(inputs[0])])
    assert len(results) == 1 and results[0].ledger is None
    assert results[0].attempts == 2 and "above 5 MB" in (results[0].error or "")


def test_missing_and_unreadable_inputs_fail_alone(tmp_path: Path) -> None:
    good = make_archives(tmp_path, files=1, pages_each=2)[0]
    summary = run([good, tmp_path / "missing.warc.gz"], tmp_path / "out", workers=2)
    assert summary["records_extracted"] == 2
    assert [Path(f["path"]).name for f in summary["files_failed"]] == ["missing.warc.gz"]


def test_a_list_of_paths_is_an_input(tmp_path: Path) -> None:
    inputs = make_archives(tmp_path, files=2, pages_each=1)
    listing = tmp_path / "inputs.txt"
    listing.write_text("# archives\n" + "\n".join(p.name for p in inputs) + "\n")
    summary = run([listing], tmp_path / "out", workers=1, options=ArchiveOptions(format="jsonl"))
    assert summary["files"] == 2 and summary["records_extracted"] == 2
    shard = shard_path(inputs[0], tmp_path / "out", "jsonl")
    with gzip.open(shard, "rt") as lines:
        assert json.loads(lines.readline())["text"]


def test_an_archive_named_twice_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As written, by its absolute path and through a link: the same file went to two workers
    # at once, which raced to write the same shard, and one of them failed.
    (archive,) = make_archives(tmp_path, files=1, pages_each=2)
    (tmp_path / "link.warc.gz").symlink_to(archive)
    monkeypatch.chdir(tmp_path)
    names = [archive.name, str(archive), "link.warc.gz", f"./{archive.name}"]
    summary = run(names, tmp_path / "out", workers=2)
    assert summary["files"] == 1 and not summary["files_failed"]
    assert summary["records_extracted"] == 2


def test_ray_engine_runs_one_task_per_file(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    inputs = make_archives(tmp_path, files=3, pages_each=2)
    try:
        summary = run(
            [*inputs, tmp_path / "missing.warc.gz"], tmp_path / "out", engine="ray", workers=2
        )
        for path in (tmp_path / "out").glob("*.done"):
            path.unlink()
        again = run(inputs, tmp_path / "out", engine="ray", workers=2)  # a retried task
    finally:
        ray.shutdown()
    assert summary["records_extracted"] == 6 and len(summary["files_failed"]) == 1
    assert again["files_processed"] == 3
    rows = [
        row for path in inputs for row in rows_in(shard_path(path, tmp_path / "out", "parquet"))
    ]
    assert len(rows) == 6, "a rerun overwrites its shard instead of appending"


_RAY_CLUSTER = """
import sys, ray
context = ray.init(num_cpus=2, include_dashboard=False)
print(context.address_info["gcs_address"], flush=True)
sys.stdin.read()  # until the test closes it
ray.shutdown()
"""


def test_cli_ray_engine_joins_a_running_cluster(tmp_path: Path) -> None:
    # A cluster has its own CPUs: told --workers, Ray refused to join one ("num_cpus must not
    # be provided"), so thresher run --engine ray failed on every machine of a cluster. Its
    # workers run in a folder of their own, where paths relative to the command's mean nothing.
    pytest.importorskip("ray")
    inputs = make_archives(tmp_path, files=2, pages_each=1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Newer Rays ask a token of a process that joins; a cluster of one test needs none.
    environment = {**os.environ, "RAY_AUTH_MODE": "disabled", "PYTHONPATH": str(REPO / "src")}
    cluster = subprocess.Popen(
        [sys.executable, "-c", _RAY_CLUSTER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
        cwd=elsewhere,
    )
    try:
        assert cluster.stdout is not None
        address = cluster.stdout.readline().decode().strip()
        command = [sys.executable, "-m", "thresher.cli", "run", *(path.name for path in inputs)]
        command += ["-o", "out", "--engine", "ray", "--workers", "2"]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=240,
            env={**environment, "RAY_ADDRESS": address},
            cwd=tmp_path,
        )
    finally:
        cluster.communicate(timeout=120)
    assert done.returncode == 0, done.stderr
    shards = [shard_path(path, tmp_path / "out", "parquet") for path in inputs]
    assert sum(len(rows_in(shard)) for shard in shards) == 2


def test_spark_engine_catches_every_per_file_error(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if subprocess.run(["java", "-version"], capture_output=True).returncode != 0:
        pytest.skip("Spark needs Java")
    from thresher.engines.spark import spark_session

    inputs = make_archives(tmp_path, files=3, pages_each=2)
    session = spark_session(2)
    try:
        summary = run(
            [*inputs, tmp_path / "missing.warc.gz"], tmp_path / "out", engine="spark", workers=2
        )
    finally:
        session.stop()
    assert summary["records_extracted"] == 6 and summary["all_balanced"]
    assert [Path(f["path"]).name for f in summary["files_failed"]] == ["missing.warc.gz"]


def test_spark_runs_on_the_cluster_spark_is_configured_for(tmp_path: Path) -> None:
    # With its master set in code, a run under spark-submit --master yarn, or with a cluster
    # in spark-defaults.conf, went on the driver's cores alone, and said nothing.
    pytest.importorskip("pyspark")
    if subprocess.run(["java", "-version"], capture_output=True).returncode != 0:
        pytest.skip("Spark needs Java")
    from thresher.engines.spark import chosen_master

    assert chosen_master("yarn", 2) == "yarn"
    assert chosen_master("spark://head:7077", 2) == "spark://head:7077"
    assert chosen_master("local[*]", 2) == chosen_master(None, 2) == "local[2,2]"
    (tmp_path / "spark-defaults.conf").write_text("spark.master spark://head.example:7077\n")
    read = "from thresher.engines.spark import configured_master; print(configured_master())"
    environment = {**os.environ, "SPARK_CONF_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", read], capture_output=True, text=True, env=environment, timeout=120
    )
    assert done.stdout.strip() == "spark://head.example:7077", done.stderr


def test_cli_run_says_which_file_failed_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thresher.cli import main

    good = make_archives(tmp_path, files=1, pages_each=1)[0]
    code = main(["run", str(good), str(tmp_path / "gone.warc.gz"), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 1
    assert "gone.warc.gz: failed: ArchiveOpenError" in err and "records extracted 1" in err


def test_cli_run_says_when_it_cannot_write_or_finds_nothing_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thresher.cli import main

    good = make_archives(tmp_path, files=1, pages_each=1)[0]
    taken = tmp_path / "a-file"
    taken.write_text("not a folder")
    assert main(["run", str(good), "-o", str(taken)]) == 2
    assert f"cannot make the output folder {taken}" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["run", str(empty), "-o", str(tmp_path / "o")]) == 1
    assert "the inputs name no web archive" in capsys.readouterr().err


def test_cli_output_to_a_bucket_address_is_refused_not_made_a_local_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from thresher.cli import main

    good = make_archives(tmp_path, files=1, pages_each=1)[0]
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(good), "-o", "s3://bucket/corpus"]) == 2
    page = tmp_path / "page.html"
    page.write_text("<p>A sentence of real prose, long enough to be the page's content.</p>")
    assert main(["extract", str(page), "-o", "gs://bucket/pages"]) == 2
    err = capsys.readouterr().err
    assert "names an address (s3://...), not a folder" in err and "(gs://...)" in err
    assert not (tmp_path / "s3:").exists() and not (tmp_path / "gs:").exists()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_the_default_number_of_workers_is_the_cores_this_process_may_use() -> None:
    from thresher.engines.local import usable_cores

    allowed = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(allowed)})  # as a container's cpuset or taskset does
        assert usable_cores() == 1
    finally:
        os.sched_setaffinity(0, allowed)
    assert usable_cores() == len(allowed)
