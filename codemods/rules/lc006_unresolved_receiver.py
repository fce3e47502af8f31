"""LC006: a legacy-named call whose receiver cannot be proven to be a Clarifai ``Model``.

Upstream context: ``Workflow`` (and unrelated libraries) also have ``predict_by_url``;
rewriting a call on the wrong object would break working code. When the receiver is a
function parameter, an imported object or anything else the codemod cannot follow, and the
file imports the Clarifai ``Model``, the call is reported with its file:line and left as it
is. Make the receiver visible (build the model in the same module, or annotate and migrate by
hand) and run migrate again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from codemods.findings import Outcome
from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner

__all__ = ["UnresolvedReceiver", "unresolved"]

CODE = "LC006"


@register
class UnresolvedReceiver(Rule):
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


def unresolved(reason: str, method_name: str) -> Marker:
    return Marker(
        CODE,
        f"cannot tell whether the receiver of {method_name} is a Clarifai Model ({reason}): "
        "migrate it by hand or build the model in this module",
        keep_legacy=False,
    )
