"""JSON-LD blocks -> a flat list of entities, tolerating the broken JSON pages ship."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from ..charsets import LONE_SURROGATE

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
# JSON may escape half of a UTF-16 pair alone ("\ud800"): json.loads makes it a lone
# surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
MAX_JSON_CHARS = 1_000_000
MAX_ENTITIES = 500
# How deep the readers below go into a value: real JSON-LD nests a name two or three levels
# down ("author": [{"name": ...}]); a page may nest lists hundreds deep, and following them
# with recursion would raise RecursionError where Python runs uncompiled.
DEEPEST_VALUE = 8
DEEPEST_CLEANED = 32


def load_json(text: str) -> Any | None:
    """Parse one JSON-LD block; repair common damage; None when it cannot be read."""
    if len(text) > MAX_JSON_CHARS:
        return None
    text = _WRAPPERS.sub("", text.strip())
    data = _parsed(text)
    return _without_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


def _parsed(text: str) -> Any | None:
    for candidate in (text, _repair(text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return _first_values(text)


def _without_surrogates(data: Any, depth: int = 0) -> Any:
    """The parsed JSON with every lone surrogate left out of its strings (a pair escaped in
    two halves is already one character), and nothing nested deeper than DEEPEST_CLEANED."""
    if isinstance(data, str):
        return LONE_SURROGATE.sub("", data)
    if depth >= DEEPEST_CLEANED and isinstance(data, (list, dict)):
        return None
    if isinstance(data, list):
        return [_without_surrogates(item, depth + 1) for item in data]
    if isinstance(data, dict):
        return {
            LONE_SURROGATE.sub("", key): _without_surrogates(value, depth + 1)
            for key, value in data.items()
        }
    return data


def _repair(text: str) -> str:
    return _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))


def _first_values(text: str) -> list[Any] | None:
    """Several JSON values written one after another: read as many as parse."""
    decoder = json.JSONDecoder(strict=False)
    values, position = [], 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n;,":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values or None


def entities(blocks: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every JSON-LD object with a @type, from all blocks, @graph and arrays unfolded."""
    found: list[dict[str, Any]] = []
    for block in blocks:
        data = load_json(block)
        if data is not None:
            for entity in _walk(data, 0):
                found.append(entity)
                if len(found) >= MAX_ENTITIES:
                    return found
    return found


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def types_of(entity: dict[str, Any]) -> set[str]:
    value = entity.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(item).rsplit("/", 1)[-1] for item in values if item}


def text_of(value: Any, depth: int = 0) -> str | None:
    """A plain string from a JSON-LD value that may be a string, an object or a list."""
    if isinstance(value, str):
        return _unescaped(value).strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if depth >= DEEPEST_VALUE:
        return None
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "@id"):
            if key in value:
                return text_of(value[key], depth + 1)
    if isinstance(value, list) and value:
        return text_of(value[0], depth + 1)
    return None


def names_of(value: Any, depth: int = 0) -> list[str]:
    """Every name in an author-like value: a string, a Person, or a list of them."""
    if isinstance(value, list):
        if depth >= DEEPEST_VALUE:
            return []
        return [name for item in value[:20] for name in names_of(item, depth + 1)]
    if isinstance(value, dict):
        if types_of(value) & {"Organization", "NewsMediaOrganization", "Corporation"}:
            return []  # a publisher named as author: the person, if any, is elsewhere
        name = value.get("name")
        if isinstance(name, str):
            return [_unescaped(name)]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) or isinstance(family, str):
            parts = (part for part in (given, family) if isinstance(part, str))
            return [_unescaped(" ".join(parts))]
        return []
    if isinstance(value, str):
        return [_unescaped(value)]
    return []


def _unescaped(text: str) -> str:
    """Script text is not decoded by the parser, and many sites escape JSON-LD as HTML."""
    return html.unescape(text) if "&" in text else text
