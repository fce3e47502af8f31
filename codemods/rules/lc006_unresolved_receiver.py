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

import re
from typing import TYPE_CHECKING, Optional

import libcst as cst

from codemods.analysis import Resolution, Resolved
from codemods.findings import Finding, Outcome
from codemods.legacy_api import LEGACY_METHODS
from codemods.nodes import source_of, string_value
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
        for lookup in context.facts.getattr_calls:
            method = _looked_up_method(lookup.args[1].value, context)
            if method is None:
                continue
            resolution = context.resolver.resolve(lookup.args[0].value)
            if resolution.status is Resolved.OTHER:
                continue
            if resolution.status is Resolved.UNKNOWN and not context.imports_model:
                continue
            context.report(lookup, getattr_finding(lookup, method, resolution, context.path))


#: A name spelled in pieces (``f"predict_by_{kind}"``, ``"predict_by_" + kind``) that starts
#: like a legacy method: the looked-up method is one of them, which one is known at run time.
_LEGACY_PREFIX = re.compile(r"\b(?:predict|generate|stream)_by_")


def _looked_up_method(name: cst.BaseExpression, context: Planner) -> Optional[str]:
    """The legacy method ``getattr(m, name)`` looks up: its name, ``""`` when it is one of the
    nine but which one is decided at run time, None when it is not a legacy method."""
    values: list[cst.BaseExpression] = [name]
    if isinstance(name, cst.Name):
        bindings = context.resolver.bindings(name)
        targets = [getattr(b, "node", None) for b in bindings]
        values = [
            context.facts.assigned_value[t] for t in targets if t in context.facts.assigned_value
        ]
    for value in values:
        literal = string_value(value)
        if literal in LEGACY_METHODS:
            return literal
        if literal is None and _LEGACY_PREFIX.search(source_of(value)):
            return ""
    return None


def getattr_finding(
    lookup: cst.Call, method_name: str, resolution: Resolution, path: str
) -> Finding:
    """The finding for ``getattr(m, "predict_by_url")``: the method is reached by name, so no
    call of it can be rewritten here."""
    receiver = source_of(lookup.args[0].value)
    whose = (
        "a Clarifai Model"
        if resolution.is_model
        else f"an object that may be a Clarifai Model ({resolution.reason})"
    )
    if method_name:
        method = LEGACY_METHODS[method_name]
        what = f"the legacy method {method.name}"
        instead = f"call {receiver}.{method.new_method}(...) directly"
    else:
        what = "a legacy method (which one is decided at run time)"
        instead = f"call {receiver}.predict/generate/stream(...) directly"
    return Finding(
        CODE,
        0,
        0,
        Outcome.REPORTED,
        f"{source_of(lookup)} looks up {what} of {whose} by name: {instead}, "
        "then run migrate again",
        path,
    )


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
