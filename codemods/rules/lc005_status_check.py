"""LC005: ``if r.status.code != SUCCESS: ...`` goes away with the legacy call.

What it does: the check is dead code and is removed with the call's migration, or replaced by
its ``else`` branch (a ``== SUCCESS`` check by its body). An exception a user's ``try`` caught
before is still the same exception after. Only a status test of another shape (combined with
other conditions, an ``elif`` chain) is marked.

Why: callers of the legacy methods checked ``response.status.code`` out of habit from
the raw gRPC API, but the legacy methods themselves raised ``Exception("Model Predict failed
with response ...")`` (``Model Generate failed ...`` per streamed item) before returning a
response whose status was not ``SUCCESS``; ``legacy_compat`` does the same, and so do the
pythonic methods (clarifai >= 11.3.0). So every returned response was a success and the
failure branch never ran, whatever it does (raise, log and return, fall back).

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: nothing; catch the exception the call raises where a failure must be handled.
"""

from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from codemods.nodes import has_comment
from codemods.read_plan import EditKind, ReadEdit, ReadPlan
from codemods.rules import Invalid, Rule, register
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.rules.marker import Marker

__all__ = ["StatusCheckRule", "plan_status_check"]

CODE = "LC005"
_SUCCESS_CODE = "10000"


@register
class StatusCheckRule(Rule):
    CODE = CODE
    NAME = "status-check"
    MESSAGE = "status.code check: dead code, the legacy and the new method both raise on failure"
    VALID = (
        "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
        "def check(response):\n"
        "    if response.status.code != status_code_pb2.SUCCESS:\n"
        "        raise RuntimeError(response.status.description)\n",
    )
    INVALID = (
        Invalid(
            "from clarifai.client.model import Model\n"
            "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "r = model.predict_by_bytes(b'Hi', 'text')\n"
            "if r.status.code != status_code_pb2.SUCCESS:\n"
            "    raise Exception(r.status.description)\n"
            "print(r.outputs[0].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "r = model.predict(prompt='Hi')\n"
            "print(r)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask():\n"
            "    r = model.predict_by_bytes(b'Hi', 'text')\n"
            "    if r.status.code != status_code_pb2.SUCCESS:\n"
            "        print('failed')\n"
            "        return None\n"
            "    return r.outputs[0].data.text.raw\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask():\n"
            "    r = model.predict(prompt='Hi')\n"
            "    return r\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "r = model.predict_by_bytes(b'Hi', 'text')\n"
            "if r.status.code == 10000:\n"
            "    print(r.outputs[0].data.text.raw)\n"
            "else:\n"
            "    print('failed:', r.status.description)\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "r = model.predict(prompt='Hi')\n"
            "print(r)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
    )

    NEEDED_FOR = "the status check"
    HANDLES_STATUS_CHECKS = True
    REWRITES_RESPONSE_READS = True

    def plan_status_check(
        self, statement: Union[cst.If, cst.Assert], plan: ReadPlan, new_method: str
    ) -> Optional[Marker]:
        return plan_status_check(statement, plan, new_method)


def _is_success(node: cst.BaseExpression) -> Optional[str]:
    """The module name a ``<module>.SUCCESS`` reference needs (``""`` for a bare literal)."""
    if isinstance(node, cst.Attribute) and node.attr.value == "SUCCESS":
        head = node.value
        while isinstance(head, cst.Attribute):
            head = head.value
        return head.value if isinstance(head, cst.Name) else None
    if isinstance(node, cst.Integer) and node.value == _SUCCESS_CODE:
        return ""
    return None


def _decision(test: cst.BaseExpression) -> Optional[tuple[bool, str]]:
    """For ``status.code != SUCCESS`` (False: never holds) or ``== SUCCESS`` (True: always
    holds), the answer and the module name the ``SUCCESS`` reference needs."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return None
    comparison = test.comparisons[0]
    module_name = _is_success(comparison.comparator)
    if module_name is None:
        return None
    if isinstance(comparison.operator, cst.NotEqual):
        return False, module_name
    if isinstance(comparison.operator, cst.Equal):
        return True, module_name
    return None


def _drops_a_comment(statement: Union[cst.If, cst.Assert], *, holds: bool) -> bool:
    if isinstance(statement, cst.Assert):
        return has_comment(statement)
    if holds:
        return has_comment(statement.test, statement.orelse)
    dropped: list[Optional[cst.CSTNode]] = [statement.test, statement.body]
    if statement.orelse is None:
        dropped.extend(statement.leading_lines)
    return has_comment(*dropped)


def plan_status_check(
    statement: Union[cst.If, cst.Assert], plan: ReadPlan, new_method: str
) -> Optional[Marker]:
    """Plan away a status check that always or never held (see the module docstring)."""
    decision = _decision(statement.test)
    if decision is not None and _drops_a_comment(statement, holds=decision[0]):
        return Marker(
            CODE,
            "the status check never fails on a returned response (the legacy method raised "
            "first) but holds comments: remove the check by hand, keeping what the comments "
            "say, then migrate the call",
        )
    if decision is not None:
        holds, module_name = decision
        kind: Optional[EditKind] = None
        if isinstance(statement, cst.Assert):
            kind = EditKind.REMOVE if holds else None
        elif holds:
            kind = EditKind.UNWRAP
            if statement.orelse is not None:
                plan.dead.append(statement.orelse)
        elif statement.orelse is None:
            kind = EditKind.REMOVE
        elif isinstance(statement.orelse, cst.Else):
            kind = EditKind.UNWRAP_ELSE
            plan.dead.append(statement.body)
        if kind is not None:
            if kind == EditKind.REMOVE:
                plan.dead.append(statement)
            plan.edits.append(ReadEdit(statement, kind))
            if module_name:
                plan.removed_names.add(module_name)
            return None
    return Marker(
        CODE,
        f"the status check has a shape the codemod does not follow: the legacy method already "
        f"raised on failure, as model.{new_method}(...) does, so keep only the code for a "
        "successful response, then drop legacy_compat.Model",
    )
