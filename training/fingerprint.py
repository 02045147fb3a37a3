"""A digest of every input the shipped models read, so that code which changes a feature
cannot leave the models behind unnoticed.

The models learned from features that the package's own code computes. If a later change
computes one of them differently (a block's length counted with its paragraph breaks, say),
the shipped models go on reading inputs they never saw, and nothing fails: the figures just
drift. The training script records this digest beside the models; a test recomputes it from
the current code wherever the WCXB pages are at hand and asks for a retraining when it differs.

    python -m training.fingerprint [--data PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from bench.dataset import DEFAULT_DATA
from thresher.label.context import context_features
from thresher.label.features import block_features

from . import published, ranker, title

EVALUATION = ranker.MODELS / "evaluation.json"
ENTRY = "feature_fingerprint"


def fingerprint(data: Path) -> dict[str, str]:
    """One SHA-256 per kind of model input, over every page of ``data`` in file order."""
    digests = {name: hashlib.sha256() for name in ("blocks", "context", "title", "date")}
    for read in ranker.read_pages(data):
        features = block_features(read.page)
        digests["blocks"].update(features.tobytes())
        # Any fixed probabilities will do: the digest is of the code, not of a model.
        probe = np.linspace(0.0, 1.0, len(features), dtype=np.float32)
        digests["context"].update(context_features(read.page, probe).tobytes())
        for name, rows in (("title", title.rows(read)), ("date", published.rows(read))):
            if rows is not None:
                digests[name].update(np.ascontiguousarray(rows["x"], np.float32).tobytes())
    return {name: digest.hexdigest() for name, digest in digests.items()}


def recorded() -> dict[str, str] | None:
    """The digest written when the shipped models were trained, if there is one."""
    if not EVALUATION.exists():
        return None
    found = json.loads(EVALUATION.read_text(encoding="utf-8")).get(ENTRY)
    return dict(found) if found else None


def record(data: Path, names: tuple[str, ...] = ()) -> None:
    """Record the digest of what the models just trained read: of every kind of input, or
    only of ``names`` when one model was retrained alone."""
    now, kept = fingerprint(data), recorded() or {}
    kept.update({name: now[name] for name in names or tuple(now)})
    ranker.record(ENTRY, kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    now, then = fingerprint(args.data), recorded()
    for name, digest in now.items():
        state = "same" if then and then.get(name) == digest else "CHANGED"
        print(f"{name:8s} {digest[:16]}  {state}")


if __name__ == "__main__":
    main()
