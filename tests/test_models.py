"""The shipped models read what the current code computes.

A change to a feature (or to anything a feature reads, such as a block's text) does not make
the models fail: it makes them read inputs they were never trained on, and the figures drift
without a word. The training script records a digest of every model input over the WCXB pages;
this test recomputes it from the current code.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from thresher.label.classify import PAGE_TYPES
from training import fingerprint


def test_models_were_trained_on_the_features_the_code_computes(wcxb_dir: Path) -> None:
    recorded = fingerprint.recorded()
    assert recorded, "evaluation.json records no feature digest: run python -m training.train"
    changed = {
        name
        for name, digest in fingerprint.fingerprint(wcxb_dir).items()
        if recorded.get(name) != digest
    }
    assert not changed, (
        f"the {', '.join(sorted(changed))} features differ from those the shipped models "
        "were trained on: retrain them with python -m training.train"
    )


def test_the_word_model_learns_only_words_found_on_several_sites() -> None:
    pytest.importorskip("sklearn")
    from training import wording

    def page(site: int, kind: str) -> dict:
        return {
            "sample": SimpleNamespace(domain=f"site{site}.example", page_type=kind),
            "words": {"the", "page", f"{kind}word", f"site{site}word"},
        }

    pages = [page(site, kind) for site in range(wording.MIN_SITES) for kind in PAGE_TYPES]
    model = wording.fit_words(pages)
    assert not any(word.startswith("site") for word in model.index)  # each on one site only
    for kind in PAGE_TYPES:
        said = model.log_probabilities({"the", f"{kind}word"})
        assert PAGE_TYPES[int(np.argmax(said))] == kind
    again = wording.fit_words(pages)  # the same pages, the same model
    assert again.index == model.index and np.array_equal(again.weights, model.weights)
