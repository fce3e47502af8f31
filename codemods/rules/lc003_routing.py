"""LC003: per-call routing keywords move to the ``Model(...)`` constructor.

Upstream: clarifai 10.8.9 (PR #407) let each legacy call pick a runner with
``compute_cluster_id`` / ``nodepool_id`` / ``deployment_id``, and 11.0.1 (#475) added the
deployment owner's ``user_id``. 11.3.0 (#525) moved routing into the constructor, so the
per-call keywords now raise ``TypeError``; 11.6.1 (#675) named the owner
``deployment_user_id``. A model routes all its calls one way, so the keywords can move only
when the constructor is visible in the module and every call on that model agrees; otherwise
the calls are marked (create one ``Model`` per deployment).
"""

from __future__ import annotations

from typing import Sequence, Union

import libcst as cst

from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker

__all__ = ["CONSTRUCTOR_KEYWORDS", "Routing", "constructor_keywords"]

CODE = "LC003"

#: Per-call keyword -> ``Model(...)`` keyword.
CONSTRUCTOR_KEYWORDS = {
    "compute_cluster_id": "compute_cluster_id",
    "nodepool_id": "nodepool_id",
    "deployment_id": "deployment_id",
    "user_id": "deployment_user_id",
}


@register
class Routing(Rule):
    CODE = CODE
    NAME = "routing"
    MESSAGE = "per-call routing: pass deployment / nodepool to the Model constructor"
    VALID = (
        "from clarifai.client.model import Model\n"
        "Model('https://clarifai.com/u/a/models/m', deployment_id='d').predict(prompt='hi')\n",
    )
    INVALID = (
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m', pat='fake-pat-for-tests')\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1', user_id='me')\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m', pat='fake-pat-for-tests', "
            "deployment_id='dep-1', deployment_user_id='me')\n"
            "model.predict(prompt='Hi')\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-2')\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "# TODO(legacy-compat LC003): calls on this model route differently: create one "
            "Model(..., deployment_id=...) per route and call predict on it, then drop "
            "legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "# TODO(legacy-compat LC003): calls on this model route differently: create one "
            "Model(..., deployment_id=...) per route and call predict on it, then drop "
            "legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-2')\n",
        ),
    )


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node).strip()


def constructor_keywords(
    constructors: Sequence[cst.Call],
    routings: Sequence[dict[str, cst.BaseExpression]],
    new_method: str,
) -> Union[list[tuple[str, cst.BaseExpression]], Marker]:
    """Keywords to add to the single visible constructor, or why the routing cannot move.

    ``routings`` holds the routing keywords of *every* call on the model (empty dicts for
    calls without routing), so disagreement is seen.
    """
    wording = {tuple(sorted((k, _code(v)) for k, v in r.items())) for r in routings}
    if len(wording) != 1:
        return Marker(
            CODE,
            "calls on this model route differently: create one Model(..., deployment_id=...) "
            f"per route and call {new_method} on it, then drop legacy_compat.Model",
        )
    if len(constructors) != 1:
        return Marker(
            CODE,
            "the model is built in more than one place: pass the routing keywords to each "
            "Model(...) constructor, then drop legacy_compat.Model",
        )
    constructor = constructors[0]
    existing = {a.keyword.value: a.value for a in constructor.args if a.keyword is not None}
    if any(a.star for a in constructor.args):
        return Marker(
            CODE,
            "the Model(...) constructor takes **kwargs: add the routing keywords to it by hand",
        )
    additions: list[tuple[str, cst.BaseExpression]] = []
    for name, value in sorted(
        routings[0].items(), key=lambda kv: list(CONSTRUCTOR_KEYWORDS).index(kv[0])
    ):
        if not isinstance(value, (cst.SimpleString, cst.Integer)):
            return Marker(
                CODE,
                f"{name}= is not a literal, so it may not exist where the model is built: pass it "
                "to the Model(...) constructor by hand, then drop legacy_compat.Model",
            )
        target = CONSTRUCTOR_KEYWORDS[name]
        if target in existing:
            if _code(existing[target]) == _code(value):
                continue
            return Marker(CODE, f"the constructor already sets {target}= differently from the call")
        additions.append((target, value))
    return additions
