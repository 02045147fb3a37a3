"""The benchmark's metric, checked by hand-worked cases and on the real development set."""

from __future__ import annotations

import gzip
import json
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import thresher
from thresher.label.classify import PAGE_TYPES

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench.run  # noqa: E402
from bench.dataset import Sample, load_samples, snippet_found, word_f1  # noqa: E402
from bench.growth import KINDS, extract_whole, measure, page  # noqa: E402
from bench.markdown import Element, elements, key_of, kind_f1, kind_kept  # noqa: E402
from bench.peers import Peer, markdown_to_text  # noqa: E402
from bench.run import _markdown_line, _text_only_line, by_size, machine, variant_pass  # noqa: E402
from bench.stages import MARKDOWN, TIMED, staged_text, stages_table  # noqa: E402

from .conftest import load_case  # noqa: E402


def test_word_f1_counts_words_as_multisets() -> None:
    score = word_f1("the cat the hat", "The cat sat on the mat")
    # overlap: the x2, cat -> 3 of 4 predicted, 3 of 6 reference
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.6)


def test_empty_reference_scores_one_only_against_empty_output() -> None:
    assert word_f1("", "").f1 == 1.0
    assert word_f1("anything", "").f1 == 0.0
    assert word_f1("", "something").f1 == 0.0


def test_snippets_match_in_order_ignoring_case_and_punctuation() -> None:
    assert snippet_found("Hello, World!", "well: hello world, again")
    assert not snippet_found("world hello", "hello world")


def test_markdown_is_reduced_to_its_words() -> None:
    text = markdown_to_text("# Title\n\n- [a link](https://x.org/p) and ![img](i.png) **bold**")
    assert "https" not in text and "png" not in text
    assert text.split() == ["Title", "a", "link", "and", "bold"]


def test_ground_truth_scores_perfectly_against_itself(wcxb_dir: Path) -> None:
    samples = list(load_samples(wcxb_dir, limit=25))
    assert len(samples) == 25
    for sample in samples:
        assert word_f1(sample.main_content, sample.main_content).f1 == 1.0
        assert sample.page_type in set(PAGE_TYPES)
        assert sample.html.lstrip()[:1] == b"<" or sample.html[:3] == b"\xef\xbb\xbf"


def test_author_names_are_read_from_the_truth_string_as_a_reader_would() -> None:
    from bench.metadata import author_set, right

    assert author_set("Jane Roe, John Doe") == {"jane roe", "john doe"}
    assert author_set("Roe, Jane; Smith, John") == {"jane roe", "john smith"}
    # one name written surname first, with its initial
    assert author_set("Kaufman, Jeff T.") == {"jeff t. kaufman"}
    # degrees after a name are no names, in the truth and in what a system returns
    assert author_set("Dylan Bailey, MS, RD, FAND") == {"dylan bailey"}
    assert author_set("Holly Wilgus, E-RYT 200") == {"holly wilgus"}
    assert right("authors", ["Dylan Bailey", "MS"], "Dylan Bailey, MS, RD")
    assert not right("authors", ["Dylan Bailey"], "Dylan Bailey, Jane Roe")
    assert not right("authors", [], "Dylan Bailey")


def test_thresher_metadata_is_scored_as_extract_delivers_it() -> None:
    import thresher
    from bench.dataset import Sample
    from bench.metadata import thresher_metadata

    prose = "<p>Don’t buy before you read this — it’s the investor’s guide.</p>" * 8
    page = f"<html><head><title>An Investor’s Guide</title></head><body>{prose}</body></html>"
    # its UTF-8 read as Windows-1252 once already ("Donâ€™t"): extract turns it back
    twice = page.encode().decode("cp1252").encode()
    sample = Sample("x", twice, "", "article", "", (), (), None, None, None)
    fields, _ = thresher_metadata(sample)
    assert fields["title"] == thresher.extract(twice).title == "An Investor’s Guide"


def test_markdown_elements_are_read_by_kind() -> None:
    document = (
        "# Rivers\n\nSome prose.\n\n- [Danube](https://x.org/d) **long**\n2. Rhine\n\n"
        "| River | Length |\n| --- | ---: |\n| Elbe | 1,094 km |\n\n"
        "> Rivers are roads\n> which move.\n\n```py\nflow()\n```\n"
    )
    found = [(element.kind, element.key) for element in elements(document)]
    assert found == [
        ("heading", "rivers"),
        ("list item", "danube long"),
        ("list item", "rhine"),
        ("table row", "river length"),
        ("table row", "elbe 1 094 km"),
        ("quote", "rivers are roads which move"),
        ("code block", "flow"),
    ]


def test_markdown_structure_scores_by_hand() -> None:
    truth = [Element("list item", "a b"), Element("list item", "c"), Element("heading", "t")]
    output = [Element("list item", "a b"), Element("heading", "c")]
    # list items: one of one output item matches, one of two truth items: F1 = 2*1/(1+2)
    assert kind_f1(output, truth, "list item") == pytest.approx(2 / 3)
    assert kind_f1(output, truth, "heading") == 0.0
    # "c" is in the output, as a heading: present but not kept as a list item
    assert kind_kept(output, f" {key_of('a b c')} ", truth, "list item") == (1, 2)
    # content the output never selected does not count against its structure
    assert kind_kept(output, " a b ", truth, "list item") == (1, 1)


def test_cpu_time_is_grouped_by_fifths_of_the_pages_by_size() -> None:
    # ten pages, given out of size order: each fifth holds the two next smallest
    page_seconds = [(size * 1024, size / 1000) for size in (9, 1, 10, 2, 3, 8, 4, 7, 5, 6)]
    groups = by_size(page_seconds)
    assert [group["mean_kb"] for group in groups] == [1.5, 3.5, 5.5, 7.5, 9.5]
    assert [group["cpu_ms"] for group in groups] == [1.5, 3.5, 5.5, 7.5, 9.5]
    assert by_size([]) == []


def test_thresher_without_metadata_is_set_beside_the_peers_times() -> None:
    results = {
        "thresher": {"cpu_ms_per_page": 40.0},
        "trafilatura": {"cpu_ms_per_page": 120.0},
        "pagesift": {"cpu_ms_per_page": 6.0},
    }
    names = ["thresher", "trafilatura", "pagesift"]
    # the peers timed again in the variant's own pass: their times there are the ones compared
    text_only = {
        "text_only_cpu_ms_per_page": 30.0,
        "text_only_peers_cpu_ms_per_page": {"trafilatura": 150.0, "pagesift": 7.5},
    }
    line = " ".join(_text_only_line(text_only, results, names))
    assert "thresher takes 30.00 CPU ms per page" in line
    assert line.endswith("over that, in the same pass: trafilatura 5.00x, pagesift 0.25x.")
    # results recorded before the peers ran in that pass: their times in the main pass
    line = " ".join(_text_only_line({"text_only_cpu_ms_per_page": 30.0}, results, names))
    assert line.endswith("over that, in the main pass: trafilatura 4.00x, pagesift 0.20x.")
    assert _text_only_line({}, results, names) == []  # results recorded before the figure
    line = " ".join(_markdown_line({"with_markdown_cpu_ms_per_page": 60.0}, results, names))
    assert "With it read as well (in a pass of its own), thresher takes 60.00 CPU ms" in line
    assert line.endswith("over that, in the main pass: trafilatura 2.00x, pagesift 0.10x.")
    assert _markdown_line({"text_only_cpu_ms_per_page": 30.0}, results, names) == []


def _sample(page_id: str) -> Sample:
    return Sample(page_id, b"<p>x</p>", "", "article", "", (), (), None, None, None)


def test_a_variant_pass_times_thresher_and_each_peer_on_every_page() -> None:
    calls: list[str] = []

    def extractor(name: str) -> Callable[[Sample], str]:
        def extract(sample: Sample) -> str:
            calls.append(f"{name} {sample.page_id}")
            if name == "broken":
                raise ValueError("a peer that fails is timed all the same")
            return "text"

        return extract

    samples = [_sample("a"), _sample("b")]
    peers = {"trafilatura": extractor("trafilatura"), "broken": extractor("broken")}
    report = variant_pass(extractor("thresher"), peers, samples)
    # page by page, every extractor on a page before the next page
    assert calls == [
        "thresher a", "trafilatura a", "broken a", "thresher b", "trafilatura b", "broken b"
    ]  # fmt: skip
    assert set(report) == {"thresher", "trafilatura", "broken"}
    assert all(ms >= 0 for ms in report.values())


def _broken_peer() -> Peer:
    # what trafilatura 2.3.1 raised on import beside lxml 6.2, which no longer installs
    # lxml.html.clean for it
    raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")


def test_a_peer_that_does_not_import_is_named_with_why_and_keeps_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "wcxb"
    (data / "ground-truth").mkdir(parents=True)
    (data / "html").mkdir()
    page, truth = load_case("0106")
    (data / "ground-truth" / "0106.json").write_text(json.dumps(truth), encoding="utf-8")
    (data / "html" / "0106.html.gz").write_bytes(gzip.compress(page))
    recorded: list[Path] = []
    monkeypatch.setattr(bench.run, "record_results", lambda path, report: recorded.append(path))
    monkeypatch.setitem(bench.run.PEER_FACTORIES, "trafilatura", _broken_peer)
    for name in ("pagesift", "resiliparse"):  # stand-ins, whether or not the peers are installed
        peer = Peer(name, "0", lambda html, url: "text")
        monkeypatch.setitem(bench.run.PEER_FACTORIES, name, lambda peer=peer: peer)
    # every peer asked for and every page read: only the broken import keeps it from the record
    bench.run.main(["--data", str(data), "--output", str(tmp_path / "wcxb.json")])
    printed = capsys.readouterr().out
    table = printed.split("left out")[0]
    assert recorded == []
    assert "left out: trafilatura: lxml.html.clean module is now a separate project" in printed
    assert "pagesift" in table and "trafilatura" not in table


def test_the_machine_is_named_with_its_processor_where_the_system_tells_it() -> None:
    described = machine()
    assert described.startswith(platform.machine())
    assert described.endswith(f"{os.cpu_count()} cores")
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists() and "model name" in cpuinfo.read_text(errors="replace"):
        model = cpuinfo.read_text(errors="replace").split("model name", 1)[1].split(":", 1)[1]
        assert model.split("\n", 1)[0].strip() in described


def test_the_stages_timed_one_by_one_give_the_text_extract_gives() -> None:
    case = Path(__file__).resolve().parent / "cases" / "0331"
    html = gzip.decompress((case / "page.html.gz").read_bytes())
    url = json.loads((case / "truth.json").read_text(encoding="utf-8"))["url"]
    sample = Sample("0331", html, url, "article", "", (), (), None, None, None)
    totals = dict.fromkeys(TIMED, 0.0)
    assert staged_text(sample, totals) == thresher.extract(html, url=url).text
    assert all(seconds >= 0 for seconds in totals.values())
    assert totals["page model"] > 0 and totals["labels"] > 0  # a real page takes time there
    assert totals[MARKDOWN] > 0  # rendered apart, when read


def test_the_stage_table_splits_the_page_model_into_parse_and_builder() -> None:
    report = {
        "stages_cpu_ms": dict(zip(TIMED, (1.0, 8.0, 6.0, 2.0, 1.0, 2.0, 0.5))),
        "decode_and_parse_cpu_ms": 3.0,  # the decoding's 1.0 and the parse's 2.0
        "extract_cpu_ms": 21.0,
    }
    table = stages_table(report)
    assert "| page model | 8.00 | 40% |" in table
    assert "|   of which the parse | 2.00 | 10% |" in table
    assert "|   of which the builder | 6.00 | 30% |" in table
    assert "| sum of the stages | 20.00 | 100% |" in table
    assert "| `thresher.extract`, the same pages | 21.00 | |" in table
    # the Markdown is rendered when read, after extract: apart from the stages' sum
    assert "| the Markdown, once `Document.markdown` is read | 0.50 | |" in table


def test_growth_names_work_that_grows_with_the_square_of_the_page_and_no_other() -> None:
    def linear(html: bytes) -> None:
        sum(range(len(html) * 200))

    def square(html: bytes) -> None:
        rows = len(html) // 20
        sum(i * j for i in range(rows) for j in range(rows))

    counts = (1000, 4000)
    grows = measure("cells", counts, run=square)
    keeps_pace = measure("cells", counts, run=linear)
    assert grows.sizes == keeps_pace.sizes and grows.sizes[1] > 3 * grows.sizes[0]
    assert grows.faster_than_size(counts, 1.8) and grows.ratio() > 8
    assert not keeps_pace.faster_than_size(counts, 1.8)


def test_growth_kinds_are_pages_thresher_reads() -> None:
    for kind in KINDS:
        small = page(kind, 3)
        assert small.startswith(b"<!DOCTYPE html>") and b"{" not in small.replace(b'{"', b"")
        extract_whole(small)
    assert b"see <cite>Title 2</cite>, </p></blockquote>" in page("cited titles in a quotation", 3)
