"""Which blocks of a page the ground truth counts as main content: the training target."""

from __future__ import annotations

from bench.dataset import words

_SHORT = 4
_COVERAGE = 0.7

# A block counts when its words stand in the truth, wherever they stand. Aligning the page's
# words with the truth's in order instead (difflib, each truth word matched once), so that of
# two "Green" lines only the card's and not the filter's counts, trained worse models:
# domain-CV word F1 0.8770 with every block aligned and 0.8776 with only blocks of up to four
# words, against 0.8800 with these targets (same seed). Among the blocks it turned to chaff
# were quoted posts and reviews the truth holds: truths reorder and repeat passages.


def block_targets(block_texts: list[str], link_densities: list[float], reference: str) -> list[int]:
    reference_words = words(reference)
    reference_text = " " + " ".join(reference_words) + " "
    reference_pairs = set(zip(reference_words, reference_words[1:]))
    reference_lines = {" ".join(words(line)) for line in reference.split("\n")}
    targets = []
    for text, link_density in zip(block_texts, link_densities):
        block_words = words(text)
        if not block_words:
            targets.append(0)
            continue
        joined = " ".join(block_words)
        if len(block_words) <= _SHORT:
            inside = joined in reference_lines or (
                f" {joined} " in reference_text and link_density < 0.5
            )
        else:
            inside = f" {joined} " in reference_text or (
                sum(pair in reference_pairs for pair in zip(block_words, block_words[1:]))
                / (len(block_words) - 1)
                >= _COVERAGE
            )
        targets.append(int(inside))
    return targets
