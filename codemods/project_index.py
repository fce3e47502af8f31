"""What the rest of a project says about its Clarifai models: a cheap pass before rewriting.

Also the same question inside one file: which top-level functions a legacy call's response
may be handed to, so the engine keeps their definitions in the module it analyses.
"""

from __future__ import annotations

import ast
from typing import Iterable, Sequence

__all__ = ["called_definitions"]


def called_definitions(statements: Iterable[ast.stmt], definitions: Sequence[ast.stmt]) -> set[str]:
    """Names of the top-level functions in ``definitions`` that ``statements`` call."""
    defined = {
        d.name for d in definitions if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    called: set[str] = set()
    for statement in statements:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in defined
            ):
                called.add(node.func.id)
    return called
