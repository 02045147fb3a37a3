"""The shipped models read what the current code computes.

A change to a feature (or to anything a feature reads, such as a block's text) does not make
the models fail: it makes them read inputs they were never trained on, and the figures drift
without a word. The training script records a summary of every model input over the WCXB
pages; this test recomputes it from the current code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from training import fingerprint, ranker


def test_models_were_trained_on_the_features_the_code_computes(wcxb_dir: Path) -> None:
    assert fingerprint.recorded(), (
        "evaluation.json records no feature summary: run python -m training.train"
    )
    different = fingerprint.changed(wcxb_dir)
    assert not different, (
        f"the {', '.join(different)} features differ from those the shipped models "
        "were trained on: retrain them with python -m training.train"
    )


def _summary(rows: np.ndarray) -> dict[str, object]:
    sketch = fingerprint.Sketch()
    sketch.add(rows)
    return sketch.summary()


def test_the_feature_summary_ignores_last_bit_noise_and_sees_a_changed_feature() -> None:
    rows = np.random.default_rng(7).random((5000, 3)).astype(np.float32) * 50
    then = _summary(rows)
    # every value a float32 step up: what another processor's arithmetic may do
    noisy = np.nextafter(rows, np.float32(np.inf))
    assert fingerprint.same(then, _summary(noisy))
    one_block = rows.copy()
    one_block[1234, 2] += 1.0  # a feature of one block of 5,000 counted one higher
    assert not fingerprint.same(then, _summary(one_block))
    swapped = rows.copy()
    swapped[[10, 11]] = swapped[[11, 10]]  # two rows' features exchanged
    assert not fingerprint.same(then, _summary(swapped))
    assert not fingerprint.same(then, _summary(rows[:-1]))  # a block fewer
    empty_page = fingerprint.Sketch()
    empty_page.add(np.zeros((0, 3), np.float32))  # a page without blocks adds nothing
    assert empty_page.summary() == {"rows": 0, "sums": []}


def test_training_runs_only_against_this_checkouts_source(tmp_path: Path) -> None:
    # An installed copy would take the new block models, and the rankers would read the labels
    # of the old ones, while the figures went into the checkout.
    assert ranker.checkout_problem(ranker.MODELS.parent.parent) is None
    problem = ranker.checkout_problem(tmp_path / "site-packages" / "thresher")
    assert problem and "pip install -e" in problem and "site-packages" in problem
