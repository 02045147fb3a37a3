"""HTML output: clean, safe, well-formed markup holding exactly the text of the content."""

from __future__ import annotations

import gzip
import json
import time
from html.parser import HTMLParser

import pytest
from selectolax.lexbor import LexborHTMLParser

import thresher
from thresher.cli import main
from thresher.decode import decode
from thresher.dom import parse
from thresher.options import Options
from thresher.page import build_page
from thresher.render import render_html

from .conftest import CASES, case_ids, load_case

OPTIONS = Options(include_images=True)
VOID = frozenset(("br", "img", "meta", "link", "base"))
WRITTEN_ATTRIBUTES = frozenset(("href", "src", "alt", "datetime", "lang", "charset"))
WRITTEN_ATTRIBUTES |= {"name", "content", "rel"}


class _Checker(HTMLParser):
    """Records unbalanced tags, attributes thresher never writes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)
        self.problems += [
            f"attribute {name}={value!r}"
            for name, value in attrs
            if name not in WRITTEN_ATTRIBUTES
            and not (name == "class" and tag == "code" and (value or "").startswith("language-"))
        ]

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.problems and not checker.open, (checker.problems, checker.open)
    return checker


def fragment_of(html: str, options: Options = OPTIONS) -> str:
    page = build_page(parse(decode(html).text, options), options, time.monotonic() + 10)
    return render_html(page.blocks)


def test_structure_becomes_semantic_elements() -> None:
    html = fragment_of(
        "<h2>Rivers <a href='#rivers'>¶</a></h2>"
        "<p class='lead' style='color:red' onclick='steal()'>The <b>Danube</b> reaches the "
        "<a href='/sea' class='x'>Black <i>Sea</i></a>.<br>It is long.</p>"
        "<ul><li>Upper<ul><li>Source</li><li>Gorge</li></ul></li><li>Lower</li></ul>"
        "<ol><li>First</li></ol>"
        "<table><tr><th>City</th><th>Country</th></tr><tr><td>Vienna</td><td>Austria</td></tr>"
        "</table><pre>if a &lt; b:\n    print('&lt;script&gt;')</pre>"
        "<pre class='highlight'><code class='hljs language-Python'>print(1)</code></pre>"
        "<blockquote>Rivers are roads which move.</blockquote>"
        "<dl><dt>Length</dt><dd>2,850 km</dd></dl>"
    )
    check(html)
    tree = LexborHTMLParser(html)
    assert tree.css_first("h2").text() == "Rivers"
    paragraph = tree.css_first("p")
    assert paragraph.css_first("strong").text() == "Danube"
    assert paragraph.css_first("a").attributes == {"href": "/sea"}
    assert paragraph.css_first("a em").text() == "Sea"
    assert "<br>" in paragraph.html
    nested = tree.css("ul > li > ul > li")
    assert [item.text() for item in nested] == ["Source", "Gorge"]
    assert [item.text(deep=False) for item in tree.css("body > ul > li")] == ["Upper", "Lower"]
    assert tree.css_first("ol > li").text() == "First"
    assert [cell.text() for cell in tree.css("th")] == ["City", "Country"]
    assert [cell.text() for cell in tree.css("td")] == ["Vienna", "Austria"]
    assert tree.css_first("pre > code").text() == "if a < b:\n    print('<script>')"
    assert "print('&lt;script&gt;')" in html
    assert tree.css("pre > code")[1].attributes == {"class": "language-python"}
    assert tree.css_first("blockquote").text() == "Rivers are roads which move."
    assert tree.css_first("dl > dd").text() == "2,850 km"
    assert "lead" not in html and "hljs" not in html and "style=" not in html
    assert "onclick" not in html


def test_addresses_that_run_code_are_dropped_and_text_is_escaped() -> None:
    html = fragment_of(
        '<p>Open <a href="vbscript:msgbox(1)">this</a> or <a href="data:text/html,x">that</a>'
        ' &lt;script&gt;alert(1)&lt;/script&gt; <img src="data:image/png;base64,AAAA" alt="x">'
        '<img src="/map.png" alt="A &quot;map&quot;"></p>'
    )
    check(html)
    assert "vbscript" not in html and "data:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="/map.png" alt="A &quot;map&quot;">' in html


def test_two_breaks_make_paragraphs_and_marks_open_across_them_reopen() -> None:
    html = fragment_of(
        "<div>Rivers <b>run long<br><br>and wide</b> to the <a href='/sea'>sea<br><br>at last"
        "</a>.<br>One line on.</div><ul><li>An item<br><br>in two parts</li></ul>"
    )
    check(html)
    assert html.split("\n")[:4] == [
        "<p>Rivers <strong>run long</strong></p>",
        '<p><strong>and wide</strong> to the <a href="/sea">sea</a></p>',
        '<p><a href="/sea">at last</a>.<br>',
        "One line on.</p>",
    ]
    assert "<li>An item<br>\n<br>\nin two parts</li>" in html  # no paragraphs in a list item


def test_inline_marks_cut_by_a_block_are_closed_inside_it() -> None:
    # A <b> that spans two paragraphs: each block's fragment stays well formed.
    check(fragment_of("<div><b>Bold start<p>inside a paragraph</p> bold end</b></div>"))
    check(fragment_of("<p><a href='/x'><em>open</a> still</em> text</p>"))


@pytest.mark.parametrize("case_id", case_ids())
def test_real_pages_give_well_formed_html_with_the_texts_characters(case_id: str) -> None:
    html, truth = load_case(case_id)
    document = thresher.extract(html, url=truth["url"], options=Options(include_html=True))
    assert document.html is not None
    text_of_html = "".join(check(document.html).text)
    # The same characters as the text, white space aside ("&amp;" is read back as "&").
    assert "".join(text_of_html.split()) == "".join(document.text.split())


def test_html_is_only_rendered_when_asked_for() -> None:
    page = gzip.decompress((CASES / "0331" / "page.html.gz").read_bytes())
    assert thresher.extract(page).html is None
    assert thresher.extract(page).to_dict()["html"] is None
    asked = thresher.extract(page, options=Options(include_html=True))
    assert asked.to_dict()["html"] == asked.html and asked.html.startswith("<p>")


def test_comments_follow_the_content_when_both_are_asked_for() -> None:
    page = (
        "<article><h1>Notes on rivers</h1><p>"
        + "The Danube flows through ten countries on its way to the Black Sea. " * 6
        + "</p></article><ol class='commentlist'>"
        + "".join(
            f"<li class='comment' id='comment-{i}'><div class='comment-author'><cite>Reader {i}"
            f"</cite></div><div class='comment-meta'>March {i}, 2024</div>"
            f"<div class='comment-content'><p>Comment {i} says the river is long &amp; wide."
            "</p></div></li>"
            for i in (1, 2)
        )
        + "</ol>"
    )
    options = Options(include_html=True, include_comments=True)
    document = thresher.extract(page, options=options)
    assert len(document.comments) == 2
    tree = LexborHTMLParser(check(document.html) and document.html)
    articles = tree.css("section > article")
    assert [a.css_first("header b").text() for a in articles] == ["Reader 1", "Reader 2"]
    assert "long &amp; wide" in document.html


def test_a_reply_is_an_article_inside_the_one_it_answers() -> None:
    from thresher.comments.reading import Comment
    from thresher.render import render_comments_html

    def comment(author: str, depth: int) -> Comment:
        return Comment("comment", author, None, None, f"{author} writes.", depth, None, None, None)

    thread = [comment("Ann", 0), comment("Bo", 1), comment("Cy", 2), comment("Di", 1)]
    thread += [comment("Ed", 0), comment("Flo", 3)]  # a reply whose parents were left out
    html = render_comments_html(thread)
    check(html)
    tree = LexborHTMLParser(html)

    top = tree.css("section > article")
    assert [a.css_first("header b").text() for a in top] == ["Ann", "Ed"]
    assert [a.css_first("b").text() for a in top[0].iter() if a.tag == "article"] == ["Bo", "Di"]
    assert [a.css_first("b").text() for a in top[1].iter() if a.tag == "article"] == ["Flo"]
    bo = next(a for a in top[0].iter() if a.tag == "article")
    assert [a.css_first("b").text() for a in bo.iter() if a.tag == "article"] == ["Cy"]


def test_cli_writes_a_standalone_page_with_the_metadata(
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = CASES / "0331" / "page.html.gz"
    assert main(["extract", str(case), "--format", "html"]) == 0
    page = capsys.readouterr().out
    check(page)
    tree = LexborHTMLParser(page)
    document = thresher.extract(gzip.decompress(case.read_bytes()))
    assert page.startswith("<!DOCTYPE html>")
    assert tree.css_first("title").text() == document.title
    assert tree.css_first("article > header > h1").text() == document.title
    assert tree.css_first('meta[name="author"]').attributes["content"] == ", ".join(
        document.authors
    )
    assert tree.css_first("base").attributes["href"] == document.url
    assert main(["extract", str(case), "--format", "json", "--html"]) == 0
    assert json.loads(capsys.readouterr().out)["html"].startswith("<p>")
