"""JSON with the place of every value, so one value can be replaced and nothing else moves.

Notebooks are JSON written by many tools (nbformat with one-space indent, VS Code, Colab,
hand edits), and a migration must not reformat what it did not change: re-dumping the whole
document would rewrite outputs, key order, escapes and indentation. Parsing with offsets lets
the notebook carrier splice a new ``source`` value into exactly the span of the old one.

Strings are scanned with the standard library's C scanner, so notebooks with megabytes of
base64 outputs parse quickly.

Example:
    >>> node = parse_with_spans('{"a": [1, "x"]}')
    >>> node.children["a"].start, node.children["a"].end
    (6, 14)
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Pattern, Tuple

__all__ = ["JsonNode", "parse_with_spans"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER: Pattern[str] = getattr(json.scanner, "NUMBER_RE")  # noqa: B009 (not in typeshed)
# The C string scanner behind json.loads (typeshed does not declare it).
_scan_string: Callable[[str, int], Tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009
# json.loads also accepts NaN and the infinities (Python's json.dumps writes them).
_LITERALS = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}


@dataclass
class JsonNode:
    """One JSON value and its span ``[start, end)`` in the document text.

    Objects keep their members in ``children`` (a dict, in document order); arrays keep theirs
    in ``items``; scalars keep their Python value in ``value``.
    """

    start: int
    end: int
    value: Any = None
    children: dict[str, JsonNode] = field(default_factory=dict)
    items: list[JsonNode] = field(default_factory=list)
    kind: str = "scalar"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, pos: int) -> int:
        match = _WHITESPACE.match(self.text, pos)
        return match.end() if match else pos

    def fail(self, what: str, pos: int) -> json.JSONDecodeError:
        return json.JSONDecodeError(f"expected {what}", self.text, pos)

    def value(self, pos: int) -> JsonNode:
        pos = self.skip(pos)
        char = self.text[pos : pos + 1]
        if char == "{":
            return self.obj(pos)
        if char == "[":
            return self.array(pos)
        if char == '"':
            string, end = _scan_string(self.text, pos + 1)
            return JsonNode(pos, end, string)
        for literal, value in _LITERALS.items():
            if self.text.startswith(literal, pos):
                return JsonNode(pos, pos + len(literal), value)
        match = _NUMBER.match(self.text, pos)
        if match is None:
            raise self.fail("a JSON value", pos)
        return JsonNode(pos, match.end(), json.loads(match.group(0)))

    def obj(self, start: int) -> JsonNode:
        node = JsonNode(start, start, kind="object")
        pos = self.skip(start + 1)
        if self.text.startswith("}", pos):
            node.end = pos + 1
            return node
        while True:
            if not self.text.startswith('"', pos):
                raise self.fail("a string key", pos)
            key, pos = _scan_string(self.text, pos + 1)
            pos = self.skip(pos)
            if not self.text.startswith(":", pos):
                raise self.fail("':'", pos)
            child = self.value(pos + 1)
            node.children[key] = child
            pos = self.skip(child.end)
            if self.text.startswith(",", pos):
                pos = self.skip(pos + 1)
                continue
            if self.text.startswith("}", pos):
                node.end = pos + 1
                return node
            raise self.fail("',' or '}'", pos)

    def array(self, start: int) -> JsonNode:
        node = JsonNode(start, start, kind="array")
        pos = self.skip(start + 1)
        if self.text.startswith("]", pos):
            node.end = pos + 1
            return node
        while True:
            item = self.value(pos)
            node.items.append(item)
            pos = self.skip(item.end)
            if self.text.startswith(",", pos):
                pos += 1
                continue
            if self.text.startswith("]", pos):
                node.end = pos + 1
                return node
            raise self.fail("',' or ']'", pos)


def parse_with_spans(text: str) -> JsonNode:
    """The document's root value with spans; raises ``json.JSONDecodeError`` on bad JSON."""
    parser = _Parser(text)
    root = parser.value(0)
    if parser.skip(root.end) != len(text):
        raise parser.fail("end of document", parser.skip(root.end))
    return root
