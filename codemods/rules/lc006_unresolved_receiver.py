"""LC006: a legacy-named call whose receiver cannot be proven to be a Clarifai ``Model``.

What it does: the receiver is followed through assignments (per assignment: what the name
holds at that point), ``self.x`` set in any method of the class or its bases, dict entries (and
entries stored later), functions of the module and their callers' arguments, subclasses of
``Model``, ``App(...).model(...)`` / ``User(...).app(...).model(...)`` /
``app.create_model(...)``, and models, factories and subclasses of the project's other files
(:mod:`codemods.project_index`). When it still cannot be told (a parameter of a function called
from elsewhere, an import from outside the files being migrated, a star import), and the file
can hold a Clarifai model, the call is reported with its file:line and left as it is; so is a
legacy method passed on uncalled (``functools.partial(m.predict_by_url, ...)``). No legacy call
on a Clarifai ``Model`` goes without a finding, and ``migrate --check`` fails while one is
reported.

Why: ``Workflow`` (and unrelated libraries) also have ``predict_by_url``; rewriting a call on
the wrong object would break working code.

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
        "def run(model):\n    return model.predict_by_url('https://x/y.jpg', input_type='image')\n",
        # the name Model holds a local class at this point, not the SDK's
        "from clarifai.client.model import Model\n"
        "class Model:\n"
        "    def predict_by_url(self, url, input_type):\n"
        "        return url\n"
        "Model().predict_by_url('https://x/y.jpg', input_type='image')\n",
        # a legacy method handed on uncalled: reported with what to pass instead
        "import functools\n"
        "from clarifai.client.model import Model\n"
        "model = Model('https://clarifai.com/u/a/models/m')\n"
        "tag = functools.partial(model.predict_by_url, input_type='image')\n",
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
