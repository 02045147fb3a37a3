"""Whether thresher's time grows with a page's size or faster: repeated markup at two sizes.

    python -m bench.growth [--sizes 2000 8000] [--only NAME,NAME] [--margin 1.8]

Each kind of markup below is repeated N times after a short article and the page extracted
whole (text, Markdown, HTML, JSON, comments) at each size, in CPU time. A kind whose time grows
by more than ``margin`` times the growth of its size, and takes at least 0.05 s at the larger
size, is named: its cost grows faster than the page, which no time limit can stop where the
work is the parser's or one call's. The kinds are the HTML parser's hard cases (elements that
nest or close one another in its own ways, lists it reads again at each tag) and what the
later stages read again and again (records, dates, names, quotations, lists, tables).

Exits with 1 when a kind is named, so that a run can stand in a script.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import thresher
from thresher.build_info import describe

from .run import RESULTS, machine, record_results, section_opening

# name: the markup repeated, with {i} the repetition's number and {d} a day of the month
KINDS: dict[str, str] = {
    # elements the parser nests, closes or reopens in its own ways
    "nested tables": "<table><tr><td>x",
    "table text": "<table>x{i}",
    "rows left open": "<table><tr><td><p>a</p><td><p>b</p>",
    "rows without table": "<tr><td>x",
    "cells": "<td>c{i}",
    "captions": "<table><caption>x",
    "column groups": "<table><colgroup><col>x",
    "lists in a select": "<select><option>x",
    "selects in a select": "<select><select>x",
    "options": "<option>x",
    "option groups": "<optgroup>x",
    "links left open": "<a href=/x{i}>x",
    "links in paragraphs": "<p><a href=/{i}>x",
    "links around blocks": "<a href=/{i}><div><a href=/y{i}>x",
    "links around tables": "<a href=/{i}><table><a href=/z>x",
    "nested inline marks": "<a href=/{i}><b><i><u><s>x",
    "bold around paragraphs": "<b><p>x",
    "italics around tables": "<i><table><i>x",
    "fonts around tables": "<font><table>x",
    "bold left open in items": "<li><b class=c{i}>x",
    "bold in marquees": "<marquee><b class=c{i}>x",
    "bold in objects": "<object><b>x",
    "nobr": "<nobr>x",
    "stray paragraph ends": "</p>x",
    "stray line break ends": "</br>x",
    "forms": "<form>x",
    "buttons": "<button>x",
    "items": "<li>x{i}",
    "terms and definitions": "<dd>x<dt>y",
    "definition lists left open": "<dl><dt>x<dd>y",
    "headings left open": "<h1>x<h2>y",
    "spans left open": "<span>x",
    "spans left open in blocks": "<div><span>x</div>",
    "spans left open in paragraphs": "<p><span>x",
    "lists left open": "<ul><li>x",
    "numbered lists left open": "<ol><li>a<ol><li>b",
    "quotations left open": "<blockquote>q",
    "drawings with foreign objects": "<svg><foreignObject><div>x",
    "formulas": "<math><mi>x",
    "templates": "<template>x",
    "ruby": "<ruby><rb>x<rt>y",
    "applets": "<applet>x",
    "frames": "<frameset><frame src=x{i}>",
    "heads in the body": "<head><title>t</title>x",
    "titles in the body": "<title>t{i}</title>",
    "root tags with attributes": "<html a{i}=1>",
    "doctypes in the body": "<!DOCTYPE html>x",
    "raw text elements": "<xmp>x</xmp>",
    "script escapes": "<script><!--<script>x</script>",
    "comments left open": "<!--x",
    "character references": "&amp;&#x10FFFF;&#99999999;&notanentity;&copy;&mdash;",
    "text areas": "<textarea>x",
    "inputs": "<input value=x{i}>",
    "fallbacks for scripts": "<noscript><p>x{i}</p></noscript>",
    # what the page model and the stages after it read
    "dated records": (
        "<div class=comment><div class=comment-author>Ann {i}</div>"
        "<div class=comment-date>Jan 1, 2024</div>"
        "<p>Comment {i} has enough words to count.</p></div>"
    ),
    "records nested in records": (
        "<ol class=children><li class=comment id=comment-{i}><article class=comment-body>"
        "<div class=comment-author><b class=fn>Ann {i}</b></div>"
        "<time datetime=2024-01-01>January 1, 2024</time><div class=comment-content>"
        "<p>Reply {i} has words.</p></div></article>"
    ),
    "declared records": (
        "<div itemscope itemtype=http://schema.org/Comment>"
        "<span itemprop=author>Ann{i}</span><p itemprop=text>Comment {i} with words</p>"
        "<meta itemprop=datePublished content=2024-01-01></div>"
    ),
    "declared authors": (
        "<span itemprop=author itemscope><span itemprop=name>Ann {i}</span></span> "
    ),
    "dates in buttons": (
        "<button><time itemprop=datePublished datetime=2024-01-01>x</time></button>"
    ),
    "declared dates": "<meta itemprop=datePublished content=2024-01-{d}>",
    "time elements": "<p>Posted <time datetime='2024-01-{d}'>Jan {d}</time> x</p>",
    "dates in tooltips": "<span title='Posted Jan {d}, 2024'>x</span> ",
    "dates": "<p>January {d}, 2024</p>",
    "updates": "<p>Updated: January {d}, 2024</p>",
    "bylines": "<p class=byline>By Ann Roe{i} and Bob Smith</p>",
    "author marks": "<span class=author>Ann Roe{i}</span> text ",
    "date marks": "<span class=date>Jan {d}, 2024</span> text ",
    "date marks left open": "<time datetime=2024-01-{d}><br>",
    "author marks left open": "<span class=author><br>",
    "author links": "<a rel=author href=/a{i}>Ann {i}</a>",
    "linked data": (
        '<script type=application/ld+json>{{"@type":"Article","headline":"h{i}"}}</script>'
    ),
    "linked data in drawings": (
        '<svg><script type=application/ld+json>{{"@type":"Article","headline":"h{i}"}}'
    ),
    "author links in drawings": "<svg><a rel=author href=/a{i}>Ann {i}",
    "meta tags": "<meta name=author{i} content=x{i}>",
    "headings and paragraphs": "<h2>Heading {i}</h2><p>Paragraph {i} of a few words.</p>",
    "headlines": "<h1 class='title entry-title'>Title {i}</h1>",
    "code blocks": "<pre><code class=language-py>x = {i}\n</code></pre>",
    "quotations": "<blockquote><cite>A wrote:</cite>x</blockquote>",
    "cited titles in a quotation": "see <cite>Title {i}</cite>, ",
    "links in one paragraph": "<a href=/p{i}>w{i}</a> ",
    "images in one paragraph": "<img src=/i{i}.png alt='pic {i}'>",
    "touching items in one paragraph": "<b>Wa</b><b>Xb</b>",
    "line breaks in one paragraph": "word {i}<br>",
    "lines of code": "line {i} of code\n",
    "white space in a bold span": " &nbsp;",
    "white space in a code span": " &nbsp;",
    "line breaks after a link": "<br> ",
    "touching spans": "<em><strong>a</strong></em>",
    "white space in a declared title": " ",
    "zero-width spaces in a word": "&#x200b;",
    "pilcrows in a word": "&para;",
    "a number in a comment": "1.",
    "items side by side": "<span class=t>Ab</span><span class=t>Cd</span>",
    "table rows": "<tr><td>a{i}</td><td>b</td><td>c</td></tr>",
    "paragraphs in cells": "<td><p>cell {i}</p>",
    "tables in cells": "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>",
    "paragraphs in items": "<li><p>item {i}</p><p>more</p>",
    "hidden blocks left open": "<div hidden><p>x{i}</p>",
    "styled blocks left open": "<div style='color:red'>x",
    "many classes": "<div class='a{i} b c d e f g h i j k l m n o p'>x</div>",
    "identifiers": "<div id=id{i}>x</div>",
    "details": "<details><summary>s</summary>x</details>",
}
# what wraps all the repetitions of a kind whose repetitions must stand in one block
WRAPS: dict[str, tuple[str, str]] = {
    "cited titles in a quotation": ("<blockquote><p>", "</p></blockquote>"),
    "links in one paragraph": ("<p>", "</p>"),
    "images in one paragraph": ("<p>", "</p>"),
    "touching items in one paragraph": ("<p>", "</p>"),
    "line breaks in one paragraph": ("<p>", "</p>"),
    "date marks left open": ("<p>", "</p>"),
    "author marks left open": ("<p>", "</p>"),
    "lines of code": ("<pre>", "</pre>"),
    "white space in a bold span": ("<p><b>Two", "words</b> after the span.</p>"),
    "white space in a code span": ("<p><code>two", "words</code> after the span.</p>"),
    "line breaks after a link": ("<p>See <a href=/a>the notes </a>below<b>", "the end</b></p>"),
    "touching spans": ("<p>Then ", " end.</p>"),
    "white space in a declared title": ("<meta property=og:title content='One", "two'>"),
    "zero-width spaces in a word": ("<p>Zero", "width</p>"),
    "pilcrows in a word": ("<p>Pil", "crows</p>"),
    "a number in a comment": (
        "<ol class=commentlist><li class=comment id=comment-1><cite class=fn>Ann</cite>"
        "<time datetime=2024-01-02>Jan 2, 2024</time><p>Version ",
        "</p></li></ol>",
    ),
    "table rows": ("<table>", "</table>"),
    "paragraphs in cells": ("<table><tr>", "</tr></table>"),
    "paragraphs in items": ("<ul>", "</ul>"),
}

_FRAME = (
    "<!DOCTYPE html><html><head><title>A page</title></head><body><article>"
    "<h1>A headline</h1><p>{opening}</p>{repeated}</article></body></html>"
)
_OPENING = "A paragraph of the article before the repeated markup. " * 10
_SLOWEST_IGNORED = 0.05  # seconds at the larger size: below this, the ratio is noise
OPTIONS = thresher.Options(include_comments=True, include_html=True, time_limit_seconds=600)


def page(kind: str, count: int) -> bytes:
    before, after = WRAPS.get(kind, ("", ""))
    repeated = "".join(KINDS[kind].format(i=i, d=i % 28 + 1) for i in range(count))
    return _FRAME.format(opening=_OPENING, repeated=before + repeated + after).encode()


def extract_whole(html: bytes) -> None:
    """Everything a page yields, so that a stage's cost shows wherever it hides."""
    document = thresher.extract(html, options=OPTIONS)
    document.to_dict()
    _ = document.markdown


@dataclass(frozen=True, slots=True)
class Growth:
    kind: str
    sizes: tuple[int, ...]  # the page's bytes at each count
    seconds: tuple[float, ...]

    def ratio(self) -> float:
        return self.seconds[-1] / max(self.seconds[0], 1e-4)

    def faster_than_size(self, counts: Sequence[int], margin: float) -> bool:
        grown = counts[-1] / counts[0]
        return self.seconds[-1] >= _SLOWEST_IGNORED and self.ratio() > grown * margin


def measure(
    kind: str,
    counts: Sequence[int],
    make: Callable[[str, int], bytes] = page,
    run: Callable[[bytes], None] = extract_whole,
) -> Growth:
    sizes, seconds = [], []
    for count in counts:
        html = make(kind, count)
        started = time.process_time()
        run(html)
        seconds.append(time.process_time() - started)
        sizes.append(len(html))
    return Growth(kind, tuple(sizes), tuple(seconds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=(2000, 8000), metavar="N")
    parser.add_argument("--only", help="comma-separated kinds (default: all)")
    parser.add_argument("--margin", type=float, default=1.8)
    args = parser.parse_args(argv)
    kinds = args.only.split(",") if args.only else list(KINDS)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        parser.error(f"unknown kind(s): {', '.join(unknown)}; see KINDS in bench/growth.py")
    counts = tuple(sorted(args.sizes))
    if counts[0] < 1 or counts[0] == counts[1]:
        parser.error("--sizes takes two different positive counts")
    report: dict[str, Any] = {
        "command": " ".join(["python -m bench.growth", *(sys.argv[1:] if argv is None else argv)]),
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "thresher": f"{thresher.__version__} ({describe()})",
        "counts": counts,
        "margin": args.margin,
        "kinds": [],
    }
    extract_whole(page(kinds[0], 10))  # the models load and the caches fill before any timing
    print(_table_head(counts))
    for kind in kinds:
        growth = measure(kind, counts)
        row = {
            "kind": kind,
            "kb": [size // 1000 for size in growth.sizes],
            "seconds": [round(seconds, 4) for seconds in growth.seconds],
            "faster": growth.faster_than_size(counts, args.margin),
        }
        report["kinds"].append(row)
        print(_table_row(row), flush=True)
    print("\n" + _verdict(report))
    if not args.only:  # a partial run must not replace the record
        record_results(RESULTS / "growth.json", report)
    return 1 if any(row["faster"] for row in report["kinds"]) else 0


def _table_head(counts: Sequence[int]) -> str:
    return f"| kind | {counts[0]} times | {counts[1]} times | time grew | |\n|---|---|---|---|---|"


def _table_row(row: dict[str, Any]) -> str:
    cells = [f"{kb} KB, {seconds:.3f} s" for kb, seconds in zip(row["kb"], row["seconds"])]
    ratio = row["seconds"][1] / max(row["seconds"][0], 1e-4)
    mark = "faster than the page" if row["faster"] else ""
    return f"| {row['kind']} | {cells[0]} | {cells[1]} | x{ratio:.1f} | {mark} |"


def _verdict(report: dict[str, Any]) -> str:
    counts = report["counts"]
    grown = counts[1] / counts[0]
    named = [row["kind"] for row in report["kinds"] if row["faster"]]
    return (
        f"The pages grew x{grown:g}; named where the time grew more than "
        f"x{grown * report['margin']:g} and took {_SLOWEST_IGNORED} s or more: "
        f"{', '.join(named) or 'none'}."
    )


def growth_section(report: dict[str, Any]) -> str:
    rows = "\n".join(_table_row(row) for row in report["kinds"])
    return (
        section_opening("Growth with the page's size: repeated markup", report)
        + f"{len(report['kinds'])} kinds of markup, each repeated after a short article and "
        f"extracted whole (text, Markdown, HTML, JSON, comments), CPU time; on "
        f"{report['machine']}; thresher {report['thresher']}.\n\n"
        f"{_table_head(report['counts'])}\n{rows}\n\n{_verdict(report)}\n"
    )


if __name__ == "__main__":
    sys.exit(main())
