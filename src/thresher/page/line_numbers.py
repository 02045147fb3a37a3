"""Line numbers that a code highlighter writes into the code itself.

Highlighters that number lines inline (Pygments' ``linenos="inline"``, Hugo's ``lineNos``
outside a table, many components that render code on the server) set each line's number in
an element of its own at the start of the line, touching the code: read as text, the code
becomes ``1for i in range(3):``. What tells such a number from code is its place, not its
class (each tool names it differently): an element holding a number and nothing else opens
every line of the block, and the numbers count up one by one. A number literal that opens a
line of code is seldom part of such a run, and a numbered list typed as text in a ``<pre>``
is no element of its own, so both are kept.
"""

from __future__ import annotations

from .model import BREAK

# An element holding a line's number holds one text, or one text in one more element.
_MOST_PARTS = 3
_MOST_DIGITS = 6
# Two lines that open with number literals counting up ("1 + 1" over "2 * 3") are a
# tutorial's code as often as numbered lines; three are seldom.
_SHORTEST_RUN = 3


def counts_up(numbers: list[int]) -> bool:
    """Whether the numbers go up one by one, as a code block's line numbers do."""
    return bool(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


class LineNumbers:
    """What the page walk learns, while it reads a ``<pre>``, about numbers opening its lines.

    Positions are indices into the walk's list of text parts; they hold while the block is
    gathered in one piece, so a block boundary inside the ``<pre>`` gives up on it.
    """

    def __init__(self) -> None:
        self.line_has_text = False
        self.given_up = False
        self.opened: dict[int, int] = {}  # element -> first part, for elements opening a line
        self.found: list[tuple[int, int, int]] = []  # (first part, end part, number)

    def begin(self) -> None:
        """A ``<pre>`` opens: nothing read yet."""
        self.line_has_text = self.given_up = False
        self.opened.clear()
        self.found.clear()

    def give_up(self) -> None:
        """The block was cut (a box inside the ``<pre>``): the positions no longer hold."""
        self.given_up = True
        self.opened.clear()
        self.found.clear()

    def read(self, text: str) -> None:
        end = text.rfind("\n")
        if end >= 0:
            self.line_has_text = not text[end + 1 :].isspace() and end + 1 < len(text)
        elif not self.line_has_text:
            self.line_has_text = bool(text) and not text.isspace()

    def line_break(self) -> None:
        self.line_has_text = False

    def enter(self, element: int, parts: int) -> None:
        if not self.line_has_text and not self.given_up:
            self.opened[element] = parts

    def close(self, element: int, parts: list[str]) -> None:
        first = self.opened.pop(element, -1)
        if first < 0 or len(parts) - first > _MOST_PARTS:
            return
        if self.found and self.found[-1][0] >= first:
            return  # the number is an element's inside this one (a line's own, around it)
        shown = "".join(parts[first:]).strip()
        if shown.isdigit() and shown.isascii() and len(shown) <= _MOST_DIGITS:
            self.found.append((first, len(parts), int(shown)))

    def remove(self, parts: list[str]) -> None:
        """Blank the numbers in ``parts`` if they number every line of the block."""
        found = self.found  # empty once the walk gave up on the block
        if len(found) < _SHORTEST_RUN or not counts_up([number for _, _, number in found]):
            return
        lines = [line for line in "".join(parts).replace(BREAK, "\n").split("\n") if line.strip()]
        if len(lines) != len(found):
            return
        kept = parts.copy()
        for first, end, _ in found:
            kept[first:end] = [""] * (end - first)
        # A column of numbers alone is the gutter a highlighter sets beside the code, in a
        # block of its own: the selection tells it by the code that follows.
        if "".join(kept).strip():
            parts[:] = kept
