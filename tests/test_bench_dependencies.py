"""The dependency benchmark's readings: each parser's words, the traps, the WARC and JSON
measures, on small pages written here and on committed wcxb-dev cases."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.dataset import Sample  # noqa: E402
from bench.dependencies import (  # noqa: E402
    TRAPS,
    Parser,
    available_parsers,
    dependencies_section,
    measure_json_writers,
    measure_parsers,
    read_all,
    word_agreement,
)
from bench.warcs import Page, page_records, write_warc  # noqa: E402

from .conftest import load_case  # noqa: E402

PAGE = (
    "<html><head><title>kept out</title><style>p{}</style></head><body>\n"
    "<h1>Grain and chaff</h1>\n<p>The <b>first</b> words<script>var x = 1;</script> stay.</p>\n"
    "<template><p>never shown</p></template><noscript>only without scripts</noscript>\n"
    "<ul><li>one\n<li>tw<i>o</i>\n</ul>\ntail</body></html>"
)
WORDS = ["Grain", "and", "chaff", "The", "first", "words", "stay.", "one", "two", "tail"]


def _parsers() -> list[Parser]:
    return available_parsers()[0]


def test_agreement_is_word_f1_over_multisets() -> None:
    assert word_agreement(["a", "b", "b"], ["a", "b", "c", "d"]) == pytest.approx(2 * 2 / 7)
    assert word_agreement([], []) == 1.0
    assert word_agreement(["a"], []) == 0.0


@pytest.mark.parametrize("parser", _parsers(), ids=lambda parser: parser.name)
def test_each_parser_reads_the_body_words_a_reader_sees(parser: Parser) -> None:
    assert parser.words(parser.parse(PAGE.encode())) == WORDS


def test_thresher_parser_is_always_measured() -> None:
    assert any(parser.distribution == "selectolax" for parser in _parsers())


@pytest.mark.parametrize("trap", list(TRAPS))
def test_a_small_trap_holds_the_marks_it_counts(trap: str) -> None:
    """Each trap, written small, keeps every mark it counts in a parser that follows the
    standard: the share a trap reports kept is of marks that are there to keep."""
    from bench import dependencies

    small = {"_deep": 50, "_long_text": 5_000, "_attributes": 50}
    maker = TRAPS[trap]
    markup, marks = maker(small[maker.__name__])  # type: ignore[call-arg]
    lexbor = next(p for p in _parsers() if p.distribution == "selectolax")
    assert lexbor.words(lexbor.parse(markup.encode())).count(dependencies._MARK) == marks


def _samples(*case_ids: str) -> list[Sample]:
    samples = []
    for case_id in case_ids:
        html, truth = load_case(case_id)
        samples.append(Sample(case_id, html, truth["url"], "", "", (), (), None, None, None))
    return samples


def test_parsers_are_timed_and_compared_on_real_pages() -> None:
    parsers = _parsers()
    report = measure_parsers(_samples("0331", "0512"), parsers)
    assert set(report) == {parser.name for parser in parsers}
    assert all(row["cpu_ms_per_page"] > 0 for row in report.values())
    if any(parser.distribution == "html5lib" for parser in parsers):
        assert report["html5lib (pure Python)"]["mean_word_f1_to_reference"] == 1.0
        assert all(0.9 < row["mean_word_f1_to_reference"] <= 1.0 for row in report.values())
    else:  # without the reference, there is nothing to agree with
        assert all("mean_word_f1_to_reference" not in row for row in report.values())


def _bodies(count: int) -> Iterator[bytes]:
    yield from (b"x" * 10 for _ in range(count))
    raise OSError("cut short")


def test_a_reader_is_credited_with_the_records_it_gave_before_it_failed(tmp_path: Path) -> None:
    assert read_all(lambda path: _bodies(3), tmp_path) == {
        "records": 3,
        "bytes": 30,
        "error": "OSError",
    }


def test_fastwarc_reads_every_record_of_an_archive_the_benchmark_writes(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    from bench.dependencies import WARC_READERS

    html, _ = load_case("0331")
    pages = [Page("https://example.org/a", html), Page("https://example.org/b", b"<p>b</p>")]
    path = write_warc(tmp_path / "two.warc.gz", (r for page in pages for r in page_records(page)))
    result = read_all(WARC_READERS["FastWARC"][1], path)
    # a request and a response for each page; the response bodies hold the pages whole
    assert result["records"] == 4 and "error" not in result
    assert result["bytes"] >= len(html) + len(b"<p>b</p>")


def test_json_writers_write_what_reads_back_as_the_document() -> None:
    report = measure_json_writers(_samples("0331"))
    assert report["pages"] == 1
    standard = report["json (standard library)"]
    assert standard["pages_read_back_equal"] == 1
    assert 0 < standard["share_of_extraction"] < 1


def test_the_section_names_every_parser_trap_and_failure() -> None:
    parsers = _parsers()
    report = {
        "date": "2026-12-07",
        "command": "python -m bench.dependencies",
        "machine": "x86_64, 2 cores",
        "pages": 1,
        "every": 1,
        "parsers": measure_parsers(_samples("0331"), parsers),
        "traps": {
            parser.name: {trap: {"error": "still parsing after 60 s"} for trap in TRAPS}
            for parser in parsers
        },
        "warc_readers": {"versions": {}, "speed": {}, "samples": []},
        "json_writers": measure_json_writers(_samples("0331")),
    }
    section = dependencies_section(report)
    assert section.startswith("## Dependencies beside their alternatives (2026-12-07)")
    for name in [parser.name for parser in parsers] + list(TRAPS):
        assert name in section
    assert "still parsing after 60 s" in section
    assert "Every wcxb-dev page (1 pages)" in section
