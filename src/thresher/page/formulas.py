"""Formulas read as TeX: from the source a page keeps for one, or made from its MathML.

Pages set mathematics in MathML, most often beside a drawing of it for the eye: KaTeX and
MathJax draw each formula in boxes, Wikipedia in an image, and hide the drawing from screen
readers (``aria-hidden``), which read the MathML. The page walk reads each formula once, as
TeX between dollar signs, the form Markdown renderers, language models and corpus tools
read as mathematics: the TeX the page keeps (a TeX annotation, the ``alttext``, MathJax's
``<script type="math/tex">``, the alt text of an image of the formula) or, without one, TeX
made from the MathML. The drawing beside it is left out (``draws_a_formula``).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote

from ..dom import NEVER_SHOWN_TAGS, Node, shown_text


class Formula(NamedTuple):
    tex: str
    display: bool  # set apart on a line of its own, not within a sentence

    @property
    def written(self) -> str:
        fence = "$$" if self.display else "$"
        return f"{fence}{self.tex}{fence}"


_TEX_ENCODINGS = frozenset(("application/x-tex", "text/x-tex", "tex", "latex"))
# Wikipedia wraps each formula's TeX in the style it is drawn in.
_STYLE_WRAPPER = re.compile(r"\{\\(?:display|text)style\s*(.*)\}", re.DOTALL)
_STYLE_COMMAND = re.compile(r"^\\(?:display|text)style\b\s*")


def formula_of(math: Node) -> Formula | None:
    """The formula of a <math> element: the TeX it keeps, else TeX made from its MathML;
    None for one that shows nothing."""
    attributes = math.attributes
    display = attributes.get("display") == "block" or attributes.get("mode") == "display"
    tex = _kept_tex(math) or attributes.get("alttext") or ""
    tex = _tidy(tex) if tex.strip() else _tidy(tex_of_mathml(math))
    return Formula(tex, display) if tex else None


def script_formula(script: Node) -> Formula | None:
    """The formula of MathJax's ``<script type="math/tex">``, which keeps the TeX the page's
    author wrote; None for any other script."""
    kind = (script.attributes.get("type") or "").lower()
    if not kind.startswith("math/tex"):
        return None
    tex = _tidy(script.text(deep=True) or "")
    return Formula(tex, "mode=display" in kind.replace(" ", "")) if tex else None


# An image of a formula that a TeX service drew (WordPress's latex.php, CodeCogs, mimeTeX)
# carries the formula in its address as well as in its alt text; MediaWiki and Jetpack also
# class such images. Only an alt text with TeX's own marks is read so: a file name written
# into the alt text ("my_photo_2024") is in its address too.
_TEX_MARKS = ("\\", "^", "{")
_TEX_IMAGE_CLASSES = frozenset(("latex", "tex"))


def image_formula(attributes: dict[str, str | None]) -> Formula | None:
    """The formula of an image of one, from its alt text: TeX that the image's address
    carries too, or that an image classed ``tex`` or ``latex`` shows."""
    alt = attributes.get("alt") or ""
    if not any(mark in alt for mark in _TEX_MARKS):
        return None  # (most images: a look at their alt text is all they cost)
    tex = _tidy(alt)
    names = (attributes.get("class") or "").lower().split()
    if not tex or (_TEX_IMAGE_CLASSES.isdisjoint(names) and not _carries(attributes, tex)):
        return None
    return Formula(tex, any("display" in name for name in names))


def _carries(attributes: dict[str, str | None], tex: str) -> bool:
    """Whether the image's address holds the TeX, written plainly or percent-encoded."""
    address = attributes.get("src") or ""
    squeezed = tex.replace(" ", "")
    return any(squeezed in form.replace(" ", "") for form in (address, unquote(address)))


def _is_formula_script(node: Node) -> bool:
    return node.tag == "script" and script_formula(node) is not None


def draws_a_formula(hidden: Node) -> bool:
    """Whether an element hidden from screen readers draws the formula beside it: the element
    next to it on either side is, or opens with, the formula's MathML or TeX (KaTeX's
    ``katex-mathml``, MathJax's assistive MathML and script, Wikipedia's hidden MathML)."""
    for sibling in (_element_before(hidden), _element_after(hidden)):
        if sibling is None:
            continue
        if _is_formula_source(sibling):
            return True
        child = sibling.first_child
        while child is not None and child.tag == "-text":
            child = child.next
        if child is not None and _is_formula_source(child):
            return True
    return False


def _is_formula_source(node: Node) -> bool:
    return node.tag == "math" or _is_formula_script(node)


def _element_before(node: Node) -> Node | None:
    current = node.prev
    while current is not None and current.tag == "-text":
        current = current.prev
    return current


def _element_after(node: Node) -> Node | None:
    current = node.next
    while current is not None and current.tag == "-text":
        current = current.next
    return current


def _kept_tex(math: Node) -> str:
    """The TeX annotation of a <math> element's semantics (KaTeX, Wikipedia, LaTeXML)."""
    for child in _children(math):
        if child.tag != "semantics":
            continue
        for annotation in _children(child):
            encoding = (annotation.attributes.get("encoding") or "").lower()
            if annotation.tag == "annotation" and encoding in _TEX_ENCODINGS:
                return annotation.text(deep=True) or ""
    return ""


def _tidy(tex: str) -> str:
    """The TeX on one line, without the style Wikipedia draws it in."""
    tex = " ".join(tex.split())
    wrapped = _STYLE_WRAPPER.fullmatch(tex)
    if wrapped and _balanced(wrapped.group(1)):
        tex = wrapped.group(1).strip()
    return _STYLE_COMMAND.sub("", tex).strip()


def _balanced(tex: str) -> bool:
    depth = 0
    escaped = False
    for character in tex:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# -- MathML to TeX ------------------------------------------------------------------------

# A formula's MathML is read node by node; one of more nodes, or nested deeper, than any
# formula a reader could take in is read as its text, whole.
_MOST_NODES = 5000
_DEEPEST = 60


class _TooLarge(Exception):
    pass


def tex_of_mathml(math: Node) -> str:
    """TeX for a MathML element: its layout (scripts, fractions, roots, accents, tables)
    written as TeX commands, its tokens as they are."""
    budget = [_MOST_NODES]
    try:
        return _tex(math, 0, budget)
    except _TooLarge:
        return _escaped(" ".join(shown_text(math).split()))


def _children(node: Node) -> list[Node]:
    return [child for child in node.iter() if child.tag != "-comment"]  # (no text nodes)


def _shown_children(node: Node) -> list[Node]:
    """The children a layout element shows: its elements, and text set in it bare (a browser
    shows the "1" of ``<math>1</math>``), white space between elements left out."""
    return [
        child
        for child in node.iter(include_text=True)
        if child.tag != "-comment" and (child.tag != "-text" or (child.text_content or "").strip())
    ]


_FUNCTIONS = frozenset(
    "sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan log ln lg exp lim "
    "liminf limsup max min sup inf det dim ker gcd deg arg hom Pr".split()
)
# Operators whose scripts set limits above and below them.
_LARGE_OPERATORS = frozenset("∑∏∐⋃⋂⋁⋀∫∬∭∮⨁⨂⨀") | {f"\\{name}" for name in ("lim", "max", "min")}
_OVER_ACCENTS = {
    "^": "\\hat",
    "ˆ": "\\hat",
    "\u0302": "\\hat",
    "~": "\\tilde",
    "˜": "\\tilde",
    "\u0303": "\\tilde",
    "¯": "\\overline",
    "‾": "\\overline",
    "\u0305": "\\overline",
    "_": "\\overline",
    "→": "\\vec",
    "\u20d7": "\\vec",
    "˙": "\\dot",
    "\u0307": "\\dot",
    "¨": "\\ddot",
    "\u0308": "\\ddot",
    "ˇ": "\\check",
    "˘": "\\breve",
    "⏞": "\\overbrace",
    "←": "\\overleftarrow",
}
_UNDER_ACCENTS = {
    "_": "\\underline",
    "‾": "\\underline",
    "\u0332": "\\underline",
    "⏟": "\\underbrace",
}
# Characters that are TeX's own syntax, written so that they show as themselves; the
# invisible operators MathML puts between a function and its argument or between factors show
# nothing.
_TEX_SPECIAL = {
    "\\": "\\backslash ",
    "{": "\\{",
    "}": "\\}",
    "#": "\\#",
    "$": "\\$",
    "%": "\\%",
    "&": "\\&",
    "_": "\\_",
    "^": "\\^{}",
    "~": "\\sim ",
    "\u2061": "",
    "\u2062": "",
    "\u2063": "",
    "\u2064": "",
    "\u2212": "-",
}
_SPECIAL = re.compile("[" + re.escape("".join(_TEX_SPECIAL)) + "]")
_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+$")
# A script of one character, which a letter or digit after it would seem to continue
# ("^nx_i" for the n-th power and then x sub i).
_SHORT_SCRIPT_END = re.compile(r"[\^_][A-Za-z0-9]$")


def _escaped(text: str) -> str:
    return _SPECIAL.sub(lambda found: _TEX_SPECIAL[found.group(0)], text)


# What a formula holds that shows nothing: MathML's invisible parts, and the scripts and styles
# the parser keeps as elements inside MathML.
_SHOWING_NOTHING = frozenset(
    ("mphantom", "annotation", "annotation-xml", "mprescripts", "none", *NEVER_SHOWN_TAGS)
)


def _tex(node: Node, depth: int, budget: list[int]) -> str:
    budget[0] -= 1
    if budget[0] < 0 or depth > _DEEPEST:
        raise _TooLarge
    tag = node.tag or ""
    if tag == "-text":
        return _escaped(" ".join((node.text_content or "").split()))
    if tag in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(node, tag)
    if tag in _SHOWING_NOTHING:
        return ""
    if tag == "mspace":
        return " "
    # (a <semantics> reads as its children, its annotations showing nothing)
    parts = [_tex(child, depth + 1, budget) for child in _shown_children(node)]
    return _layout(node, tag, parts)


def _layout(node: Node, tag: str, parts: list[str]) -> str:
    """TeX for a layout element, given its children's."""
    if tag in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and parts:
        return _scripted(tag, parts)
    if tag == "mfrac" and len(parts) == 2:
        thickness = (node.attributes.get("linethickness") or "").strip()
        if thickness and not thickness.lstrip("0.").rstrip("ptxem"):  # "0", "0px", "0em"
            return f"{{{parts[0]} \\atop {parts[1]}}}"
        return f"\\frac{{{parts[0]}}}{{{parts[1]}}}"
    if tag == "msqrt" or (tag == "menclose" and node.attributes.get("notation") == "radical"):
        return f"\\sqrt{{{_joined(parts)}}}"
    if tag == "mroot" and len(parts) == 2:
        return f"\\sqrt[{parts[1]}]{{{parts[0]}}}"
    if tag == "mtable":
        return "\\begin{matrix}" + " \\\\ ".join(parts) + "\\end{matrix}"
    if tag in ("mtr", "mlabeledtr"):
        cells = parts[1:] if tag == "mlabeledtr" else parts
        return " & ".join(cells)
    if tag == "mfenced":
        return _fenced(node, parts)
    return _joined(parts)


def _scripted(tag: str, parts: list[str]) -> str:
    base = parts[0]
    if tag in ("mover", "munder") and len(parts) == 2:
        accents = _OVER_ACCENTS if tag == "mover" else _UNDER_ACCENTS
        accent = accents.get(parts[1].strip())
        if accent:
            return f"{accent}{{{base}}}"
        if base.strip() not in _LARGE_OPERATORS:
            command = "\\overset" if tag == "mover" else "\\underset"
            return f"{command}{{{parts[1]}}}{{{base}}}"
    marks = {"msup": "^", "mover": "^", "msub": "_", "munder": "_"}
    if tag in marks and len(parts) == 2:
        return f"{_base(base)}{marks[tag]}{_group(parts[1])}"
    if len(parts) == 3:
        return f"{_base(base)}_{_group(parts[1])}^{_group(parts[2])}"
    return _joined(parts)


def _base(tex: str) -> str:
    tex = tex.strip()
    if len(tex) == 1 or _CONTROL_WORD_END.fullmatch(tex) or tex.startswith("\\mathrm{"):
        return tex
    return "{" + tex + "}"


def _group(tex: str) -> str:
    tex = tex.strip()
    return tex if len(tex) == 1 and tex.isalnum() else "{" + tex + "}"


def _fenced(node: Node, parts: list[str]) -> str:
    attributes = node.attributes
    opening = attributes.get("open")
    closing = attributes.get("close")
    separators = "".join((attributes.get("separators") or ",").split()) or ""
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if index and separators:
            pieces.append(separators[min(index - 1, len(separators) - 1)])
        pieces.append(part)
    return (
        _escaped("(" if opening is None else opening)
        + _joined(pieces)
        + _escaped(")" if closing is None else closing)
    )


# The alphabets a token may be set in, as TeX names them (ℝ is double-struck R).
_ALPHABETS = {
    "bold": "\\mathbf",
    "double-struck": "\\mathbb",
    "fraktur": "\\mathfrak",
    "script": "\\mathcal",
    "sans-serif": "\\mathsf",
    "monospace": "\\mathtt",
}


def _token(node: Node, tag: str) -> str:
    text = " ".join(shown_text(node).split())
    if tag == "mtext" or tag == "ms":
        return f"\\text{{{_escaped(text)}}}" if text else " "
    alphabet = _ALPHABETS.get(node.attributes.get("mathvariant") or "")
    if alphabet and text:
        return f"{alphabet}{{{_escaped(text)}}}"
    if tag == "mi" and len(text) > 1:
        if text in _FUNCTIONS:
            return "\\" + text
        return f"\\mathrm{{{_escaped(text)}}}"
    return _escaped(text)


def _joined(parts: list[str]) -> str:
    """Parts written one after the other, a space where a command's name or a script of one
    character would seem to run on into the letter after it (``\\pi r``, not ``\\pir``)."""
    out = ""
    for part in parts:
        opens = part[:1]
        runs_on = _CONTROL_WORD_END.search(out) if opens.isalpha() else None
        if runs_on or (opens.isalnum() and _SHORT_SCRIPT_END.search(out)):
            out += " "
        out += part
    return out
