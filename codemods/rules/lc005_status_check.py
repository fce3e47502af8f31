"""LC005: ``if r.status.code != SUCCESS: raise ...`` goes away with the legacy call.

Upstream: the legacy methods returned the response even when the platform reported a failure
in ``status.code``, so callers checked it. The pythonic methods (clarifai >= 11.3.0) raise an
exception when the call fails, so a check whose branch only raises is redundant and is removed
with the call's migration. A branch that does more than raise (prints and returns, retries,
falls back) changes meaning with exceptions, so it is marked for a person to turn into a
``try``/``except``.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.rules import Invalid, Rule, register
from codemods.rules.lc004_response_access import EditKind, ReadEdit, ReadPlan
from codemods.rules.marker import Marker

__all__ = ["StatusCheck", "plan_status_check"]

CODE = "LC005"
_SUCCESS_CODE = "10000"


@register
class StatusCheck(Rule):
    CODE = CODE
    NAME = "status-check"
    MESSAGE = "status.code check: the new method raises on failure"
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
            "import legacy_compat\n"
            "from clarifai_grpc.grpc.api.status import status_code_pb2\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/llm')\n"
            "def ask():\n"
            "    # TODO(legacy-compat LC005): the status check does more than raise: wrap "
            "model.predict(...) in try/except Exception and move the failure branch there, "
            "then drop legacy_compat.Model\n"
            "    r = model.predict_by_bytes(b'Hi', 'text')\n"
            "    if r.status.code != status_code_pb2.SUCCESS:\n"
            "        print('failed')\n"
            "        return None\n"
            "    return r.outputs[0].data.text.raw\n",
        ),
    )


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node).strip()


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


def _only_raises(body: cst.BaseSuite) -> bool:
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    return all(
        isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
        and all(isinstance(s, cst.Raise) for s in line.body)
        for line in lines
    )


def plan_status_check(statement: cst.If, plan: ReadPlan, new_method: str) -> Optional[Marker]:
    """Remove a raise-only ``!= SUCCESS`` check; mark any other status check."""
    test = statement.test
    if (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.NotEqual)
        and statement.orelse is None
        and _only_raises(statement.body)
    ):
        module_name = _is_success(test.comparisons[0].comparator)
        if module_name is not None:
            plan.edits.append(ReadEdit(statement, EditKind.REMOVE))
            if module_name:
                plan.removed_names.add(module_name)
            return None
    return Marker(
        CODE,
        f"the status check does more than raise: wrap model.{new_method}(...) in try/except "
        "Exception and move the failure branch there, then drop legacy_compat.Model",
    )
