"""YAML front matter for Markdown output: the page's metadata above its content.

Values are written as JSON scalars and flow lists, which YAML reads as they are, so no YAML
library is needed and no value can break the block.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def front_matter(fields: Mapping[str, Any]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if value is None or value == [] or value == ():
            continue
        plain = list(value) if isinstance(value, tuple) else value
        lines.append(f"{key}: {json.dumps(plain, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"
