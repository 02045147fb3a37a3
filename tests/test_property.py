"""Properties that hold for any input: no unexpected exception, no invented words, determinism."""

from __future__ import annotations

import functools
import json
import re
import time
from html import unescape

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import thresher
from thresher import ThresherError
from thresher import decode as decode_module
from thresher.comments.fields import names
from thresher.decode import decode, double_encoded, turned_back
from thresher.label import context, features, vocabulary
from thresher.label.vocabulary import line_words
from thresher.metadata import language
from thresher.options import DEFAULT_OPTIONS
from thresher.page import model
from thresher.page.model import BREAK, LINK_CLOSE, LINK_OPEN
from thresher.pipeline import read_page
from thresher.render import markdown, render_markdown, render_text

from .conftest import case_ids, load_case

WORD = re.compile(r"\w+")
TAGS = [
    "p",
    "div",
    "span",
    "a",
    "li",
    "ul",
    "h1",
    "h2",
    "table",
    "tr",
    "td",
    "pre",
    "article",
    "nav",
    "footer",
    "b",
    "i",
    "del",
    "s",
    "br",
    "script",
    "noscript",
]

fragments = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(
        [
            '<a href="/x">',
            '<a href="http://[bad">',
            '<base href="//[x">',
            '<link rel="canonical" href="https://[::1">',
            '<img src="data:,x" alt="]">',
            '<div class="nav menu">',
            '<p class="content">',
            "<!-- c -->",
            "&amp;",
            "&#x41;",
            "<![CDATA[x]]>",
            "<",
            ">",
            # formulas: MathML, which the output writes as TeX, and the TeX a page keeps
            "<math>",
            "</math>",
            "<mfrac>",
            "<msqrt>",
            "<msup>",
            "<mi>",
            "<semantics>",
            '<annotation encoding="application/x-tex">',
            '<span aria-hidden="true">',
            # text encoded twice, which the output repairs where it recurs
            "cafÃ©",
            "donâ€™t",
            "Â© ",
        ]
    ),
)
markup = st.lists(fragments, max_size=60).map("".join)


def _extract_or_none(data: bytes | str) -> thresher.Document | None:
    """The Document, or None when thresher refused the input with one of its own errors."""
    try:
        return thresher.extract(data)
    except ThresherError:
        return None


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise_anything_but_thresher_errors(data: bytes) -> None:
    document = _extract_or_none(data)
    assert document is None or isinstance(document.text, str)


# Edits that real pages suffer in crawls and archives: cut short, bytes lost or garbled, parts
# repeated, and markup that opens what never closes spliced in anywhere.
_SPLICES = [
    b"<",
    b"</div>",
    b"<table><tr><td>",
    b"<script>",
    b"<!--",
    b"<svg>",
    b"<template>",
    b"<pre>",
    b"<select><option>",
    b"<plaintext>",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b'<meta charset="utf-16">',
    b'<time datetime="2008-10-294">',
    b'<script type="application/ld+json">{"@type":"Article","author":[[[{}]]],',
    b'<base href="javascript:0">',
    b'<script type="application/ld+json">{"@type":"Article","headline":"H\\ud800"}',
]
_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["cut", "drop", "garble", "repeat", "splice"]),
        st.floats(0, 1),
        st.floats(0, 1),
        st.sampled_from(_SPLICES),
        st.sampled_from([1, 3, 200]),
    ),
    min_size=1,
    max_size=5,
)


@functools.cache
def _golden_page(case_id: str) -> bytes:
    return load_case(case_id)[0]


def _edited(page: bytes, edits: list[tuple[str, float, float, bytes, int]]) -> bytes:
    for kind, at, other, splice, times in edits:
        start = int(at * len(page))
        if kind == "cut":
            page = page[:start]
        elif kind == "drop":
            page = page[:start] + page[start + int(other * 5000) :]
        elif kind == "garble":
            garbled = bytes(reversed(page[start : start + times]))
            page = page[:start] + garbled + page[start + times :]
        elif kind == "repeat":
            source = int(other * len(page))
            page = page[:start] + page[source : source + 20_000] + page[start:]
        else:
            page = page[:start] + splice * times + page[start:]
    return page


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(case_ids()), _EDITS)
def test_real_pages_cut_garbled_and_spliced_give_a_whole_document(
    case_id: str, edits: list[tuple[str, float, float, bytes, int]]
) -> None:
    page = _edited(_golden_page(case_id), edits)
    started = time.monotonic()
    document = _extract_or_none(page)
    assert time.monotonic() - started < DEFAULT_OPTIONS.time_limit_seconds + 5
    if document is not None:
        # what the command line writes, written as it writes it: UTF-8 takes no lone surrogate
        json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8")
        document.markdown.encode("utf-8")
        assert all(isinstance(comment.text, str) for comment in document.comments)


_DROP_CAP_GAP = re.compile(r"(?<!\w)(\w)\s+(?=\w)")
_INVISIBLE = re.compile(f"[{model.INVISIBLE}]")


@settings(max_examples=150, deadline=None)
@given(markup)
@example("<p>The cafÃ© menu: donâ€™t miss it, Â© 2024</p>")
@example("0<NOSCRIPT>1</NOSCRIPT>0")
@example("Â\x80Ã\x80Ã\x85")
@example("A\r<P>a")
@example("0\xad<A HREF=0>0")
@example("Â\x80Â\x80Ã<P>Â\x80")  # a block that ends in the first half of an "à"
@example("0<MATH>1<TABLE>0")  # text set bare in MathML, which the formula dropped: "00"
@example("<MATH><SCRIPT>0")  # a script in MathML, whose text the formula read
@example("<MATH><MI><SCRIPT>0")  # ... and one in a formula's token, read with the token's text
def test_every_output_word_occurs_in_the_page_text(html: str) -> None:
    document = _extract_or_none(html)
    if document is None:
        return
    from selectolax.lexbor import LexborHTMLParser

    # Text nodes run together as a browser shows them ("a<!---->b" reads "ab"), so each output
    # word must occur somewhere in the page's concatenated text.
    tree = LexborHTMLParser(html)
    # What a page offers browsers without scripts is read on its own (the fallback pages)...
    fallbacks = [LexborHTMLParser(node.text()).root for node in tree.css("noscript")]
    # ... and, like scripts and styles, never in place, so the text on either side of one
    # runs together ("0<noscript>1</noscript>0" shows "00").
    for code in tree.css("script, style, template, noscript"):
        code.decompose()
    source = tree.root.text(separator="") if tree.root else ""
    source += "".join(" " + root.text(separator="") for root in fallbacks if root is not None)
    # A paragraph's first letter set in a box of its own joins the paragraph (a drop cap:
    # "D", then "uring"), across the white space between them ("A\r<P>a" reads "Aa").
    source += " " + _DROP_CAP_GAP.sub(lambda gap: gap[1] if gap[1].isupper() else gap[0], source)
    # An invisible character at an element's edge (a soft hyphen before a link, a zero-width
    # space after one) is dropped: the words on either side run together as a browser shows
    # them ("0\xad<a>0" reads "00").
    source += " " + _INVISIBLE.sub("", source)
    if double_encoded(html) or double_encoded(source):
        # The output is repaired: its words occur in one form or the other. The text's white
        # space is made plain before the repair, and a character that was part of a sequence
        # encoded twice may be white space ("Ã\x85" is "Å"): the plain form is repaired too.
        source += " " + turned_back(source)[0] + " " + turned_back(" ".join(source.split()))[0]
        # A block's last character may be the first half of one ("Ã" of "à", whose no-break
        # space the block's edge took): the blocks are repaired apart too.
        blocks = tree.root.text(separator=" ") if tree.root else ""
        source += " " + turned_back(" ".join(blocks.split()))[0]
    # A formula written as TeX from its MathML names TeX's commands ("\\frac", "\\mathrm",
    # "\\begin{matrix}"): notation, not words of the page.
    text = _TEX_COMMANDS.sub(" ", document.text)
    assert all(word in source.lower() for word in _words(text))


_TEX_COMMANDS = re.compile(r"\\(?:begin|end)\{\w+\}|\\[A-Za-z]+")


@settings(max_examples=60, deadline=None)
@given(markup)
def test_same_input_gives_same_output(html: str) -> None:
    assert _extract_or_none(html) == _extract_or_none(html)


@settings(max_examples=100, deadline=None)
@given(markup)
@example("0¶\x0c")  # a permalink sign before a form feed, which the text reads as a space
@example("Â\x80Â\x80Â\x80Â")  # text encoded twice, ending in the "Â" of a no-break space
@example("Â\x80Â\x80Â\x80Ã")  # and in the "Ã" of an "à"
@example("Â\x80â\x80<B>\x80Â\x80")  # a sequence the text reads across an element's edge
@example("Ã\xa0<blockquote>Ã<p> aÃ\xa0")  # a drop cap "Ã" before a paragraph opening with a space
@example("Â\x80Â\x80Â\x80<ul><li>x â\x80</li><li>\x99 voilÃ</li><li>catsÂ<br>1.</li></ul>")
@example("0¶<DEL>")  # a permalink sign before an empty strike-through: the text drops it
def test_html_output_is_well_formed_and_holds_the_text(html: str) -> None:
    _assert_the_html_shows_the_text(html)


def _assert_the_html_shows_the_text(html: str) -> None:
    from .test_html import check

    try:
        document = thresher.extract(html, options=thresher.Options(include_html=True))
    except ThresherError:
        return
    assert document.html is not None
    shown = "".join(check(document.html).text)
    assert "".join(shown.split()) == "".join(document.text.split())


# Markup thick with what double encoding leaves ("Â\x80", a lone "Ã" or "Â", no-break spaces)
# among the tags of inline elements, blocks, list items, cells and line breaks: where the text
# reads characters as one run and where it sets them apart, the HTML must show what it shows.
_MOJIBAKE_MARKUP = st.lists(
    st.sampled_from(
        ["Â\x80", "â\x80", "\x80", "\x99", "Ã", "Â", "\xa0", "©", "a", " ", "<b>", "</b>"]
        + ["<em>", "</em>", "<a href=x>", "</a>", "<code>", "</code>", "<img src=x alt=y>"]
        + ["<p>", "</p>", "<li>", "</li>", "<ul>", "<td>", "</td>", "<table><tr>", "<br>"]
        + ["<h2>", "<blockquote>", "<pre>", "</pre>", "<dt>", "<dd>", "<span>", "</span>"]
        # enough signs for the repair, and sequences cut by an element's edge
        + ["Â\x80Â\x80Â\x80", "â\x80</li><li>\x99", "â\x80<em>\x99", "Ã</td><td>", "Ã<b>"]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_MOJIBAKE_MARKUP)
def test_html_encoded_twice_shows_what_the_text_shows(html: str) -> None:
    _assert_the_html_shows_the_text(html)


@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=60) | st.text(max_size=60))
@example("Posts:\x1c1,077 | Share_this! ABC")
@example("Ünïcode Straße")
@example("ǅemal İstanbul ﬁne ΣΑΣ 𝐀𝐁 ١٢٣")
def test_line_words_are_the_texts_word_runs_case_folded(text: str) -> None:
    # the readings of ASCII lines by a table, and of any line in C, must say what the pattern
    # says
    expected = " ".join(WORD.findall(text.casefold()))
    assert line_words(text) == vocabulary.python_line_words(text) == expected


# Attribute values as pages write them: the vocabulary's own words and stems, state words,
# other words, in any case, joined by the separators class lists use or by nothing.
_VOCABULARY = sorted({*vocabulary._WORD_BITS, *vocabulary._STEM_BITS, *vocabulary._STATE_MARKS})
_ATTRIBUTE_PART = st.one_of(
    st.sampled_from(_VOCABULARY),
    st.sampled_from(_VOCABULARY).map(str.upper),
    st.sampled_from(_VOCABULARY).map(str.capitalize),
    st.text(alphabet="abcXYZ019-_ :/.", max_size=8),
)
_ATTRIBUTE_VALUES = st.lists(_ATTRIBUTE_PART, max_size=10).flatmap(
    lambda parts: st.lists(
        st.sampled_from(["", " ", "-", "_", "--", "A", "9"]),
        min_size=len(parts),
        max_size=len(parts),
    ).map(lambda glue: "".join(part + joint for part, joint in zip(parts, glue)))
)


@pytest.mark.skipif(vocabulary.ASCII_MASK is None, reason="a pure-Python install has no C masks")
@settings(max_examples=400)
@given(_ATTRIBUTE_VALUES | st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
@example("postBody-main HTMLParser sidebarWidget")
@example("BlogItem hentry has-comments")
@example("post comments-open commentsCount")
@example("authorbox author-box AUTHOR")
def test_the_c_category_masks_are_the_python_ones(value: str) -> None:
    assert vocabulary.ASCII_MASK is not None
    assert vocabulary.ASCII_MASK(value) == vocabulary.python_mask(value)


# Texts with the function words, other words, and every kind of white space str.split() knows
_TEXT_PART = st.one_of(
    st.sampled_from(sorted(vocabulary.FUNCTION_WORDS)),
    st.sampled_from(sorted(vocabulary.FUNCTION_WORDS)).map(str.title),
    st.sampled_from(["İstanbul", "ΣΟΦΟΣ", "Straße", "ǅemal", "١٢٣", "12"]),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=12),
    st.text(max_size=6),
)
_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\xa0", "\u2003", ""])
_TEXTS = st.lists(st.tuples(_TEXT_PART, _SPACES)).map(
    lambda parts: "".join(part + space for part, space in parts)
)


@pytest.mark.skipif(vocabulary.TEXT_WORDS is None, reason="a pure-Python install has no C words")
@settings(max_examples=400)
@given(_TEXTS, st.integers(min_value=0, max_value=400))
@example("The cat and THE dog, of course!", 300)
@example("\x1cword\x1fand\x0b\x0cthe ", 5)
@example("ΣΟΦΟΣ für DIE Straße", 300)
def test_the_c_text_words_are_the_python_ones(text: str, longest_joined: int) -> None:
    assert vocabulary.TEXT_WORDS is not None
    read = vocabulary.TEXT_WORDS(text, longest_joined)
    assert read == vocabulary.python_words(text, longest_joined)


# Texts of the words that tell languages apart, with words of every kind between them and
# separators that are and are not letters to a regular expression (digits of other scripts,
# numerals, "_").
_LANGUAGE_TEXTS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(sorted(language._WORD_WEIGHTS)), _TEXT_PART),
        st.sampled_from([" ", "_", "1", "٣", "²", "½", "Ⅻ", "'", "-", "", "\n"]),
    )
).map(lambda parts: "".join(part + between for part, between in parts))


@pytest.mark.skipif(language.KNOWN_WORDS is None, reason="a pure-Python install has no C words")
@settings(max_examples=400)
@given(_LANGUAGE_TEXTS)
@example("the cat and THE dog, l'homme et la femme")
@example("½ x_y 12abc Ⅻ ١٢٣ et\u00b2la ² the")
@example("ΣΟΦΟΣ für DIE Straße und der")
def test_the_c_known_words_are_the_python_ones(text: str) -> None:
    assert language.KNOWN_WORDS is not None
    lowered = text.lower()
    words, counts = language.known_words(lowered)
    expected_words, expected_counts = language.python_known_words(lowered)
    assert words == expected_words
    # the same words in the same order: the scores are added up in it
    assert list(counts.items()) == list(expected_counts.items())


# Texts thick with the characters double encoding leaves, and with the lookalikes it does not.
_MOJIBAKE_TEXTS = st.text(
    alphabet=st.sampled_from(list("ÂÃâ\x80\xa9\xbf\xc0€™’“œŸaé Ä\n") + ["\ud7ff", "ā"]),
    max_size=30,
)


@given(_MOJIBAKE_TEXTS)
@example("donâ€™t cafÃ© Â©")
@example("Â\x80Ã\x80Ã")
@example("ââ€â€™")
def test_double_encoding_is_told_as_the_plain_pattern_tells_it(text: str) -> None:
    # The pattern as first written, which scanned the whole text, against the search for each
    # of its first characters that replaced it.
    signs = re.finditer(f"[ÂÃâ][{decode_module._CONTINUATION}]", text)
    assert double_encoded(text) == (sum(1 for _ in zip(range(3), signs)) == 3)


# Raw block texts made of the marks a link's edge can hold: white space of every kind, line
# breaks, the link's marks, and words.
_LINK_EDGE_CHARACTERS = [" ", "\t", "\n", "\xa0", "\u2003", BREAK, LINK_OPEN, LINK_CLOSE, "a"]
_LINK_EDGE_TEXTS = st.text(alphabet=st.sampled_from(_LINK_EDGE_CHARACTERS), max_size=40)


@given(_LINK_EDGE_TEXTS)
@example(f"see{' ' * 3}{BREAK} {LINK_CLOSE}")
@example(f"{LINK_OPEN}a\xa0 \t{LINK_CLOSE} b")
def test_white_space_leaves_a_link_as_the_plain_pattern_says(raw: str) -> None:
    # The pattern tried from every character of a run of white space, as first written; the
    # shipped one starts only where a run starts, and must move the same white space.
    plain_end = re.compile(f"({model._LINK_EDGE_SPACE}){LINK_CLOSE}")
    expected = plain_end.sub(lambda found: LINK_CLOSE + found.group(1), raw)
    expected = model._SPACE_AFTER_LINK_START.sub(lambda found: found.group(1) + LINK_OPEN, expected)
    assert model._space_outside_links(raw) == expected


# Word characters of several scripts, and the marks that part words.
_NAME_CHARACTERS = "ab_-. é١²ΣX9"


@given(
    st.text(alphabet=_NAME_CHARACTERS, max_size=20), st.text(alphabet=_NAME_CHARACTERS, max_size=4)
)
@example("Sec-Fetch-Dest", "est")
@example("— est, 2019", "est")
@example("by  J. Roe_", "J. Roe")
def test_a_name_is_found_as_a_whole_as_the_word_boundary_pattern_finds_it(
    text: str, name: str
) -> None:
    expected = bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
    assert names(text, name) == expected


@given(st.text(alphabet=" \t\n#-+*>=_1١.)a", max_size=30))
@example("1. Preheat the oven")
@example("١) first")
@example("  # not a heading")
@example("a line\n- then an item")
def test_line_starts_are_escaped_as_the_pattern_says(text: str) -> None:
    # the check of a one-line text's first characters must not change what is escaped
    expected = markdown._BLOCK_MARK.sub(markdown._escape_mark, text)
    assert markdown._escaped_starts(text) == expected


@pytest.mark.skipif(features.FILL_ROWS is None, reason="a pure-Python install has no C features")
@settings(max_examples=150, deadline=None)
@given(markup)
@example("<h1>T</h1><p>a</p><table><tr><td>b<td>c</table><li>d")
def test_the_c_features_are_the_numpy_ones(html: str) -> None:
    # a declared title, so that blocks that repeat it (the example's "T") are read as titles
    page = read_page(decode(f"<title>T</title>{html}").text, DEFAULT_OPTIONS, time.monotonic() + 10)
    from_c = features.block_features(page)
    around = context.surroundings(page, "forum")
    probability = np.linspace(0.0, 1.0, len(page.blocks))
    context_from_c = context.context_features(around, probability)
    fill_rows, features.FILL_ROWS = features.FILL_ROWS, None
    fill_context, context.FILL_CONTEXT = context.FILL_CONTEXT, None
    try:
        from_numpy = features.block_features(page)
        context_from_numpy = context.context_features(around, probability)
    finally:
        features.FILL_ROWS, context.FILL_CONTEXT = fill_rows, fill_context
    assert np.array_equal(from_c.view(np.uint32), from_numpy.view(np.uint32))
    assert np.array_equal(context_from_c.view(np.uint32), context_from_numpy.view(np.uint32))


_CODE_LINE = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="`<&"), min_size=1
).flatmap(lambda word: st.sampled_from([word, f"    {word}", f"{word} = 1", f"2 + {word}"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(_CODE_LINE, min_size=3, max_size=12), st.integers(1, 999))
@example(["42", "7 * 6", "print(42)"], 1)
def test_numbered_code_comes_back_as_its_lines(lines: list[str], first: int) -> None:
    # Each line's number in an element of its own before it, as Pygments numbers lines
    # inline: the code block reads line for line, a line that opens with digits of its own too.
    numbered = "".join(
        f'<span class="linenos">{number}</span>{line}\n' for number, line in enumerate(lines, first)
    )
    html = f"<p>The loop:</p><pre>{numbered}</pre>"
    page = read_page(decode(html).text, DEFAULT_OPTIONS, time.monotonic() + 10)
    assert [block.text for block in page.blocks if block.kind == "pre"] == ["\n".join(lines)]


_MATH_TOKEN = st.tuples(
    st.sampled_from(["mi", "mn", "mo", "mtext"]),
    # (no Latin-1 letters: "Â¡" would be text encoded twice, which the output repairs)
    st.text(st.sampled_from("abxyzABXYZ0123456789+-=()[]|,.!/'{}^_$%#\\απθ∑∫±×√∞→≤∈"), max_size=4),
).map(lambda token: f"<{token[0]}>{token[1]}</{token[0]}>")
_MATH_LAYOUT = [
    "mrow", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder",
    "munderover", "mtable", "mtr", "mtd", "mfenced", "mstyle", "semantics", "mphantom",
]  # fmt: skip
_MATHML = st.recursive(
    _MATH_TOKEN,
    lambda inner: st.tuples(st.sampled_from(_MATH_LAYOUT), st.lists(inner, max_size=4)).map(
        lambda layout: f"<{layout[0]}>{''.join(layout[1])}</{layout[0]}>"
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_MATHML, max_size=4).map("".join), st.booleans())
def test_any_mathml_reads_as_one_formula_holding_its_letters_and_digits(
    mathml: str, block: bool
) -> None:
    # Whatever the layout, the formula is one piece of TeX between its fences, in the
    # sentence where it stands, and every letter and digit its tokens show is in it (those
    # of a phantom, which shows nothing, aside).
    display = ' display="block"' if block else ""
    html = f"<p>Before <math{display}>{mathml}</math> after.</p>"
    document = thresher.extract(html)
    assert document == thresher.extract(html)
    tree = LexborHTMLParser(html)
    for phantom in tree.css("mphantom"):
        phantom.decompose()
    math = tree.css_first("math")
    shown = "".join(ch for ch in (math.text() if math else "") if ch.isalnum())
    text = document.text
    fence = "$$" if block else "$"
    if not shown:
        return
    assert text.startswith(f"Before {fence}") and text.endswith(f"{fence} after.")
    formula = text[len("Before ") : -len(" after.")]
    assert all(ch in formula for ch in shown)


# Lists, items, quotes, paragraphs, headings and code nested in any order, with words that
# would read as Markdown at a line's start.
_NESTED_WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "- dash", "1. one", "> quote", "# hash", "x"]),
    min_size=1,
    max_size=4,
).map(" ".join)


_NESTED: st.SearchStrategy[str] = st.recursive(
    _NESTED_WORDS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        ),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"
        ),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda parts: f"<blockquote>{''.join(parts)}</blockquote>"
        ),
        st.tuples(st.sampled_from(["p", "div", "h3", "pre"]), inner).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"
        ),
        st.lists(inner, min_size=2, max_size=3).map("".join),
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_NESTED)
@example("<ol><li><p>alpha</p><pre>beta</pre></li><li>gamma<ul><li>x</li></ul>- dash</li></ol>")
@example("<ul><li><blockquote><p>alpha</p><p>beta</p></blockquote></li></ul>")
@example("<blockquote><ul><li>alpha<blockquote>1. one</blockquote></li></ul></blockquote>")
def test_nested_lists_and_quotes_read_back_as_the_texts_words(html: str) -> None:
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark")
    page = read_page(decode(f"<body>{html}</body>").text, DEFAULT_OPTIONS, time.monotonic() + 10)
    document = thresher.extract(html, options=thresher.Options(include_html=True))
    rendered = [
        (render_markdown(list(page.blocks)), render_text(list(page.blocks))),
        (document.markdown, document.text),
    ]
    for markdown_text, text in rendered:
        read_back = reader.render(markdown_text)
        words = WORD.findall(unescape(re.sub(r"<[^>]+>", " ", read_back)).lower())
        assert words == WORD.findall(text.lower()), markdown_text
        # no text indented so deep under an item that a reader takes it for code
        assert read_back.count("<pre>") == markdown_text.count("```") // 2, markdown_text
    assert document.html is not None
    _assert_the_html_shows_the_text(html)
