"""The shipped models read what the current code computes.

A change to a feature (or to anything a feature reads, such as a block's text) does not make
the models fail: it makes them read inputs they were never trained on, and the figures drift
without a word. The training script records a digest of every model input over the WCXB pages;
this test recomputes it from the current code.
"""

from __future__ import annotations

from pathlib import Path

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
