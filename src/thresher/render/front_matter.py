"""YAML front matter for Markdown output: the page's metadata above its content.

Values are written as JSON scalars and flow lists, which YAML reads as they are, so no YAML
library is needed and no value can break the block. Characters YAML does not allow in a
document (controls, DEL, the C1 range, noncharacters, halves of UTF-16 pairs) and those it
takes for line breaks are written as JSON's escapes, which a YAML double-quoted string reads
too: a title holding a DEL made a block no YAML reader would load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# Outside YAML's printable set, or a line break to YAML 1.1 (NEL, the Unicode separators);
# JSON has escaped the controls below U+0020 already. Built: mypyc takes no literal half of a
# UTF-16 pair.
_NOT_YAML_PRINTABLE = re.compile(f"[\x7f-\x9f\u2028\u2029{chr(0xD800)}-{chr(0xDFFF)}\ufffe\uffff]")


def front_matter(fields: Mapping[str, Any]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if value is None or value == [] or value == ():
            continue
        plain = list(value) if isinstance(value, tuple) else value
        lines.append(f"{key}: {_yaml_scalar(plain)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml_scalar(value: Any) -> str:
    written = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", written)
