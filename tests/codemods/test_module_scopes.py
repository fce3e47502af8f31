"""``module_scopes`` gives libcst's own scope answer, walked fewer times.

The engine computes scopes without ``MetadataWrapper`` to save the batched traversal's empty
walks (codemods.analysis.module_scopes). These tests compare the two answers node by node on
every realistic program and on shapes whose scopes are easy to get wrong (class bodies,
comprehensions, ``global``, lambdas, decorators, ``del``), so a shortcut that loses the store
contexts or a scope kind fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Hashable, Mapping, Optional

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider
from libcst.metadata.scope_provider import Scope

from codemods.analysis import module_scopes

PROGRAMS = sorted((Path(__file__).parent.parent / "realistic" / "programs").glob("*/program.py"))

TRICKY = """
import os
from clarifai.client.model import Model as M

MODEL = None


def setup(url):
    global MODEL
    MODEL = M(url)


class Service:
    model = M("https://clarifai.com/u/a/models/m")
    names = [model for model in range(3)]

    @staticmethod
    def run(items, key=lambda item: item[0]):
        found = {k: v for k, v in sorted(items, key=key)}
        del found
        return [Service.model.predict_by_url(u, "image") for u in items]


for MODEL in (MODEL,):
    pass
"""


def _shape(scopes: Mapping[cst.CSTNode, Optional[Scope]]) -> tuple[dict, dict]:
    """Per node, the node that opens its scope; per scope, what is assigned and read where."""
    owners = {node: _key(scope) for node, scope in scopes.items()}
    contents: dict[Hashable, tuple[frozenset, frozenset]] = {}
    for scope in {id(s): s for s in scopes.values() if s is not None}.values():
        assignments = frozenset((a.name, id(getattr(a, "node", None))) for a in scope.assignments)
        accesses = frozenset((a.node.value, id(a.node)) for a in scope.accesses)
        contents[_key(scope)] = (assignments, accesses)
    return owners, contents


def _key(scope: Optional[Scope]) -> Optional[tuple[str, int]]:
    """A scope named by its kind and the node that opens it (the module's has none)."""
    if scope is None:
        return None
    return type(scope).__name__, id(getattr(scope, "node", None))


@pytest.mark.parametrize(
    "source",
    [TRICKY, *(p.read_text(encoding="utf-8") for p in PROGRAMS)],
    ids=["tricky", *(p.parent.name for p in PROGRAMS)],
)
def test_module_scopes_match_the_metadata_wrapper(source: str) -> None:
    module = cst.parse_module(source)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    assert _shape(module_scopes(module)) == _shape(expected)


def test_store_contexts_reach_the_scope_analysis() -> None:
    """Without the expression contexts every name would count as read, none as assigned."""
    module = cst.parse_module("x = 1\nprint(x)\n")
    scope = module_scopes(module)[module.body[0].body[0].targets[0].target]
    assert scope is not None
    assert [a.name for a in scope.assignments] == ["x"]
