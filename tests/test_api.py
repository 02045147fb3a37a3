"""The public surface: exports, the Document, the JSON schema and the command line."""

from __future__ import annotations

import gc
import gzip
import json
import pickle
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

import thresher
from thresher.cli import main
from thresher.decode import decode
from thresher.label.classify import PAGE_TYPES
from thresher.page.model import Block
from thresher.pipeline import read_page

from .conftest import load_case

CASE = Path(__file__).parent / "cases" / "0331" / "page.html.gz"
SEED = Path(__file__).parent / "cases" / "seed-opinion" / "page.html"


def test_public_exports() -> None:
    assert sorted(thresher.__all__) == sorted(
        [
            "SCHEMA_VERSION",
            "Document",
            "EmptyInputError",
            "FetchError",
            "Focus",
            "InputError",
            "LimitError",
            "NotHTMLError",
            "Options",
            "ThresherError",
            "WorkerError",
            "__version__",
            "extract",
        ]
    )
    for name in thresher.__all__:
        assert hasattr(thresher, name)


def test_errors_share_one_root() -> None:
    for error in (
        thresher.EmptyInputError,
        thresher.NotHTMLError,
        thresher.LimitError,
        thresher.FetchError,
        thresher.InputError,
        thresher.WorkerError,
    ):
        assert issubclass(error, thresher.ThresherError)


def test_document_is_immutable_and_serialises() -> None:
    document = thresher.extract(gzip.decompress(CASE.read_bytes()), url="https://example.org/a")
    with pytest.raises(AttributeError):
        document.text = ""  # type: ignore[misc]
    data = json.loads(json.dumps(document.to_dict()))
    assert data["schema_version"] == thresher.SCHEMA_VERSION
    # The page declares its canonical address, which wins over the one passed in.
    assert data["url"].startswith("https://www.globaltravelerusa.com/")
    bare = thresher.extract(
        "<p>No canonical link here, only a sentence.</p>", url="https://e.org/a"
    )
    assert bare.url == "https://e.org/a"
    assert data["page_type"] in set(PAGE_TYPES)
    assert set(data) >= {
        "text",
        "markdown",
        "title",
        "warnings",
        "language",
        "encoding",
        "authors",
        "date_published",
        "date_modified",
        "sitename",
        "sources",
    }


def test_the_markdown_is_rendered_once_and_only_when_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import thresher.pipeline

    renders: list[int] = []
    render_markdown = thresher.pipeline.render_markdown

    def counted(blocks: Sequence[Block]) -> str:
        renders.append(len(blocks))
        return render_markdown(blocks)

    monkeypatch.setattr(thresher.pipeline, "render_markdown", counted)
    page = gzip.decompress(CASE.read_bytes())
    document = thresher.extract(page, options=thresher.Options(include_comments=True))
    assert document.text.startswith("American analytics and consumer intelligence company")
    assert renders == []  # a reader of the text alone pays for no Markdown
    markdown = document.markdown
    assert "[J.D. Power](https://www.jdpower.com/)" in markdown
    assert document.markdown is markdown and len(renders) == 1
    again = thresher.extract(page, options=thresher.Options(include_comments=True))
    assert again == document and len(renders) == 2  # equal documents: equal Markdown
    # A worker process sends the finished Markdown, not the blocks it is made from.
    sent = pickle.loads(pickle.dumps(thresher.extract(page)))
    assert len(renders) == 3
    assert sent.markdown == markdown and sent.to_dict()["markdown"] == markdown
    assert len(renders) == 3


def test_documents_go_into_a_set_to_drop_a_page_fetched_twice() -> None:
    page = gzip.decompress(CASE.read_bytes())
    twice = [thresher.extract(page, url="https://e.org/a") for _ in range(2)]
    other = thresher.extract(SEED.read_bytes())
    assert len({*twice, other}) == 2 and hash(twice[0]) == hash(twice[1])


def test_a_document_with_comments_and_anatomy_pickles_whole() -> None:
    """Batch runs send Documents between processes; the compiled build's frozen records
    (comments, anatomy rows, the page model) once refused to be unpickled."""
    seed = SEED.read_bytes()
    options = thresher.Options(include_anatomy=True, include_comments=True)
    document = thresher.extract(seed, url="https://news.example/a", options=options)
    assert len(document.comments) >= 2 and document.anatomy
    copy = pickle.loads(pickle.dumps(document))
    assert copy == document and copy.to_dict() == document.to_dict()
    assert copy.comments[0].author == document.comments[0].author
    decoded = decode(seed)
    page = read_page(decoded.text, options, time.monotonic() + 60, decoded.utf8)
    assert pickle.loads(pickle.dumps(decoded)) == decoded
    assert pickle.loads(pickle.dumps(page)) == page


def test_cli_prints_text_markdown_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CASE)]) == 0
    text = capsys.readouterr().out
    assert main(["extract", str(CASE), "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert main(["extract", str(CASE), "--format", "json", "--focus", "precision"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert len(text.split()) > 100 and markdown != text
    assert record["text"] and record["schema_version"] == thresher.SCHEMA_VERSION
    assert record["anatomy"] == []
    assert main(["extract", str(CASE), "--format", "json", "--anatomy"]) == 0
    blocks = json.loads(capsys.readouterr().out)["anatomy"]
    assert any(block["kept"] for block in blocks) and any(not block["kept"] for block in blocks)


def test_a_page_read_without_metadata_keeps_its_content_and_language() -> None:
    page, url = gzip.decompress(CASE.read_bytes()), "https://example.org/a"
    full = thresher.extract(page, url=url)
    bare = thresher.extract(page, url=url, options=thresher.Options(include_metadata=False))
    assert full.title and full.authors and full.date_published and full.sitename
    assert (bare.text, bare.markdown, bare.comments) == (full.text, full.markdown, full.comments)
    assert (bare.language, bare.language_confidence) == (full.language, full.language_confidence)
    assert bare.page_type == full.page_type
    assert bare.title is None and bare.authors == () and bare.date_published is None
    assert bare.sitename is None and bare.description is None and bare.url is None
    assert bare.sources == {"language": full.sources["language"]}


def test_cli_leaves_the_metadata_out_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CASE), "--format", "json"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert main(["extract", str(CASE), "--format", "json", "--no-metadata"]) == 0
    bare = json.loads(capsys.readouterr().out)
    assert full["title"] and bare["title"] is None and bare["date_published"] is None
    assert bare["text"] == full["text"] and bare["language"] == full["language"]


def test_cli_reads_a_directory_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>First page with a sentence of content in it.</p>")
    (tmp_path / "b.htm").write_text("<p>Second page with another sentence of content.</p>")
    command = [sys.executable, "-m", "thresher.cli", "extract", "--format", "json"]
    out = subprocess.run(command + [str(tmp_path)], capture_output=True, text=True, check=True)
    assert len(out.stdout.strip().splitlines()) == 2
    piped = subprocess.run(
        command + ["-"],
        input="<p>From standard input, a sentence.</p>",
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(piped.stdout)["text"]


def test_a_document_prints_as_a_line_not_its_whole_text() -> None:
    html, truth = load_case("0331")
    document = thresher.extract(
        html, url=truth["url"], options=thresher.Options(include_anatomy=True)
    )
    shown = repr(document)
    assert len(shown) < 600 < len(document.text)
    assert repr(document.title) in shown and f"({len(document.text):,} characters)" in shown


def test_cli_writes_one_file_per_page(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "first.html").write_text("<p>One page with a sentence of content in it.</p>")
    (pages / "second.html.gz").write_bytes(gzip.compress(b"<p>Another page, another sentence.</p>"))
    assert main(["extract", str(pages), "--format", "md", "-o", str(tmp_path / "out")]) == 0
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == ["first.md", "second.md"]
    assert "Another page" in (tmp_path / "out" / "second.md").read_text()


def test_cli_gives_pages_whose_outputs_share_a_name_a_file_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a.html, a.htm and A.html.gz all make a.txt: the last page written was the only one left
    pages = tmp_path / "pages"
    pages.mkdir()
    words = {"a.html": "alpha", "a.htm": "bravo", "A.html.gz": "charlie"}
    for name, word in words.items():
        page = f"<p>The page holding the word {word} and a few more words.</p>".encode()
        (pages / name).write_bytes(gzip.compress(page) if name.endswith(".gz") else page)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.html").write_text("<p>The page holding the word delta, in another folder.</p>")
    out = tmp_path / "out"
    assert main(["extract", str(pages), str(other / "a.html"), "-o", str(out)]) == 0
    texts = [path.read_text() for path in sorted(out.iterdir())]
    assert len(texts) == 4
    for word in [*words.values(), "delta"]:
        assert sum(word in text for text in texts) == 1, word
    assert capsys.readouterr().err.count("as an earlier page's output has its name") == 3


def test_cli_refuses_one_address_for_many_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every page would have been read as that address: its canonical URL, links, site name.
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("<p>A page of its own, with a sentence in it.</p>")
    assert main(["extract", str(tmp_path), "--url", "https://example.org/a"]) == 2
    assert "--url is the address of one page, and the sources name 2" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "a.html"), "--url", "https://example.org/a"]) == 0


def test_cli_errors_are_clear_and_nonzero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "missing.html")]) == 1
    assert "no such file" in capsys.readouterr().err
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.4 binary")
    assert main(["extract", str(pdf)]) == 1
    assert "PDF" in capsys.readouterr().err
    assert main(["extract", "http://127.0.0.1:9/none"]) == 1
    assert "could not fetch" in capsys.readouterr().err


def test_cli_quiet_keeps_the_failures_and_drops_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shell = tmp_path / "shell.html"
    shell.write_text("<html><head><title>App</title></head><body><div id=root></div></body>")
    assert main(["extract", str(shell)]) == 0
    assert "warning: the page has no visible text" in capsys.readouterr().err
    missing = str(tmp_path / "missing.html")
    assert main(["extract", "--quiet", str(shell), missing]) == 1
    err = capsys.readouterr().err
    assert "warning" not in err and "missing.html: no such file" in err


def test_cli_progress_line_gives_way_to_a_pages_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text("<p>" + "A sentence of real prose for the page. " * 9 + "</p>")
    (pages / "b.html").write_text("<html><head><title>App</title></head><body></body></html>")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["extract", str(pages), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    # the line is cleared before the warning, not run on into it
    assert re.search(
        r"\r\x1b\[Kthresher: 1/2 pages, 0 failed, [\d.,]+ pages/s, about \d+ s left\r", err
    )
    assert "\r\x1b[Kthresher: " + str(pages / "b.html") + ": warning" in err
    assert re.search(r"\r\x1b\[Kthresher: 2/2 pages, 0 failed, [\d.,]+ pages/s\n$", err)


def _many_pages(tmp_path: Path, count: int) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(count):
        (pages / f"{number}.html").write_text(f"<p>Page {number} of a small site.</p>")
    return pages


def test_cli_progress_counts_the_pages_ahead_and_is_drawn_a_few_times_a_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _many_pages(tmp_path, 60)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["extract", str(pages), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    drawn = re.findall(r"thresher: (\d+)/60 pages", capsys.readouterr().err)
    assert drawn[-1] == "60"
    # 60 pages take well under a second: a line for each would be 60 writes to the terminal
    assert len(drawn) < 30


def test_cli_progress_shows_when_the_pages_go_to_a_file_not_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _many_pages(tmp_path, 3)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)  # thresher extract ... > out.jsonl
    assert main(["extract", str(pages), "-f", "json", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "3/3 pages" in captured.err and captured.out.count("\n") == 3
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # the pages themselves show there
    assert main(["extract", str(pages), "-f", "json", "--quiet"]) == 0
    assert "pages" not in capsys.readouterr().err


def test_cli_stops_quietly_when_its_reader_closes_the_pipe() -> None:
    # "thresher extract pages/ | head": the pipe closes while pages are still being written.
    command = [sys.executable, "-m", "thresher.cli", "extract", str(CASE.parents[1]), "-f", "md"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline()
    process.stdout.close()
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0 and b"BrokenPipe" not in errors and b"Traceback" not in errors


def test_cli_never_writes_over_the_page_it_reads(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text("<p>First page with a sentence of content in it, long enough.</p>")
    assert main(["extract", str(page), "--format", "html", "-o", str(tmp_path)]) == 1
    assert page.read_text().startswith("<p>First page")
    assert main(["extract", str(page), "--format", "md", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "story.md").exists()


def test_cli_writes_to_an_ascii_terminal_without_failing() -> None:
    import os

    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "thresher.cli", "extract", str(CASE)]
    done = subprocess.run(command, capture_output=True, env=environment, timeout=120)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"PYTHONIOENCODING=utf-8" in done.stderr
    assert b"\\u201c" in done.stdout  # the quotation mark the page opens with, escaped


@pytest.mark.parametrize(
    "arguments",
    [
        ["extract", str(CASE), "--time-limit", "0"],
        ["extract", str(CASE), "--time-limit", "soon"],
        # NaN compares false with every number, and neither it nor infinity bounds anything
        ["extract", str(CASE), "--time-limit", "nan"],
        ["extract", str(CASE), "--time-limit", "inf"],
        ["extract", str(CASE), "--max-tag-chars", "0"],
        ["run", str(CASE), "-o", "out", "--workers", "0"],
        ["run", str(CASE), "-o", "out", "--worker-memory", "-1"],
        ["serve", "--port", "70000"],  # a traceback from bind()
        ["serve", "--port", "-1"],
    ],
)
def test_cli_refuses_nonsense_numbers_with_a_usage_message(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 2 and "error: argument" in capsys.readouterr().err


def test_cli_says_when_it_cannot_write_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder")
    assert main(["extract", str(CASE), "-o", str(taken)]) == 2
    err = capsys.readouterr().err
    assert f"cannot make the output folder {taken}" in err and "Traceback" not in err


def test_cli_limits_the_markup_it_reads_as_asked_and_says_which_flag_lifts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 40 + "<p>the deep words of a long paragraph</p>" + "</div>" * 40)
    assert main(["extract", str(deep), "--max-depth", "20"]) == 0
    out, err = capsys.readouterr()
    assert "the deep words" in out and "flattened" in err and "--max-depth" in err
    assert main(["extract", str(deep)]) == 0
    assert "flattened" not in capsys.readouterr().err
    wide = tmp_path / "wide.html"
    wide.write_text('<p title="' + "x" * 2_000 + '">a paragraph after a long tag</p>')
    assert main(["extract", str(wide), "--max-tag-chars", "1000"]) == 0
    out, err = capsys.readouterr()
    assert "a paragraph after a long tag" in out and "--max-tag-chars" in err
    with pytest.raises(SystemExit) as stop:  # the page model needs a few levels
        main(["extract", str(deep), "--max-depth", "15"])
    assert stop.value.code == 2 and "must be at least 16, not 15" in capsys.readouterr().err


def _river_story(folder: Path, body_after: str, after: str = "") -> Path:
    """A short article on rivers, with more of its body and what follows it."""
    page = folder / "story.html"
    page.write_text(
        "<article><h1>Notes on rivers</h1><p>"
        + "The Danube flows through ten countries on its way to the Black Sea. " * 5
        + f"</p>{body_after}</article>{after}"
    )
    return page


def test_cli_adds_the_comments_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _river_story(
        tmp_path,
        "",
        "<ol class='commentlist'><li class='comment' id='comment-1'>"
        "<cite class='comment-author'>Ann Reader</cite><div class='comment-content'>"
        "<p>Long and wide, and worth the trip.</p></div></li></ol>",
    )
    assert main(["extract", str(page)]) == 0
    assert "worth the trip" not in capsys.readouterr().out
    for output_format in ("txt", "md", "html"):
        assert main(["extract", str(page), "--comments", "--format", output_format]) == 0
        shown = capsys.readouterr().out
        assert "Ann Reader" in shown and "worth the trip" in shown


def test_cli_keeps_the_teasers_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _river_story(
        tmp_path,
        "<p>Related: <a href='/rhine'>The Rhine, from its source to the sea</a></p><p>"
        + "It rises in the Black Forest, where two small streams meet at Donaueschingen. " * 4
        + "</p>",
    )
    assert main(["extract", str(page)]) == 0
    assert "The Rhine" not in capsys.readouterr().out
    assert main(["extract", str(page), "--teasers"]) == 0
    assert "Related: The Rhine, from its source to the sea" in capsys.readouterr().out


def test_an_extraction_leaves_no_reference_cycles_to_collect() -> None:
    # Over millions of pages, cyclic garbage is work for the collector on every page; what an
    # extraction makes is freed by reference counting as soon as it is dropped.
    page = gzip.decompress(CASE.read_bytes())
    thresher.extract(page)  # models and caches loaded
    gc.collect()
    gc.disable()
    try:
        document = thresher.extract(page, url="https://www.globaltravelerusa.com/")
        assert document.title
        del document
        assert gc.collect() == 0
    finally:
        gc.enable()
