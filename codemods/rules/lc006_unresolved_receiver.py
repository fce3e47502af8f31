"""LC006: a legacy-named call whose receiver cannot be proven to be a Clarifai ``Model``.

What it does: when the receiver is a
function parameter, an imported object or anything else the codemod cannot follow, and the
file imports the Clarifai ``Model``, the call is reported with its file:line and left as it
is.

Why: ``Workflow`` (and unrelated libraries) also have ``predict_by_url``;
rewriting a call on the wrong object would break working code.

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: make the receiver visible (build the model in the same module) and run migrate
again, or migrate the call by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from codemods.analysis import Resolution, Resolved
from codemods.findings import Finding, Outcome
from codemods.legacy_api import LEGACY_METHODS
from codemods.nodes import source_of
from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner

__all__ = ["UnresolvedReceiverRule", "method_reference_finding", "unresolved"]

CODE = "LC006"


@register
class UnresolvedReceiverRule(Rule):
    CODE = CODE
    NAME = "unresolved-receiver"
    MESSAGE = "receiver may not be a Clarifai Model: reported, not rewritten"
    VALID = (
        # Provably not a Model: a Workflow has its own predict_by_url, which stays.
        "from clarifai.client.model import Model\n"
        "from clarifai.client.workflow import Workflow\n"
        "workflow = Workflow('https://clarifai.com/u/a/workflows/w')\n"
        "workflow.predict_by_url('https://x/y.jpg', input_type='image')\n",
        # The file does not import the Clarifai Model: nothing here can be one.
        "def run(model):\n    return model.predict_by_url('https://x/y.jpg', input_type='image')\n",
    )
    INVALID = (
        # The receiver is a parameter: whoever calls run() decides what it is.
        Invalid(
            "from clarifai.client.model import Model\n"
            "def run(model):\n"
            "    return model.predict_by_url('https://x/y.jpg', input_type='image')\n",
            outcome=Outcome.REPORTED,
            message="migrate it by hand or build the model in this module",
        ),
    )

    def plan_unresolved(self, site: CallSite, reason: str, context: Planner) -> Optional[Marker]:
        # Only files that import the Clarifai Model are reported: elsewhere a predict_by_url
        # almost certainly belongs to something else.
        if not context.imports_model:
            return None
        return unresolved(reason, site.method.name)

    def finish_module(self, context: Planner) -> None:
        """``functools.partial(m.predict_by_url, ...)``, ``asyncio.to_thread(m.generate_by_url,
        ...)``: the legacy method is called later, by code the codemod cannot rewrite, so it is
        reported with what to write instead (never left without a finding)."""
        for reference in context.facts.legacy_references:
            resolution = context.resolver.resolve(reference.value)
            if resolution.status is Resolved.OTHER:
                continue
            if resolution.status is Resolved.UNKNOWN and not context.imports_model:
                continue
            context.report(reference, method_reference_finding(reference, resolution, context.path))


def unresolved(reason: str, method_name: str) -> Marker:
    return Marker(
        CODE,
        f"cannot tell whether the receiver of {method_name} is a Clarifai Model ({reason}): "
        "migrate it by hand or build the model in this module",
        keep_legacy=False,
    )


def method_reference_finding(
    reference: cst.Attribute, resolution: Resolution, path: str
) -> Finding:
    """The finding for a legacy method used as a value, not called here."""
    method = LEGACY_METHODS[reference.attr.value]
    receiver = source_of(reference.value)
    whose = (
        "a Clarifai Model"
        if resolution.is_model
        else f"an object that may be a Clarifai Model ({resolution.reason})"
    )
    return Finding(
        CODE,
        0,
        0,
        Outcome.REPORTED,
        f"{receiver}.{method.name} of {whose} is passed on as a function and called elsewhere: "
        f"pass a function that calls {receiver}.{method.new_method}(...) instead "
        f"(e.g. lambda u: {receiver}.{method.new_method}(...)), then run migrate again",
        path,
    )
