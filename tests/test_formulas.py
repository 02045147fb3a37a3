"""Formulas: read once, as TeX, whichever way a page sets them (page/formulas.py)."""

from __future__ import annotations

import time

import pytest
from selectolax.lexbor import LexborHTMLParser

import thresher
from thresher.options import Options
from thresher.page.formulas import formula_of, tex_of_mathml

# An article around one paragraph that holds the formula: long enough that the classifier
# keeps it as any article's prose.
_ARTICLE = """<html><head><title>Euler's identity, explained</title></head><body>
<nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/about">About</a></nav>
<article><h1>Euler's identity, explained</h1>
<p>Euler's identity is often called the most beautiful equation in mathematics. It links five
fundamental constants in one short statement, and it follows from Euler's formula.</p>
<p>The identity states that {formula}, which holds because the exponential function traces
the unit circle as its argument grows along the imaginary axis.</p>
<p>To see why, write Euler's formula and set the angle to pi. The cosine of pi is minus one
and the sine of pi is zero, so the imaginary part vanishes and the identity remains.</p>
<p>Mathematicians have admired the identity for centuries because it connects arithmetic,
algebra, geometry and analysis in a single line that any student can write down.</p>
</article><footer>Copyright 2024 The Maths Blog</footer></body></html>"""

_EULER_MATHML = (
    "<msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup>"
    "<mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn>"
)
_KATEX = (
    '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/'
    f'MathML"><semantics><mrow>{_EULER_MATHML}</mrow><annotation encoding="application/x-tex">'
    'e^{i\\pi} + 1 = 0</annotation></semantics></math></span><span class="katex-html" '
    'aria-hidden="true"><span class="base"><span class="mord"><span class="mord mathnormal">e'
    '</span><span class="msupsub"><span class="mord mathnormal mtight">iπ</span></span></span>'
    '<span class="mbin">+</span><span class="mord">1</span><span class="mrel">=</span>'
    '<span class="mord">0</span></span></span></span>'
)
_WIKIPEDIA = (
    '<span class="mwe-math-element mwe-math-element-inline"><span class="mwe-math-mathml-inline '
    'mwe-math-mathml-a11y" style="display: none;"><math xmlns="http://www.w3.org/1998/Math/MathML"'
    ' alttext="{\\displaystyle e^{i\\pi }+1=0}"><semantics><mrow class="MJX-TeXAtom-ORD">'
    f'<mstyle displaystyle="true" scriptlevel="0">{_EULER_MATHML}</mstyle></mrow>'
    '<annotation encoding="application/x-tex">{\\displaystyle e^{i\\pi }+1=0}</annotation>'
    '</semantics></math></span><img src="https://wikimedia.org/api/rest_v1/media/math/render/svg/'
    '2a1b" class="mwe-math-fallback-image-inline mw-invert" aria-hidden="true" '
    'alt="{\\displaystyle e^{i\\pi }+1=0}"></span>'
)
_MATHJAX3 = (
    '<mjx-container class="MathJax" jax="CHTML"><mjx-math class="MJX-TEX" aria-hidden="true">'
    '<mjx-msup><mjx-mi class="mjx-i"><mjx-c class="mjx-c1D452 TEX-I"></mjx-c></mjx-mi>'
    '</mjx-msup></mjx-math><mjx-assistive-mml unselectable="on" display="inline">'
    f'<math xmlns="http://www.w3.org/1998/Math/MathML">{_EULER_MATHML}</math>'
    "</mjx-assistive-mml></mjx-container>"
)
_MATHJAX2 = (
    '<span class="MathJax_Preview"></span><span class="MathJax" id="MathJax-Element-1-Frame" '
    'role="presentation"><nobr aria-hidden="true"><span class="math"><span class="mi">e</span>'
    '<span class="mi">iπ</span><span class="mo">+</span><span class="mn">1</span></span></nobr>'
    '<span class="MJX_Assistive_MathML" role="presentation"><math xmlns="http://www.w3.org/1998/'
    f'Math/MathML">{_EULER_MATHML}</math></span></span>'
    '<script type="math/tex" id="MathJax-Element-1">e^{i\\pi} + 1 = 0</script>'
)


def _sentence(text: str) -> str:
    start = text.index("The identity states that")
    return text[start : text.index("which holds", start)]


@pytest.mark.parametrize(
    ("formula", "tex"),
    [
        (_KATEX, "e^{i\\pi} + 1 = 0"),
        (_WIKIPEDIA, "e^{i\\pi }+1=0"),
        (_MATHJAX3, "e^{iπ}+1=0"),
        (_MATHJAX2, "e^{i\\pi} + 1 = 0"),
        (f"<math>{_EULER_MATHML}</math>", "e^{iπ}+1=0"),
        (
            '<img src="https://s0.wp.com/latex.php?latex=e%5E%7Bi%5Cpi%7D%2B1%3D0&amp;bg=ffffff" '
            'alt="e^{i\\pi}+1=0" class="latex" title="e^{i\\pi}+1=0">',
            "e^{i\\pi}+1=0",
        ),
        (
            '<img src="https://latex.codecogs.com/svg.image?e^{i\\pi}+1=0" alt="e^{i\\pi}+1=0">',
            "e^{i\\pi}+1=0",
        ),
    ],
    ids=["katex", "wikipedia", "mathjax3", "mathjax2", "mathml", "wordpress-image", "codecogs"],
)
def test_a_formula_is_read_once_as_tex(formula: str, tex: str) -> None:
    page = _ARTICLE.replace("{formula}", formula)
    everything = Options(include_images=True, include_links=True, include_html=True)
    for options in (Options(), everything):
        document = thresher.extract(page, options=options)
        assert _sentence(document.text) == f"The identity states that ${tex}$, "
        # Markdown keeps TeX as it is: no backslash is doubled, no brace escaped
        assert _sentence(document.markdown) == f"The identity states that ${tex}$, "
    assert document.html is not None
    assert f"<p>The identity states that ${tex}$, which holds" in " ".join(document.html.split())


def test_the_drawing_beside_a_formula_is_left_out_and_other_hidden_text_kept() -> None:
    page = _ARTICLE.replace(
        "{formula}", _KATEX + ' (read <span aria-hidden="true">aloud</span> as one line)'
    )
    sentence = _sentence(thresher.extract(page).text)
    assert sentence.count("e^{i\\pi}") == 1
    assert "eiπ" not in sentence and "mathnormal" not in sentence
    assert "aloud" in sentence  # hidden, but beside no formula


@pytest.mark.parametrize(
    ("display", "tex"),
    [
        (
            '<span class="katex-display"><span class="katex"><span class="katex-mathml">'
            '<math display="block"><semantics><mrow><mi>a</mi></mrow><annotation encoding='
            '"application/x-tex">\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}</annotation></semantics>'
            '</math></span><span class="katex-html" aria-hidden="true">∑k</span></span></span>',
            "\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}",
        ),
        # MathJax 2 keeps its author's TeX in a script after the box it draws the formula in,
        # which closes the formula's block before the script comes
        (
            '</p><span class="MathJax_Preview"></span><div class="MathJax_Display"><span '
            'class="MathJax" role="presentation"><nobr aria-hidden="true"><span class="mi">x'
            '</span></nobr><span class="MJX_Assistive_MathML MJX_Assistive_MathML_Block">'
            '<math display="block"><mi>x</mi><mo>=</mo><msub><mi>a</mi><mn>1</mn></msub></math>'
            "</span></span></div>"
            '<script type="math/tex; mode=display">x = a_{1} * b_{2}</script><p>',
            "x = a_{1} * b_{2}",
        ),
    ],
    ids=["katex", "mathjax2"],
)
def test_a_formula_set_apart_is_fenced_as_display_math(display: str, tex: str) -> None:
    document = thresher.extract(_ARTICLE.replace("{formula}", display))
    assert f"$${tex}$$" in document.text
    assert f"$${tex}$$" in document.markdown
    assert "a_1" not in document.text and "∑k" not in document.text


def test_mathjax_scripts_not_yet_drawn_are_each_a_formula() -> None:
    scripts = (
        '<script type="math/tex">x_{1}^{2}</script><script type="math/tex">y</script> and '
        '<script type="math/tex; mode=display">\\int_0^1 f(t)\\,dt</script>'
    )
    sentence = _sentence(thresher.extract(_ARTICLE.replace("{formula}", scripts)).text)
    assert sentence == "The identity states that $x_{1}^{2}$ $y$ and $$\\int_0^1 f(t)\\,dt$$, "


def test_text_around_a_formula_is_still_escaped_in_markdown() -> None:
    formula = '<math alttext="a_{i} * b_{j}"><mi>a</mi></math> for each *starred* item_'
    markdown = thresher.extract(_ARTICLE.replace("{formula}", formula)).markdown
    assert "$a_{i} * b_{j}$ for each \\*starred\\* item\\_" in markdown
    # in a link's text, a bracket after a formula is escaped as one before it would be
    linked = '<a href="/x">the [first] <math alttext="x_1"><mi>x</mi></math> case [draft]</a>'
    document = thresher.extract(
        _ARTICLE.replace("{formula}", linked), url="https://e.org/", options=Options()
    )
    assert "[the \\[first\\] $x_1$ case \\[draft\\]](https://e.org/x)" in document.markdown


def _tex(mathml: str) -> str:
    math = LexborHTMLParser(f"<math>{mathml}</math>").css_first("math")
    assert math is not None
    return tex_of_mathml(math)


@pytest.mark.parametrize(
    ("mathml", "tex"),
    [
        (
            "<mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo><msqrt><msup><mi>b"
            "</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow>"
            "<mrow><mn>2</mn><mi>a</mi></mrow></mfrac>",
            "x=\\frac{-b±\\sqrt{b^2-4ac}}{2a}",
        ),
        (
            "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
            "</munderover><msub><mi>x</mi><mi>i</mi></msub>",
            "∑_{i=1}^n x_i",
        ),
        (
            "<mover><mi>v</mi><mo>→</mo></mover><mo>+</mo><mover><mi>x</mi><mo>¯</mo></mover>",
            "\\vec{v}+\\overline{x}",
        ),
        ("<mi>sin</mi><mo>&#x2061;</mo><mi>θ</mi><mi>π</mi><mi>r</mi>", "\\sin θπr"),
        (
            "<mroot><mi>x</mi><mn>3</mn></mroot><mfenced><mi>a</mi><mi>b</mi></mfenced>",
            "\\sqrt[3]{x}(a,b)",
        ),
        (
            "<mo>(</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd>"
            "<mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable><mo>)</mo>",
            "(\\begin{matrix}1 & 0 \\\\ 0 & 1\\end{matrix})",
        ),
        (
            "<mtext>if</mtext><mi>n</mi><mo>{</mo><mi>k</mi><mo>}</mo><mi>speed</mi>",
            "\\text{if}n\\{k\\}\\mathrm{speed}",
        ),
        ("<mfrac linethickness='0'><mi>n</mi><mi>k</mi></mfrac>", "{n \\atop k}"),
        # text set bare, as browsers show it, and the white space of markup laid out in lines
        ("1<mo>+</mo>\n  <mrow>\n    x_y\n  </mrow>", "1+x\\_y"),
        ("\n  <mfrac>\n    <mi>a</mi>\n    <mi>b</mi>\n  </mfrac>\n", "\\frac{a}{b}"),
        # a script or a style inside the formula is no text of it
        ("<mi>x</mi><style>.c{}</style><mo>+</mo><script>var q=1;</script><mn>1</mn>", "x+1"),
        # ... nor inside one of its tokens, whose text was read whole
        ("<mi>x<script>var q=1;</script></mi><mo><style>.c{}</style>+</mo><mn>1</mn>", "x+1"),
        (
            "<mi>x</mi><mo>∈</mo><mi mathvariant='double-struck'>R</mi><mo>,</mo>"
            "<mi mathvariant='bold'>v</mi><mo>∈</mo><mi mathvariant='fraktur'>g</mi>",
            "x∈\\mathbb{R},\\mathbf{v}∈\\mathfrak{g}",
        ),
    ],
    ids=[
        "fraction-root",
        "limits",
        "accents",
        "functions",
        "roots-fences",
        "matrix",
        "text",
        "binomial",
        "bare-text",
        "white-space",
        "scripts",
        "scripts-in-tokens",
        "alphabets",
    ],
)
def test_mathml_without_tex_is_written_as_tex(mathml: str, tex: str) -> None:
    assert _tex(mathml) == tex


def test_the_tex_a_page_keeps_comes_before_its_mathml() -> None:
    kept = LexborHTMLParser(
        '<math display="block" alttext="{\\displaystyle x^{2}}"><mi>y</mi></math>'
    ).css_first("math")
    assert kept is not None
    formula = formula_of(kept)
    assert formula is not None and formula.written == "$$x^{2}$$"


def test_huge_and_deep_formulas_are_read_whole_in_time() -> None:
    wide = "<p>before <math>" + "<mi>a</mi><mo>+</mo>" * 50_000 + "<mn>7</mn></math> after</p>"
    deep = "<p>before <math>" + "<mrow>" * 20_000 + "<mi>q</mi>" + "</mrow>" * 20_000
    deep += "</math> after</p>"
    for page, expected in ((wide, "a+" * 50_000 + "7"), (deep, "q")):
        started = time.process_time()
        text = thresher.extract(page).text
        assert time.process_time() - started < 5
        assert text.replace(" ", "") == f"before${expected}$after"


def test_an_image_is_a_formula_only_where_its_address_or_class_carries_tex() -> None:
    images = (
        '<img src="/uploads/my_photo_2024.jpg" alt="my_photo_2024"> and '
        '<img src="/charts/growth.png" alt="growth of x^{2} over time">'
    )
    page = _ARTICLE.replace("{formula}", images)
    document = thresher.extract(page, url="https://e.org/", options=Options(include_images=True))
    assert _sentence(document.markdown) == (
        "The identity states that ![my_photo_2024](https://e.org/uploads/my_photo_2024.jpg) "
        "and ![growth of x^{2} over time](https://e.org/charts/growth.png), "
    )
    assert "$" not in document.text
