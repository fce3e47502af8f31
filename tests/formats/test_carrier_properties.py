"""Property tests for the two hand-written parsers under the carriers.

The JSON span parser must agree with ``json.loads`` on every document, however it is laid
out; the shell lexer must agree with ``shlex`` on every quoted word. And a notebook with no
legacy call must always come back byte-identical.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from codemods.formats.json_layout import JsonNode, parse_with_spans
from codemods.formats.notebook import NotebookHandler
from codemods.formats.shell_syntax import words

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_LAYOUTS = st.sampled_from([None, 0, 1, 2, 4])


def _value(node: JsonNode) -> Any:
    if node.kind == "object":
        return {key: _value(child) for key, child in node.children.items()}
    if node.kind == "array":
        return [_value(item) for item in node.items]
    return node.value


@settings(max_examples=100, deadline=None)
@given(_JSON, _LAYOUTS, st.booleans())
def test_spans_parse_like_json_loads(value, indent, ensure_ascii):
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    root = parse_with_spans(text)
    assert _value(root) == json.loads(text)
    assert (root.start, root.end) == (0, len(text))
    for child in [*root.children.values(), *root.items]:
        assert json.loads(text[child.start : child.end]) == _value(child)


_SOURCE_LINES = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(
        lambda line: line.replace("_by_", "_")
    ),
    max_size=6,
)


@settings(max_examples=50, deadline=None)
@given(st.lists(_SOURCE_LINES, min_size=1, max_size=3), _LAYOUTS, st.booleans())
def test_a_notebook_without_legacy_calls_round_trips_byte_identical(cells, indent, ensure_ascii):
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "outputs": [], "source": lines} for lines in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=indent, ensure_ascii=ensure_ascii) + "\n"

    def no_python_migration(code: str) -> tuple[str, list]:
        raise AssertionError("a notebook without legacy names is never parsed")

    assert NotebookHandler().migrate(text, no_python_migration) == (text, [])


_WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=6))
def test_the_lexer_reads_quoted_words_as_shlex_does(values):
    line = shlex.join(values)
    found = words(line)
    assert [word.literal for word in found] == values
    assert [line[word.start : word.end] for word in found] == [word.raw for word in found]


def test_the_non_standard_numbers_json_loads_accepts_are_parsed_too():
    # Found by test_spans_parse_like_json_loads: json.dumps writes these for float values.
    root = parse_with_spans('{"a": [NaN, Infinity, -Infinity, -1.5e3]}')
    values = [item.value for item in root.children["a"].items]
    assert values[0] != values[0] and values[1:] == [float("inf"), float("-inf"), -1500.0]
