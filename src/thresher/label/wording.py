"""What a page's words say its type is: a linear model over the words that many sites share.

The page-type model reads the blocks' layout, summed over the page. Pages of a type also share
a vocabulary ("cart", "shipping" and "reviews"; "reply", "joined" and "posts"; "install" and
"parameters"), which that summary does not hold. A multinomial logistic regression over the
page's distinct words gives the log-probability of each page type, and the page-type model
reads these beside the summary. It knows only words found on pages of several training sites,
so no site's own topic teaches it anything; ``training/wording.py`` fits it on WCXB, and the
page-type model learns from its out-of-fold view, as it meets it on pages of unseen sites.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..page.model import Page

WORD_MODEL = Path(__file__).with_name("models") / "page_words.npz"
_WORD = re.compile(r"[^\W\d_]{2,}")


def words_of(text: str) -> set[str]:
    """The distinct words of a text, lower-cased: letters only, two or more of them."""
    return set(_WORD.findall(text.lower()))


def page_words(page: Page) -> set[str]:
    """The distinct words of every block (the lines the block models read)."""
    return words_of("\n".join(block.lines for block in page.blocks))


@dataclass(frozen=True, slots=True, eq=False)
class WordModel:
    index: dict[str, int]  # a known word -> its row of weights
    weights: np.ndarray  # float32, a row per known word, a column per page type
    intercepts: np.ndarray  # float64, one per page type

    @classmethod
    def load(cls, path: Path) -> WordModel:
        with np.load(path, allow_pickle=False) as data:
            index = {str(word): row for row, word in enumerate(data["words"])}
            return cls(index, data["weights"], data["intercepts"])

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            words=np.array(sorted(self.index, key=self.index.__getitem__)),
            weights=self.weights,
            intercepts=self.intercepts,
        )

    def log_probabilities(self, words: set[str]) -> np.ndarray:
        """Per page type, as the model was trained: the known words as one vector of unit
        length (summed in a fixed order, so the result never depends on a set's order)."""
        rows = sorted(self.index[word] for word in words if word in self.index)
        scores = self.intercepts.astype(np.float64)
        if rows:
            summed = self.weights[rows].sum(axis=0, dtype=np.float64)
            scores = scores + summed / math.sqrt(len(rows))
        shifted = scores - scores.max()
        return (shifted - math.log(float(np.exp(shifted).sum()))).astype(np.float32)


@cache
def word_model() -> WordModel:
    return WordModel.load(WORD_MODEL)
