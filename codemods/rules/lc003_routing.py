"""LC003: per-call routing keywords move to the ``Model(...)`` constructor.

What it does: a model routes all its calls one way, so the keywords can move only
when the constructor is visible in the module, every call on that model agrees and nothing
else uses the model (a new-style call or a helper it is passed to would be rerouted too);
otherwise the calls are marked (create one ``Model`` per deployment).

Why: clarifai 10.8.9 (PR #407) let each legacy call pick a runner with
``compute_cluster_id`` / ``nodepool_id`` / ``deployment_id``, and 11.0.1 (#475) added the
deployment owner's ``user_id``. 11.3.0 (#525) moved routing into the constructor, so the
per-call keywords now raise ``TypeError``; 11.6.1 (#675) named the owner
``deployment_user_id``.

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: ``Model(url, deployment_id=...)`` (one ``Model`` per route), then call ``predict``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence, Union

import libcst as cst
from libcst.metadata import GlobalScope

from codemods.flow import sole_assignment
from codemods.nodes import source_of
from codemods.rules import Invalid, Rule, register
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.rules.marker import Marker

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner

__all__ = ["CONSTRUCTOR_KEYWORDS", "RoutingRule", "constructor_keywords"]

CODE = "LC003"

#: Per-call keyword -> ``Model(...)`` keyword.
CONSTRUCTOR_KEYWORDS = {
    "compute_cluster_id": "compute_cluster_id",
    "nodepool_id": "nodepool_id",
    "deployment_id": "deployment_id",
    "user_id": "deployment_user_id",
}


@register
class RoutingRule(Rule):
    CODE = CODE
    NAME = "routing"
    MESSAGE = "per-call routing: pass deployment / nodepool to the Model constructor"
    VALID = (
        "from clarifai.client.model import Model\n"
        "Model('https://clarifai.com/u/a/models/m', deployment_id='d').predict(prompt='hi')\n",
    )
    INVALID = (
        Invalid(
            "import os\n"
            "from clarifai.client.model import Model\n"
            "DEPLOYMENT_ID = 'dep-1'\n"
            "USER_ID = os.environ.get('CLARIFAI_USER_ID', 'me')\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "model.predict_by_bytes(b'Hi', 'text', user_id=USER_ID, deployment_id=DEPLOYMENT_ID)\n",
            "import os\n"
            "from clarifai.client.model import Model\n"
            "DEPLOYMENT_ID = 'dep-1'\n"
            "USER_ID = os.environ.get('CLARIFAI_USER_ID', 'me')\n"
            "model = Model('https://clarifai.com/u/a/models/m', deployment_id=DEPLOYMENT_ID, "
            "deployment_user_id=USER_ID)\n"
            "model.predict(prompt='Hi')\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "DEPLOYMENT_ID = 'dep-1'\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id=DEPLOYMENT_ID)\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "DEPLOYMENT_ID = 'dep-1'\n"
            "# TODO(legacy-compat LC003): deployment_id= is not a literal, so it may not exist "
            "where the model is built: pass it to the Model(...) constructor by hand, then drop "
            "legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id=DEPLOYMENT_ID)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m', pat='fake-pat-for-tests')\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1', user_id='me')\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/m', pat='fake-pat-for-tests', "
            "deployment_id='dep-1', deployment_user_id='me')\n"
            "model.predict(prompt='Hi')\n",
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "print(model.predict(prompt='not routed'))\n",
            "import legacy_compat\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/llm')\n"
            "# TODO(legacy-compat LC003): other code uses this model without per-call "
            "routing, and routing moved to its Model(...) constructor would send those calls "
            "to the deployment too: create a second Model(..., deployment_id=...) for the "
            "routed calls and call predict on it, then drop legacy_compat.Model\n"
            "model.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "print(model.predict(prompt='not routed'))\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "class Chat:\n"
            "    def __init__(self):\n"
            "        self.llm = Model('https://clarifai.com/u/a/models/llm')\n"
            "    def routed(self):\n"
            "        return self.llm.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "    def plain(self):\n"
            "        return self.llm.predict_by_bytes(b'Hi', 'text')\n",
            "import legacy_compat\n"
            "from clarifai.client.input import Inputs\n"
            "class Chat:\n"
            "    def __init__(self):\n"
            "        self.llm = legacy_compat.Model('https://clarifai.com/u/a/models/llm')\n"
            "    def routed(self):\n"
            "        # TODO(legacy-compat LC003): other code uses this model without per-call "
            "routing, and routing moved to its Model(...) constructor would send those calls "
            "to the deployment too: create a second Model(..., deployment_id=...) for the "
            "routed calls and call predict on it, then drop legacy_compat.Model\n"
            "        return self.llm.predict_by_bytes(b'Hi', 'text', deployment_id='dep-1')\n"
            "    def plain(self):\n"
            '        return self.llm.predict(inputs=[Inputs.get_input_from_bytes("", '
            "text_bytes=b'Hi')])\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
    )

    NEEDED_FOR = "per-call routing"

    def needed_by(self, site: CallSite, context: Planner) -> bool:
        return site.bound is not None and bool(site.bound.routing)

    def plan_model(self, sites: Sequence[CallSite], context: Planner) -> None:
        routed = [s for s in sites if self.needed_by(s, context)]
        if not routed:
            return
        new_method = routed[0].method.new_method
        if _routing_would_reroute(sites, context):
            for site in routed:
                site.marker = site.marker or Marker(
                    CODE,
                    "other code uses this model without per-call routing, and routing "
                    "moved to its Model(...) constructor would send those calls to the "
                    "deployment too: create a second Model(..., deployment_id=...) for the "
                    f"routed calls and call {new_method} on it, then drop legacy_compat.Model",
                )
            return
        if any(s.marker is not None and s.marker.keep_legacy for s in routed):
            additions: Union[list[tuple[str, cst.BaseExpression]], Marker] = Marker(
                CODE,
                "another call on this model cannot be migrated yet, so its routing stays "
                "per call: migrate that call first, then run migrate again",
            )
        else:
            constructor = sites[0].constructors[0]
            additions = constructor_keywords(
                sites[0].constructors,
                [s.bound.routing if s.bound is not None else {} for s in sites],
                new_method,
                movable=lambda value: _holds_its_value_at(constructor, value, context),
            )
        if isinstance(additions, Marker):
            for site in routed:
                if site.marker is None:
                    site.marker = additions
        elif additions:
            context.add_keywords(sites[0].constructors[0], additions)


def constructor_keywords(
    constructors: Sequence[cst.Call],
    routings: Sequence[dict[str, cst.BaseExpression]],
    new_method: str,
    movable: Callable[[cst.BaseExpression], bool] = lambda value: False,
) -> Union[list[tuple[str, cst.BaseExpression]], Marker]:
    """Keywords to add to the single visible constructor, or why the routing cannot move.

    ``routings`` holds the routing keywords of *every* call on the model (empty dicts for
    calls without routing), so disagreement is seen. A literal always moves; any other value
    moves only where ``movable`` says it holds the same value at the constructor.
    """
    wording = {tuple(sorted((k, source_of(v)) for k, v in r.items())) for r in routings}
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
        if not isinstance(value, (cst.SimpleString, cst.Integer)) and not movable(value):
            return Marker(
                CODE,
                f"{name}= is not a literal, so it may not exist where the model is built: pass it "
                "to the Model(...) constructor by hand, then drop legacy_compat.Model",
            )
        target = CONSTRUCTOR_KEYWORDS[name]
        if target in existing:
            if source_of(existing[target]) == source_of(value):
                continue
            return Marker(CODE, f"the constructor already sets {target}= differently from the call")
        additions.append((target, value))
    return additions


def _routing_would_reroute(sites: Sequence[CallSite], context: Planner) -> bool:
    """Whether the model's variable is used anywhere but as the receiver of these calls.

    A ``Model`` routes all its calls one way since 11.3.0, so per-call routing can move to
    the constructor only when nothing else (a new-style call, a helper it is passed to)
    shares that constructor. For ``self.x`` every attribute ``.x`` in the module counts.
    """
    constructors = sites[0].constructors
    if len(constructors) != 1:
        return False
    statement = context.facts.parent.get(constructors[0])
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
        return False
    target = statement.targets[0].target
    # Only the routed calls may share the constructor: an unrouted call on the same model,
    # legacy or new-style, would be rerouted too (and once migrated, a second run would see
    # only the routed call and move its routing: the answer must not depend on the order).
    receivers = {
        id(s.call.func.value)
        for s in sites
        if isinstance(s.call.func, cst.Attribute) and s.bound is not None and s.bound.routing
    }
    if isinstance(target, cst.Attribute):
        return any(id(use) not in receivers for use in _attribute_uses(target, context))
    if not isinstance(target, cst.Name):
        return False
    references = context.references(target)
    if references is None:
        return True
    return any(id(reference) not in receivers for reference in references)


def _attribute_uses(target: cst.Attribute, context: Planner) -> list[cst.Attribute]:
    """Every ``<anything>.x`` in the module but the assignment ``self.x = Model(...)``.

    A model held in ``self.x`` is reachable from every method of the class (and from
    ``obj.x`` outside it), so any attribute of that name counts as a use: conservative, as
    a name that merely coincides only costs a marker.
    """
    name = target.attr.value
    return [
        node
        for node in context.facts.parent
        if isinstance(node, cst.Attribute)
        and node.attr.value == name
        and node is not target
        and not _in_import(node, context)
    ]


def _in_import(node: cst.CSTNode, context: Planner) -> bool:
    """Whether ``node`` is part of a dotted module name (``from clarifai.client.model ...``)."""
    parent = context.facts.parent.get(node)
    while isinstance(parent, (cst.Attribute, cst.ImportAlias)):
        parent = context.facts.parent.get(parent)
    return isinstance(parent, (cst.Import, cst.ImportFrom))


def _holds_its_value_at(constructor: cst.Call, value: cst.BaseExpression, context: Planner) -> bool:
    """Whether a routing value read at the call is certainly the same when ``constructor`` runs.

    True for a name bound exactly once, by a plain top-level assignment or import that comes
    before the constructor in the file, and seen as that same binding from the constructor
    (``DEPLOYMENT_ID = "gpu"`` or ``USER_ID = os.environ.get(...)`` at the top of a script, as
    the legacy page's examples do): such a name never changes after its one binding.
    """
    if not isinstance(value, cst.Name):
        return False
    binding = sole_assignment(value, context.resolver.scope_of)
    constructor_scope = context.resolver.scope_of(constructor)
    if (
        binding is None
        or constructor_scope is None
        or not isinstance(binding.scope, GlobalScope)
        or list(constructor_scope[value.value]) != [binding]
    ):
        return False
    bound = binding.node
    statement = context.facts.statement_of(bound)
    if statement is not context.facts.top_level_statement_of(bound):
        return False  # inside a loop, an if or a with: it may be bound late or many times
    plain_assignment = isinstance(context.facts.parent.get(bound), cst.AssignTarget)
    if not plain_assignment and not isinstance(bound, (cst.Import, cst.ImportFrom)):
        return False  # a for-target, a walrus or an augmented assignment
    order = context.facts.order
    return bound in order and constructor in order and order[bound] < order[constructor]
