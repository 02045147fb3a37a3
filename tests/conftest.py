from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def case_ids() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if (path / "truth.json").exists())


def load_case(case_id: str) -> tuple[bytes, dict]:
    folder = CASES / case_id
    return gzip.decompress((folder / "page.html.gz").read_bytes()), json.loads(
        (folder / "truth.json").read_text(encoding="utf-8")
    )


@pytest.fixture(scope="session")
def wcxb_dir() -> Path:
    path = SHARED_DATA / "wcxb-dev"
    if not (path / "ground-truth").is_dir():
        pytest.skip("the WCXB development set is not beside this checkout")
    return path
