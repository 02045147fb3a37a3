from typing import Any

def leaf_sums(
    features: Any,
    rows: int,
    width: int,
    feature: Any,
    threshold: Any,
    left: Any,
    value: Any,
    roots: Any,
    depth: int,
    classes: int,
    out: Any,
    /,
) -> None: ...
